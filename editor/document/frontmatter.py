"""Decoding an episode file and locating its YAML front matter between the `---` lines."""
import re

from .errors import ParseError

_OPENING = re.compile(r"---[ \t]*(\r?\n)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_ANY_MARKER = re.compile(r"^---[ \t]*\r?$", re.M)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character `index`, counting only \\n as a line break."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode(data: bytes, path=None) -> str:
    """The file's text; ParseError with the line and column of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line,
                         exc.start - line_start + 1) from None


def is_plain_yaml(path) -> bool:
    """True for .yaml/.yml files, which hold only YAML (no front matter delimiters)."""
    return path is not None and str(path).lower().endswith((".yaml", ".yml"))


def yaml_region(text: str, path=None) -> tuple[int, int]:
    """Start and end index of the YAML between the opening and closing `---` lines."""
    opening = _OPENING.match(text, 1 if text.startswith("\ufeff") else 0)   # a byte order mark stays as it is
    if not opening:
        marker = _ANY_MARKER.search(text)
        if marker:
            line, _ = position(text, marker.start())
            raise ParseError(f"text before the opening '---' (found on line {line}); "
                             "the front matter must start on the first line", path, 1, 1)
        raise ParseError("no front matter: the file must start with a '---' line", path, 1, 1)
    start = opening.end()
    closing = _CLOSING.search(text, start)
    if not closing:
        line, column = position(text, len(text.rstrip()))      # where the missing line belongs: after the last
        raise ParseError("front matter is not closed by a '---' line (add one after its last line)", path, line,
                         column)
    return start, closing.start()
