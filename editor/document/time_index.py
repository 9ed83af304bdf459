"""Which row is spoken at a position: entry start times kept in blocks of rows, so an edit patches one block."""
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .entries import Entry

BLOCK = 1024            # rows per block: an edit re-sorts one block; a lookup visits every block once
_AFTER_ANY_ROW = float("inf")


def start_ms(entry: Entry) -> int | None:
    """Where a spoken line starts in ms (its `sec`); None for headers and untimed lines."""
    return None if entry.sec is None or entry.is_header else entry.sec * 1000


class TimeIndex:
    """Row lookup by time over a list of entries, patched by the row changes instead of rebuilt.

    The rows are cut into consecutive blocks; each block keeps its rows' start times and those times sorted as
    (ms, row in block). A text edit costs one comparison; a time edit, insert or remove marks its block for a
    re-sort at the next lookup (so a thousand edits in one step cost one re-sort per block); a lookup bisects
    each block.
    """

    def __init__(self, entries: Sequence[Entry] = ()):
        self._times: list[list] = []      # per block: start ms (or None) of each of its rows
        self._keys: list[list | None] = []   # per block: sorted (ms, row in block) of its timed rows; None: stale
        self._starts: list[int] = []      # per block: its first row
        self.reset(entries)

    def reset(self, entries: Sequence[Entry]) -> None:
        """Index `entries` from scratch."""
        times = [start_ms(entry) for entry in entries[:]]
        self._times = [times[at:at + BLOCK] for at in range(0, len(times), BLOCK)]
        self._keys = [self._sorted(block) for block in self._times]
        self._renumber()

    def __len__(self) -> int:
        return self._starts[-1] + len(self._times[-1]) if self._times else 0

    def row_at(self, position_ms: float) -> int:
        """The last timed row (in time order, then row order) starting at or before `position_ms`; -1 before all."""
        best_ms, best_row = None, -1
        probe = (position_ms, _AFTER_ANY_ROW)
        for block, (start, keys) in enumerate(zip(self._starts, self._keys)):
            if keys is None:
                keys = self._keys[block] = self._sorted(self._times[block])
            if not keys:
                continue
            if keys[-1] < probe:
                ms, row = keys[-1]
            else:
                found = bisect_right(keys, probe) - 1
                if found < 0:
                    continue
                ms, row = keys[found]
            if best_ms is None or ms >= best_ms:      # blocks come in row order: a tie goes to the later row
                best_ms, best_row = ms, start + row
        return best_row

    def changed(self, entries: Sequence[Entry], first: int, last: int) -> None:
        """Rows `first`..`last` were replaced: move those whose start time changed."""
        for row in range(first, last + 1):
            block = self._block_of(row)
            local = row - self._starts[block]
            new = start_ms(entries[row])
            if self._times[block][local] != new:
                self._times[block][local] = new
                self._keys[block] = None

    def inserted(self, entries: Sequence[Entry], first: int, last: int) -> None:
        """Rows `first`..`last` were inserted (`entries` already holds them)."""
        new = [start_ms(entries[row]) for row in range(first, last + 1)]
        if not self._times:
            self.reset(entries)
            return
        block = self._block_of(first) if first < len(self) else len(self._times) - 1
        times = self._times[block]
        local = first - self._starts[block]
        times[local:local] = new
        pieces = [times[at:at + BLOCK] for at in range(0, len(times), BLOCK)] if len(times) > 2 * BLOCK else [times]
        self._times[block:block + 1] = pieces
        self._keys[block:block + 1] = [None] * len(pieces)
        self._renumber()

    def removed(self, first: int, last: int) -> None:
        """Rows `first`..`last` were removed."""
        block = self._block_of(first)
        while block < len(self._times) and self._starts[block] <= last:     # starts still count the removed rows
            start, times = self._starts[block], self._times[block]
            del times[max(first - start, 0):last + 1 - start]
            self._keys[block] = None
            block += 1
        self._keys = [keys for keys, times in zip(self._keys, self._times) if times]
        self._times = [times for times in self._times if times]
        self._renumber()

    def _block_of(self, row: int) -> int:
        return bisect_right(self._starts, row) - 1

    def _renumber(self) -> None:
        self._starts = [0, *accumulate(len(times) for times in self._times[:-1])] if self._times else []

    @staticmethod
    def _sorted(times: list) -> list:
        return sorted((ms, local) for local, ms in enumerate(times) if ms is not None)
