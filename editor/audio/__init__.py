"""Audio analysis below the UI: decode a media file's audio, min/max peaks, speech onsets, a peaks cache (no Qt).

For scripts::

    from editor.audio import analyse

    result = analyse("episode.mp3", cache_dir="~/.cache/transcript-editor")   # DecodeError when unreadable
    result.duration          # exact seconds, from the decoded samples
    result.peaks.minimum     # int16 per column, COLUMNS_PER_SECOND columns per second
    result.onsets            # seconds where speech starts

The names below are imported on first use: numpy, PyAV and webrtcvad load when audio is analysed, not when the
editor starts (the timeline strip imports this package and its numpy-free timeline_model).
"""
from importlib import import_module

COLUMNS_PER_SECOND = 100      # peak columns per second of media (defined here, so reading it needs no numpy)

_HOMES = {"analyse": "analysis", "AnalysisResult": "analysis", "Progress": "analysis", "DecodeError": "decode",
          "OnsetDetector": "onsets", "PeakBuilder": "peaks", "Peaks": "peaks"}

__all__ = ["analyse", "AnalysisResult", "Progress", "DecodeError", "OnsetDetector",
           "COLUMNS_PER_SECOND", "PeakBuilder", "Peaks"]


def __getattr__(name: str):
    """One of the analysis names, importing its module (and the audio libraries) the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
