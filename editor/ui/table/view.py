"""The transcript table: rows numbered from 1, chapter headers span the row, text wraps, rows on screen sized lazily."""
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from .colors import playing_accent
from .delegates import VPAD, TextCellEditor, TranscriptDelegate
from .model import TEXT, TIME, WHO, TranscriptModel


PLAYING_MARK_WIDTH = 4  # the bar at the left edge of the row being spoken, visible on a selected row too
# Adds a feature's entries to the context menu of a row: (row, position in the viewport, menu).
MenuProvider = Callable[[int, QPoint, QMenu], None]
EMPTY_TEXT = "No episode open.\n\nFile > Open (Ctrl+O), File > Open Recent, or drop an episode file here."


class TranscriptView(QTableView):
    """A QTableView over a TranscriptModel; only rows on screen get measured, so 20,000 entries stay fast."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.delegate = TranscriptDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.editorOpened.connect(self._remember_editor)
        self._editor = None
        self.menu_providers: list[MenuProvider] = []   # each feature appends one; the menu shows what they add
        self._line_column = TEXT       # column the cursor returns to after passing through a header row
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(False)
        self.setShowGrid(False)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 2 * VPAD)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setHighlightSections(False)
        header.sectionResized.connect(self.schedule_fit)
        self.verticalScrollBar().valueChanged.connect(self.schedule_fit)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)

    # -- model ------------------------------------------------------------------------------------------------
    def setModel(self, model: TranscriptModel):
        super().setModel(model)
        model.modelReset.connect(self._reset_spans)
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsRemoved.connect(self.schedule_fit)
        model.dataChanged.connect(self._data_changed)
        self.setColumnWidth(TIME, self.fontMetrics().horizontalAdvance("0:00:00") + 24)
        self.setColumnWidth(WHO, self.fontMetrics().horizontalAdvance("M") * 9)
        self.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)   # never wider than the view
        self._reset_spans()

    def _reset_spans(self) -> None:
        self.clearSpans()
        model = self.model()
        for row in range(model.rowCount()):
            if model.is_header(row):
                self.setSpan(row, TIME, 1, 3)
        self.schedule_fit()

    def _rows_inserted(self, parent, first, last) -> None:
        for row in range(first, last + 1):
            self._update_span(row)
        self.schedule_fit()

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles and Qt.ItemDataRole.EditRole not in roles:
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._update_span(row)
            self.setRowHeight(row, self._row_height(row))

    def _update_span(self, row: int) -> None:
        spanning = self.columnSpan(row, TIME) > 1
        if self.model().is_header(row) != spanning:
            self.setSpan(row, TIME, 1, 3 if not spanning else 1)

    # -- lazy row heights -------------------------------------------------------------------------------------
    def schedule_fit(self, *_args) -> None:
        """Measure the rows on screen once the event loop is idle."""
        self._fit_timer.start()

    def _row_height(self, row: int) -> int:
        widths = [self.columnWidth(c) for c in (TIME, WHO, TEXT)]
        return self.delegate.row_height(self.model(), row, widths, self.font())

    def fit_visible_rows(self) -> None:
        """Give every row on screen the height its wrapped text needs."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        bar = self.verticalScrollBar()
        at_end = bar.value() == bar.maximum() > 0
        row = max(0, self.rowAt(0))
        y, bottom = self.rowViewportPosition(row), self.viewport().height()
        changed = False
        while row < model.rowCount() and y < bottom:
            height = self._row_height(row)
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)
                changed = True
            y += height
            row += 1
        if changed and at_end:        # the last rows grew: keep the very end in view and measure what it reveals
            self.updateGeometries()
            bar.setValue(bar.maximum())
            self.schedule_fit()

    def paintEvent(self, event):
        super().paintEvent(event)
        self._paint_playing_mark()
        self._paint_current_cell()
        if self.model() is not None and self.model().episode is None:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)

    def _paint_playing_mark(self) -> None:
        model = self.model()
        row = model.playing_row if model is not None else -1
        if not 0 <= row < model.rowCount():
            return
        rect = self.visualRect(model.index(row, TIME))
        if rect.isValid():
            painter = QPainter(self.viewport())
            painter.fillRect(QRect(rect.left(), rect.top(), PLAYING_MARK_WIDTH, rect.height()),
                             playing_accent(self.palette()))

    def _paint_current_cell(self) -> None:
        """Outline the current cell inside the selected row: the cell F2 edits and arrow keys move from."""
        index = self.currentIndex()
        if not index.isValid() or self.model().is_header(index.row()) or self.state() == self.State.EditingState:
            return
        rect = self.visualRect(index).adjusted(1, 1, -2, -2)
        if not rect.isValid():
            return
        selected = self.selectionModel().isSelected(index)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        painter = QPainter(self.viewport())
        pen = QPen(self.palette().color(role), 1, Qt.PenStyle.DotLine if not self.hasFocus() else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawRect(rect)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.schedule_fit()

    # -- navigation and editing -------------------------------------------------------------------------------
    def current_row(self) -> int:
        """The row of the current index, or -1."""
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int | None = None) -> None:
        """Make `row` current (keeping the column unless given) and bring it into view."""
        if not 0 <= row < self.model().rowCount():
            return
        if column is None:
            column = self._line_column
        if self.model().is_header(row):
            column = TIME
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.reveal_row(row)

    def reveal_row(self, row: int) -> None:
        """Scroll so `row` is on screen, centred when it was off screen."""
        index = self.model().index(row, TIME)
        rect = self.visualRect(index)
        if rect.isValid() and rect.top() >= 0 and rect.bottom() <= self.viewport().height():
            return
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.fit_visible_rows()
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def edit_row(self, row: int, column: int = TEXT) -> None:
        """Open the editor of a cell (the text of a line, the title of a header)."""
        if self.model().is_header(row):
            column = TIME
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.reveal_row(row)
        self.edit(index)

    def text_editor(self) -> TextCellEditor | None:
        """The open text editor of the current row, if any."""
        editor = self._editor
        if isinstance(editor, TextCellEditor) and self.state() == QAbstractItemView.State.EditingState:
            return editor
        return None

    def close_editor(self) -> None:
        """Commit and close the open cell editor, if any."""
        editor = self._editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, TranscriptDelegate.EndEditHint.NoHint)
        self._editor = None

    def _remember_editor(self, editor) -> None:
        self._editor = editor
        editor.destroyed.connect(lambda *_: self._forget_editor(editor))

    def _forget_editor(self, editor) -> None:
        if self._editor is editor:
            self._editor = None

    def keyPressEvent(self, event):
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers()
                and self.state() != QAbstractItemView.State.EditingState and self.currentIndex().isValid()):
            self.edit_row(self.current_row())          # Enter edits the text; F2 edits the current cell
            return
        super().keyPressEvent(event)

    def row_menu(self, row: int, position: QPoint) -> QMenu:
        """The context menu of `row` (clicked at `position` in the viewport): what every menu provider adds."""
        menu = QMenu(self)
        for provide in self.menu_providers:
            provide(row, position, menu)
        return menu

    def contextMenuEvent(self, event):
        position = event.pos()
        row = self.rowAt(position.y())
        if row < 0 or not self.menu_providers:
            return super().contextMenuEvent(event)
        self.select_row(row)
        menu = self.row_menu(row, position)
        if not menu.isEmpty():
            menu.exec(event.globalPos())
        menu.deleteLater()
        event.accept()

    def moveCursor(self, action, modifiers):
        index = super().moveCursor(action, modifiers)
        current = self.currentIndex()
        if (index.isValid() and current.isValid() and self.model().is_header(current.row())
                and not self.model().is_header(index.row())):
            index = index.siblingAtColumn(self._line_column)
        return index

    def currentChanged(self, current: QModelIndex, previous: QModelIndex):
        super().currentChanged(current, previous)
        if current.isValid() and not self.model().is_header(current.row()):
            self._line_column = current.column()
        if current.isValid() and current.row() != previous.row():
            self.schedule_fit()
