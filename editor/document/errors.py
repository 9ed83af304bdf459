"""Errors of the document layer, each naming the file, line and column it is about."""


class DocumentError(Exception):
    """A problem with an episode file; str() is "PATH:LINE:COL: message" with missing parts left out."""

    def __init__(self, message: str, path=None, line: int | None = None, column: int | None = None):
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(part) for part in (self.path, self.line, self.column if self.line else None) if part is not None]
        return ":".join(where + [" " + self.message]) if where else self.message


class ParseError(DocumentError):
    """The file cannot be read as an episode: encoding, front matter, YAML syntax, shapes or unsafe tags."""


class SaveError(DocumentError):
    """Writing failed or the text about to be written did not read back as the model; the file is untouched."""


class DiskChangedError(SaveError):
    """The file on disk changed since it was loaded or last saved."""


class JournalError(DocumentError):
    """A recovery journal that this version cannot read (written by a newer version, or damaged)."""
