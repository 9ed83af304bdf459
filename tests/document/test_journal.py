"""The recovery journal format: round trips, the first format's sha256 field, and versions it cannot read."""
import datetime
import hashlib
import json

import pytest

from editor.document import Entry, Insert, Remove, Replace, SetMeta
from editor.document.errors import JournalError
from editor.document.journal import FORMAT, VERSION, JournalInfo, decode, encode, encode_history
from editor.document.savefile import fingerprint

STEPS = [[Replace(1, Entry.line("Text", "Maya", 64, "1:04")), Insert(2, (Entry.header("Chapter"),))],
         [SetMeta("title", "New: title"), Remove(0, 2)]]


def journal(tmp_path, **changes) -> JournalInfo:
    values = dict(file=tmp_path / "j.json", path=str(tmp_path / "ep.md"), fingerprint=fingerprint(b"disk"),
                  written=1764600000.5, changes=2, text="---\ntitle: x\n---\n", base="---\n---\n", steps=STEPS,
                  index=1)
    values.update(changes)
    return JournalInfo(**values)


def test_changes_and_values_round_trip():
    for change in [c for step in STEPS for c in step] + [{"a": (1, [None, 2.5])}, "t\u2028x"]:
        assert decode(json.loads(json.dumps(encode(change)))) == change
    assert encode_history(STEPS) is not None
    dated = Entry("line", "Text", extra=(("recorded", datetime.date(2026, 11, 28)),))
    assert encode_history([[Replace(1, dated)]]) is None


def test_a_written_journal_reads_back_as_written(tmp_path):
    info = journal(tmp_path)
    info.file.write_bytes(info.to_bytes())
    assert JournalInfo.read(info.file) == info
    data = json.loads(info.file.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["digest"]) == (FORMAT, VERSION, fingerprint(b"disk"))
    assert info.matches(b"disk") and not info.matches(b"disk changed")


def test_history_that_cannot_be_kept_leaves_out_history_and_base(tmp_path):
    dated = Entry("line", "Text", extra=(("recorded", datetime.date(2026, 11, 28)),))
    info = journal(tmp_path, steps=[[Replace(0, dated)]])
    info.file.write_bytes(info.to_bytes())
    read = JournalInfo.read(info.file)
    assert (read.steps, read.base, read.text) == (None, None, info.text)


def test_a_journal_of_the_first_format_reads_and_matches_by_sha256(tmp_path):
    file = tmp_path / "old.json"
    file.write_text(json.dumps({
        "format": FORMAT, "version": 1, "path": "/x/ep.md", "sha256": hashlib.sha256(b"disk").hexdigest(),
        "written": 1764600000.0, "changes": 1, "text": "t", "base": "b",
        "history": {"steps": [[encode(STEPS[0][0])]], "index": 1}}), encoding="utf-8")
    info = JournalInfo.read(file)
    assert info.algorithm == "sha256" and info.steps == [[STEPS[0][0]]] and info.index == 1
    assert info.matches(b"disk") and not info.matches(b"other")


@pytest.mark.parametrize("content", ["{}", "not json", '{"format": "something else"}', "[1]"])
def test_a_file_that_is_no_journal_reads_as_none(tmp_path, content):
    file = tmp_path / "x.json"
    file.write_text(content)
    assert JournalInfo.read(file) is None


def test_an_unknown_version_is_a_clear_error(tmp_path):
    info = journal(tmp_path)
    data = json.loads(info.to_bytes())
    data["version"] = 3
    info.file.write_text(json.dumps(data))
    with pytest.raises(JournalError) as error:
        JournalInfo.read(info.file)
    assert "version 3" in str(error.value) and str(info.file) in str(error.value)


def test_a_damaged_journal_is_a_clear_error(tmp_path):
    info = journal(tmp_path)
    data = json.loads(info.to_bytes())
    del data["text"]
    info.file.write_text(json.dumps(data))
    with pytest.raises(JournalError, match="damaged"):
        JournalInfo.read(info.file)


def test_summary_names_file_count_and_time(tmp_path):
    assert journal(tmp_path, changes=1).summary().startswith(f"{tmp_path / 'ep.md'}\n1 unsaved change, last recorded ")
