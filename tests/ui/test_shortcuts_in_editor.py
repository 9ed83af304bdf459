"""Playback and editing shortcuts work while the cursor is inside a cell editor, and never type characters."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from support import answer_next_question, open_sample
from editor.ui.actions import SPECS, ActionId
from editor.ui.table.delegates import TextCellEditor
from editor.ui.table.model import TEXT, TIME, WHO

LINE_ROW = 2          # a spoken, timed line of the sample
KEYED = [i for i, spec in SPECS.items()
         if spec.menu in ("Edit", "Playback") and spec.keys and isinstance(spec.keys[0], str)]


def press(qtbot, widget, sequence: str):
    """Press a key sequence like "Ctrl+Shift+K" on `widget` as a user would."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def open_editor(qtbot, window, row, column):
    window.table.edit_row(row, column) if column == TEXT else window.table.edit(window.model.index(row, column))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), (TextCellEditor, QLineEdit)), timeout=3000)
    return QApplication.focusWidget()


@pytest.mark.parametrize("action_id", KEYED, ids=lambda i: i.name)
@pytest.mark.parametrize("column", [TEXT, WHO, TIME], ids=["text", "speaker", "time"])
def test_every_shortcut_fires_inside_every_cell_editor(qtbot, window, episode_path, media_path, action_id, column):
    open_sample(qtbot, window, episode_path, media_path if SPECS[action_id].enabled_when == "media" else None)
    editor = open_editor(qtbot, window, LINE_ROW, column)
    before = editor.text()
    fired = []
    window.actions[action_id].triggered.connect(lambda *_: fired.append(action_id))
    if action_id == ActionId.MERGE:         # the row's next line has another speaker: the merge asks first
        answer_next_question(qtbot, QMessageBox.StandardButton.No)
    press(qtbot, editor, SPECS[action_id].keys[0])
    assert fired == [action_id]
    if QApplication.focusWidget() is editor:
        assert editor.text() == before, "the shortcut typed into the editor"


def test_retime_inside_text_editor_keeps_the_text_and_editor(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    window.player.seek(5400)
    qtbot.waitUntil(lambda: abs(window.player.position() - 5400) < 100, timeout=5000)
    editor = open_editor(qtbot, window, LINE_ROW, TEXT)
    text = editor.text()
    press(qtbot, editor, "Ctrl+T")
    entry = window.episode.entries[LINE_ROW]
    assert (entry.sec, entry.time, entry.text) == (5, "0:05", text)
    assert QApplication.focusWidget() is editor and editor.text() == text
    assert window.undo_stack.count() == 1


def test_split_at_text_cursor_while_editing(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    window.player.seek(8000)
    qtbot.waitUntil(lambda: abs(window.player.position() - 8000) < 100, timeout=5000)
    original = window.episode.entries[LINE_ROW]
    editor = open_editor(qtbot, window, LINE_ROW, TEXT)
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    for _ in range(6):
        qtbot.keyClick(editor, Qt.Key.Key_Right)
    press(qtbot, editor, "Ctrl+Shift+K")
    first, second = window.episode.entries[LINE_ROW], window.episode.entries[LINE_ROW + 1]
    assert first.text + " " + second.text == original.text and first.text == original.text[:5]   # the space goes
    assert (second.who, second.sec, second.time) == (original.who, 8, "0:08")
    assert window.current_row() == LINE_ROW + 1
    assert window.undo_stack.count() == 1
