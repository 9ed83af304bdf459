"""The recovery journal format: version 3 records read back, torn tails, and the versions 1 and 2 still read."""
import datetime
import hashlib
import json

import pytest

from editor.document import Entry, Episode, Insert, Remove, Replace, SetMeta
from editor.document.errors import JournalError
from editor.document.journal import (FORMAT, JournalInfo, decode, encode, encode_history, header, index_record,
                                     line, lost_record, mark_record, step_record, text_record)
from editor.document.savefile import fingerprint

BASE = ("---\ntitle: Bees\ntranscript:\n- line: One.\n  who: Ann\n- line: Two.\n  who: Ben\n"
        "- header: Middle\n- line: Three.\n---\nLinks\n")
STEPS = [[Replace(1, Entry.line("Text", "Maya", 64, "1:04")), Insert(2, (Entry.header("Chapter"),))],
         [SetMeta("title", "New: title"), Remove(0, 2)]]


def replay(text: str, changes: list) -> str:
    """The text after applying `changes` in order, computed on an Episode independently of the journal reader."""
    episode = Episode.loads(text)
    for change in changes:
        episode.apply(change)
    return episode.dumps()


def write(tmp_path, *records, base=BASE, tail=b"") -> JournalInfo:
    file = tmp_path / "j.jsonl"
    file.write_bytes(header(str(tmp_path / "ep.md"), fingerprint(b"disk"), base, 1764600000.5)
                     + b"".join(line(r) for r in records) + tail)
    return JournalInfo.read(file)


def test_changes_and_values_round_trip():
    for change in [c for step in STEPS for c in step] + [{"a": (1, [None, 2.5])}, "t\u2028x"]:
        assert decode(json.loads(json.dumps(encode(change)))) == change
    assert encode_history(STEPS) is not None
    dated = Entry("line", "Text", extra=(("recorded", datetime.date(2026, 11, 28)),))
    assert encode_history([[Replace(1, dated)]]) is None
    assert step_record(1, [Replace(1, dated)]) is None and lost_record([Replace(1, dated)]) is None


def test_steps_merges_and_undo_moves_read_back_as_history_and_text(tmp_path):
    info = write(tmp_path, step_record(1, STEPS[0][:1]), step_record(1, STEPS[0][1:], merged=True),
                 step_record(2, STEPS[1]), index_record(1), mark_record(1764600009.0, 1))
    assert info.steps == STEPS and info.index == 1 and info.base == BASE
    assert (info.changes, info.written, info.path) == (1, 1764600009.0, str(tmp_path / "ep.md"))
    assert info.text() == replay(BASE, STEPS[0])
    assert info.matches(b"disk") and not info.matches(b"disk changed")


def test_a_new_step_after_undo_drops_the_redo_steps(tmp_path):
    other = [Replace(0, Entry.line("Other", "Ann"))]
    info = write(tmp_path, step_record(1, STEPS[0]), step_record(2, STEPS[1]), index_record(0),
                 step_record(1, other), mark_record(1764600009.0, 1))
    assert info.steps == [other] and info.index == 1 and info.text() == replay(BASE, other)


def test_the_base_text_spans_several_lines_when_long(tmp_path):
    long_base = BASE.replace("One.", "x" * 150_000)
    info = write(tmp_path, step_record(1, STEPS[0]), mark_record(1.0, 1), base=long_base)
    assert info.base == long_base
    assert len(header("p", "d", long_base, 1.0).splitlines()) == 4     # the header and three parts of the base


def test_a_torn_last_line_is_left_out(tmp_path):
    info = write(tmp_path, step_record(1, STEPS[0]), mark_record(2.0, 1), tail=line(step_record(2, STEPS[1]))[:25])
    assert info.steps == [STEPS[0]] and info.index == 1 and info.written == 2.0


def test_a_lost_history_keeps_the_text_from_the_changes_as_applied(tmp_path):
    undo = [Replace(1, Entry.line("Two.", "Ben"))]
    later = [SetMeta("title", "After")]
    info = write(tmp_path, step_record(1, STEPS[0][:1]), lost_record(undo), step_record(5, STEPS[1]),
                 lost_record(later), mark_record(3.0, 2))
    assert info.steps is None and info.changes == 2
    assert info.text() == replay(BASE, STEPS[0][:1] + undo + later)


def test_a_text_record_is_the_text(tmp_path):
    info = write(tmp_path, text_record("---\ntranscript: []\n---\n"), mark_record(3.0, 4), base=None)
    assert info.text() == "---\ntranscript: []\n---\n" and info.steps is None and info.base is None


@pytest.mark.parametrize("version, key", [(1, "sha256"), (2, "digest")])
def test_journals_of_the_earlier_formats_read_and_match(tmp_path, version, key):
    file = tmp_path / "old.json"
    made = hashlib.sha256(b"disk").hexdigest() if version == 1 else fingerprint(b"disk")
    file.write_text(json.dumps({
        "format": FORMAT, "version": version, "path": "/x/ep.md", key: made,
        "written": 1764600000.0, "changes": 1, "text": "t", "base": "b",
        "history": {"steps": [[encode(STEPS[0][0])]], "index": 1}}), encoding="utf-8")
    info = JournalInfo.read(file)
    assert info.algorithm == ("sha256" if version == 1 else "blake2b") and info.version == version
    assert info.steps == [[STEPS[0][0]]] and info.index == 1 and info.text() == "t" and info.base == "b"
    assert info.matches(b"disk") and not info.matches(b"other")


@pytest.mark.parametrize("content", ["{}", "not json", '{"format": "something else"}', "[1]", ""])
def test_a_file_that_is_no_journal_reads_as_none(tmp_path, content):
    file = tmp_path / "x.jsonl"
    file.write_text(content)
    assert JournalInfo.read(file) is None


def test_an_unknown_version_is_a_clear_error(tmp_path):
    file = tmp_path / "j.jsonl"
    file.write_bytes(header("p", "d", BASE, 1.0).replace(b'"version": 3', b'"version": 4'))
    with pytest.raises(JournalError) as error:
        JournalInfo.read(file)
    assert "version 4" in str(error.value) and str(file) in str(error.value)


def test_a_damaged_record_before_the_end_is_a_clear_error(tmp_path):
    with pytest.raises(JournalError, match="damaged"):
        write(tmp_path, step_record(1, STEPS[0]), tail=b"{broken\n" + line(mark_record(1.0, 1)))
    with pytest.raises(JournalError, match="undo index 3"):
        write(tmp_path, step_record(1, STEPS[0]), index_record(3), mark_record(1.0, 1))


def test_summary_names_file_count_and_time(tmp_path):
    info = write(tmp_path, step_record(1, STEPS[0]), mark_record(1764600000.5, 1))
    assert info.summary().startswith(f"{tmp_path / 'ep.md'}\n1 unsaved change, last recorded ")
