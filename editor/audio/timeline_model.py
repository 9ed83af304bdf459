"""What the timeline strip shows, without a widget: the timed rows by time, and the zoomed view's time arithmetic."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from editor.document import Entry

MIN_SPAN_S = 5.0              # the closest zoom: about 5 seconds across

TimedRow = tuple[int, float, str | None]    # (row, seconds, speaker)


class TimelineRows:
    """The timed lines of a list of entries in row order, with a by-time index so a time range costs a bisect."""

    def __init__(self, entries: Sequence[Entry] = ()):
        self.rows: list[TimedRow] = [(row, float(entry.sec), entry.who) for row, entry in enumerate(entries)
                                     if not entry.is_header and entry.sec is not None]
        self._by_time = sorted((seconds, index) for index, (_row, seconds, _who) in enumerate(self.rows))
        self.last_seconds = self._by_time[-1][0] if self._by_time else 0.0

    def between(self, first: float, last: float) -> list[TimedRow]:
        """The timed rows whose time lies in [first, last], in row order."""
        low = bisect.bisect_left(self._by_time, (first, -1))
        high = bisect.bisect_right(self._by_time, (last, len(self.rows)))
        return [self.rows[index] for index in sorted(index for _seconds, index in self._by_time[low:high])]

    def next_later(self, row: int, seconds: float) -> float | None:
        """The first time later than `seconds` among the timed rows below `row` (None: there is none)."""
        after = bisect.bisect_right(self.rows, (row, float("inf")), key=lambda item: item[:2])
        return next((later for _other, later, _who in self.rows[after:] if later > seconds), None)

    def nearest(self, x: float, start: float, span: float, width: float, reach: float, prefer: int = -1) -> int:
        """The row whose marker is nearest to `x` px within `reach` px in a `width`-px view (`prefer` wins ties)."""
        best, best_distance = -1, reach + 0.5
        scale = width / span if span else 0.0
        near = (reach + 1) / scale if scale else 0.0
        at = start + x / scale if scale else 0.0
        for row, seconds, _who in self.between(at - near, at + near):
            distance = abs((seconds - start) * scale - x)
            if distance < best_distance or (distance == best_distance and row == prefer):
                best, best_distance = row, distance
        return best


def total_seconds(media_seconds: float, decoded_seconds: float, rows: TimelineRows) -> float:
    """Seconds the zoomed-out strip spans: the media, what is decoded, and one second past the last timed row."""
    return max(media_seconds, decoded_seconds, rows.last_seconds + 1, 1.0)


@dataclass
class TimelineView:
    """The shown part of an episode `total` seconds long: start and span in seconds (span 0: all of it)."""

    start: float = 0.0
    span: float = 0.0

    @property
    def zoomed_in(self) -> bool:
        """Whether the view shows less than the whole episode."""
        return self.span > 0

    def shown(self, total: float) -> tuple[float, float]:
        """(start, span) in seconds, clamped into [0, total]."""
        span = total if self.span <= 0 else min(self.span, total)
        start = min(max(self.start, 0.0), max(total - span, 0.0))
        return start, span

    def set(self, start: float, span: float, total: float) -> None:
        """Show [start, start + span); span is clamped between MIN_SPAN_S and `total`, start into the episode."""
        span = min(max(span, MIN_SPAN_S), total)
        self.span = 0.0 if span >= total else span
        self.start = min(max(start, 0.0), max(total - span, 0.0))

    def anchor(self, playhead: float, total: float) -> float:
        """Where a zoom without a pointer centres: the playhead when it is shown, else the middle of the view."""
        start, span = self.shown(total)
        return playhead if start <= playhead <= start + span else start + span / 2

    def zoom(self, factor: float, anchor: float, total: float) -> None:
        """Zoom in (factor < 1) or out, keeping `anchor` seconds at the same place in the view."""
        start, span = self.shown(total)
        new_span = span * factor
        fraction = (anchor - start) / span if span else 0.5
        self.set(anchor - fraction * min(max(new_span, MIN_SPAN_S), total), new_span, total)

    def x_for(self, seconds: float, total: float, width: float) -> float:
        """The x coordinate of a time in a `width`-px view."""
        start, span = self.shown(total)
        return (seconds - start) / span * width if span else 0.0

    def seconds_at(self, x: float, total: float, width: float) -> float:
        """The time under x in a `width`-px view, within [0, total]."""
        start, span = self.shown(total)
        return min(max(start + x / max(width, 1) * span, 0.0), total)
