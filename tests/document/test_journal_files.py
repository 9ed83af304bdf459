"""Recovery journal files: names, durable create / append / remove, the writer thread's order, orphan discovery."""
import threading
import time

import pytest

from editor.document import SetMeta
from editor.document.errors import JournalError
from editor.document.journal import JournalInfo, index_record, line, mark_record, step_record
from editor.document.journal_files import (JournalFiles, JournalWriter, change_count, journal_name, lock_name,
                                           orphaned_journals, session_of)
from editor.document.savefile import fingerprint

BASE = "---\ntitle: Bees\ntranscript:\n- line: One.\n---\n"


class Stack:
    """The two numbers change_count reads from an undo stack."""

    def __init__(self, index: int, clean: int):
        self._index, self._clean = index, clean

    def index(self) -> int:
        return self._index

    def cleanIndex(self) -> int:
        return self._clean


def records(*changes_per_step, written=1764600000.0) -> bytes:
    """Step records for each list of changes, all of them done, and the closing mark."""
    lines = [step_record(number, list(step)) for number, step in enumerate(changes_per_step, 1)]
    lines += [index_record(len(changes_per_step)), mark_record(written, len(changes_per_step))]
    return b"".join(map(line, lines))


def create(files: JournalFiles, file, episode, *steps, written=1764600000.0) -> None:
    files.create(file, str(episode), fingerprint(b"disk"), BASE, written, records(*steps, written=written))


def wait_until(condition, timeout=5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        threading.Event().wait(0.001)


def test_change_count_counts_steps_from_the_saved_state():
    assert change_count(Stack(index=5, clean=3)) == 2      # two steps done since the save
    assert change_count(Stack(index=1, clean=3)) == 2      # two saved steps undone
    assert change_count(Stack(index=0, clean=-1)) == 1     # the saved state can no longer be reached
    assert change_count(Stack(index=4, clean=-1)) == 4


def test_journal_names_are_per_session_and_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = journal_name(tmp_path, "4242-1764600000123", "ep.md")
    assert name == journal_name(tmp_path, "4242-1764600000123", tmp_path / "ep.md")    # relative or absolute
    assert name != journal_name(tmp_path, "4242-1764600000123", "other.md")
    assert name.parent == tmp_path and name.suffix == ".jsonl"
    assert session_of(name) == "4242-1764600000123"                                    # the session holds a dash
    assert session_of(journal_name(tmp_path, "7-8", "other.md")) == "7-8"
    assert lock_name(tmp_path, "7-8") == tmp_path / "7-8.lock"


def test_create_then_append_reads_back_every_step(tmp_path):
    files = JournalFiles()
    file = tmp_path / "recovery" / "1-2-key.jsonl"          # the folder does not exist yet
    create(files, file, tmp_path / "ep.md", [SetMeta("title", "Wasps")])
    files.append(file, records([SetMeta("title", "Wasps")], [SetMeta("title", "Ants")], written=1764600100.0))
    info = JournalInfo.read(file)
    assert info.path == str(tmp_path / "ep.md") and info.base == BASE
    assert info.steps == [[SetMeta("title", "Wasps")], [SetMeta("title", "Ants")]]
    assert info.index == 2 and info.changes == 2 and info.written == 1764600100.0
    assert "title: Ants" in info.text()


def test_a_failed_write_blocks_appends_until_the_file_is_created_again(tmp_path):
    files = JournalFiles()
    file = tmp_path / "j.jsonl"
    with pytest.raises(OSError):
        files.append(file, b"{}\n")                         # no such file yet
    file.write_bytes(b"")
    with pytest.raises(OSError, match="must be written again"):
        files.append(file, b"{}\n")
    assert file.read_bytes() == b""
    create(files, file, tmp_path / "ep.md")
    files.append(file, b"{}\n")
    assert file.read_bytes().endswith(b"}\n{}\n")

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(OSError):
        create(files, blocked / "j.jsonl", tmp_path / "ep.md")
    files.remove(file)
    assert not file.exists()
    files.remove(file)                                      # removing it twice is no error


def test_writer_runs_jobs_in_order_and_reports_failures_in_order(tmp_path):
    writer = JournalWriter()
    file, missing = tmp_path / "j.jsonl", tmp_path / "missing.jsonl"
    writer.submit(create, writer.files, file, tmp_path / "ep.md")
    writer.submit(writer.files.append, file, b"1\n")
    writer.submit(writer.files.append, missing, b"x\n")
    writer.submit(writer.files.append, file, b"2\n")
    writer.submit(writer.files.append, missing, b"y\n")
    errors = writer.wait(5.0)
    assert [type(error) for error in errors] == [FileNotFoundError, OSError]
    assert "must be written again" in str(errors[1])
    assert file.read_bytes().endswith(b"1\n2\n")
    assert not writer.pending and writer.take_done() is None


def test_writer_hands_back_finished_jobs_only(tmp_path):
    writer = JournalWriter()
    gate = threading.Event()
    writer.submit(gate.wait)
    writer.submit(writer.files.append, tmp_path / "missing.jsonl", b"x\n")
    try:
        assert writer.pending and writer.take_done() is None    # the first job is still running
    finally:
        gate.set()
    done = []
    wait_until(lambda: done.append(writer.take_done()) or len([job for job in done if job]) == 2)
    first, second = [job for job in done if job]
    assert first.exception() is None and isinstance(second.exception(), FileNotFoundError)
    assert not writer.pending


def test_writer_wait_gives_up_on_a_job_that_takes_too_long():
    writer = JournalWriter()
    gate = threading.Event()
    writer.submit(gate.wait)
    try:
        errors = writer.wait(0.01)
    finally:
        gate.set()
    assert [type(error) for error in errors] == [TimeoutError]
    assert not writer.pending


def test_orphaned_journals_skips_running_sessions_and_reports_unreadable_ones(tmp_path):
    folder = tmp_path / "recovery"
    assert orphaned_journals(folder, "1-1", lambda session: False, None) == []     # no folder yet
    files = JournalFiles()
    ep, other = tmp_path / "ep.md", tmp_path / "other.md"
    create(files, journal_name(folder, "1-1", ep), ep)                  # this session's own
    create(files, journal_name(folder, "2-2", ep), ep)                  # a running session's
    create(files, journal_name(folder, "3-3", ep), ep, written=1764600000.0)
    create(files, journal_name(folder, "4-4", ep), ep, written=1764600500.0)
    create(files, journal_name(folder, "5-5", other), other, written=1764600200.0)
    (folder / "6-6-0123456789abcdef.jsonl").write_text('{"format": "transcript-editor-recovery", "version": 99}\n')
    (folder / "7-7-0123456789abcdef.json").write_text("not a journal")
    asked, unreadable = [], []

    def alive(session):
        asked.append(session)
        return session == "2-2"

    found = orphaned_journals(folder, "1-1", alive, lambda file, error: unreadable.append((file.name, error)))
    assert [(session_of(info.file), info.path) for info in found] == [("4-4", str(ep)), ("5-5", str(other)),
                                                                       ("3-3", str(ep))]      # newest first
    assert "1-1" not in asked and "2-2" in asked
    assert [name for name, error in unreadable] == ["6-6-0123456789abcdef.jsonl"]
    assert isinstance(unreadable[0][1], JournalError)

    only_ep = orphaned_journals(folder, "1-1", alive, lambda file, error: None, path=ep)
    assert [session_of(info.file) for info in only_ep] == ["4-4", "3-3"]


def test_create_from_hashes_and_decodes_the_baseline_bytes_itself(tmp_path):
    files = JournalFiles()
    baseline = BASE.encode("utf-8")
    with_base, without = tmp_path / "1-2-a.jsonl", tmp_path / "1-2-b.jsonl"
    files.create_from(with_base, str(tmp_path / "ep.md"), baseline, True, 1764600000.0,
                      records([SetMeta("title", "Wasps")]))
    files.create_from(without, str(tmp_path / "ep.md"), baseline, False, 1764600000.0, records())
    info = JournalInfo.read(with_base)
    assert info.fingerprint == fingerprint(baseline) and info.base == BASE
    assert "title: Wasps" in info.text()
    info = JournalInfo.read(without)
    assert info.fingerprint == fingerprint(baseline) and info.base is None
