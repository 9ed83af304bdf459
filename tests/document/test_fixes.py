"""Quick fixes: each fix and each fix-all is one step that changes only the fixed rows, and undoes exactly."""
import difflib

import pytest

from editor.document import Entry, Episode
from editor.document.fixes import JOIN, fix_all, fix_for
from document_helpers import parseable_corpus, read_text

PROBLEMS = """---
title: Fixes
transcript:
- header: Opening
- header: Welcome
- line: First words.
  sec: 0
  time: '0:00'
  who: Ann
- line: No speaker here.
  sec: 5
  time: '0:05'
- line: Time says more than sec.
  sec: 10
  time: '0:12'
  who: Bob
- line: Unquoted time.
  sec: 75
  time: 1:15
  who: Ann
- line: Unquoted time.
  sec: 76
  time: 1:16
  who: Ann
- line: Back in time.
  sec: 60
  time: '1:00'
  who: Bob
- header: Part two
- header: Part three
- header: Part four
- line: Broken time.
  sec: 90
  time: '1:3'
  who: Ann
- line: The end.
  sec: 100
  time: '1:40'
  who: Ann
---
Body
"""


def item_spans(text: str) -> list:
    """(first, last + 1) 0-based line range of every entry's item in `text`."""
    episode = Episode.loads(text)
    starts = [episode.entry_line(i) - 1 for i in range(len(episode.entries))]
    end = text.split("\n").index("---", 1)
    return list(zip(starts, starts[1:] + [end]))


def only_rows_changed(old: str, new: str, rows) -> bool:
    """True when every line that differs between the texts lies in the items of `rows` (of the old text)."""
    spans = [span for row, span in enumerate(item_spans(old)) if row in set(rows)]
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:
            if not any(start <= i1 <= end for start, end in spans):
                return False
        elif not all(any(start <= line < end for start, end in spans) for line in range(i1, i2)):
            return False
    return True


def codes_of(episode) -> list:
    """(code, index) of every problem."""
    return [(problem.code, problem.index) for problem in episode.check()]


def test_the_fixture_has_every_fixable_problem_of_todays_checks():
    assert codes_of(Episode.loads(PROBLEMS)) == [
        ("empty-chapter", 0), ("missing-speaker", 3), ("time-mismatch", 4), ("time-unquoted", 5),
        ("time-unquoted", 6), ("duplicate-entry", 6), ("time-order", 7), ("empty-chapter", 8),
        ("empty-chapter", 9), ("time-malformed", 11)]


CASES = [
    # code, row, option, rows the fix touches, entry or texts expected after
    ("missing-speaker", 3, 0, [3], Entry.line("No speaker here.", "Ann", 5, "0:05")),
    ("time-mismatch", 4, 0, [4], Entry.line("Time says more than sec.", "Bob", 10, "0:10")),
    ("time-mismatch", 4, 1, [4], Entry.line("Time says more than sec.", "Bob", 12, "0:12")),
    ("time-unquoted", 5, 0, [5], Entry.line("Unquoted time.", "Ann", 75, "1:15")),
    ("duplicate-entry", 6, 0, [6], None),
    ("empty-chapter", 0, 0, [0], None),
    ("empty-chapter", 0, 1, [0, 1], Entry.header("Opening" + JOIN + "Welcome")),
    ("time-malformed", 11, 0, [11], Entry.line("Broken time.", "Ann", 90, "1:30")),
]


@pytest.mark.parametrize("code, row, option, touched, expected", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_each_fix_changes_only_its_row_and_undoes_and_redoes(tmp_path, code, row, option, touched, expected):
    path = tmp_path / "e.md"
    path.write_text(PROBLEMS, encoding="utf-8")
    episode = Episode.load(path)
    fix = fix_for(episode, code, row)[option]
    undo = fix.apply(episode)
    if expected is not None:
        assert episode.entries[row] == expected
    assert (code, row) not in codes_of(episode)
    episode.save()
    fixed = read_text(path)
    assert fixed != PROBLEMS and only_rows_changed(PROBLEMS, fixed, touched)
    redo = episode.apply(undo)
    assert episode.dumps() == PROBLEMS
    episode.apply(redo)
    assert episode.dumps() == fixed


def test_unquoted_time_fix_writes_the_time_quoted():
    episode = Episode.loads(PROBLEMS)
    fix_for(episode, "time-unquoted", 5)[0].apply(episode)
    assert "- line: Unquoted time.\n  sec: 75\n  time: '1:15'\n  who: Ann\n- line: Unquoted time.\n  sec: 76\n" \
           "  time: 1:16\n" in episode.dumps()


def test_labels_say_what_happens():
    episode = Episode.loads(PROBLEMS)
    assert [fix.label for fix in fix_for(episode, "time-mismatch", 4)] == [
        "Set time to 0:10 (from sec 10)", "Set sec to 12 (from time 0:12)"]
    assert [fix.label for fix in fix_for(episode, "empty-chapter", 0)] == [
        "Remove the header 'Opening'", "Join into one header 'Opening / Welcome'"]
    assert fix_for(episode, "missing-speaker", 3)[0].label == "Set speaker to Ann (the line above)"


def test_time_order_and_unknown_codes_have_no_automatic_fix():
    episode = Episode.loads(PROBLEMS)
    assert fix_for(episode, "time-order", 7) == []
    assert fix_for(episode, "no-such-code", 3) == []
    assert fix_for(episode, "missing-speaker", 99) == []


def test_first_line_without_speaker_has_no_line_above_to_copy():
    episode = Episode.loads("---\ntranscript:\n- line: Who?\n  sec: 1\n  time: '0:01'\n---\n")
    assert fix_for(episode, "missing-speaker", 0) == []


def test_fixes_for_codes_of_the_newer_checks():
    text = """---
transcript:
- line: Real words.
  sec: 1
  time: '0:01'
  who: Ann
- line: 'Bob:'
- line: Typed wrong.
  sec: '12'
  time: 75
  who: 7
- line: Only sec.
  sec: 20
  who: Ann
- line: Only time.
  time: '0:25'
  who: Ann
---
"""
    episode = Episode.loads(text)
    undo = fix_for(episode, "field-type", 2)[0].apply(episode)
    assert episode.entries[2] == Entry.line("Typed wrong.", "7", 12, "1:15")
    assert "- line: Typed wrong.\n  sec: 12\n  time: '1:15'\n  who: '7'\n" in episode.dumps()
    episode.apply(undo)
    assert fix_for(episode, "time-missing", 3)[0].label == "Set time to 0:20 (from sec 20)"
    assert fix_for(episode, "time-missing", 4)[0].label == "Set sec to 25 (from time 0:25)"
    fix_for(episode, "speaker-as-text", 1)[0].apply(episode)
    assert [entry.text for entry in episode.entries] == ["Real words.", "Typed wrong.", "Only sec.", "Only time."]
    assert fix_for(Episode.loads(text.replace("sec: '12'", "sec: twelve").replace("time: 75", "time: x")
                                 .replace("who: 7", "who: Ann")), "field-type", 2) == []


def test_field_type_fix_drops_an_empty_speaker_so_the_line_reads_back_without_one():
    episode = Episode.loads("---\ntranscript:\n- line: Hello.\n  who: null\n  sec: 5\n  time: '0:05'\n---\n")
    undo = fix_for(episode, "field-type", 0)[0].apply(episode)
    assert "who" not in episode.dumps() and episode.entries[0] == Entry.line("Hello.", None, 5, "0:05")
    assert [p.code for p in episode.check()] == ["missing-speaker"]
    episode.apply(undo)
    assert "who: null" in episode.dumps()


FIX_ALL_CASES = [
    # code, option, rows expected to change, rows whose items may change in the file
    ("empty-chapter", 0, (0, 8, 9), (0, 8, 9)),
    ("empty-chapter", 1, (0, 8, 9), (0, 1, 8, 9, 10)),
    ("time-unquoted", 0, (5, 6), (5, 6)),
    ("duplicate-entry", 0, (6,), (6,)),
    ("missing-speaker", 0, (3,), (3,)),
    ("time-mismatch", 1, (4,), (4,)),
]


@pytest.mark.parametrize("code, option, rows, touched", FIX_ALL_CASES, ids=[f"{c[0]}-{c[1]}" for c in FIX_ALL_CASES])
def test_fix_all_counts_rows_changes_only_them_in_one_step(tmp_path, code, option, rows, touched):
    path = tmp_path / "e.md"
    path.write_text(PROBLEMS, encoding="utf-8")
    episode = Episode.load(path)
    plan = fix_all(episode, code, option)
    assert plan.rows == rows and plan.count == len(rows) and plan.label.endswith(f"({len(rows)} rows)")
    undo = plan.apply(episode)
    assert code not in [c for c, _ in codes_of(episode)]
    episode.save()
    fixed = read_text(path)
    assert only_rows_changed(PROBLEMS, fixed, touched)
    redo = episode.apply(undo)
    assert episode.dumps() == PROBLEMS
    episode.apply(redo)
    assert episode.dumps() == fixed


def test_join_all_merges_a_run_of_headers_into_one():
    episode = Episode.loads(PROBLEMS)
    fix_all(episode, "empty-chapter", 1).apply(episode)
    assert [entry.text for entry in episode.entries if entry.is_header] == [
        "Opening / Welcome", "Part two / Part three / Part four"]


@pytest.mark.skipif(not parseable_corpus(), reason="corpus not found")
def test_fix_all_on_the_corpus_clears_each_kind_locally_and_undoes_to_the_original_bytes():
    for path in parseable_corpus():
        episode = Episode.load(path)
        original = read_text(path)
        for code in sorted({problem.code for problem in episode.check()}):
            plan = fix_all(episode, code)
            undo = plan.apply(episode)
            remaining = [p.index for p in episode.check() if p.code == code]
            assert not plan.rows or len(remaining) < len({p.index for p in Episode.load(path).check()
                                                           if p.code == code}), (path.name, code)
            if code not in ("duplicate-entry", "empty-chapter", "speaker-as-text"):   # removals diff ambiguously
                assert only_rows_changed(original, episode.dumps(), plan.rows), (path.name, code)
            episode.apply(undo)
            assert episode.dumps() == original, (path.name, code)
