"""One pass over a media file: progressive peaks, exact duration and speech onsets, cached; runs on any thread."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cache import PeaksCache, media_key
from .decode import AudioDecoder
from .onsets import OnsetDetector
from .peaks import COLUMNS_PER_SECOND, PeakBuilder, Peaks


class Cancelled(Exception):
    """The caller asked the analysis to stop."""


@dataclass(frozen=True)
class Progress:
    """Columns [first_column, first_column + len(minimum)) just became known."""

    first_column: int
    minimum: np.ndarray
    maximum: np.ndarray
    decoded_seconds: float
    estimated_duration: float | None


@dataclass
class AnalysisResult:
    """Everything the timeline shows: peaks, the exact duration (seconds) and where speech starts."""

    path: Path
    peaks: Peaks
    duration: float
    onsets: list[float] = field(default_factory=list)
    from_cache: bool = False


def analyse(path, cache_dir=None, progress: Callable[[Progress], None] | None = None,
            should_stop: Callable[[], bool] | None = None, columns_per_second: int = COLUMNS_PER_SECOND
            ) -> AnalysisResult:
    """Decode `path` once at its native rate into peaks, exact duration and onsets; DecodeError when unreadable.

    With `cache_dir`, a result stored for the same file (size, mtime, head) is returned at once, and a new one
    is stored. `progress` gets the peaks as they are decoded; `should_stop` returning True raises Cancelled.
    """
    path = Path(path)
    cache = PeaksCache(cache_dir) if cache_dir is not None else None
    key = None
    if cache is not None and path.is_file():
        key = media_key(path)
        cached = cache.load(key)
        if cached is not None and cached[0].columns_per_second == columns_per_second:
            peaks, duration, onsets = cached
            if progress is not None:
                progress(Progress(0, peaks.minimum, peaks.maximum, duration, duration))
            return AnalysisResult(path, peaks, duration, onsets, from_cache=True)
    decoder = AudioDecoder(path)
    rate = decoder.info.rate
    builder = PeakBuilder(rate, columns_per_second)
    detector = OnsetDetector(rate)
    lows, highs = [], []
    samples = 0

    def publish(low, high):
        if low.size:
            first = builder.columns - low.size
            lows.append(low)
            highs.append(high)
            if progress is not None:
                progress(Progress(first, low, high, samples / rate, decoder.info.estimated_duration))

    for chunk in decoder.chunks():
        if should_stop is not None and should_stop():
            raise Cancelled(str(path))
        samples += chunk.size
        publish(*builder.feed(chunk))
        detector.feed(chunk)
    publish(*builder.finish())
    peaks = Peaks(np.concatenate(lows) if lows else np.zeros(0, np.int16),
                  np.concatenate(highs) if highs else np.zeros(0, np.int16), columns_per_second)
    result = AnalysisResult(path, peaks, samples / rate, detector.onsets())
    if cache is not None and key is not None:
        try:
            cache.store(key, peaks, result.duration, result.onsets)
        except OSError:
            pass            # a read-only or full cache folder only costs the next open a decode
    return result
