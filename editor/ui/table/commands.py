"""Undo commands over document operations: each keeps the inverse Change of what it did."""
from PySide6.QtGui import QUndoCommand

from editor.document import Change, Episode


class DocumentCommand(QUndoCommand):
    """One undo step of document changes: undo applies the inverse, redo the inverse of that.

    Made either from an operation already performed (`inverse`: what it returned; pushing it changes nothing),
    or with `pending`: a change the push performs (e.g. a step rebuilt from a recovery journal).
    """

    def __init__(self, episode: Episode, text: str, inverse: Change | None = None, *, pending: Change | None = None):
        super().__init__(text)
        if (inverse is None) == (pending is None):
            raise ValueError("a DocumentCommand needs either the inverse of a done operation or a pending change")
        self.episode = episode
        self._inverse = inverse
        self._redo = pending

    def redo(self):
        if self._redo is not None:          # an operation already performed is only recorded by the first push
            self._inverse = self.episode.apply(self._redo)
            self._redo = None

    def undo(self):
        self._redo = self.episode.apply(self._inverse)
        self._inverse = None


class TypingCommand(DocumentCommand):
    """Text typed into one cell during one editing session; consecutive keystrokes merge into one step."""

    ID = 1001

    def __init__(self, episode: Episode, inverse: Change, row: int, original: str, session):
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
