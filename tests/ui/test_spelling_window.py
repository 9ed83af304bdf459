"""Spell checking in the real window, by keyboard and context menu: underlines, F7 / Shift+F7, Ctrl+. suggestions,
corrections as one undo step, the user's dictionary file and words ignored in the episode."""
import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from editor.ui.table.delegates import MARGIN, VPAD
from editor.ui.table.model import TEXT, WHO
from editor.ui.table.spell_highlight import UNDERLINE_COLOR
from support import open_sample

TYPO_ROW, TYPO, RIGHT = 2, "beehivs", "beehives"          # "...who keeps three beehives on the roof of a bakery."
SECOND_ROW, SECOND, SECOND_RIGHT = 3, "braed", "bread"   # "The bakery smells of bread, ..."


@pytest.fixture
def typo_path(episode_path):
    """The sample episode with two misspelled words."""
    text = episode_path.read_text(encoding="utf-8")
    text = text.replace(f"three {RIGHT}", f"three {TYPO}", 1).replace(f"of {SECOND_RIGHT},", f"of {SECOND},", 1)
    episode_path.write_text(text, encoding="utf-8")
    return episode_path


@pytest.fixture
def opened(qtbot, window, typo_path):
    """The window with the misspelled episode open and the spell checker loaded."""
    open_sample(qtbot, window, typo_path)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=10000)
    window.table.setFocus()
    return window


def press(qtbot, window, sequence: str) -> None:
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def red_pixels(window, row: int) -> int:
    """How many pixels of the underline colour the table shows in `row`'s text cell."""
    view = window.table
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    rect = view.visualRect(window.model.index(row, TEXT))
    wanted = UNDERLINE_COLOR
    count = 0
    for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1):
        for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1):
            colour = QColor(image.pixel(x, y))
            if (abs(colour.red() - wanted.red()) < 40 and abs(colour.green() - wanted.green()) < 60
                    and abs(colour.blue() - wanted.blue()) < 60):
                count += 1
    return count


def word_point(window, row: int, word: str) -> QPoint:
    """Where `word` is painted in `row`'s text cell (one-line text), in viewport coordinates."""
    view = window.table
    text = window.episode.entries[row].text
    rect = view.visualRect(window.model.index(row, TEXT)).adjusted(MARGIN, VPAD, -MARGIN, -VPAD)
    metrics = QFontMetrics(view.font())
    start = text.index(word)
    return QPoint(rect.left() + metrics.horizontalAdvance(text[:start + 2]), rect.top() + metrics.height() // 2)


def suggest(qtbot, window) -> None:
    """Press Ctrl+. and wait until the keyboard focus is back from the menu."""
    press(qtbot, window, "Ctrl+.")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)


def choose_in_next_popup(text: str, chosen: list) -> None:
    """Trigger the entry `text` of the next popup menu (Ctrl+. runs it modally), noting the entries offered."""
    def act():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, act)
            return
        chosen.extend(action.text() for action in menu.actions())
        action = next(action for action in menu.actions() if action.text() == text)
        menu.close()
        action.trigger()
    QTimer.singleShot(0, act)


def test_misspelled_words_get_a_red_underline_in_the_table(opened):
    assert red_pixels(opened, TYPO_ROW) > 10
    assert red_pixels(opened, 1) == 0                   # every word of row 2 is known


def test_f7_opens_the_cell_with_the_word_selected_and_shift_f7_goes_back(qtbot, opened):
    opened.table.select_row(1)
    press(qtbot, opened, "F7")
    editor = opened.table.text_editor()
    assert opened.current_row() == TYPO_ROW and editor.textCursor().selectedText() == TYPO
    press(qtbot, opened, "F7")
    assert opened.current_row() == SECOND_ROW
    assert opened.table.text_editor().textCursor().selectedText() == SECOND
    press(qtbot, opened, "Shift+F7")
    assert opened.current_row() == TYPO_ROW
    assert opened.table.text_editor().textCursor().selectedText() == TYPO
    assert opened.undo_stack.count() == 0                # looking changes nothing


def test_a_suggestion_replaces_the_word_as_one_undo_step_and_undo_restores_the_file(qtbot, opened, typo_path):
    original = typo_path.read_bytes()
    opened.table.select_row(TYPO_ROW)
    offered = []
    choose_in_next_popup(RIGHT, offered)
    suggest(qtbot, opened)
    assert RIGHT in offered and any("dictionary" in entry for entry in offered)
    assert f"three {RIGHT} on" in opened.episode.entries[TYPO_ROW].text
    assert opened.undo_stack.count() == 1
    assert opened.save()
    changed = [line for line in typo_path.read_bytes().splitlines() if line not in original.splitlines()]
    assert len(changed) == 1 and RIGHT.encode() in changed[0]
    press(qtbot, opened, "Ctrl+Z")
    assert opened.save()
    assert typo_path.read_bytes() == original


def test_ctrl_dot_in_the_open_editor_corrects_the_word_at_the_cursor(qtbot, opened):
    opened.table.select_row(1)
    press(qtbot, opened, "F7")                          # the editor opens with the word selected
    editor = opened.table.text_editor()
    choose_in_next_popup(RIGHT, [])
    suggest(qtbot, opened)
    assert opened.table.text_editor() is editor and f"three {RIGHT} on" in editor.text()
    assert f"three {RIGHT} on" in opened.episode.entries[TYPO_ROW].text
    assert opened.undo_stack.count() == 1


def test_replace_everywhere_from_the_context_menu_is_one_step(qtbot, opened, typo_path):
    shout = f" {TYPO.capitalize()}!"
    opened.run_edit("Typo", lambda: opened.episode.set_text(5, opened.episode.entries[5].text + shout))
    opened.undo_stack.clear()
    menu = opened.table.row_menu(TYPO_ROW, word_point(opened, TYPO_ROW, TYPO))
    everywhere = next(action.menu() for action in menu.actions() if action.menu() is not None)
    next(action for action in everywhere.actions() if action.text() == RIGHT).trigger()
    assert f"three {RIGHT} on" in opened.episode.entries[TYPO_ROW].text
    assert opened.episode.entries[5].text.endswith(f" {RIGHT.capitalize()}!")
    assert opened.undo_stack.count() == 1
    opened.undo_stack.undo()
    assert TYPO in opened.episode.entries[TYPO_ROW].text and opened.episode.entries[5].text.endswith(shout)


def test_add_to_dictionary_saves_the_word_and_removes_the_underline(qtbot, opened, tmp_path):
    assert red_pixels(opened, TYPO_ROW) > 10
    menu = opened.table.row_menu(TYPO_ROW, word_point(opened, TYPO_ROW, TYPO))
    assert RIGHT in [action.text() for action in menu.actions()]
    next(action for action in menu.actions() if "to dictionary" in action.text()).trigger()
    dictionary = opened.spelling.dictionary
    assert dictionary.is_relative_to(tmp_path)          # the test's data folder, never the user's
    assert dictionary.name == "dictionary.txt" and dictionary.read_text(encoding="utf-8") == f"{TYPO}\n"
    assert red_pixels(opened, TYPO_ROW) == 0
    assert opened.undo_stack.count() == 0


def test_ignore_in_this_episode_lasts_until_another_episode_opens(qtbot, opened, typo_path):
    menu = opened.table.row_menu(SECOND_ROW, word_point(opened, SECOND_ROW, SECOND))
    next(action for action in menu.actions() if "Ignore" in action.text()).trigger()
    assert red_pixels(opened, SECOND_ROW) == 0
    assert opened.open_file(typo_path)
    qtbot.waitUntil(lambda: red_pixels(opened, SECOND_ROW) > 10, timeout=3000)


def test_the_context_menu_beside_the_words_offers_no_spelling(opened):
    rect = opened.table.visualRect(opened.model.index(TYPO_ROW, TEXT))
    assert opened.table.row_menu(TYPO_ROW, QPoint(rect.right() - 3, rect.center().y())).isEmpty()
    assert opened.table.row_menu(TYPO_ROW, word_point(opened, TYPO_ROW, "bakery")).isEmpty()


def test_a_name_the_episode_gains_becomes_known_after_a_pause_in_editing(qtbot, opened):
    name = "Zorblatt"
    opened.spelling.reread_timer.setInterval(100)       # the pause the window waits for, shortened
    opened.run_edit("Name", lambda: opened.episode.set_text(5, f"Ask {name} about it."))
    assert not opened.spelling.checker.is_known(name)
    opened.model.setData(opened.model.index(5, WHO), name)      # now a speaker of the episode
    assert not opened.spelling.checker.is_known(name)           # not at once: after the pause
    qtbot.waitUntil(lambda: opened.spelling.checker.is_known(name), timeout=5000)


def test_the_open_editors_own_context_menu_offers_suggestions_above_its_standard_entries(qtbot, opened):
    opened.table.select_row(1)
    press(qtbot, opened, "F7")
    editor = opened.table.text_editor()
    cursor = editor.textCursor()
    cursor.setPosition(cursor.selectionStart() + 2)
    menu = opened.table.delegate.editor_menu(editor, editor.cursorRect(cursor).center())
    texts = [action.text() for action in menu.actions()]
    copy = next(i for i, text in enumerate(texts) if "Copy" in text)
    assert RIGHT in texts[:copy]                        # the suggestions come first
    menu.actions()[texts.index(RIGHT)].trigger()
    assert f"three {RIGHT} on" in editor.text() and f"three {RIGHT} on" in opened.episode.entries[TYPO_ROW].text
    assert opened.undo_stack.count() == 1
