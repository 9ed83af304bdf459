"""TimeIndex: after any sequence of edits it answers as an index rebuilt from scratch (blocks made small to split)."""
import random

import pytest

from editor.document import Entry
from editor.document import time_index
from editor.document.time_index import TimeIndex


def brute_row_at(entries, position_ms):
    """The last (time, row) pair at or before the position, by a full sort."""
    pairs = sorted((e.sec * 1000, row) for row, e in enumerate(entries) if e.sec is not None and not e.is_header)
    before = [pair for pair in pairs if pair[0] <= position_ms]
    return before[-1][1] if before else -1


def random_entry(rng):
    roll = rng.random()
    if roll < 0.1:
        return Entry.header("Chapter")
    if roll < 0.2:
        return Entry.line("untimed")
    return Entry.line("line", "Maya", rng.randrange(0, 60))


def assert_same(index, entries):
    assert len(index) == len(entries)
    for position in (-1, 0, 1, 999, 1000, 1001, 17_500, 30_000, 59_000, 10**9):
        assert index.row_at(position) == brute_row_at(entries, position), position


@pytest.mark.parametrize("seed", range(6))
def test_edits_keep_answers_of_a_fresh_index(monkeypatch, seed):
    monkeypatch.setattr(time_index, "BLOCK", 4)
    rng = random.Random(seed)
    entries = [random_entry(rng) for _ in range(30)]
    index = TimeIndex(entries)
    assert_same(index, entries)
    for _ in range(150):
        action = rng.choice(("replace", "insert", "remove"))
        if action == "replace" and entries:
            row = rng.randrange(len(entries))
            entries[row] = random_entry(rng) if rng.random() < 0.5 else Entry.line("typed", "Maya", entries[row].sec)
            index.changed(entries, row, row)
        elif action == "insert":
            first = rng.randrange(len(entries) + 1)
            count = rng.choice((1, 1, 2, 13))
            entries[first:first] = [random_entry(rng) for _ in range(count)]
            index.inserted(entries, first, first + count - 1)
        elif entries:
            first = rng.randrange(len(entries))
            last = min(len(entries) - 1, first + rng.choice((0, 0, 1, 9)))
            del entries[first:last + 1]
            index.removed(first, last)
        assert_same(index, entries)


def test_equal_times_go_to_the_later_row():
    entries = [Entry.line("a", sec=5), Entry.header("h"), Entry.line("b", sec=5), Entry.line("c", sec=9)]
    index = TimeIndex(entries)
    assert index.row_at(4999) == -1
    assert index.row_at(5000) == 2
    assert index.row_at(9000) == 3


def test_empty_index_grows_on_insert():
    entries = []
    index = TimeIndex(entries)
    assert index.row_at(10**6) == -1
    entries.append(Entry.line("a", sec=3))
    index.inserted(entries, 0, 0)
    assert index.row_at(3000) == 0
