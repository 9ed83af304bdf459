"""Audio analysis below the UI: decode a media file's audio, min/max peaks, speech onsets, a peaks cache (no Qt).

For scripts::

    from editor.audio import analyse

    result = analyse("episode.mp3", cache_dir="~/.cache/transcript-editor")   # DecodeError when unreadable
    result.duration          # exact seconds, from the decoded samples
    result.peaks.minimum     # int16 per column, COLUMNS_PER_SECOND columns per second
    result.onsets            # seconds where speech starts
"""
from .analysis import AnalysisResult, Progress, analyse
from .decode import DecodeError
from .onsets import OnsetDetector
from .peaks import COLUMNS_PER_SECOND, PeakBuilder, Peaks

__all__ = ["analyse", "AnalysisResult", "Progress", "DecodeError", "OnsetDetector",
           "COLUMNS_PER_SECOND", "PeakBuilder", "Peaks"]
