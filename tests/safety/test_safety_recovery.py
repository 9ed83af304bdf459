"""The recovery journal in one process: when it is written, what it holds, when it goes, and restoring it."""
import datetime
import hashlib
import json
import os
import time

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.document import Entry, Episode, Insert, Replace, SetMeta
from editor.ui.safety.disk_watch import DiffDialog
from editor.document.journal import FORMAT, SUFFIXES, JournalInfo, decode, encode, encode_history
from editor.document.savefile import fingerprint
from editor.ui.main_window import MainWindow
from editor.ui.safety.install import install_safety
from editor.ui.settings import Settings
from safety_helpers import Recorder, copy_sample, data_dir, safe_window  # noqa: F401


def run(window, label, operation):
    """An edit through the window's own edit path: one undo step."""
    window.run_edit(label, operation)


def edit(window, index, text):
    run(window, "edit", lambda: window.episode.set_text(index, text))


def lines_of(file):
    """The JSON records of a version 3 journal, one per line."""
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]


def journals(data_dir):
    folder = data_dir / "recovery"
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES) if folder.is_dir() else []


def end_session(safety):
    """Pretend the session crashed: its lock goes away, as the OS does for a killed process."""
    safety.recovery._lock.unlock()


def crashed_with_edit(window, safety, tmp_path, text):
    """Open a copy of the sample, set line 1 to `text`, journal it and end the session as a crash would:
    (the copy's path, the edited text)."""
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, text)
    assert safety.recovery.flush(wait=True)
    end_session(safety)
    return path, window.episode.dumps()


def second_window(qtbot, tmp_path, player, data_dir):
    settings = Settings(QSettings(str(tmp_path / "settings2.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, player)
    window.show_error = lambda title, text: (_ for _ in ()).throw(AssertionError(text))
    window.ask = Recorder()
    safety = install_safety(window, settings, data_dir)
    return window, safety


def close(window):
    window.undo_stack.setClean()
    window.close()
    window.deleteLater()


def test_journal_is_written_soon_after_an_edit_and_holds_the_unsaved_state_and_history(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    disk_digest = fingerprint(path.read_bytes())
    base = path.read_text(encoding="utf-8")
    assert window.open_file(path)
    edit(window, 1, "Journaled.")
    edit(window, 2, "Journaled too.")
    qtbot.waitUntil(lambda: bool(journals(data_dir)), timeout=5000)      # written by the debounce timer alone
    file = journals(data_dir)[0]
    assert file.suffix == ".jsonl"
    head, *records = lines_of(file)
    assert (head["path"], head["digest"], head["version"]) == (str(path), disk_digest, 3)
    assert "".join(r["base"] for r in records[:head["base"]]) == base      # the text at load, once
    assert [r["t"] for r in records[head["base"]:]] == ["step", "step", "index", "mark"]
    assert records[-1]["changes"] == 2 and records[-1]["written"] > 0
    info = JournalInfo.read(file)
    assert (info.index, len(info.steps), info.changes) == (2, 2, 2)
    assert info.text() == window.episode.dumps() and fingerprint(path.read_bytes()) == disk_digest


def test_each_write_appends_only_what_is_new(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "First.")
    assert safety.recovery.flush(wait=True)
    file = journals(data_dir)[0]
    first = file.read_bytes()
    edit(window, 2, "Second.")
    window.undo_stack.undo()
    assert safety.recovery.flush(wait=True)
    now = file.read_bytes()
    assert now.startswith(first)                                    # nothing rewritten, the base not again
    added = [json.loads(line) for line in now[len(first):].decode("utf-8").splitlines()]
    assert [r["t"] for r in added] == ["step", "index", "mark"] and added[1]["n"] == 1
    assert "Second." in json.dumps(added[0]) and "First." not in json.dumps(added)
    assert JournalInfo.read(file).text() == window.episode.dumps()


def test_a_failed_append_is_reported_and_the_next_write_starts_the_journal_again(qtbot, safe_window, tmp_path,
                                                                                 data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "First.")
    assert safety.recovery.flush(wait=True)
    file = journals(data_dir)[0]
    file.unlink()                                                   # e.g. cleaned away by another program
    edit(window, 2, "Second.")
    assert not safety.recovery.flush(wait=True)
    assert "recovery journal" in safety.banner.text()
    edit(window, 3, "Third.")
    assert safety.recovery.flush(wait=True)
    assert "recovery journal" not in safety.banner.text()
    info = JournalInfo.read(file)
    assert info.text() == window.episode.dumps() and (info.index, len(info.steps)) == (3, 3)


def test_a_change_that_cannot_be_recorded_exactly_journals_the_whole_text(qtbot, safe_window, tmp_path, data_dir,
                                                                         player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  who: Tomas\n", "  who: Tomas\n  recorded: 2026-11-28\n", 1), encoding="utf-8")
    assert window.open_file(path)
    row = next(r for r, e in enumerate(window.episode.entries) if e.extra)
    edit(window, row, "A line with a date beside it.")           # the entry keeps its date: JSON cannot hold it
    assert safety.recovery.flush(wait=True)
    expected = window.episode.dumps()
    head, *records = lines_of(journals(data_dir)[0])
    assert head["base"] is None and [r["t"] for r in records] == ["text", "mark"]
    end_session(safety)
    window.undo_stack.setClean()
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other_safety.offer_recovery()
    assert other.episode.dumps() == expected and other.undo_stack.count() == 1
    close(other)


def test_a_torn_last_record_is_left_out(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Safely recorded.")
    assert safety.recovery.flush(wait=True)
    expected = window.episode.dumps()
    file = journals(data_dir)[0]
    with open(file, "ab") as handle:                                 # a crash in the middle of the next append
        handle.write(b'{"t": "step", "n": 2, "c": [{"$": "Repl')
    info = JournalInfo.read(file)
    assert info.text() == expected and info.index == 1


def test_undoing_past_the_saved_state_still_journals_the_text(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    original = path.read_text(encoding="utf-8")
    assert window.open_file(path)
    edit(window, 1, "Saved, then undone.")
    assert window.save()
    saved = path.read_text(encoding="utf-8")
    window.undo_stack.undo()                                        # before the save: no undo history from the file
    edit(window, 3, "After the undo.")
    assert safety.recovery.flush(wait=True)
    expected = window.episode.dumps()
    end_session(safety)
    window.undo_stack.setClean()
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other_safety.offer_recovery()
    assert other.episode.dumps() == expected and other.undo_stack.count() == 1
    assert other.episode.entries[1].text == Episode.loads(original).entries[1].text
    other.undo_stack.undo()
    assert other.episode.dumps() == saved
    close(other)


def test_journal_goes_on_clean_save_on_undo_to_saved_state_and_on_discard(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "One.")
    assert safety.recovery.flush(wait=True) and journals(data_dir)
    assert window.save()
    assert safety.recovery.wait_written() and journals(data_dir) == []
    edit(window, 1, "Two.")
    assert safety.recovery.flush(wait=True) and journals(data_dir)
    window.undo_stack.undo()                                        # back to the saved state
    safety.recovery.flush(wait=True)
    assert journals(data_dir) == []
    window.undo_stack.redo()
    assert safety.recovery.flush(wait=True) and journals(data_dir)
    window.ask = Recorder(QMessageBox.StandardButton.Discard)
    other = copy_sample(tmp_path / "other")
    assert window.open_file(other)                                  # Save / Discard / Cancel -> Discard
    assert safety.recovery.wait_written() and journals(data_dir) == []


def test_restore_brings_back_text_and_undo_history(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    original = path.read_text(encoding="utf-8")
    assert window.open_file(path)
    edit(window, 1, "Kept one.")
    run(window, "header", lambda: window.episode.insert_header(3, "A new chapter"))
    run(window, "move", lambda: window.episode.move(6, 2))
    edit(window, 8, "Undone.")
    window.undo_stack.undo()
    expected = window.episode.dumps()
    assert safety.recovery.flush(wait=True)
    end_session(safety)
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    asked = Recorder("restore")
    other_safety.recovery.ask_restore = asked
    assert other_safety.offer_recovery()
    info = asked.calls[0][0]
    assert info.path == str(path) and info.changes == 3 and "3 unsaved changes" in info.summary()
    assert other.episode.dumps() == expected
    assert other.model.rowCount() == len(other.episode.entries)
    assert not other.undo_stack.isClean() and other.undo_stack.canRedo()
    other.undo_stack.redo()
    assert other.episode.entries[8].text == "Undone."
    other.undo_stack.setIndex(0)
    assert other.episode.dumps() == original and other.undo_stack.isClean()
    other.undo_stack.setIndex(3)
    assert other.save()
    assert path.read_text(encoding="utf-8") == expected
    assert other_safety.recovery.wait_written() and journals(data_dir) == []
    close(other)


def test_declining_keeps_the_journal_until_discarded(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    crashed_with_edit(window, safety, tmp_path, "Keep me.")
    file = journals(data_dir)[0]
    first, first_safety = second_window(qtbot, tmp_path, player, data_dir)
    first_safety.recovery.ask_restore = Recorder("later")
    assert not first_safety.offer_recovery()
    assert file.exists()
    first_safety.recovery.ask_restore = Recorder("discard")
    first_safety.recovery.confirm_discard = Recorder(False)
    first_safety.recovery._offered.clear()
    first_safety.offer_recovery()
    assert file.exists()                                            # a refused confirmation keeps it
    close(first)
    second, second_safety = second_window(qtbot, tmp_path, player, data_dir)
    second_safety.recovery.ask_restore = Recorder("discard")
    second_safety.recovery.confirm_discard = Recorder(True)
    second_safety.offer_recovery()
    assert not file.exists()
    close(second)


def test_a_journal_of_a_running_session_is_not_offered(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Still being edited elsewhere.")
    assert safety.recovery.flush(wait=True)
    for lock in (data_dir / "recovery").glob("*.lock"):             # an hour-long session: old, but alive
        os.utime(lock, (time.time() - 3600, time.time() - 3600))
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder()                  # must not be asked
    assert not other_safety.offer_recovery()
    close(other)


def test_file_changed_on_disk_since_the_journal_lets_the_user_choose(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path, mine = crashed_with_edit(window, safety, tmp_path, "My recovered line.")
    window.undo_stack.setClean()
    theirs = Episode.load(path)
    theirs.set_text(5, "Their later change.")
    path.write_text(theirs.dumps(), encoding="utf-8")
    file = journals(data_dir)[0]

    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    other_safety.recovery.ask_disk_changed = Recorder("later")
    assert not other_safety.offer_recovery()
    diff = other_safety.recovery.ask_disk_changed.calls[0][1]
    assert "Their later change." in diff and "My recovered line." in diff
    assert file.exists() and path.read_text(encoding="utf-8") == theirs.dumps()

    other_safety.recovery._offered.clear()
    other_safety.recovery.ask_restore = Recorder("restore")
    other_safety.recovery.ask_disk_changed = Recorder("mine")
    assert other_safety.offer_recovery()
    assert other.episode.dumps() == mine                            # my version, as unsaved changes
    assert not other.undo_stack.isClean()
    assert path.read_text(encoding="utf-8") == theirs.dumps()       # nothing written until the user saves
    other.undo_stack.undo()
    assert other.episode.entries[5].text == "Their later change."   # one undo step back to the disk version
    close(other)


def test_recovery_of_a_deleted_file_can_recreate_it(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path, mine = crashed_with_edit(window, safety, tmp_path, "Only in the journal.")
    window.undo_stack.setClean()
    path.unlink()
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    other_safety.recovery.ask_missing = Recorder("recreate")
    other_safety.offer_recovery()
    assert path.read_text(encoding="utf-8") == mine
    assert other.episode.dumps() == mine and journals(data_dir) == []
    close(other)


def test_journal_write_failure_is_shown_in_the_banner(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    data_dir.mkdir(parents=True)
    (data_dir / "recovery").write_text("a file where the recovery folder should be")
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Cannot be journaled.")
    assert not safety.recovery.flush(wait=True)
    assert "recovery journal" in safety.banner.text()
    assert safety.banner.isVisibleTo(window)


def test_focus_loss_writes_the_journal_at_once(qtbot, safe_window, tmp_path, data_dir):
    window, safety = safe_window
    safety.recovery.timer.setInterval(600_000)                      # the debounce alone would wait ten minutes
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Written when the window loses focus.")
    assert journals(data_dir) == []
    elsewhere = QWidget()                                           # the focus goes to another window
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: bool(journals(data_dir)), timeout=5000)
    assert "Written when the window loses focus." in JournalInfo.read(journals(data_dir)[0]).text()


def test_opening_a_file_with_an_orphaned_journal_offers_it(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path, expected = crashed_with_edit(window, safety, tmp_path, "From the crashed session.")
    window.undo_stack.setClean()
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other.open_file(path)                                    # e.g. from Recent files, later in the day
    qtbot.waitUntil(lambda: other.episode.dumps() == expected, timeout=5000)
    assert len(other_safety.recovery.ask_restore.calls) == 1
    close(other)


def test_changes_round_trip_through_json_and_odd_values_give_up_the_history():
    step = [Replace(1, Entry.line("Text", "Maya", 64, "1:04")), Insert(2, (Entry.header("Chapter"),)),
            SetMeta("title", "New title")]
    assert [decode(encode(change)) for change in step] == step
    assert encode_history([step]) is not None
    dated = Entry("line", "Text", extra=(("recorded", datetime.date(2026, 11, 28)),))
    assert encode_history([[Replace(1, dated)]]) is None                   # restored from the text instead


def write_as_old_version(file, version: int, disk: bytes, history: bool = True):
    """Replace a journal by the one JSON object the first formats wrote: version 1 with a sha256 of the file's
    bytes, version 2 with savefile.fingerprint; the whole text, and the history when it could be kept."""
    info = JournalInfo.read(file)
    data = {"format": FORMAT, "version": version, "path": info.path, "written": info.written,
            "changes": info.changes, "text": info.text(), "base": info.base if history else None,
            "history": {"steps": encode_history(info.steps), "index": info.index} if history else None}
    if version == 1:
        data["sha256"] = hashlib.sha256(disk).hexdigest()
    else:
        data["digest"] = fingerprint(disk)
    file.unlink()
    old = file.with_suffix(".json")
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return old


@pytest.mark.parametrize("version", [1, 2])
def test_a_journal_in_an_earlier_format_still_restores_with_its_history(qtbot, safe_window, tmp_path, data_dir,
                                                                       player, version):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    edit(window, 1, "Written by an earlier version.")
    edit(window, 2, "Second step.")
    expected = window.episode.dumps()
    assert safety.recovery.flush(wait=True)
    end_session(safety)
    window.undo_stack.setClean()
    write_as_old_version(journals(data_dir)[0], version, path.read_bytes())
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    other_safety.recovery.ask_disk_changed = Recorder("later")      # must not be asked: the fingerprint matches
    assert other_safety.offer_recovery()
    assert other.episode.dumps() == expected and other.undo_stack.count() == 2
    assert other_safety.recovery.ask_disk_changed.calls == []
    close(other)


def test_a_journal_of_an_unknown_version_is_reported_and_kept(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    crashed_with_edit(window, safety, tmp_path, "From a newer editor.")
    window.undo_stack.setClean()
    file = journals(data_dir)[0]
    head, rest = file.read_text(encoding="utf-8").split("\n", 1)
    file.write_text(head.replace('"version": 3', '"version": 99') + "\n" + rest, encoding="utf-8")
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")       # must not be asked
    assert not other_safety.offer_recovery()
    assert other_safety.recovery.ask_restore.calls == []
    assert "version 99" in other_safety.banner.text() and file.exists()
    close(other)


def test_restore_without_history_rebuilds_the_text_as_one_undo_step(qtbot, safe_window, tmp_path, data_dir, player):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    original = path.read_text(encoding="utf-8")
    assert window.open_file(path)
    edit(window, 1, "Restored without history.")
    run(window, "remove", lambda: window.episode.remove(5, 2))
    run(window, "title", lambda: window.episode.set_meta("title", "A new title"))
    expected = window.episode.dumps()
    assert safety.recovery.flush(wait=True)
    end_session(safety)
    window.undo_stack.setClean()
    write_as_old_version(journals(data_dir)[0], 2, path.read_bytes(), history=False)   # some value was not kept
    other, other_safety = second_window(qtbot, tmp_path, player, data_dir)
    other_safety.recovery.ask_restore = Recorder("restore")
    assert other_safety.offer_recovery()
    restored = Episode.loads(expected)
    assert list(other.episode.entries) == list(restored.entries)
    assert other.episode.get_meta("title") == "A new title"
    assert other.undo_stack.count() == 1
    other.undo_stack.undo()
    assert other.episode.dumps() == original
    close(other)


def test_difference_dialog_shows_the_unified_diff(qtbot):
    dialog = DiffDialog("Changes on disk", "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n")
    qtbot.addWidget(dialog)
    assert "-old\n+new" in dialog.view.toPlainText() and dialog.view.isReadOnly()
