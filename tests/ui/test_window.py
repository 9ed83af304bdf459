"""The main window: modified marker, Save / Discard / Cancel, save errors, bad files, menus and shortcut help."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from support import answer_next_question, open_sample, read_next_message
from editor.ui.actions import SPECS, ActionId
from editor.ui.shortcuts_dialog import ShortcutsDialog, action_label
from editor.ui.table.model import TEXT

Button = QMessageBox.StandardButton


def edit(window, text="Edited line"):
    window.model.setData(window.model.index(2, TEXT), text)


def test_title_marks_unsaved_changes_until_save_or_undo(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    assert window.windowTitle().startswith("sample-episode.md[*]") and not window.isWindowModified()
    edit(window)
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    edit(window, "Again")
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert not window.isWindowModified(), "undo back to the saved state clears the marker"


def test_cancel_keeps_the_document(qtbot, window, episode_path, tmp_path):
    open_sample(qtbot, window, episode_path)
    edit(window)
    other = tmp_path / "other.md"
    other.write_text(episode_path.read_text(encoding="utf-8"), encoding="utf-8")
    answer_next_question(qtbot, Button.Cancel)
    assert not window.open_file(other)
    assert window.episode.path == episode_path and window.isWindowModified()
    assert window.episode.entries[2].text == "Edited line"


def test_discard_opens_the_other_file_and_writes_nothing(qtbot, window, episode_path, tmp_path):
    original = episode_path.read_bytes()
    open_sample(qtbot, window, episode_path)
    edit(window)
    other = tmp_path / "other.md"
    other.write_bytes(original)
    answer_next_question(qtbot, Button.Discard)
    assert window.open_file(other)
    assert window.episode.path == other and not window.isWindowModified()
    assert episode_path.read_bytes() == original


def test_save_on_close_writes_the_edit(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    edit(window)
    answer_next_question(qtbot, Button.Save)
    assert window.close()
    assert "Edited line" in episode_path.read_text(encoding="utf-8")


def test_cancel_on_close_keeps_the_window_open(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    edit(window)
    answer_next_question(qtbot, Button.Cancel)
    assert not window.close()
    assert window.isVisible() and window.isWindowModified()


def test_failed_save_shows_why_and_keeps_the_edits(qtbot, window, episode_path, tmp_path):
    open_sample(qtbot, window, episode_path)
    edit(window)
    messages = []
    read_next_message(messages)
    assert not window.save_as(tmp_path / "missing-folder" / "x.md")
    assert messages and "missing-folder" in messages[0]
    assert window.isWindowModified() and window.episode.entries[2].text == "Edited line"


def test_file_changed_on_disk_asks_before_overwriting(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    edit(window)
    episode_path.write_text(episode_path.read_text(encoding="utf-8") + "\nsomeone else\n", encoding="utf-8")
    answer_next_question(qtbot, Button.Cancel)
    assert not window.save()
    assert "someone else" in episode_path.read_text(encoding="utf-8")
    answer_next_question(qtbot, Button.Save)
    assert window.save()
    assert "Edited line" in episode_path.read_text(encoding="utf-8")


def test_bad_file_shows_file_line_column_and_window_stays_usable(qtbot, window, episode_path, tmp_path):
    open_sample(qtbot, window, episode_path)
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\ntranscript:\n- line: x\n---\n", encoding="utf-8")
    messages = []
    read_next_message(messages)
    assert not window.open_file(bad)
    assert messages and messages[0].startswith(f"{bad}:")
    assert window.episode.path == episode_path
    edit(window)
    assert window.isWindowModified()


def test_menus_hold_every_action(window):
    in_menus = {action for menu_action in window.menuBar().actions() for action in menu_action.menu().actions()}
    assert all(action in in_menus for _, action in window.actions.all())


def test_shortcut_dialog_lists_the_registry(window):
    dialog = ShortcutsDialog(window.actions, window)
    rows = dict(dialog.rows())
    assert len(rows) == len(SPECS)
    assert rows[action_label(SPECS[ActionId.SET_TIME].text)] == "Ctrl+T"
    assert rows[action_label(SPECS[ActionId.PLAY_PAUSE].text)].split(", ") == [
        "Ctrl+Space", "Media Play", "Toggle Media Play/Pause", "Media Pause"]
    assert rows[action_label(SPECS[ActionId.SPLIT].text)] == "Ctrl+Shift+K"
    dialog.deleteLater()


def test_reload_from_disk_keeps_the_row_and_clears_history(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.table.select_row(5)
    edit(window)
    assert window.reload_from_disk()
    assert window.current_row() == 5 and window.undo_stack.count() == 0 and not window.isWindowModified()


def test_dropping_files_opens_episode_and_media(qtbot, window, episode_path, media_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    def drop(path):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        window.dropEvent(event)
        return event.isAccepted()

    assert drop(episode_path)
    assert window.episode is not None and window.episode.path == episode_path
    with qtbot.waitSignal(window.player.mediaLoaded, timeout=10000):
        assert drop(media_path)
    assert window.player.media_path() == str(media_path)


def test_next_problem_selects_it_and_says_what_it_is(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.model.setData(window.model.index(6, TEXT), window.episode.entries[5].text)
    window.table.select_row(1)
    qtbot.keyClick(window.table, Qt.Key.Key_F8)
    assert window.current_row() == 6
    assert "duplicate-entry" in window.statusBar().currentMessage()
    rows = sorted(p.index for p in window.episode.check())
    earlier = [row for row in rows if row < 6]
    qtbot.keyClick(window.table, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_row() == (earlier[-1] if earlier else rows[-1])


def test_retime_commits_an_open_time_editor_first(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    window.player.seek(4200)
    qtbot.waitUntil(lambda: abs(window.player.position() - 4200) < 100, timeout=5000)
    window.table.select_row(2)
    window.table.edit(window.model.index(2, 0))
    qtbot.waitUntil(lambda: window.table.state() == window.table.State.EditingState, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.episode.entries[2].time == "0:04"


def test_rows_are_numbered_from_one_and_messages_use_those_numbers(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    header = window.table.verticalHeader()
    assert header.isVisible()
    assert [window.model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == ["1", "2", "3"]
    window.model.setData(window.model.index(6, TEXT), window.episode.entries[5].text)
    window.table.select_row(1)
    window.actions[ActionId.NEXT_PROBLEM].trigger()
    assert window.current_row() == 6
    assert window.statusBar().currentMessage().startswith("Row 7: ")


def test_media_shorter_than_the_transcript_is_warned_about(qtbot, window, episode_path, media_path, tmp_path):
    from editor.document import Episode
    from editor.ui.main_window import MEDIA_LENGTH_TOPIC
    open_sample(qtbot, window, episode_path, media_path)
    strip = window.transport.messages
    assert strip.message(MEDIA_LENGTH_TOPIC) is None, "the sample's media covers its transcript"
    late = Episode.load(episode_path)
    last = max(r for r, e in enumerate(late.entries) if e.sec is not None)
    late.set_time(last, 3600)
    late_path = tmp_path / "late.md"
    late.save(late_path)
    assert window.open_file(late_path, media_path)
    qtbot.waitUntil(lambda: strip.message(MEDIA_LENGTH_TOPIC) is not None, timeout=10000)
    message = strip.message(MEDIA_LENGTH_TOPIC)
    assert "sample-episode.mp3" in message and f"row {last + 1}" in message and "1:00:00" in message
    assert strip.isVisibleTo(window)
    assert window.open_file(episode_path, media_path)
    qtbot.waitUntil(lambda: strip.message(MEDIA_LENGTH_TOPIC) is None, timeout=10000)
