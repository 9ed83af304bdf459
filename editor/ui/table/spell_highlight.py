"""Red wavy underlines under unknown words: in the cell editor (a syntax highlighter) and in painted cells
(drawn over text the delegate wrapped into a rect); selecting and replacing a word in the editor."""
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QSyntaxHighlighter,
                           QTextCharFormat, QTextCursor, QTextDocument, QTextLayout, QTextLine, QTextOption)
from PySide6.QtWidgets import QPlainTextEdit

UNDERLINE_COLOR = QColor("#e0282e")
WAVE_PERIOD = 4.0           # pixels from one crest of the painted wave to the next
WAVE_HEIGHT = 2.0


def utf16_index(text: str, index: int) -> int:
    """The Qt (UTF-16) position of Python index `index` in `text` (they differ after emoji and other
    characters beyond the Basic Multilingual Plane)."""
    if text.isascii() or max(text[:index], default="\0") <= "\uffff":
        return index
    return len(text[:index].encode("utf-16-le")) // 2


def python_index(text: str, position: int) -> int:
    """The Python index of Qt (UTF-16) position `position` in `text`."""
    if text.isascii() or max(text, default="\0") <= "\uffff":
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if char > "\uffff" else 1
    return len(text)


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the unknown words of a QTextDocument, block by block, as the user types."""

    def __init__(self, document: QTextDocument, checker=None):
        super().__init__(document)
        self._checker = checker
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(UNDERLINE_COLOR)

    def set_checker(self, checker) -> None:
        """Check with `checker` from now on (None: underline nothing) and redo the underlines."""
        self._checker = checker
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if self._checker is None or not text:
            return
        for start, end, _word in self._checker.unknown_words(text):
            first = utf16_index(text, start)
            self.setFormat(first, utf16_index(text, end) - first, self._format)


def _wave(painter: QPainter, x1: float, x2: float, y: float) -> None:
    """A wavy line from x1 to x2 along y."""
    path = QPainterPath(QPointF(x1, y))
    x, up = x1, True
    while x < x2:
        step = min(WAVE_PERIOD / 2, x2 - x)
        path.lineTo(QPointF(x + step, y - WAVE_HEIGHT / 2 if up else y + WAVE_HEIGHT / 2))
        x, up = x + step, not up
    painter.drawPath(path)


def wrapped_layout(text: str, font: QFont, width: float) -> QTextLayout:
    """`text` laid out in lines as `drawText(rect, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)` wraps it
    into a rect `width` pixels wide, positions relative to the rect's top left."""
    shown = text.replace("\n", "\u2028")               # drawText breaks lines at newlines; a layout does so here
    layout = QTextLayout(shown, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    leading = max(0.0, QFontMetricsF(font).leading())
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height() + leading
    layout.endLayout()
    return layout


def index_at(rect, font: QFont, text: str, point) -> int | None:
    """The Python index of the character of `text` (painted wrapped into `rect` in `font`) under `point`, or None
    when the point lies beside the text."""
    layout = wrapped_layout(text, font, rect.width())
    x, y = point.x() - rect.left(), point.y() - rect.top()
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        if line.y() <= y < line.y() + line.height() and 0 <= x <= line.naturalTextWidth():
            position = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
            return python_index(text, position)
    return None


def paint_misspellings(painter: QPainter, rect, font: QFont, text: str, spans, color: QColor = UNDERLINE_COLOR
                       ) -> None:
    """Draw wavy underlines under `spans` ((start, end, ...) Python indexes) of `text` as
    `painter.drawText(rect, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)` lays it out in `font`."""
    if not spans:
        return
    layout = wrapped_layout(text, font, rect.width())
    metrics = QFontMetricsF(font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, 1.0)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    below = metrics.underlinePos() + WAVE_HEIGHT / 2
    for start, end, *_ in spans:
        first, last = utf16_index(text, start), utf16_index(text, end)
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            begin, finish = max(first, line.textStart()), min(last, line.textStart() + line.textLength())
            if begin >= finish:
                continue
            x1, _ = line.cursorToX(begin)
            x2, _ = line.cursorToX(finish)
            base = rect.top() + line.y() + line.ascent() + below
            if base > rect.bottom():
                break
            _wave(painter, rect.left() + x1, rect.left() + x2, base)
    painter.restore()


def select_word(editor: QPlainTextEdit, start: int, end: int) -> None:
    """Select `text[start:end]` (Python indexes into the editor's whole text) and show it."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(utf16_index(text, start))
    cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def replace_word(editor: QPlainTextEdit, start: int, end: int, replacement: str) -> None:
    """Replace `text[start:end]` of the editor with `replacement` as one step of its undo history."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.setPosition(utf16_index(text, start))
    cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(replacement)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)


def word_at(editor: QPlainTextEdit, checker, position: int | None = None):
    """(start, end, word) of the unknown word under the editor's cursor (or Qt `position`), else None."""
    text = editor.toPlainText()
    at = python_index(text, editor.textCursor().position() if position is None else position)
    for start, end, word in checker.unknown_words(text):
        if start <= at <= end:
            return start, end, word
    return None

