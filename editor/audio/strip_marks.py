"""What the timeline strip marks, as numbers: chapter bands and row markers, thinned to what a view can show.

No Qt here. numpy makes a view at 100,000 rows cheap (at most about one band and one marker per pixel column);
the strip loads this module just after its first paint.
"""
from __future__ import annotations

import bisect
import math

import numpy as np

from .timeline_model import TimelineRows

MIN_MARKER_SPACING = 12       # px per marker below which markers shrink to their handles


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
    inside = np.flatnonzero((seconds >= first) & (seconds <= last))
    if inside.size < 2:
        return inside
    columns = np.floor((seconds[inside] - start) * scale)
    _unique, last_first = np.unique(columns[::-1], return_index=True)
    return np.sort(inside[inside.size - 1 - last_first])


def shown_bands(edges: np.ndarray, start: float, scale: float, width: int) -> np.ndarray:
    """Indexes of the bands (rows of (start s, end s), by start) worth painting in a `width`-px view: those in
    view that are a pixel wide or more, or else the first to start in their pixel column."""
    if not edges.size:
        return np.zeros(0, np.int64)
    left, right = (edges[:, 0] - start) * scale, (edges[:, 1] - start) * scale
    columns = np.floor(left)
    first_in_column = np.ones(columns.size, bool)
    first_in_column[1:] = columns[1:] != columns[:-1]
    return np.flatnonzero((right >= 0) & (left <= width) & ((right - left >= 1) | first_in_column))


class StripMarks:
    """The chapter bands and timed-row markers of one state of the episode (its timed rows and the media length):
    made again only when those change, so that a paint at 100,000 rows walks no entry."""

    def __init__(self, entries, speakers: list[str], rows: TimelineRows, duration: float):
        self.rows, self.duration, self.speakers = rows, duration, speakers    # speakers give the marker colours
        self.bands = chapter_bands(entries, duration)
        self._edges = np.array([(begin, end) for begin, end, _title in self.bands], dtype=float).reshape(-1, 2)
        self._seconds = np.array([seconds for _row, seconds, _who in rows.rows], dtype=float)

    def is_of(self, rows: TimelineRows, duration: float) -> bool:
        """Whether these marks are of the given timed rows and media length."""
        return self.rows is rows and self.duration == duration

    def bands_in_view(self, start: float, scale: float, width: int) -> list[tuple[int, float, float, str]]:
        """(index, left x, right x, title) of the bands worth painting in a `width`-px view from `start` s."""
        return [(index, (self.bands[index][0] - start) * scale, (self.bands[index][1] - start) * scale,
                 self.bands[index][2]) for index in shown_bands(self._edges, start, scale, width).tolist()]

    def markers_in_view(self, start: float, scale: float, width: int, margin: float,
                        keep: set[int]) -> tuple[list[tuple[int, float, str | None]], bool]:
        """([(row, x, speaker)] of the markers to paint in row order, dense): at most one per pixel column, plus
        the rows in `keep` when in view; dense when the view holds too many to draw whole (handles only)."""
        span = width / scale if scale else 0.0
        first, last = start - margin, start + span + margin
        timed, seconds = self.rows.rows, self._seconds
        dense = np.count_nonzero((seconds >= first) & (seconds <= last)) * MIN_MARKER_SPACING > width
        shown = set(thinned_markers(seconds, first, last, start, scale).tolist())
        for row in keep:
            index = bisect.bisect_left(timed, (row,))
            if index < len(timed) and timed[index][0] == row and first <= timed[index][1] <= last:
                shown.add(index)
        return [(timed[index][0], (timed[index][1] - start) * scale, timed[index][2]) for index in sorted(shown)], dense
