"""The Replace All preview: each change as row, before → after, with a checkbox; only the checked ones apply."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QVBoxLayout)

from editor.document.search import WHO, FieldChange

ROW, FIELD, BEFORE, AFTER = range(4)
TITLES = ("Row", "In", "Before", "After")
FIELD_NAMES = {WHO: "Speaker", "line": "Text", "header": "Header"}
PARTS_ROLE = Qt.ItemDataRole.UserRole + 1
REMOVED = (QColor("#f6c1bb"), QColor("#5c0b00"))     # background, text of a replaced piece before
INSERTED = (QColor("#bfe8c4"), QColor("#0b3d14"))    # and of the replacement after: readable on light and dark
CONTEXT = 40                                         # characters shown around each change


class PreviewModel(QAbstractTableModel):
    """The planned changes, each checked until the user unchecks it."""

    checkedChanged = Signal()

    def __init__(self, changes: list[FieldChange], parent=None):
        super().__init__(parent)
        self.changes = changes
        self.checked = [True] * len(changes)
        self._parts: dict[tuple[int, int], list[tuple[str, bool]]] = {}

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return TITLES[section]
        return None

    def parts(self, row: int, column: int) -> list[tuple[str, bool]]:
        """The before or after text of one change as (piece, replaced) pieces around its matches."""
        key = (row, column)
        if key not in self._parts:
            self._parts[key] = self.changes[row].parts(after=column == AFTER, context=CONTEXT)
        return self._parts[key]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        change, column = self.changes[index.row()], index.column()
        if column == ROW:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(change.row + 1)              # rows as the table shows them
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
            return None
        if column == FIELD:
            return FIELD_NAMES[change.field] if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "".join(piece for piece, _ in self.parts(index.row(), column))
        if role == PARTS_ROLE:
            return self.parts(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return change.after if column == AFTER else change.before
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == ROW else flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != ROW:
            return False
        self.set_checked([index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_checked(self, rows, checked: bool) -> None:
        """Check or uncheck the changes in `rows`."""
        rows = list(rows)
        for row in rows:
            self.checked[row] = checked
        if rows:
            self.dataChanged.emit(self.index(min(rows), ROW), self.index(max(rows), ROW),
                                  [Qt.ItemDataRole.CheckStateRole])
            self.checkedChanged.emit()

    def chosen(self) -> list[FieldChange]:
        """The checked changes, in reading order."""
        return [change for change, checked in zip(self.changes, self.checked) if checked]


class ChangeDelegate(QStyledItemDelegate):
    """Paints a before or after text on one line with its replaced pieces marked (struck out before)."""

    def paint(self, painter, option, index):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        parts = index.data(PARTS_ROLE) or []
        text = "".join(piece for piece, _ in parts)
        background, foreground = INSERTED if index.column() == AFTER else REMOVED
        marked = QTextCharFormat()
        marked.setBackground(background)
        marked.setForeground(foreground)
        marked.setFontStrikeOut(index.column() == BEFORE)
        ranges, position = [], 0
        for piece, replaced in parts:
            if replaced:
                span = QTextLayout.FormatRange()
                span.start, span.length, span.format = position, len(piece), marked
                ranges.append(span)
            position += len(piece)
        layout = QTextLayout(text.replace("\n", "\u2028"), opt.font)
        layout.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setNumColumns(len(text))
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        rect = opt.rect.adjusted(4, 0, -4, 0)
        top = rect.top() + (rect.height() - (line.height() if line.isValid() else 0)) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


class ReplacePreview(QDialog):
    """Lists every change Replace All would make; "Replace N" applies the checked ones, Cancel none."""

    def __init__(self, changes: list[FieldChange], find_text: str, replacement: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Replace All: preview")
        self.model = PreviewModel(changes, self)
        matches = sum(change.count for change in changes)
        rows = len({change.row for change in changes})
        self.summary = QLabel(f"Replacing “{find_text}” with “{replacement}”: {matches} "
                              f"{'match' if matches == 1 else 'matches'} in {rows} {'row' if rows == 1 else 'rows'}. "
                              "Uncheck the changes to leave out (Space toggles the selected ones).", self)
        self.summary.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(BEFORE, ChangeDelegate(self.view))
        self.view.setItemDelegateForColumn(AFTER, ChangeDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)
        self.check_all = QPushButton("Check all", self)
        self.check_none = QPushButton("Check none", self)
        self.check_all.clicked.connect(lambda: self.model.set_checked(range(len(changes)), True))
        self.check_none.clicked.connect(lambda: self.model.set_checked(range(len(changes)), False))
        self.buttons = QDialogButtonBox(self)
        self.replace_button = self.buttons.addButton("Replace", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.replace_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.checkedChanged.connect(self._update_button)
        row = QHBoxLayout()
        row.addWidget(self.check_all)
        row.addWidget(self.check_none)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.resize(900, 420)
        self._update_button()
        if changes:
            self.view.setCurrentIndex(self.model.index(0, ROW))
        self.view.setFocus()

    def _update_button(self) -> None:
        count = sum(self.model.checked)
        self.replace_button.setText(f"Replace {count}")
        self.replace_button.setEnabled(count > 0)

    def eventFilter(self, watched, event):
        if watched is self.view and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()}) \
                or [self.view.currentIndex().row()]
            rows = [row for row in rows if row >= 0]
            if rows:
                self.model.set_checked(rows, not all(self.model.checked[row] for row in rows))
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> list[FieldChange]:
        """The changes left checked."""
        return self.model.chosen()
