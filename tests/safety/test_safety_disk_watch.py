"""External changes: silent reload without local edits, a choice with them, and no silent overwrite on save."""
from PySide6.QtWidgets import QMessageBox

from editor.document import Episode
from safety_helpers import Recorder, copy_sample, data_dir, replace_by_rename, safe_window  # noqa: F401

Button = QMessageBox.StandardButton


def external_edit(path, index, text):
    """The file's text with entry `index` retyped, as another program would write it."""
    episode = Episode.load(path)
    episode.set_text(index, text)
    return episode.dumps()


def test_external_change_without_local_edits_reloads_silently_keeping_the_row(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    safety.disk_watch.ask_external_change = Recorder()          # must not be asked
    window.table.select_row(5, 2)
    replace_by_rename(path, external_edit(path, 2, "Changed by another program."))
    qtbot.waitUntil(lambda: window.episode.entries[2].text == "Changed by another program.", timeout=5000)
    assert window.current_row() == 5
    assert window.undo_stack.isClean()
    assert window.model.index(2, 2).data() == "Changed by another program."
    # the watch is re-armed after the rename-replace: a second replacement is noticed too
    replace_by_rename(path, external_edit(path, 3, "Changed again."))
    qtbot.waitUntil(lambda: window.episode.entries[3].text == "Changed again.", timeout=5000)
    assert str(path) in safety.disk_watch.watched()
    # an in-place write (no rename) is noticed as well
    path.write_text(external_edit(path, 4, "Written in place."), encoding="utf-8")
    qtbot.waitUntil(lambda: window.episode.entries[4].text == "Written in place.", timeout=5000)
    assert safety.disk_watch.ask_external_change.calls == []


def test_own_save_is_not_taken_for_an_external_change(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    safety.disk_watch.ask_external_change = Recorder()
    window.episode_before = window.episode
    window.run_edit("edit", lambda: window.episode.set_text(1, "Mine."))
    assert window.save()
    safety.disk_watch.check()                                    # what the watcher runs once the save's events arrive
    assert window.episode is window.episode_before              # not reloaded
    assert safety.disk_watch.ask_external_change.calls == []


def test_external_change_with_local_edits_asks_and_keep_mine_overwrites_knowingly(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    window.run_edit("edit", lambda: window.episode.set_text(1, "My local correction."))
    shown = []
    safety.disk_watch.ask_external_change = Recorder("diff", "keep")
    safety.disk_watch.show_difference = lambda p, diff: shown.append(diff)
    replace_by_rename(path, external_edit(path, 6, "Their change."))
    qtbot.waitUntil(lambda: window.overwrite_allowed, timeout=5000)
    assert len(safety.disk_watch.ask_external_change.calls) == 2
    assert "-" in shown[0] and "+" in shown[0]
    assert "Their change." in shown[0] and "My local correction." in shown[0]
    assert window.episode.entries[1].text == "My local correction."     # edits kept, not reloaded
    assert safety.banner.isVisibleTo(window) and "next save" in safety.banner.text()
    assert window.save()                                         # no second question (window.ask would fail)
    assert Episode.load(path).entries[1].text == "My local correction."
    assert Episode.load(path).entries[6].text != "Their change."
    assert not safety.banner.message("disk")


def test_external_change_with_local_edits_reload_after_confirmation(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    window.table.select_row(7, 2)
    window.run_edit("edit", lambda: window.episode.set_text(1, "Lost on purpose."))
    safety.disk_watch.ask_external_change = Recorder("reload", "reload")
    safety.disk_watch.confirm_reload = Recorder(False, True)     # the first confirmation is refused: asked again
    replace_by_rename(path, external_edit(path, 6, "Their change."))
    qtbot.waitUntil(lambda: window.episode.entries[6].text == "Their change.", timeout=5000)
    assert window.episode.entries[1].text != "Lost on purpose."
    assert window.undo_stack.isClean() and window.current_row() == 7
    assert len(safety.disk_watch.confirm_reload.calls) == 2


def test_save_onto_a_file_changed_since_load_is_never_silent(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    window.run_edit("edit", lambda: window.episode.set_text(1, "Mine."))
    theirs = external_edit(path, 6, "Theirs.")
    path.write_text(theirs, encoding="utf-8")                    # saved before the watcher gets a chance
    window.ask = Recorder(Button.Cancel)
    assert not window.save()
    assert path.read_text(encoding="utf-8") == theirs            # untouched
    assert window.episode.entries[1].text == "Mine." and not window.undo_stack.isClean()
    assert window.ask.calls and "changed on disk" in window.ask.calls[0][0].lower()


def test_file_deleted_on_disk_keeps_the_document_and_says_so(qtbot, safe_window, tmp_path):
    window, safety = safe_window
    path = copy_sample(tmp_path / "ep")
    assert window.open_file(path)
    safety.disk_watch.ask_external_change = Recorder()
    path.unlink()
    qtbot.waitUntil(lambda: bool(safety.banner.message("disk")), timeout=5000)
    assert "deleted or moved" in safety.banner.message("disk")
    assert len(window.episode.entries) > 0 and window.model.rowCount() == len(window.episode.entries)
