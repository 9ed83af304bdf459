"""Min/max waveform peaks at a fixed number of columns per second, with fractional bin edges (no drift)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import COLUMNS_PER_SECOND


@dataclass
class Peaks:
    """int16 minimum and maximum per column; column k covers [k, k+1) / columns_per_second seconds."""

    minimum: np.ndarray
    maximum: np.ndarray
    columns_per_second: int = COLUMNS_PER_SECOND

    def __len__(self) -> int:
        return int(self.minimum.size)

    @classmethod
    def empty(cls, columns_per_second: int = COLUMNS_PER_SECOND) -> "Peaks":
        return cls(np.zeros(0, np.int16), np.zeros(0, np.int16), columns_per_second)


def _to_int16(values: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(values * 32767.0), -32768, 32767).astype(np.int16)


class PeakBuilder:
    """Reduces a stream of samples to peaks as they arrive; column k ends at sample floor((k+1) * rate / cps).

    Bin edges are computed from the column index, never accumulated as an integer width, so an hour at 22,050 Hz
    (220.5 samples a column) stays aligned to the sample.
    """

    def __init__(self, rate: int, columns_per_second: int = COLUMNS_PER_SECOND) -> None:
        if rate < columns_per_second:
            raise ValueError(f"sample rate {rate} is below {columns_per_second} columns per second")
        self.rate = int(rate)
        self.columns_per_second = int(columns_per_second)
        self.columns = 0              # columns completed so far
        self._pending = np.zeros(0, np.float32)
        self._pending_start = 0       # sample index of _pending[0]

    def _edge(self, column) -> np.ndarray | int:
        """First sample of `column` (an int or an array of column indexes)."""
        return column * self.rate // self.columns_per_second

    def feed(self, samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Add mono samples; returns (minimum, maximum) int16 of the columns this completed (maybe none)."""
        self._pending = np.concatenate((self._pending, samples)) if self._pending.size else samples
        end = self._pending_start + self._pending.size
        last = (end * self.columns_per_second) // self.rate       # columns whose end edge is <= end
        if last <= self.columns:
            return np.zeros(0, np.int16), np.zeros(0, np.int16)
        edges = self._edge(np.arange(self.columns, last + 1, dtype=np.int64)) - self._pending_start
        return self._reduce(edges)

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        """Close the last, partial column (if any samples are left)."""
        if not self._pending.size:
            return np.zeros(0, np.int16), np.zeros(0, np.int16)
        return self._reduce(np.array([self._edge(self.columns) - self._pending_start, self._pending.size]))

    def _reduce(self, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        starts = edges[:-1]
        window = self._pending[: edges[-1]]
        low = np.minimum.reduceat(window, starts)
        high = np.maximum.reduceat(window, starts)
        self.columns += starts.size
        consumed = int(edges[-1])
        self._pending = self._pending[consumed:].copy()
        self._pending_start += consumed
        return _to_int16(low), _to_int16(high)
