"""House-style text of simple entries written directly: the emitter's output, five times cheaper, and no read-back.

A simple entry holds printable text only (libyaml's printable set, no line breaks), an int `sec` and an `h:mm:ss`
time, and no other keys. For such values libyaml's choice of style is decided by a few rules that are copied here:
a string is plain when no indicator, leading or trailing space, `: ` or ` #` forbids it and PyYAML's resolver
reads it back as a string; otherwise it is single-quoted. Long values fold at a single space once the column
passes 80, continuing at column 4, exactly where libyaml folds them. A fold only turns one space between two
non-spaces into a line break, which every YAML reader turns back into that space, and the rest is written as
itself, so the text reads back as the entry by construction; tests hold the output identical to the emitter's for
every corpus entry and read it back with both readers. Anything outside these rules returns None: the emitter
writes it and the save reads it back.
"""
import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .entries import HEADER, Entry
from .yaml11 import quoted_by_house_style

WIDTH = 80          # libyaml's best_width, as the house style dumps
FOLD_INDENT = 4     # column of a folded value's continuation lines in an item at column 0
STR_TAG = "tag:yaml.org,2002:str"

_PRINTABLE = re.compile("[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+")
_TIME = re.compile(r"[0-9]{1,2}(?::[0-5][0-9]){1,2}")
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_FOLD_AT = re.compile(r"(?<=[^ ]) (?=[^ ])")
_BREAK = "\n" + " " * FOLD_INDENT


class ProvenText(str):
    """An entry's text written by this module: it reads back as the entry by construction (see the docstring)."""


def _plain_allowed(text: str) -> bool:
    """libyaml's block_plain_allowed for printable text without line breaks."""
    first = text[0]
    if first in _FIRST_INDICATORS or text[0] == " " or text[-1] == " " or text[-1] == ":":
        return False
    if first in "?:-" and (len(text) == 1 or text[1] == " "):
        return False
    if text.startswith(("---", "...")):
        return False
    return ": " not in text and " #" not in text


def _fold(text: str, column: int) -> str:
    """`text` as libyaml writes it from `column` on: the first single space between non-spaces found past column
    WIDTH becomes a line break and FOLD_INDENT spaces, and so on along the text."""
    if column + len(text) <= WIDTH + 1:
        return text
    out, start = [], 0
    while (fold := _FOLD_AT.search(text, start + max(WIDTH + 1 - column, 0))) is not None:
        out.append(text[start:fold.start()])
        out.append(_BREAK)
        start, column = fold.end(), FOLD_INDENT
    out.append(text[start:])
    return "".join(out)


class PlainWriter:
    """Writes simple entries; one per save, so that the speakers' names are decided once each."""

    def __init__(self):
        self._resolver = Resolver()
        self._values: dict[str, str | None] = {}

    def value(self, text: str, column: int) -> str | None:
        """`text` written as a mapping value starting at `column`, None when it is not simple."""
        if not text or not _PRINTABLE.fullmatch(text):
            return None
        if (_plain_allowed(text) and not quoted_by_house_style(text)
                and self._resolver.resolve(ScalarNode, text, (True, False)) == STR_TAG):
            return _fold(text, column)
        return "'" + _fold(text.replace("'", "''"), column + 1) + "'"

    def _short(self, text: str, column: int) -> str | None:
        """value() of a short, often repeated value (speakers), decided once."""
        if text not in self._values:
            self._values[text] = self.value(text, column)
        return self._values[text]

    def entry(self, entry: Entry) -> ProvenText | None:
        """The entry's item text at column 0 (`- line: ...` and its keys), None when it is not simple."""
        if entry.extra or (entry.sec is not None and type(entry.sec) is not int):
            return None
        if entry.kind == HEADER:
            if entry.who is not None or entry.sec is not None or entry.time is not None:
                return None         # not written for a header: the save must refuse it, not drop it
            text = self.value(entry.text, len("- header: "))
            return None if text is None else ProvenText("- header: " + text + "\n")
        text = self.value(entry.text, len("- line: "))
        if text is None:
            return None
        parts = ["- line: ", text, "\n"]
        if entry.sec is not None:
            parts.append(f"  sec: {entry.sec}\n")
        if entry.time is not None:
            if not _TIME.fullmatch(entry.time):
                return None
            parts.append(f"  time: '{entry.time}'\n")
        if entry.who is not None:
            who = self._short(entry.who, len("  who: "))
            if who is None:
                return None
            parts.extend(("  who: ", who, "\n"))
        return ProvenText("".join(parts))
