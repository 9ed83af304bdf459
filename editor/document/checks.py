"""Transcript checks: problems a reader of the site or a YAML 1.1 reader would trip over.

Every message speaks of rows as the editor's table numbers them (1-based); a Problem keeps the entry's index
and the file line where the entry starts as well.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .entries import TYPED_FIELDS, Entry
from .timecode import parse_time, time_error
from .yaml11 import NUMBER_LIKE

if TYPE_CHECKING:
    from .episode import Episode

# A plain (unquoted) time value at the start of an entry line: `- time: 1:04` or `  time: 1:04`.
_PLAIN_TIME = re.compile(r"[ \t]*(?:- )?time:[ \t]+([^'\"\s][^\n]*?)[ \t]*\r?$", re.M)
_PLAIN_TIME_BYTES = re.compile(_PLAIN_TIME.pattern.encode(), re.M)
_SHORT_REPLY_WORDS = 3
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")
_PLAIN_TEXT = {key: re.compile(rf"[ \t]*(?:- )?{key}:(?:[ \t]+([^'\"|>&*!\s][^\n]*?))?(?:[ \t]+#[^\n]*)?[ \t]*\r?$",
                               re.M) for key in ("line", "header")}
_YAML11_FIRST = set("0123456789+-.~yYnNtTfFoO")   # first characters of every YAML 1.1 non-text plain scalar
_STR_TAG = "tag:yaml.org,2002:str"
_TAG_WORDS = {"bool": "true or false", "null": "nothing (null)", "int": "a number", "float": "a number",
              "timestamp": "a date"}
_TYPE_WORDS = {str: "text", int: "a whole number"}


@dataclass(frozen=True)
class Problem:
    """A problem of entry `index` (shown as row index + 1), which starts on file line `line`."""

    index: int
    line: int
    code: str
    message: str

    @property
    def row(self) -> int:
        """The row number the table shows for the entry (1-based)."""
        return self.index + 1


def _key_line(pattern: re.Pattern, source, key, start: int = 0, end: int | None = None) -> re.Match | None:
    """The match of `pattern` on the first line of source[start:end] that holds `key` (only such lines are tried);
    `source` and `key` both text or both bytes, searched in place."""
    end = len(source) if end is None else end
    newline = b"\n" if isinstance(source, bytes) else "\n"
    index = source.find(key, start, end)
    while index >= 0:
        line = source.rfind(newline, start, index)
        match = pattern.match(source, start if line < 0 else line + 1, end)
        if match:
            return match
        index = source.find(key, index + 1, end)
    return None


def unquoted_time(source: str | bytes | None, entry: Entry, start: int = 0, end: int | None = None) -> bool:
    """True when the entry's file text has its time unquoted in a form YAML 1.1 readers take for a number.

    `source` is the entry's text, or a file's bytes holding it at [start:end] (searched without decoding).
    """
    time = entry.time
    if source is None or time is None or not _SEXAGESIMAL.fullmatch(time):
        return False
    if isinstance(source, bytes):
        match = _key_line(_PLAIN_TIME_BYTES, source, b"time:", start, end)
        return bool(match and match[1] == time.encode())
    match = _key_line(_PLAIN_TIME, source, "time:", start, end)
    return bool(match and match[1] == time)


def _type_name(value) -> str:
    """How a user would call a YAML value's type."""
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a decimal number", str: "text"}.get(type(value),
                                                                                           type(value).__name__)


def entry_problems(entry: Entry) -> list[tuple[str, str]]:
    """(code, message) pairs for what is wrong with one entry on its own (no file text, no neighbours needed)."""
    if entry.is_header:
        return []
    found = []
    wanted = dict(TYPED_FIELDS)
    for key, value in entry.extra:
        if key in wanted:
            found.append(("field-type", f"{key} is {_type_name(value)} ({value!r}), not {_TYPE_WORDS[wanted[key]]}: "
                                        f"setting the {'speaker' if key == 'who' else 'time'} replaces it"))
    seconds = parse_time(entry.time) if entry.time is not None else None
    if entry.time is not None and seconds is None:
        found.append(("time-malformed", f"time {entry.time!r} is not a valid time ({time_error(entry.time)})"))
    if seconds is not None and entry.sec is not None and seconds != entry.sec:
        found.append(("time-mismatch", f"time {entry.time} disagrees with sec {entry.sec} (it is {seconds} s)"))
    wrong = entry.wrong_types() if entry.extra else ()
    has_sec, has_time = entry.sec is not None or "sec" in wrong, entry.time is not None or "time" in wrong
    if has_sec != has_time:
        found.append(("time-missing", "line has a sec but no time: setting the time writes both" if has_sec else
                      "line has a time but no sec: setting the time writes both"))
    if not entry.who:
        found.append(("missing-speaker", "line has no speaker: the site shows it as \": text\""))
    return found


def _source_problems(episode: Episode, index: int, entry: Entry) -> list[tuple[str, str]]:
    """(code, message) pairs for how the entry is written in the file (re-emitted text is safe); the file text is
    decoded only for the few entries whose text could be read as something else."""
    found = []
    if episode.time_unquoted(index):
        found.append(("time-unquoted", f"time {entry.time} is unquoted: YAML 1.1 readers disagree on what number it "
                                       f"is (Jekyll's and PyYAML read it differently); write it as '{entry.time}'"))
    source = episode.entry_source(index) if not entry.text or entry.text[0] in _YAML11_FIRST and len(entry.text) < 40 \
        else None
    if source is not None:
        key = "header" if entry.is_header else "line"
        match = _key_line(_PLAIN_TEXT[key], source, key + ":")
        value = (match[1] or "") if match else None
        tag = _yaml11_tag(value) if value is not None else _STR_TAG
        if tag != _STR_TAG and (value == entry.text or tag.endswith(":null") and entry.text == ""):
            kind = _TAG_WORDS.get(tag.rsplit(":", 1)[-1], "something other than text")
            found.append(("non-text", f"the {key} {value!r} is unquoted, and YAML 1.1 readers such as Jekyll's "
                                      f"read it as {kind}, not text; write it as '{value}'"))
    return found


@functools.cache
def _yaml11_resolver():
    """PyYAML's YAML 1.1 resolver (how Jekyll's reader types a plain scalar), loaded when first needed: few texts
    are looked at with it, and the window's first paint need not wait for PyYAML."""
    from yaml.resolver import Resolver

    return Resolver()


def _yaml11_tag(value: str) -> str:
    """The tag YAML 1.1 readers give a plain scalar (numbers as Jekyll's reader sees them, e.g. 1e3, too)."""
    from yaml.nodes import ScalarNode

    tag = _yaml11_resolver().resolve(ScalarNode, value, (True, False))
    return "tag:yaml.org,2002:float" if tag == _STR_TAG and NUMBER_LIKE.fullmatch(value) else tag


def repeats(previous: Entry, entry: Entry) -> bool:
    """Same text as the previous entry; a short reply in the other speaker's words ("Bye." - "Bye.") is none."""
    if previous.kind != entry.kind or previous.text != entry.text or not entry.text.strip():
        return False
    return entry.is_header or previous.who == entry.who or len(entry.text.split()) > _SHORT_REPLY_WORDS


def local_problems(episode: Episode, index: int) -> list[tuple[str, str]]:
    """(code, message) pairs of entry `index` that need only the entry and its file text, in reporting order."""
    entry = episode.entries[index]
    found = _source_problems(episode, index, entry)
    return found if entry.is_header else entry_problems(entry) + found


def speaker_names(episode: Episode) -> tuple[set[str], int]:
    """The episode's speaker names and the length a text must not exceed to be only a name."""
    speakers = set(episode.speakers())
    return speakers, max(map(len, speakers), default=0) + 2


def names_a_speaker(entry: Entry, speakers: set[str], longest: int) -> bool:
    """True for a spoken line whose text is only a speaker's name."""
    return not entry.is_header and len(entry.text) <= longest and entry.text.strip() in speakers


def speaker_as_text(entry: Entry) -> tuple[str, str]:
    """The speaker-as-text problem of a line that only names a speaker."""
    return ("speaker-as-text", f"the text is only the speaker name {entry.text.strip()!r}: "
                               "a name put in the text instead of the speaker?")


def empty_chapter(entry: Entry, next_row: int) -> tuple[str, str]:
    """The empty-chapter problem of a header directly followed by the header shown as row `next_row`."""
    return ("empty-chapter", f"chapter {entry.text!r} is directly followed by another header (row {next_row})")


def time_order(entry: Entry, previous_row: int) -> tuple[str, str]:
    """The time-order problem of a line timed before the timed line shown as row `previous_row`."""
    return ("time-order", f"time {entry.time or entry.sec} is earlier than the time of row {previous_row}")


def duplicate_entry(previous_row: int) -> tuple[str, str]:
    """The duplicate-entry problem of an entry repeating the one shown as row `previous_row`."""
    return ("duplicate-entry", f"same text as the previous entry (row {previous_row})")


def check_episode(episode: Episode) -> list[Problem]:
    """All problems of an episode's transcript, in entry order."""
    entries = episode.entries
    speakers, longest = speaker_names(episode)        # texts longer than `longest` cannot be only a name
    problems = []
    previous_time = previous_time_row = None
    for index, entry in enumerate(entries):
        found = local_problems(episode, index)
        if entry.is_header:
            if index + 1 < len(entries) and entries[index + 1].is_header:
                found.append(empty_chapter(entry, index + 2))
        else:
            if names_a_speaker(entry, speakers, longest):
                found.append(speaker_as_text(entry))
            current = entry.seconds
            if current is not None:
                if previous_time is not None and current < previous_time:
                    found.append(time_order(entry, previous_time_row))
                previous_time, previous_time_row = current, index + 1
        if index and repeats(entries[index - 1], entry):
            found.append(duplicate_entry(index))
        if found:
            line = episode.entry_line(index)
            problems.extend(Problem(index, line, code, message) for code, message in found)
    return problems
