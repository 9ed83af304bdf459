"""Pure geometry for the timeline: per-pixel peaks of a view, speaker colours."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

if TYPE_CHECKING:
    import numpy as np

# No red among them: the playhead is red.
SPEAKER_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#bcbd22", "#17becf", "#8c564b", "#e377c2")
UNKNOWN_SPEAKER_COLOR = "#7f7f7f"


def pixel_peaks(minimum: np.ndarray, maximum: np.ndarray, columns_per_second: int, start: float, span: float,
                width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, low, high) for each pixel of a `width`-px view of [start, start + span) s that has decoded peaks."""
    import numpy as np             # the peaks are numpy arrays, so it is loaded: this only looks it up

    count = minimum.size
    if width <= 0 or span <= 0 or count == 0:
        empty = np.zeros(0, np.int32)
        return empty, empty, empty
    per_pixel = span * columns_per_second / width
    positions = start * columns_per_second + np.arange(width + 1) * per_pixel
    edges = np.floor(positions).astype(np.int64)
    xs = np.arange(width)
    if per_pixel >= 1:
        inside = (edges[:-1] >= 0) & (edges[1:] <= count) & (edges[1:] > edges[:-1])
        starts = edges[:-1][inside]
        ends = edges[1:][inside]
        if not starts.size:
            empty = np.zeros(0, np.int32)
            return empty, empty, empty
        # reduceat wants strictly increasing starts inside the array; a trailing end beyond the last start
        # is handled by clipping the reduced slice to the last visible end.
        window = slice(int(starts[0]), int(ends[-1]))
        low = np.minimum.reduceat(minimum[window], starts - starts[0])
        high = np.maximum.reduceat(maximum[window], starts - starts[0])
        return xs[inside], low, high
    inside = (edges[:-1] >= 0) & (edges[:-1] < count)
    index = edges[:-1][inside]
    return xs[inside], minimum[index], maximum[index]


def speaker_color(speakers: list, who: str | None) -> QColor:
    """A stable colour per speaker of the episode (by order of first appearance)."""
    if who is None or who not in speakers:
        return QColor(UNKNOWN_SPEAKER_COLOR)
    return QColor(SPEAKER_COLORS[speakers.index(who) % len(SPEAKER_COLORS)])
