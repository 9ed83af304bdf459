"""Every editing action is one undo step whose undo and redo restore the exact saved text (dumps())."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from support import answer_next_question, open_sample, when_next_message_box
from editor.document import Batch, Replace
from editor.ui.table.commands import DocumentCommand
from editor.ui.table.delegates import TextCellEditor
from editor.ui.table.model import TEXT, TIME, WHO

LINE_ROW = 2


def seek(qtbot, player, ms):
    player.seek(ms)
    qtbot.waitUntil(lambda: abs(player.position() - ms) < 100, timeout=5000)


def open_text_editor(qtbot, window, row):
    window.table.edit_row(row)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextCellEditor), timeout=3000)
    return QApplication.focusWidget()


def split_in_editor(window, qtbot):
    editor = open_text_editor(qtbot, window, LINE_ROW)
    cursor = editor.textCursor()
    cursor.setPosition(8)
    editor.setTextCursor(cursor)
    window.edits.split_at_cursor()


ACTIONS = {
    "set time": lambda w, q: w.edits.set_time_from_playhead(),
    "set time and shift": lambda w, q: w.edits.set_time_and_shift(),
    "insert header": lambda w, q: w.edits.insert_header(),
    "insert line": lambda w, q: w.edits.insert_line(),
    "delete row": lambda w, q: w.edits.delete_row(),
    "merge": lambda w, q: (answer_next_question(q, QMessageBox.StandardButton.Yes), w.edits.merge_with_next()),
    "split": split_in_editor,
    "speaker": lambda w, q: w.model.setData(w.model.index(LINE_ROW, WHO), "Tomas"),
    "time cell": lambda w, q: w.model.setData(w.model.index(LINE_ROW, TIME), "1:02:03"),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_and_redo_restore_exact_text(qtbot, window, episode_path, media_path, name):
    open_sample(qtbot, window, episode_path, media_path)
    seek(qtbot, window.player, 9700)
    window.table.select_row(LINE_ROW, TEXT)
    before = window.episode.dumps()
    ACTIONS[name](window, qtbot)
    window.table.close_editor()
    after = window.episode.dumps()
    assert after != before
    assert window.undo_stack.count() == 1, "one action, one undo step"
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert window.episode.dumps() == before
    assert not window.isWindowModified()
    window.undo_stack.redo()
    assert window.episode.dumps() == after
    window.undo_stack.undo()
    assert window.episode.dumps() == before


def test_set_time_floors_and_writes_sec_and_time(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    seek(qtbot, window.player, 9700)
    window.table.select_row(LINE_ROW)
    window.edits.set_time_from_playhead()
    entry = window.episode.entries[LINE_ROW]
    assert (entry.sec, entry.time) == (9, "0:09")


def test_set_time_and_shift_moves_every_later_timed_line_by_the_same_delta(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    old = [e.sec for e in window.episode.entries]
    seek(qtbot, window.player, old[LINE_ROW] * 1000 + 3500)
    window.table.select_row(LINE_ROW)
    window.edits.set_time_and_shift()
    new = [e.sec for e in window.episode.entries]
    assert new[:LINE_ROW] == old[:LINE_ROW]
    assert all(n == (o + 3 if o is not None else None) for o, n in zip(old[LINE_ROW:], new[LINE_ROW:]))
    assert window.undo_stack.count() == 1


def test_typing_in_one_cell_is_one_undo_step(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    before = window.episode.dumps()
    original = window.episode.entries[LINE_ROW].text
    editor = open_text_editor(qtbot, window, LINE_ROW)
    qtbot.keyClicks(editor, " Yes")
    assert window.episode.entries[LINE_ROW].text == original + " Yes", "typing reaches the document live"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.undo_stack.count() == 1
    editor = open_text_editor(qtbot, window, LINE_ROW)
    qtbot.keyClicks(editor, "!")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.undo_stack.count() == 2, "a second editing session is a second step"
    window.undo_stack.undo()
    assert window.episode.entries[LINE_ROW].text == original + " Yes"
    window.undo_stack.undo()
    assert window.episode.dumps() == before


def test_escape_cancels_typing_and_leaves_no_undo_step(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    before = window.episode.dumps()
    editor = open_text_editor(qtbot, window, LINE_ROW)
    qtbot.keyClicks(editor, "oops")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.episode.dumps() == before
    assert window.undo_stack.count() == 0 and not window.isWindowModified()


def test_shift_enter_inserts_a_newline_and_enter_commits(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    original = window.episode.entries[LINE_ROW].text
    editor = open_text_editor(qtbot, window, LINE_ROW)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "Next")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.episode.entries[LINE_ROW].text == original + "\nNext"
    assert window.table.text_editor() is None


def test_editor_keeps_nbsp_and_line_separators(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.model.setData(window.model.index(LINE_ROW, TEXT), "a\u00a0b\u2028c\u200bd")
    editor = open_text_editor(qtbot, window, LINE_ROW)
    qtbot.keyClicks(editor, "e")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.episode.entries[LINE_ROW].text == "a\u00a0b\u2028c\u200bde"


def test_time_editor_refuses_bad_time_and_says_why(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.table.edit(window.model.index(LINE_ROW, TIME))
    qtbot.waitUntil(lambda: QApplication.focusWidget().__class__.__name__ == "TimeEditor", timeout=3000)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "1:75")
    assert editor.problem == "seconds must be below 60" and editor.toolTip() == editor.problem
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor, "the cell keeps the editor open"
    assert window.statusBar().currentMessage() == "seconds must be below 60"
    editor.selectAll()
    qtbot.keyClicks(editor, "1:15")
    assert editor.problem is None
    qtbot.keyClick(editor, Qt.Key.Key_Return)      # line edits commit from a queued call
    qtbot.waitUntil(lambda: window.episode.entries[LINE_ROW].sec == 75, timeout=3000)
    assert window.episode.entries[LINE_ROW].time == "1:15"


def test_speaker_editor_completes_from_episode_speakers(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.table.edit(window.model.index(LINE_ROW, WHO))
    qtbot.waitUntil(lambda: QApplication.focusWidget().__class__.__name__ == "SpeakerEditor", timeout=3000)
    editor = QApplication.focusWidget()
    model = editor.completer().model()
    names = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert names == window.episode.speakers()
    editor.setText("Tomas")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.episode.entries[LINE_ROW].who == "Tomas", timeout=3000)


def test_edge_cases_say_why_instead_of_failing(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    last = len(window.episode.entries) - 1
    window.table.select_row(last)
    window.edits.merge_with_next()
    assert window.undo_stack.count() == 0 and window.statusBar().currentMessage()
    window.table.select_row(0)                      # a chapter header
    window.edits.set_time_from_playhead()
    window.edits.split_at_cursor()
    assert window.undo_stack.count() == 0
    while len(window.episode.entries):
        window.edits.delete_row()
    assert window.current_row() == -1
    window.edits.insert_line()
    window.table.close_editor()
    window.edits.insert_header()
    window.table.close_editor()
    assert [e.is_header for e in window.episode.entries] == [True, False]
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.episode.dumps() == episode_path.read_text(encoding="utf-8")


def test_one_command_class_records_a_done_operation_or_performs_a_pending_change(episode):
    stack, original = QUndoStack(), episode.dumps()
    stack.push(DocumentCommand(episode, "done", episode.set_text(1, "Done already.")))
    assert episode.entries[1].text == "Done already."              # pushing a done operation changes nothing more
    target = episode.entries[2].with_fields(text="Replayed.")
    stack.push(DocumentCommand(episode, "replayed", pending=Batch((Replace(2, target),))))
    assert episode.entries[2].text == "Replayed."                  # pushing a pending change performs it
    edited = episode.dumps()
    stack.undo()
    stack.undo()
    assert episode.dumps() == original
    stack.redo()
    stack.redo()
    assert episode.dumps() == edited
    with pytest.raises(ValueError):
        DocumentCommand(episode, "neither")


def test_merging_two_speakers_asks_first_and_no_keeps_both(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    entries = window.episode.entries
    row = next(r for r in range(len(entries) - 1) if not entries[r].is_header and not entries[r + 1].is_header
               and entries[r].who and entries[r + 1].who and entries[r].who != entries[r + 1].who)
    count = len(entries)
    questions = []

    def answer(button):
        def act(box):
            questions.append((box.text(), box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
            box.button(button).click()
        when_next_message_box(act)

    window.table.select_row(row)
    answer(QMessageBox.StandardButton.No)
    window.edits.merge_with_next()
    assert len(window.episode.entries) == count and window.undo_stack.count() == 0
    assert len(questions) == 1 and questions[0][1], "asked once, No by default"
    assert f"Row {row + 1}" in questions[0][0]
    answer(QMessageBox.StandardButton.Yes)
    window.edits.merge_with_next()
    assert len(window.episode.entries) == count - 1 and window.undo_stack.count() == 1
