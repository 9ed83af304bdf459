"""A table model over an Episode's entries (time, speaker, text); edits become undo commands on one QUndoStack."""
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QUndoStack

from editor.document import Episode, Insert, Remove, Replace, format_time
from editor.document.checks import entry_problems
from editor.document.timecode import typed_error, typed_time

from .colors import playing_color, suspect_color
from .commands import DocumentCommand, TypingCommand

TIME, WHO, TEXT = range(3)
HEADER_ROLE = Qt.ItemDataRole.UserRole + 1
PLAYING_ROLE = Qt.ItemDataRole.UserRole + 2
TITLES = ("Time", "Speaker", "Text")
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
BACKGROUND, FOREGROUND, FONT = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
DATA_ROLES = frozenset({DISPLAY, EDIT, HEADER_ROLE, PLAYING_ROLE, BACKGROUND, FOREGROUND, FONT,
                        Qt.ItemDataRole.ToolTipRole})


_TIME_CODES = ("time-malformed", "time-mismatch", "time-missing")


def time_problem(entry) -> str | None:
    """Why a line's time looks wrong (the time problems of checks.entry_problems), else None."""
    found = [message for code, message in entry_problems(entry) if code in _TIME_CODES]
    return "; ".join(found) or None


class TranscriptModel(QAbstractTableModel):
    """One row per entry; follows every document change through the episode's listener hooks."""

    editRefused = Signal(str)   # why an edit was not applied (bad time, ...)

    def __init__(self, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.episode: Episode | None = None
        self._entries = ()
        self.playing_row = -1
        self._bold = QFont()
        self._bold.setBold(True)

    # -- document ---------------------------------------------------------------------------------------------
    def set_episode(self, episode: Episode | None) -> None:
        """Show `episode` (None: empty table)."""
        self.beginResetModel()
        if self.episode is not None:
            self.episode.remove_listener(self)
        self.episode = episode
        self._entries = episode.entries if episode is not None else ()   # a live read-only view
        self.playing_row = -1
        if episode is not None:
            episode.add_listener(self)
        self.endResetModel()

    def about_to_apply(self, change) -> None:
        """Document hook: announce rows about to be inserted or removed."""
        if isinstance(change, Insert):
            self.beginInsertRows(QModelIndex(), change.index, change.index + len(change.entries) - 1)
        elif isinstance(change, Remove):
            self.beginRemoveRows(QModelIndex(), change.index, change.index + change.count - 1)

    def applied(self, change) -> None:
        """Document hook: finish an insert/remove, or report a replaced row."""
        if isinstance(change, Insert):
            self.endInsertRows()
        elif isinstance(change, Remove):
            if self.playing_row >= change.index:
                self.playing_row = -1
            self.endRemoveRows()
        elif isinstance(change, Replace):
            self.dataChanged.emit(self.index(change.index, TIME), self.index(change.index, TEXT))

    def entry(self, row: int):
        """The entry shown in `row`."""
        return self._entries[row]

    def is_header(self, row: int) -> bool:
        """Whether `row` is a chapter header."""
        return self._entries[row].is_header

    # -- Qt model ---------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
                return TITLES[section]
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in DATA_ROLES or self.episode is None or not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == DISPLAY or role == EDIT:
            if column == TEXT:
                return entry.text
            if entry.is_header:
                return ""
            return (entry.time or "") if column == TIME else (entry.who or "")
        if role == HEADER_ROLE:
            return entry.is_header
        if role == PLAYING_ROLE:
            return index.row() == self.playing_row
        if role == BACKGROUND:
            return playing_color() if index.row() == self.playing_row else None
        if role == FONT:
            return self._bold if entry.is_header else None
        if column != TIME:
            return None
        problem = time_problem(entry)
        if role == FOREGROUND:
            return suspect_color() if problem else None
        return problem or (f"sec: {entry.sec}" if entry.sec is not None else None)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.is_header(index.row()) or index.column() in (TIME, TEXT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.edit(index.row(), index.column(), value)

    # -- edits ------------------------------------------------------------------------------------------------
    def edit(self, row: int, column: int, value, merge_key=None) -> bool:
        """Apply a cell edit as one undo command; text edits with the same `merge_key` merge into one step."""
        entry = self.episode.entries[row]
        if entry.is_header or column == TEXT:
            text = str(value)
            if text == entry.text:
                return True
            inverse = self.episode.set_text(row, text)
            if merge_key is None:
                self.undo_stack.push(DocumentCommand(self.episode, "Edit text", inverse))
            else:
                self.undo_stack.push(TypingCommand(self.episode, inverse, row, entry.text, merge_key))
            return True
        if column == WHO:
            who = str(value or "").strip() or None
            if who == entry.who:
                return True
            self.undo_stack.push(DocumentCommand(self.episode, "Set speaker", self.episode.set_speaker(row, who)))
            return True
        text = str(value or "").strip()
        problem = typed_error(text)
        if problem:
            self.editRefused.emit(f"'{text}' is not a time: {problem}")
            return False
        seconds = typed_time(text)
        same = seconds == entry.sec and entry.time == (format_time(seconds) if seconds is not None else None)
        if same and not self.episode.time_unquoted(row):
            return True                      # already exactly that time: no empty undo step (unquoted: quote it)
        self.undo_stack.push(DocumentCommand(self.episode, "Set time", self.episode.set_time(row, seconds)))
        return True

    def set_playing_row(self, row: int) -> None:
        """Highlight `row` as the one being spoken (-1: none)."""
        if row == self.playing_row:
            return
        old, self.playing_row = self.playing_row, row
        for changed in (old, row):
            if 0 <= changed < self.rowCount():
                self.dataChanged.emit(self.index(changed, TIME), self.index(changed, TEXT),
                                      [Qt.ItemDataRole.BackgroundRole])
