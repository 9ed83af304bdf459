"""Search scopes, the sliced MatchScan (counts, stepping, numbering, narrowing) and the Replace All preview plan."""
import re

import pytest

from editor.document import Entry
from editor.document.search import (FieldChange, MatchScan, SearchOptions, apply_field_changes, find_matches,
                                    narrower, preview_changes)

ENTRIES = [Entry.line("The bees, the Bees and beeswax.", "Bee"), Entry.header("Bees"),
           Entry.line("No match here.", "Ann"), Entry.line("bees again: bees", "Beatrice")] * 120


def fields_found(scope):
    return sorted({(m.row % 4, m.field) for m in find_matches(ENTRIES, SearchOptions("be", scope=scope))})


def test_scopes_choose_the_fields_searched():
    assert fields_found("text") == [(0, "line"), (1, "header"), (3, "line")]
    assert fields_found("speakers") == [(0, "who"), (3, "who")]
    assert fields_found("headers") == [(1, "header")]
    assert fields_found("all") == [(0, "line"), (0, "who"), (1, "header"), (3, "line"), (3, "who")]
    with pytest.raises(ValueError, match="unknown search scope"):
        SearchOptions("x", scope="everything")


@pytest.mark.parametrize("options", [SearchOptions("bees"), SearchOptions("Bees", match_case=True),
                                     SearchOptions("bees", whole_word=True), SearchOptions(r"b\w+", regex=True),
                                     SearchOptions("be", scope="all")])
def test_a_scan_in_small_slices_counts_and_numbers_what_find_matches_finds(options):
    everything = find_matches(ENTRIES, options)
    scan = MatchScan(ENTRIES, options, start=(101, -1, 0))
    slices = 0
    while not scan.advance(0):                   # no time at all: one batch of rows per call
        slices += 1
    assert slices >= 1 and scan.total == len(everything)
    assert [scan.ordinal(m) for m in everything] == list(range(1, len(everything) + 1))
    first_after = next(m for m in everything if m.row >= 101)
    assert scan.found == first_after


def test_stepping_forward_and_back_wraps():
    scan = MatchScan(ENTRIES, SearchOptions("bees"))
    scan.advance()
    everything = find_matches(ENTRIES, SearchOptions("bees"))
    match, wrapped = scan.step(everything[0].key, (0, 1, everything[0].end), 1)
    assert match == everything[1] and not wrapped
    last = everything[-1]
    assert scan.step(last.key, (last.row, 1, last.end), 1) == (everything[0], True)
    assert scan.step(everything[0].key, everything[0].key, -1) == (last, True)
    assert scan.step(everything[5].key, everything[5].key, -1) == (everything[4], False)


def test_a_longer_literal_reads_only_the_rows_of_the_shorter_one():
    short = MatchScan(ENTRIES, SearchOptions("bee"))
    short.advance()
    rows = narrower(short, SearchOptions("bees", whole_word=True))
    assert rows == sorted({m.row for m in find_matches(ENTRIES, SearchOptions("bee"))})
    longer = MatchScan(ENTRIES, SearchOptions("bees", whole_word=True), rows=rows)
    longer.advance()
    assert longer.total == len(find_matches(ENTRIES, SearchOptions("bees", whole_word=True)))
    assert narrower(short, SearchOptions("wax")) is None                     # not a longer text
    assert narrower(short, SearchOptions("bees", match_case=True)) == rows   # stricter about case: still inside
    strict = MatchScan(ENTRIES, SearchOptions("Bee", match_case=True))
    strict.advance()
    assert narrower(strict, SearchOptions("Bees")) is None                   # less strict: rows may be left out
    assert narrower(short, SearchOptions("bees", regex=True)) is None
    assert narrower(short, SearchOptions("bees", scope="all")) is None


def test_update_rows_recounts_an_edited_row():
    entries = list(ENTRIES[:4])
    scan = MatchScan(entries, SearchOptions("bees"))
    scan.advance()
    entries[2] = Entry.line("bees bees bees", "Ann")
    scan.update_rows(2, 2)
    assert scan.total == len(find_matches(entries, SearchOptions("bees")))


def test_preview_lists_each_changed_field_with_its_spans_and_applies_the_chosen_ones():
    entries = ENTRIES[:4]
    options = SearchOptions(r"(b)ees", regex=True, scope="all")
    changes = preview_changes(entries, options, r"\1ugs")
    assert [(c.row, c.field, c.count) for c in changes] == [(0, "line", 3), (1, "header", 1), (3, "line", 2)]
    first = changes[0]
    assert first.after == re.sub(r"(?i)(b)ees", r"\1ugs", first.before)
    assert [first.before[s:e] for s, e, _, _ in first.spans] == ["bees", "Bees", "bees"]
    assert [first.after[a:b] for _, _, a, b in first.spans] == ["bugs", "Bugs", "bugs"]
    chosen = apply_field_changes(entries, [changes[0], changes[2]])
    assert [(row, entry.text) for row, entry in chosen] == [(0, first.after), (3, changes[2].after)]
    with pytest.raises(ValueError, match="row 1 changed"):
        apply_field_changes([Entry.line("other", "Bee")] + entries[1:], [first])


def test_preview_parts_cut_long_text_around_the_change():
    before = "a" * 100 + " bees " + "z" * 100
    change = FieldChange(0, "line", before, before.replace("bees", "wasps"), ((101, 105, 101, 106),))
    assert change.parts(after=False, context=10) == [("…" + "a" * 9 + " ", False), ("bees", True),
                                                     (" " + "z" * 9 + "…", False)]
    assert [piece for piece, replaced in change.parts(after=True, context=10) if replaced] == ["wasps"]
