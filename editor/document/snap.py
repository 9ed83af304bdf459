"""Snapping times to speech onsets: one time just after an onset (Ctrl+T), or every timed line at once."""
from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


SNAP_WINDOW_BEFORE = 1.0   # people press the key just after hearing the start
MAX_SHIFT = 2.0
# Onsets are found to within a few tens of ms: one this close below a line's whole second already agrees with it.
AGREEMENT = 0.1


def snap_time(seconds: float, onsets: Sequence[float], window_before: float = SNAP_WINDOW_BEFORE) -> float:
    """The latest onset in [seconds - window_before, seconds], else `seconds` unchanged (`onsets` sorted)."""
    i = bisect.bisect_right(onsets, seconds) - 1
    if i >= 0 and seconds - onsets[i] <= window_before:
        return float(onsets[i])
    return float(seconds)


def nearest_onset(seconds: float, onsets: Sequence[float]) -> float | None:
    """The onset closest to `seconds` (None when there are none; `onsets` sorted)."""
    i = bisect.bisect_left(onsets, seconds)
    candidates = [onsets[j] for j in (i - 1, i) if 0 <= j < len(onsets)]
    return min(candidates, key=lambda t: abs(t - seconds)) if candidates else None


@dataclass(frozen=True)
class Move:
    """Row `row` (0-based entry index) goes from `old` to the onset `new`; its file time becomes floor(new)."""

    row: int
    old: float
    new: float

    @property
    def new_whole(self) -> int:
        return max(0, math.floor(self.new))


@dataclass(frozen=True)
class Leftover:
    """Row `row` stays at `seconds`: its nearest onset is `distance` s away (None: there are no onsets)."""

    row: int
    seconds: float
    distance: float | None


@dataclass(frozen=True)
class SnapPlan:
    """What snapping every timed line would do: rows that move, rows left alone, rows already right."""

    moves: tuple[Move, ...]
    leftovers: tuple[Leftover, ...]
    unchanged: int


def snap_all(entries_seconds: Iterable[tuple[int, float]], onsets: Sequence[float],
             max_shift: float = MAX_SHIFT) -> SnapPlan:
    """For each (row, seconds), the nearest onset within ±max_shift; a move only where the whole second changes.

    A line whose whole second already holds the onset, or lies just after it (within AGREEMENT), stays as it is.
    """
    onsets = sorted(onsets)
    moves, leftovers, unchanged = [], [], 0
    for row, seconds in entries_seconds:
        onset = nearest_onset(seconds, onsets)
        if onset is None or abs(onset - seconds) > max_shift:
            leftovers.append(Leftover(row, float(seconds), None if onset is None else abs(onset - seconds)))
        elif not math.floor(seconds) - AGREEMENT <= onset < math.floor(seconds) + 1:
            moves.append(Move(row, float(seconds), float(onset)))
        else:
            unchanged += 1
    return SnapPlan(tuple(moves), tuple(leftovers), unchanged)


def timed_rows(entries) -> list[tuple[int, float]]:
    """(row, seconds) of every spoken line that has a time (sec, else its m:ss), in row order."""
    rows = []
    for row, entry in enumerate(entries):
        if entry.is_header:
            continue
        seconds = entry.seconds
        if seconds is not None:
            rows.append((row, float(seconds)))
    return rows
