"""Quick fixes for transcript problems: per problem code and row, the edits that resolve it, each one undo step.

`fix_for(episode, code, index)` lists the fixes for one problem (first one is the default); `fix_all(episode, code)`
gathers the default fix of every row with that problem into one step. Each `apply` returns the inverse Change.
"""
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import replace as _with

from .changes import Batch, Change, Remove, Replace
from .entries import Entry
from .timecode import format_time, parse_time

JOIN = " / "
NO_AUTOMATIC_FIX = ("time-order",)
FIX_ALL_LABELS = {
    ("missing-speaker", 0): "Set each missing speaker from the line above",
    ("time-mismatch", 0): "Set each time from its sec",
    ("time-mismatch", 1): "Set each sec from its time",
    ("time-malformed", 0): "Set each time from its sec",
    ("time-missing", 0): "Fill in each missing time or sec",
    ("time-unquoted", 0): "Quote every unquoted time",
    ("empty-chapter", 0): "Remove the first of each two headers",
    ("empty-chapter", 1): "Join each two headers into one",
    ("duplicate-entry", 0): "Remove every repeated row",
    ("speaker-as-text", 0): "Remove every line that only names a speaker",
    ("field-type", 0): "Convert every value to the right type",
}


@dataclass(frozen=True)
class Fix:
    """One way to resolve a problem of row `index`: `label` for the user, `apply(episode)` returns the inverse."""

    code: str
    index: int
    label: str
    apply: Callable


@dataclass(frozen=True)
class FixAll:
    """Every row with problem `code` fixed the same way: `rows` (indexes) change, `apply(episode)` is one step."""

    code: str
    label: str
    rows: tuple
    apply: Callable

    @property
    def count(self) -> int:
        """How many rows change."""
        return len(self.rows)


def _replace(index: int, entry: Entry) -> Callable:
    """An apply function putting `entry` at `index`."""
    return lambda episode: episode.apply(Replace(index, entry))


def _remove(index: int) -> Callable:
    """An apply function removing row `index`."""
    return lambda episode: episode.apply(Remove(index, 1))


def _speaker_above(entries, index) -> str | None:
    """The speaker of the nearest spoken line above `index` that has one."""
    for above in range(index - 1, -1, -1):
        entry = entries[above]
        if not entry.is_header and entry.who:
            return entry.who
    return None


def _timing_fixes(code, index, entry) -> list[Fix]:
    """time-mismatch / time-malformed / time-missing: the time from sec, or sec from the time."""
    fixes = []
    parsed = parse_time(entry.time) if entry.time is not None else None
    if entry.sec is not None and entry.time != format_time(entry.sec):
        fixes.append(Fix(code, index, f"Set time to {format_time(entry.sec)} (from sec {entry.sec})",
                         _replace(index, _with(entry, time=format_time(entry.sec)))))
    if parsed is not None and entry.sec != parsed:
        fixes.append(Fix(code, index, f"Set sec to {parsed} (from time {entry.time})",
                         _replace(index, _with(entry, sec=parsed))))
    return fixes


def _join(episode, index: int) -> Change:
    """Put both headers' current titles into the first and remove the second."""
    first, second = episode.entries[index], episode.entries[index + 1]
    return episode.apply(Batch((Replace(index, Entry.header(first.text + JOIN + second.text)), Remove(index + 1, 1))))


def _converted(entry: Entry) -> Entry | None:
    """The entry with sec / time / who values of the wrong type (kept in `extra`) converted, empty ones (null)
    dropped; None if none can be."""
    fields, extra, converted = {}, [], False
    for key, value in entry.extra:
        if value is None and key in ("sec", "time", "who") and getattr(entry, key) is None:
            converted = True
            continue
        new = _convert(key, value)
        if new is None or getattr(entry, key) is not None:
            extra.append((key, value))
        else:
            fields[key] = new
            converted = True
    return _with(entry, extra=tuple(extra), **fields) if converted else None


def _convert(key: str, value):
    """`value` as the type field `key` needs (sec int, time m:ss text, who text), or None when it cannot be."""
    if isinstance(value, bool) or value is None:
        return None
    if key == "sec":
        if isinstance(value, float) and value.is_integer() and value >= 0:
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            return int(text) if text.isascii() and text.isdigit() else parse_time(text)
    elif key == "time":
        if isinstance(value, int) and value >= 0:
            return format_time(value)
        if isinstance(value, float) and value.is_integer() and value >= 0:
            return format_time(int(value))
    elif key == "who" and isinstance(value, (int, float)):
        return str(value)
    return None


def fix_for(episode, code: str, index: int) -> list[Fix]:
    """The fixes for problem `code` of row `index` as the episode is now; [] when none applies automatically."""
    entries = episode.entries
    if not 0 <= index < len(entries) or code in NO_AUTOMATIC_FIX:
        return []
    entry = entries[index]
    if code == "missing-speaker" and not entry.is_header and not entry.who:
        who = _speaker_above(entries, index)
        return [Fix(code, index, f"Set speaker to {who} (the line above)",
                    _replace(index, _with(entry, who=who)))] if who else []
    if code in ("time-mismatch", "time-malformed", "time-missing") and not entry.is_header:
        return _timing_fixes(code, index, entry)
    if code == "time-unquoted" and not entry.is_header and entry.time is not None:
        return [Fix(code, index, f"Quote the time ('{entry.time}')", _replace(index, entry))]
    if code == "empty-chapter" and entry.is_header and index + 1 < len(entries) and entries[index + 1].is_header:
        second = entries[index + 1]
        joined = entry.text + JOIN + second.text
        return [Fix(code, index, f"Remove the header '{entry.text}'", _remove(index)),
                Fix(code, index, f"Join into one header '{joined}'", lambda episode: _join(episode, index))]
    if code == "duplicate-entry" and index > 0:
        return [Fix(code, index, "Remove the repeated row", _remove(index))]
    if code == "speaker-as-text":
        return [Fix(code, index, "Remove the line", _remove(index))]
    if code == "field-type":
        converted = _converted(entry)
        return [Fix(code, index, "Convert the values to the right types", _replace(index, converted))] \
            if converted is not None else []
    return []


def fix_all(episode, code: str, choice: int = 0, problems=None) -> FixAll:
    """Fix option `choice` applied to every row with problem `code` (rows without that option are left alone).

    `problems` is the episode's current problem list when the caller keeps one (else the episode is checked).
    """
    fixes = []
    problems = episode.check() if problems is None else problems
    for index in sorted({problem.index for problem in problems if problem.code == code}):
        options = fix_for(episode, code, index)
        if choice < len(options):
            fixes.append(options[choice])
    label = FIX_ALL_LABELS.get((code, choice), f"Fix {code}")

    def apply(target) -> Change:
        """Every fix from the last row up, so earlier rows keep their indexes; one Batch."""
        return target.apply_all(lambda fix=fix: fix.apply(target) for fix in reversed(fixes))

    return FixAll(code, f"{label} ({len(fixes)} rows)", tuple(fix.index for fix in fixes), apply)
