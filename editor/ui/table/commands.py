"""Undo commands over document operations: each keeps the inverse Change the operation returned."""
from PySide6.QtGui import QUndoCommand

from editor.document import Episode


class DocumentCommand(QUndoCommand):
    """An operation already performed on the episode; undo applies its inverse, redo the inverse of that."""

    def __init__(self, episode: Episode, text: str, inverse):
        super().__init__(text)
        self.episode = episode
        self._inverse = inverse
        self._redo = None

    def redo(self):
        if self._redo is not None:          # the first push only records: the operation has already run
            self._inverse = self.episode.apply(self._redo)
            self._redo = None

    def undo(self):
        self._redo = self.episode.apply(self._inverse)
        self._inverse = None


class TypingCommand(DocumentCommand):
    """Text typed into one cell during one editing session; consecutive keystrokes merge into one step."""

    ID = 1001

    def __init__(self, episode: Episode, inverse, row: int, original: str, session):
        super().__init__(episode, "Typing", inverse)
        self.row = row
        self.original = original
        self.session = session

    def id(self):
        return self.ID

    def mergeWith(self, other):
        if not isinstance(other, TypingCommand) or (other.row, other.session) != (self.row, self.session):
            return False
        if self.episode.entries[self.row].text == self.original:
            self.episode.apply(self._inverse)   # back to the exact original entry: the step is a no-op
            self.setObsolete(True)
        return True
