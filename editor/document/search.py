"""Finding and replacing in an episode's entries: literal or regular-expression searches, by field name.

Fields are named as in the file: "line" (a spoken line's text), "header" (a chapter header's text) and "who"
(a line's speaker). The scope says which are searched: "text" (the Text column: lines and headers), "speakers",
"headers" (chapter headers only) or "all" (text and speakers).
MatchScan counts matches in slices of bounded time, so a window searching 100,000 entries stays responsive.
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from .entries import HEADER, LINE, Entry

WHO = "who"
_FIELD_ORDER = {WHO: 0, LINE: 1, HEADER: 1}     # reading order within an entry: speaker, then text
TEXT_SCOPE, SPEAKERS_SCOPE, HEADERS_SCOPE, ALL_SCOPE = "text", "speakers", "headers", "all"
SCOPES = (TEXT_SCOPE, SPEAKERS_SCOPE, HEADERS_SCOPE, ALL_SCOPE)


class SearchError(ValueError):
    """The search cannot run: an invalid regular expression or replacement; str() says why, for the user."""


@dataclass(frozen=True)
class SearchOptions:
    """What to look for: `text` literally (or as a regular expression), how to match it, and where."""

    text: str
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False          # `text` is a Python regular expression; replacements may use \1 and \g<name>
    scope: str = TEXT_SCOPE      # one of SCOPES: which fields are searched

    def __post_init__(self):
        if self.scope not in SCOPES:
            raise ValueError(f"unknown search scope {self.scope!r} (one of {', '.join(SCOPES)})")


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


def fields(entry: Entry, scope: str) -> list[str]:
    """The fields of an entry searched in `scope`, in reading order."""
    if entry.is_header:
        return [HEADER] if scope != SPEAKERS_SCOPE else []
    if scope == HEADERS_SCOPE:
        return []
    speaker = [WHO] if entry.who and scope in (SPEAKERS_SCOPE, ALL_SCOPE) else []
    return speaker + ([LINE] if scope != SPEAKERS_SCOPE else [])


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
            for name in fields(entry, options.scope) for m in _occurrences(pattern, field_text(entry, name))]


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
        for name in fields(entry, options.scope):
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


@dataclass(frozen=True)
class FieldChange:
    """What replacing changes in one field: its text before and after, and each replaced span in both."""

    row: int
    field: str
    before: str
    after: str
    spans: tuple[tuple[int, int, int, int], ...]   # (start, end) in `before` and (start, end) in `after`, per match

    @property
    def count(self) -> int:
        """How many matches this change replaces."""
        return len(self.spans)

    def parts(self, after: bool, context: int = 40) -> list[tuple[str, bool]]:
        """The text before (or after) as (piece, replaced) pieces, cut to `context` characters around each match."""
        text = self.after if after else self.before
        cuts = [(a, b) if after else (s, e) for s, e, a, b in self.spans]
        pieces, position = [], 0
        for start, end in cuts:
            gap = text[position:start]
            if position == 0 and len(gap) > context:
                gap = "…" + gap[-context:]
            elif len(gap) > 2 * context:
                gap = gap[:context] + " … " + gap[-context:]
            if gap:
                pieces.append((gap, False))
            pieces.append((text[start:end], True))
            position = end
        rest = text[position:]
        if rest:
            pieces.append((rest if len(rest) <= context else rest[:context] + "…", False))
        return pieces


def preview_changes(entries: Sequence[Entry], options: SearchOptions, replacement: str) -> list[FieldChange]:
    """Every field that replacing all matches would change, in reading order; SearchError when invalid."""
    pattern = compile_search(options)
    if pattern is None:
        return []
    changes = []
    for row, entry in enumerate(entries):
        for name in fields(entry, options.scope):
            text = field_text(entry, name)
            parts, spans, position, length = [], [], 0, 0
            for found in _occurrences(pattern, text):
                new = _expand(found, replacement, options)
                kept = text[position:found.start()]
                start = length + len(kept)
                parts += [kept, new]
                spans.append((found.start(), found.end(), start, start + len(new)))
                length = start + len(new)
                position = found.end()
            after = "".join(parts) + text[position:]
            if spans and after != text and with_field(entry, name, after) != entry:
                changes.append(FieldChange(row, name, text, after, tuple(spans)))
    return changes


def apply_field_changes(entries: Sequence[Entry], changes: Sequence[FieldChange]) -> list[tuple[int, Entry]]:
    """(row, new entry) for the rows `changes` touch; ValueError when a field no longer holds its `before` text."""
    result: dict[int, Entry] = {}
    for change in changes:
        entry = result.get(change.row, entries[change.row])
        if field_text(entry, change.field) != change.before:
            raise ValueError(f"row {change.row + 1} changed since the replacement was planned")
        result[change.row] = with_field(entry, change.field, change.after)
    return sorted(result.items())


class MatchScan:
    """The matches of one search over entries, counted row by row in slices of bounded time.

    Rows are scanned from the row of `start` to the end, then from the top. `found` is the first match at or
    after `start` met so far. Once `done`, matches can be stepped through and numbered (`step`, `ordinal`).
    `rows` limits the scan to rows known to hold every match (ascending), e.g. a shorter text's `candidate_rows`.
    A literal search also keeps, per row, whether the row may hold its text whole word or not (not read yet, or
    read and holding it): a longer text's matches can only be in those rows, finished or not (see `narrower`).
    """

    BATCH = 16                  # rows scanned between two looks at the clock

    def __init__(self, entries: Sequence[Entry], options: SearchOptions, start: tuple[int, int, int] = (0, -1, 0),
                 rows: Sequence[int] | None = None):
        self.entries = entries
        self.options = options
        self.start = start
        self.pattern = compile_search(options)
        literal = self.pattern is not None and not options.regex
        self._literal = compile_search(dataclasses.replace(options, whole_word=False)) if literal else None
        self._plain = literal and not options.whole_word       # each match of the pattern is the literal text
        self._text_scope = options.scope == TEXT_SCOPE          # one field per entry, its text, line or header
        self._rows = range(len(entries)) if rows is None else rows
        self._split = bisect.bisect_left(self._rows, start[0])
        self._order = list(self._rows[self._split:]) + list(self._rows[:self._split]) \
            if self.pattern is not None else []
        self._position = 0
        self._maybe: bytearray | None = None     # per row: 1 while it may hold the literal text
        if literal:
            self._maybe = bytearray(b"\x01") * len(entries) if rows is None else bytearray(len(entries))
            if rows is not None:
                for row in rows:
                    self._maybe[row] = 1
        self.counts: dict[int, int] = {}
        self.total = 0
        self.found: Match | None = None
        self._edited = False                    # rows already read were counted again
        self._sorted: tuple[list[int], list[int]] | None = None

    @property
    def size(self) -> int:
        """How many rows this scan reads."""
        return len(self._order)

    @property
    def done(self) -> bool:
        """Whether every row was scanned."""
        return self._position >= len(self._order)

    @property
    def literal_rows(self) -> list[int] | None:
        """The rows holding a literal search's text (whole word or not), ascending, once done; else None."""
        return self.candidate_rows() if self.done else None

    def candidate_rows(self) -> list[int] | None:
        """Ascending rows that may hold a literal search's text: read and holding it, or not read yet (None for a
        regular expression, whose longer forms may match anywhere)."""
        if self._maybe is None:
            return None
        return list(itertools.compress(range(len(self._maybe)), self._maybe))

    def advance(self, budget_s: float = float("inf")) -> bool:
        """Scan rows for about `budget_s` seconds (at least a few rows); True once done."""
        deadline = time.perf_counter() + budget_s
        order = self._order
        while self._position < len(order):
            stop = min(self._position + self.BATCH, len(order))
            for row in order[self._position:stop]:
                self._scan_row(row)
            self._position = stop
            if time.perf_counter() >= deadline:
                break
        if self.done and (self.found is None or self._edited):
            self.found = self.step(self.start, self.start, 0)[0] if self.total else None
            self._edited = False
        return self.done

    def _count(self, row: int) -> int:
        """The matches in one row; for a literal search, also notes whether the row holds the text at all."""
        entry = self.entries[row]
        count, holds = 0, False
        texts = (entry.text,) if self._text_scope else \
            [field_text(entry, name) for name in fields(entry, self.options.scope)]
        for text in texts:
            if self._literal is not None:
                if self._literal.search(text) is None:
                    continue
                holds = True
            count += len(self.pattern.findall(text)) if self._plain else \
                sum(1 for _ in _occurrences(self.pattern, text))
        if self._maybe is not None:
            self._maybe[row] = holds
        return count

    def _scan_row(self, row: int) -> None:
        count = self._count(row)
        if count:
            self.counts[row] = count
            self.total += count
            self._sorted = None
            if self.found is None:
                after = [m for m in self.matches_in(row) if row != self.start[0] or m.key >= self.start]
                self.found = after[0] if after else None

    def matches_in(self, row: int) -> list[Match]:
        """The matches in one row, in reading order."""
        entry = self.entries[row]
        return [Match(row, name, m.start(), m.end()) for name in fields(entry, self.options.scope)
                for m in _occurrences(self.pattern, field_text(entry, name))]

    def _index(self) -> tuple[list[int], list[int]]:
        """The rows with matches, ascending, and the number of matches before each."""
        if self._sorted is None:
            rows = sorted(self.counts)             # scanned as two ascending runs: sorting them is quick
            counts = self.counts
            self._sorted = (rows, list(itertools.accumulate((counts[row] for row in rows), initial=0)))
        return self._sorted

    def ordinal(self, match: Match) -> int:
        """The 1-based number of `match` among all matches (the scan must be done)."""
        rows, before = self._index()
        position = bisect.bisect_left(rows, match.row)
        return before[position] + self.matches_in(match.row).index(match) + 1

    def step(self, start: tuple[int, int, int], end: tuple[int, int, int], direction: int) -> tuple[Match | None, bool]:
        """(match, wrapped): the first at or after `end` (direction 1), the last before `start` (-1), or the first
        at or after `start` (0); None when there is none (the scan must be done)."""
        rows, _ = self._index()
        if not rows:
            return None, False
        if direction >= 0:
            key = end if direction > 0 else start
            position = bisect.bisect_left(rows, key[0])
            for row in rows[position:position + 2]:
                later = [m for m in self.matches_in(row) if m.key >= key]
                if later:
                    return later[0], False
            return self.matches_in(rows[0])[0], True
        position = bisect.bisect_right(rows, start[0])
        for row in reversed(rows[max(0, position - 2):position]):
            earlier = [m for m in self.matches_in(row) if m.key < start]
            if earlier:
                return earlier[-1], False
        return self.matches_in(rows[-1])[-1], True

    def _pending(self, row: int) -> bool:
        """Whether `row` is still to be read (and so will be counted as it is then)."""
        index = bisect.bisect_left(self._rows, row)
        if index >= len(self._rows) or self._rows[index] != row:
            return False
        return (index - self._split) % len(self._rows) >= self._position

    def update_rows(self, first: int, last: int) -> None:
        """Count rows `first`..`last` again after an edit that changed them (not their number), finished or not."""
        if self.pattern is None:
            return
        for row in range(first, min(last, len(self.entries) - 1) + 1):
            if self._pending(row):
                continue
            count = self._count(row)
            self.total += count - self.counts.pop(row, 0)
            if count:
                self.counts[row] = count
            self._edited = True             # `found` may no longer be the first match after `start`
        self._sorted = None
        if self.done:
            self.advance()


def narrower(previous: MatchScan | None, options: SearchOptions) -> list[int] | None:
    """The rows a search for `options` must read, when a scan of a shorter literal text (finished or not) already
    rules rows out; None: every row.

    Every match of the longer text holds the shorter one at the same place, matching it as case-insensitively
    or more strictly; whole word or not does not matter (the candidate rows hold the text, whole word or not).
    """
    if previous is None or options.regex:
        return None
    old = previous.options
    if old.scope != options.scope or (old.match_case and not options.match_case) or old.text not in options.text:
        return None
    return previous.candidate_rows()
