"""Transcript checks: problems a reader of the site or a YAML 1.1 reader would trip over."""
import re
from dataclasses import dataclass

from .timecode import parse_time

# A plain (unquoted) time value at the start of an entry line: `- time: 1:04` or `  time: 1:04`.
_PLAIN_TIME = re.compile(r"^[ \t]*(?:- )?time:[ \t]+([^'\"\s][^\n]*?)[ \t]*\r?$", re.M)
_SHORT_REPLY_WORDS = 3
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")


@dataclass(frozen=True)
class Problem:
    """A problem of entry `index`, which starts on file line `line`."""

    index: int
    line: int
    code: str
    message: str


def _unquoted_time(slot) -> bool:
    """True when the entry's file text has its time unquoted in a form YAML 1.1 readers take for a number."""
    if slot.source is None or slot.entry.time is None:
        return False
    match = _PLAIN_TIME.search(slot.source)
    return bool(match and match[1] == slot.entry.time and _SEXAGESIMAL.fullmatch(match[1]))


def _line_problems(slot, previous_line):
    """(code, message) pairs for a spoken line; `previous_line` is the last line entry before it, if any."""
    entry = slot.entry
    seconds = parse_time(entry.time) if entry.time is not None else None
    if entry.time is not None and seconds is None:
        yield "time-malformed", f"time {entry.time!r} is not m:ss or h:mm:ss"
    if seconds is not None and entry.sec is not None and seconds != entry.sec:
        yield "time-mismatch", f"time {entry.time} is {seconds} s but sec is {entry.sec}"
    if _unquoted_time(slot):
        yield "time-unquoted", (f"time {entry.time} is unquoted: YAML 1.1 readers such as Jekyll's read it as "
                                f"the number {_as_number(entry.time)}; write it as '{entry.time}'")
    timed = entry.sec is not None or entry.time is not None
    if not entry.who and (timed or previous_line is None):
        yield "missing-speaker", "line has no speaker" + (" but starts a new turn" if timed else "")


def _as_number(text: str) -> int:
    """The number a YAML 1.1 reader makes of an unquoted sexagesimal time."""
    value = 0
    for part in text.split(":"):
        value = value * 60 + int(part.replace("_", "") or 0)
    return value


def _duplicate(previous, entry) -> bool:
    """Same text as the previous entry; a short reply in the other speaker's words ("Bye." - "Bye.") is none."""
    if previous.kind != entry.kind or previous.text != entry.text or not entry.text.strip():
        return False
    return entry.is_header or previous.who == entry.who or len(entry.text.split()) > _SHORT_REPLY_WORDS


def check_episode(episode) -> list:
    """All problems of an episode's transcript, in entry order."""
    slots = episode._slots
    problems = []
    previous_time = previous_line = None
    for index, slot in enumerate(slots):
        entry = slot.entry
        found = []
        if entry.is_header:
            if index + 1 < len(slots) and slots[index + 1].entry.is_header:
                found.append(("empty-chapter", f"chapter {entry.text!r} is directly followed by another header"))
        else:
            found.extend(_line_problems(slot, previous_line))
            current = entry.sec if entry.sec is not None else parse_time(entry.time)
            if current is not None:
                if previous_time is not None and current < previous_time:
                    found.append(("time-order", f"time {entry.time or entry.sec} is earlier than the previous "
                                                f"timed line"))
                previous_time = current
            previous_line = entry
        previous = slots[index - 1].entry if index else None
        if previous and _duplicate(previous, entry):
            found.append(("duplicate-entry", "same text as the previous entry"))
        if found:
            line = episode.entry_line(index)
            problems.extend(Problem(index, line, code, message) for code, message in found)
    return problems
