"""Spelling in the table's widgets: underlines in the cell editor and in painted cells, word selection and
replacement in the editor, and the unknown word's menu."""
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QTextCharFormat
from PySide6.QtWidgets import QMenu

from editor.document import Episode
from editor.document.spelling import SpellChecker
from editor.ui.table.delegates import TextCellEditor
from editor.ui.table.spell_highlight import (SpellHighlighter, paint_misspellings, replace_word, select_word,
                                             utf16_index, word_at)
from editor.ui.table.spell_menu import NO_SUGGESTIONS, fill_spelling_menu

EPISODE = "---\ntitle: Talk\ntranscript:\n- line: Hello there.\n  who: Ann\n---\n"
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@pytest.fixture
def checker():
    return SpellChecker(Episode.loads(EPISODE), domain={})


def underlined(editor) -> list[tuple[int, int, str]]:
    """(block number, Qt start, text) of every spell-check underline in the editor's document."""
    found = []
    block = editor.document().begin()
    while block.isValid():
        for piece in block.layout().formats():
            if piece.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                units = block.text().encode("utf-16-le")[2 * piece.start:2 * (piece.start + piece.length)]
                found.append((block.blockNumber(), piece.start, units.decode("utf-16-le")))
        block = block.next()
    return found


def test_cell_editor_underlines_unknown_words_as_typed(qtbot, checker):
    editor = TextCellEditor()
    qtbot.addWidget(editor)
    highlighter = SpellHighlighter(editor.document(), checker)
    editor.set_text("We recieve data\nand teh rest")
    assert underlined(editor) == [(0, 3, "recieve"), (1, 4, "teh")]
    editor.textCursor().insertText(" modle")
    assert underlined(editor)[-1] == (1, 13, "modle")
    highlighter.set_checker(None)
    assert underlined(editor) == []


def test_underlines_land_on_the_word_after_emoji(qtbot, checker):
    editor = TextCellEditor()
    qtbot.addWidget(editor)
    SpellHighlighter(editor.document(), checker)
    editor.set_text("\U0001F600 great recieve")
    start = utf16_index(editor.toPlainText(), editor.toPlainText().index("recieve"))
    assert underlined(editor) == [(0, start, "recieve")]
    assert start == editor.toPlainText().index("recieve") + 1


def test_choosing_a_suggestion_in_the_editor_is_one_undo_step(qtbot, checker):
    editor = TextCellEditor()
    qtbot.addWidget(editor)
    editor.set_text("\U0001F600 we recieve it")
    start, end, word = word_at(editor, checker, position=utf16_index(editor.toPlainText(), 6))
    assert word == "recieve"
    select_word(editor, start, end)
    assert editor.textCursor().selectedText() == "recieve"
    replace_word(editor, start, end, checker.suggestions(word)[0])
    assert editor.text() == "\U0001F600 we receive it"
    editor.undo()
    assert editor.text() == "\U0001F600 we recieve it"


def red_columns(image: QImage, top: int, bottom: int) -> set[int]:
    """x of the pixels between rows top..bottom that are (mostly) the underline colour."""
    found = set()
    for y in range(top, bottom):
        for x in range(image.width()):
            color = image.pixelColor(x, y)
            if color.red() > 150 and color.green() < 120 and color.blue() < 120:
                found.add(x)
    return found


def test_painted_underline_sits_under_the_word_on_its_wrapped_line(qtbot):
    font = QFont()
    font.setPixelSize(14)
    metrics = QFontMetrics(font)
    text = "first line words\nsecond recieve here"
    rect = QRect(5, 3, 400, 100)
    image = QImage(420, 110, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(rect, WRAP, text)
    start = text.index("recieve")
    paint_misspellings(painter, rect, font, text, [(start, start + 7, "recieve")])
    painter.end()
    line_height = metrics.lineSpacing()
    second_line = rect.top() + line_height
    columns = red_columns(image, second_line, second_line + line_height + 3)
    left = rect.left() + metrics.horizontalAdvance("second ")
    right = left + metrics.horizontalAdvance("recieve")
    assert columns and min(columns) >= left - 1 and max(columns) <= right + 1
    assert max(columns) - min(columns) >= (right - left) * 0.8
    assert red_columns(image, 0, second_line) == set()


def test_painting_nothing_to_underline_draws_nothing(qtbot):
    image = QImage(50, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_misspellings(painter, QRect(0, 0, 50, 20), QFont(), "fine", [])
    painter.end()
    assert red_columns(image, 0, 20) == set()


def test_spelling_menu_offers_suggestions_everywhere_add_and_ignore(qtbot):
    calls = []
    menu = QMenu()
    menu.addAction("Copy")
    fill_spelling_menu(menu, "recieve", ["receive", "relieve"], replace=lambda s: calls.append(("one", s)),
                       replace_everywhere=lambda s: calls.append(("all", s)),
                       add_to_dictionary=lambda w: calls.append(("add", w)),
                       ignore=lambda w: calls.append(("ignore", w)))
    texts = [a.text() for a in menu.actions()]
    assert texts == ["receive", "relieve", "Replace \u201crecieve\u201d everywhere with", "",
                     "Add \u201crecieve\u201d to dictionary", "Ignore \u201crecieve\u201d in this episode", "", "Copy"]
    actions = menu.actions()
    actions[1].trigger()
    actions[2].menu().actions()[0].trigger()
    actions[4].trigger()
    actions[5].trigger()
    assert calls == [("one", "relieve"), ("all", "receive"), ("add", "recieve"), ("ignore", "recieve")]


def test_spelling_menu_without_suggestions_says_so(qtbot):
    menu = fill_spelling_menu(QMenu(), "zzxq", [], replace=lambda s: None)
    assert [(a.text(), a.isEnabled()) for a in menu.actions()] == [(NO_SUGGESTIONS, False)]
