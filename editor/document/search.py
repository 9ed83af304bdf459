"""Finding and replacing in an episode's entries: literal or regular-expression searches, by field name.

Fields are named as in the file: "line" (a spoken line's text), "header" (a chapter header's text) and "who"
(a line's speaker, searched only when SearchOptions.speakers is set).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .entries import Entry

WHO = "who"
_FIELD_ORDER = {WHO: 0, "line": 1, "header": 1}     # reading order within an entry: speaker, then text


class SearchError(ValueError):
    """The search cannot run: an invalid regular expression or replacement; str() says why, for the user."""


@dataclass(frozen=True)
class SearchOptions:
    """What to look for: `text` literally (or as a regular expression), how to match it, and where."""

    text: str
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False          # `text` is a Python regular expression; replacements may use \1 and \g<name>
    speakers: bool = False       # also search the speakers of lines


@dataclass(frozen=True)
class Match:
    """One occurrence: entry index `row`, `field` ("line", "header" or "who") and character span in that field."""

    row: int
    field: str
    start: int
    end: int

    @property
    def key(self) -> tuple[int, int, int]:
        """Reading-order position: row, then speaker before text, then offset."""
        return (self.row, _FIELD_ORDER[self.field], self.start)


@dataclass(frozen=True)
class Replacement:
    """The entry at `row` after replacing `count` matches in it."""

    row: int
    entry: Entry
    count: int


def compile_search(options: SearchOptions) -> re.Pattern | None:
    """The pattern for `options` (None when there is nothing to find); SearchError for an invalid expression."""
    if not options.text:
        return None
    source = options.text if options.regex else re.escape(options.text)
    flags = 0 if options.match_case else re.IGNORECASE
    try:
        pattern = re.compile(source, flags)      # compiled as typed first, so an error's position is the user's
    except re.error as exc:
        where = f" at {exc.pos + 1}" if exc.pos is not None else ""
        raise SearchError(f"regex error{where}: {exc.msg.split(', ')[0]}") from None
    if not options.whole_word:
        return pattern
    try:
        return re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags)
    except re.error as exc:                      # e.g. global flags such as (?i), which must start a pattern
        raise SearchError(f"regex error: {exc.msg.split(', ')[0]} (as a whole word)") from None


def fields(entry: Entry, speakers: bool) -> list[str]:
    """The searched fields of an entry, in reading order."""
    names = [WHO] if speakers and not entry.is_header and entry.who else []
    return names + [entry.kind]


def field_text(entry: Entry, field: str) -> str:
    """The text of one field of an entry ("" for a speaker it does not have)."""
    if field == WHO:
        return entry.who or ""
    if field != entry.kind:
        raise ValueError(f"a {entry.kind} entry has no field {field!r}")
    return entry.text


def _occurrences(pattern: re.Pattern, text: str):
    """Non-empty matches of `pattern` in `text` (an empty match cannot be shown, stepped over or replaced)."""
    return (m for m in pattern.finditer(text) if m.end() > m.start())


def find_matches(entries: Sequence[Entry], options: SearchOptions) -> list[Match]:
    """Every match in reading order; SearchError for an invalid expression."""
    pattern = compile_search(options)
    if pattern is None:
        return []
    return [Match(row, name, m.start(), m.end()) for row, entry in enumerate(entries)
            for name in fields(entry, options.speakers) for m in _occurrences(pattern, field_text(entry, name))]


def _expand(found: re.Match, replacement: str, options: SearchOptions) -> str:
    """The text replacing one match: `replacement` literally, or with its group references filled in."""
    if not options.regex:
        return replacement
    try:
        return found.expand(replacement)
    except (re.error, IndexError) as exc:
        raise SearchError(f"replacement error: {exc}") from None


def replace_match(entry: Entry, match: Match, replacement: str, options: SearchOptions) -> str | None:
    """The field's new text with `match` replaced; None when the field no longer holds that match there."""
    pattern = compile_search(options)
    text = field_text(entry, match.field)
    found = next((m for m in _occurrences(pattern, text) if m.span() == (match.start, match.end)), None) \
        if pattern is not None else None
    if found is None:
        return None
    return text[:match.start] + _expand(found, replacement, options) + text[match.end:]


def with_field(entry: Entry, field: str, text: str) -> Entry:
    """The entry with one field set as an edit sets it (a speaker stripped, "" clearing it)."""
    if field == WHO:
        return entry.with_fields(who=text.strip() or None)
    field_text(entry, field)
    return entry.with_fields(text=text)


def replace_all(entries: Sequence[Entry], options: SearchOptions, replacement: str) -> list[Replacement]:
    """The entries that replacing every match changes, with their new values and match counts."""
    pattern = compile_search(options)
    if pattern is None:
        return []
    result = []
    for row, entry in enumerate(entries):
        new, count = entry, 0
        for name in fields(entry, options.speakers):
            text = field_text(entry, name)
            parts, position = [], 0
            for found in _occurrences(pattern, text):
                parts += [text[position:found.start()], _expand(found, replacement, options)]
                position = found.end()
                count += 1
            if parts:
                new = with_field(new, name, "".join(parts) + text[position:])
        if count:
            result.append(Replacement(row, new, count))
    return result
