"""The waveform timeline under the table: peaks, row markers, playhead, drag to retime, snap to speech.

The snap preview (snap_dialog.SnapPreviewDialog) is imported when it opens, not with the strip.
"""
from .widget import TimelineWidget

__all__ = ["TimelineWidget"]
