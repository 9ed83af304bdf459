"""Painting of transcript rows and their cell editors: multi-line text, speaker with completion, validated time."""
import itertools

from PySide6.QtCore import QEvent, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import (QApplication, QCompleter, QLineEdit, QMenu, QPlainTextEdit, QStyle,
                               QStyledItemDelegate, QStyleOptionViewItem, QToolTip, QWidget)

from editor.document.timecode import typed_error

from .colors import accent_color, header_color
from .model import HEADER_ROLE, TEXT, TIME, WHO
from .spell_highlight import SpellHighlighter, index_at, paint_misspellings, wrapped_layout

MARGIN = 5          # horizontal text padding inside a cell
VPAD = 3            # vertical text padding inside a cell
CHAPTER_MARK = "§"
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
_sessions = itertools.count(1)


class TextCellEditor(QPlainTextEdit):
    """Multi-line text editor of one cell: Enter commits, Shift+Enter inserts a newline, Esc cancels."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = next(_sessions)
        self.original: str | None = None
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(0)
        self.setViewportMargins(MARGIN - 1, VPAD - 1, MARGIN - 1, 0)

    def text(self) -> str:
        """The text exactly as typed (QTextDocument.toPlainText would turn NBSP into spaces and U+2028 into newlines)."""
        block, parts = self.document().begin(), []
        while block.isValid():
            parts.append(block.text())
            block = block.next()
        return "\n".join(parts)

    def set_text(self, text: str) -> None:
        """Show `text` with the cursor at its end."""
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)


class SpeakerEditor(QLineEdit):
    """Speaker name with completion from the episode's speakers and guests."""

    def __init__(self, speakers: list[str], parent=None):
        super().__init__(parent)
        completer = QCompleter(speakers, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompleter(completer)
        self.setFrame(False)


class TimeEditor(QLineEdit):
    """A time cell validated as you type; `problem` says why the text is refused (None when fine)."""

    problemChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.problem: str | None = None
        self.setFrame(False)
        self.setPlaceholderText("m:ss")
        self.textChanged.connect(self._validate)

    def _validate(self, text: str) -> None:
        self.problem = typed_error(text)
        self.setToolTip(self.problem or "")
        self.setStyleSheet("background: #ffd6d6; color: #8a0000;" if self.problem else "")
        self.problemChanged.emit(self.problem or "")

    def show_problem(self) -> None:
        """Pop up the reason next to the cell."""
        if self.problem:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.problem, self)


class TranscriptDelegate(QStyledItemDelegate):
    """Paints line and chapter-header rows, measures row heights and creates the cell editors."""

    problem = Signal(str)          # a cell editor refuses its text, and why ("" when fixed)
    editorOpened = Signal(QWidget)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.passthrough: list[QKeySequence] = []   # application shortcuts editors must not swallow
        self.spell_checker = None                   # a SpellChecker once loaded: unknown words get underlined
        # Add entries to a text editor's context menu: (editor, position in the editor's viewport, menu).
        self.editor_menu_providers: list = []
        self.find_match: tuple[int, int, int, int] | None = None   # (row, column, start, end) of the found text

    def set_find_match(self, match: tuple[int, int, int, int] | None) -> None:
        """Paint characters start..end of the cell at (row, column) as the found text (None: nothing)."""
        self.find_match = match

    # -- painting and measuring ------------------------------------------------------------------------------
    def header_font(self, base: QFont) -> QFont:
        """The bold, slightly larger font of chapter headers."""
        font = QFont(base)
        font.setBold(True)
        font.setPointSizeF(base.pointSizeF() * 1.1)
        return font

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        header = index.data(HEADER_ROLE)
        if header:
            text = index.siblingAtColumn(TEXT).data() or ""
            if not selected:
                opt.backgroundBrush = header_color(opt.palette)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        rect = opt.rect.adjusted(MARGIN, VPAD, -MARGIN, -VPAD)
        span = self._found_span(index, header, len(text))
        if header:
            painter.fillRect(QRect(opt.rect.left(), opt.rect.top(), 4, opt.rect.height()), accent_color(opt.palette))
            painter.setFont(self.header_font(opt.font))
            prefix = f"{CHAPTER_MARK}  "
            text = f"{prefix}{text}" if text else f"{prefix}(chapter title)"
            span = (span[0] + len(prefix), span[1] + len(prefix)) if span else None
            rect.adjust(6, 0, 0, 0)
        else:
            painter.setFont(opt.font)
        if span is None:
            painter.drawText(rect, WRAP, text)
        else:
            self._draw_with_found(painter, rect, text, span, opt.palette, selected)
        self._underline_unknown_words(painter, rect, painter.font(), text, header, index)
        painter.restore()

    def _found_span(self, index, header: bool, length: int) -> tuple[int, int] | None:
        """The found characters inside this cell, when the find bar shows a match there."""
        match = self.find_match
        if match is None or match[0] != index.row() or (match[1] != index.column() and not header):
            return None
        start, end = match[2], match[3]
        return (start, end) if 0 <= start < end <= length else None

    def _draw_with_found(self, painter, rect: QRect, text: str, span: tuple[int, int], palette: QPalette,
                         selected: bool) -> None:
        """Wrapped text as drawText lays it out, with the found characters in the highlight colours.

        In a selected row (the bar selects the match's row) the colours are swapped so the match stands out.
        """
        highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        highlighted = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
        found = QTextCharFormat()
        found.setBackground(highlighted if selected else highlight)
        found.setForeground(highlight if selected else highlighted)
        part = QTextLayout.FormatRange()
        part.start, part.length, part.format = span[0], span[1] - span[0], found
        wrapped_layout(text, painter.font(), rect.width()).draw(painter, QPointF(rect.topLeft()), [part])

    # -- spelling ---------------------------------------------------------------------------------------------
    def _underline_unknown_words(self, painter, rect, font, text, header, index) -> None:
        """Red wavy lines under the unknown words of a line's text or a chapter title, as painted."""
        if self.spell_checker is None or not (header or index.column() == TEXT):
            return
        words = index.siblingAtColumn(TEXT).data() or ""
        offset = len(text) - len(words) if header else 0       # a title is painted after the chapter mark
        if header and not words:
            return
        spans = [(start + offset, end + offset) for start, end, _word in self.spell_checker.unknown_words(words)]
        paint_misspellings(painter, rect, font, text, spans)

    def editor_menu(self, editor: TextCellEditor, position) -> QMenu:
        """A text editor's context menu: the standard entries, with what each editor menu provider adds."""
        menu = editor.createStandardContextMenu(position)
        for provide in self.editor_menu_providers:
            provide(editor, position, menu)
        return menu

    def _show_editor_menu(self, position) -> None:
        editor = self.sender()
        menu = self.editor_menu(editor, position)
        menu.exec(editor.mapToGlobal(position))
        menu.deleteLater()

    def unknown_word_at(self, view, row: int, point) -> tuple[int, int, str] | None:
        """(start, end, word) of the unknown word painted under `point` (viewport coordinates) in a line's text."""
        model = view.model()
        if self.spell_checker is None or model.is_header(row):
            return None
        index = model.index(row, TEXT)
        rect = view.visualRect(index).adjusted(MARGIN, VPAD, -MARGIN, -VPAD)
        text = index.data() or ""
        at = index_at(rect, view.font(), text, point)
        if at is None:
            return None
        return next(((start, end, word) for start, end, word in self.spell_checker.unknown_words(text)
                     if start <= at < end), None)

    def text_height(self, font: QFont, text: str, width: int) -> int:
        """Height of `text` wrapped into a cell `width` pixels wide, padding included."""
        metrics = QFontMetrics(font)
        inner = max(10, width - 2 * MARGIN)
        height = metrics.boundingRect(QRect(0, 0, inner, 1 << 20), WRAP, text or " ").height()
        return max(height, metrics.height()) + 2 * VPAD

    def row_height(self, model, row: int, widths: list[int], font: QFont) -> int:
        """Height row `row` needs with the given column widths."""
        if model.is_header(row):
            text = f"{CHAPTER_MARK}  {model.entry(row).text}"
            return self.text_height(self.header_font(font), text, sum(widths) - 6) + 4
        entry = model.entry(row)
        return max(self.text_height(font, entry.text, widths[TEXT]),
                   self.text_height(font, entry.who or "", widths[WHO]))

    # -- editors ----------------------------------------------------------------------------------------------
    def createEditor(self, parent, option, index):
        model = index.model()
        if index.column() == WHO:
            editor = SpeakerEditor(model.episode.speakers(), parent)
        elif index.column() == TIME and not index.data(HEADER_ROLE):
            editor = TimeEditor(parent)
            editor.problemChanged.connect(self.problem)
        else:
            editor = TextCellEditor(parent)
            editor.spell_highlighter = SpellHighlighter(editor.document(), self.spell_checker)
            editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            editor.customContextMenuRequested.connect(self._show_editor_menu)
        editor.setFont(option.font)
        if index.data(HEADER_ROLE):
            self._style_header_editor(editor, option.font)
        self.editorOpened.emit(editor)
        return editor

    def _style_header_editor(self, editor: TextCellEditor, base: QFont) -> None:
        """A chapter title is edited where and how it is shown: bold, on the header colour, after the mark."""
        font = self.header_font(base)
        editor.setFont(font)
        palette = editor.palette()
        palette.setColor(QPalette.ColorRole.Base, header_color(palette))
        editor.setPalette(palette)
        indent = MARGIN + 6 + QFontMetrics(font).horizontalAdvance(f"{CHAPTER_MARK}  ")
        editor.setViewportMargins(indent - 1, VPAD - 1, MARGIN - 1, 0)

    def setEditorData(self, editor, index):
        if isinstance(editor, TextCellEditor):
            text = index.siblingAtColumn(TEXT).data(Qt.ItemDataRole.EditRole) or ""
            if editor.text() != text:
                editor.set_text(text)
            if editor.original is None:          # first fill: from now on every keystroke is committed live
                editor.original = text
                editor.textChanged.connect(lambda: self.commitData.emit(editor))
        elif editor.text() != (index.data(Qt.ItemDataRole.EditRole) or "") and not editor.isModified():
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        if isinstance(editor, TextCellEditor):
            if editor.original is not None:
                model.edit(index.row(), TEXT, editor.text(), merge_key=editor.session)
        elif isinstance(editor, TimeEditor):
            if editor.problem is None:
                model.edit(index.row(), TIME, editor.text())
        else:
            model.edit(index.row(), WHO, editor.text())

    def destroyEditor(self, editor, index):
        if isinstance(editor, TextCellEditor) and editor.original is not None:
            editor.textChanged.disconnect()
        super().destroyEditor(editor, index)

    def updateEditorGeometry(self, editor, option, index):
        editor.setGeometry(option.rect)

    def eventFilter(self, editor, event):
        kind = event.type()
        if kind == QEvent.Type.FocusOut and (event.reason() == Qt.FocusReason.PopupFocusReason
                                             or isinstance(QApplication.activeWindow(), QMenu)):
            return False                 # a menu over the editor (spelling suggestions) leaves it open
        if kind == QEvent.Type.ShortcutOverride and self._passes_through(event):
            event.ignore()
            return True
        if kind == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if isinstance(editor, TextCellEditor):
                if enter and mods & Qt.KeyboardModifier.ShiftModifier:
                    editor.insertPlainText("\n")
                    return True
                if enter and not mods & ~Qt.KeyboardModifier.KeypadModifier:
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                    return True
                if key == Qt.Key.Key_Escape:
                    editor.set_text(editor.original)      # live edits revert; the undo step dissolves
                    self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.RevertModelCache)
                    return True
            elif isinstance(editor, TimeEditor) and enter and editor.problem:
                editor.show_problem()
                self.problem.emit(editor.problem)
                return True
        return super().eventFilter(editor, event)

    def _passes_through(self, event) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(seq.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for seq in self.passthrough)
