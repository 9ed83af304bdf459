"""Pure geometry for the timeline: per-pixel peaks of a view, speaker colours, chapter bands."""
from __future__ import annotations

import math
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


def chapter_bands(entries, duration: float) -> list[tuple[float, float, str]]:
    """(start s, end s, title) per chapter header: from the next timed line's time to the next chapter's start."""
    bands: list[list] = []
    pending: list[list] = []          # headers still waiting for a timed line below them
    for entry in entries:
        if entry.is_header:
            pending.append([None, None, entry.text])
            continue
        if entry.sec is not None and pending:
            for band in pending:
                band[0] = float(entry.sec)
            bands.extend(pending)
            pending = []
    bands.sort(key=lambda band: band[0])
    for band, following in zip(bands, bands[1:] + [None]):
        band[1] = following[0] if following is not None else max(duration, band[0])
    return [(start, end, title) for start, end, title in bands if end > start or math.isclose(end, start)]


def thinned_markers(seconds: np.ndarray, first: float, last: float, start: float, scale: float) -> np.ndarray:
    """Indexes (ascending) of the times in [first, last], at most one per pixel column at `scale` px per second
    from `start`: the last one there, which painting in index order would leave on top."""
    import numpy as np             # the times are a numpy array, so it is loaded: this only looks it up

    inside = np.flatnonzero((seconds >= first) & (seconds <= last))
    if inside.size < 2:
        return inside
    columns = np.floor((seconds[inside] - start) * scale)
    _unique, last_first = np.unique(columns[::-1], return_index=True)
    return np.sort(inside[inside.size - 1 - last_first])


def shown_bands(edges: np.ndarray, start: float, scale: float, width: int) -> np.ndarray:
    """Indexes of the bands (rows of (start s, end s), by start) worth painting in a `width`-px view: those in
    view that are a pixel wide or more, or else the first to start in their pixel column."""
    import numpy as np             # the edges are a numpy array, so it is loaded: this only looks it up

    if not edges.size:
        return np.zeros(0, np.int64)
    left, right = (edges[:, 0] - start) * scale, (edges[:, 1] - start) * scale
    columns = np.floor(left)
    first_in_column = np.ones(columns.size, bool)
    first_in_column[1:] = columns[1:] != columns[:-1]
    return np.flatnonzero((right >= 0) & (left <= width) & ((right - left >= 1) | first_in_column))
