"""The undo step of a marker drag: every move of one drag merges into it, so the stack is right at every moment."""
from editor.document import Episode

from ..table.commands import DocumentCommand


class DragTimeCommand(DocumentCommand):
    """A row's time moved by dragging its marker; later moves of the same drag merge into this one step."""

    ID = 1002

    def __init__(self, episode: Episode, inverse, row: int, original, session):
        super().__init__(episode, "Drag time", inverse)
        self.row = row
        self.original = original      # the entry before the drag began
        self.session = session        # identifies one press-move-release

    def id(self):
        return self.ID

    def mergeWith(self, other):
        if not isinstance(other, DragTimeCommand) or (other.row, other.session) != (self.row, self.session):
            return False
        if self.episode.entries[self.row] == self.original:
            self.episode.apply(self._inverse)   # back where it started: restore the exact original text, no step
            self.setObsolete(True)
        return True
