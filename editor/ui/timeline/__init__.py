"""The waveform timeline under the table: peaks, row markers, playhead, drag to retime, snap to speech."""
from .snap_dialog import SnapPreviewDialog
from .widget import TimelineWidget

__all__ = ["TimelineWidget", "SnapPreviewDialog"]
