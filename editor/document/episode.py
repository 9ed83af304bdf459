"""The Episode: an episode file's transcript and keys, edited by reversible changes and saved without reformatting.

Writing (splice, emit, verify) is imported when first used: it loads PyYAML, which opening and editing do not need,
and the window appears sooner without it.
"""
import copy
import math
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from dataclasses import replace as _with
from pathlib import Path
from typing import Protocol

from .changes import Batch, Change, Insert, Remove, Replace, SetMeta, SetValue
from .checks import Problem, check_episode, unquoted_time
from .entries import Entry
from .errors import DiskChangedError, ParseError, SaveError
from .frontmatter import decode, is_plain_yaml
from .layout import Slot, collector_paused, parse
from . import search
from .savefile import fingerprint, holds, write_atomic
from .search import SearchOptions
from .timecode import format_time

_SCALARS = (str, int, float, bool, type(None))
_CHANGED_ON_DISK = "the file changed on disk since it was loaded; not overwriting it"


class _DiskCheck(threading.Thread):
    """Compares a file with the bytes it should hold in the background (reading releases the interpreter lock, so
    the new text is made meanwhile)."""

    def __init__(self, path, expected: bytes):
        super().__init__(daemon=True)
        self.path, self.expected, self.result = path, expected, None
        self.start()

    def run(self) -> None:
        self.result = holds(self.path, self.expected)

    def wait(self) -> bool | None:
        """Whether the file holds the expected bytes, None when it could not be read."""
        self.join()
        return self.result


class _EntriesView(Sequence):
    """Read-only view of an episode's entries."""

    def __init__(self, episode: "Episode"):
        self._episode = episode

    def __len__(self) -> int:
        return len(self._episode._slots)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [slot.entry for slot in self._episode._slots[index]]
        return self._episode._slots[index].entry


def _plain_data(value) -> bool:
    """True for scalars and lists / string-keyed mappings of them, the values a top-level key can be set to."""
    if isinstance(value, list):
        return all(_plain_data(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain_data(item) for key, item in value.items())
    return isinstance(value, _SCALARS)


def _timing(seconds) -> tuple[int | None, str | None]:
    """(sec, time) for a position in seconds, floored; (None, None) for None."""
    if seconds is None:
        return None, None
    sec = max(0, math.floor(seconds))
    return sec, format_time(sec)


class EpisodeListener(Protocol):
    """What Episode.add_listener expects: calls around every primitive change (Replace, Insert, Remove, SetMeta)."""

    def about_to_apply(self, change: Change) -> None:
        """The change is valid and about to be performed."""

    def applied(self, change: Change) -> None:
        """The change has been performed."""


def _refuse_unwritable(value) -> None:
    """ValueError for text that UTF-8 cannot hold (a lone surrogate), so it never reaches a save."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"the text {value!r} holds a lone surrogate ({value[exc.start]!r}), "
                             "which cannot be written as UTF-8") from None


class Episode:
    """An episode file: front-matter keys plus a transcript of entries (usage: the editor.document docstring).

    Every operation returns the inverse Change of what it did; listeners hear each primitive change.
    """

    def __init__(self, data: bytes, text: str, path=None, plain: bool = False, on_disk: bool = False):
        self.path = None if path is None else Path(path)
        self._plain = plain
        self._slots: list = []
        self._lines: list | None = None           # 1-based line of every entry, counted when first asked
        self._dirty: set = set()                  # indexes of entries not continuing their neighbour's file text
        self._listeners: list = []
        self._rebase(parse(data, text, self.path, plain))
        self._keyless = self._layout.transcript_span is None   # no `transcript:` key at load: none when emptied
        self._fingerprint: tuple[bytes, str] | None = None   # (bytes, fingerprint) cached for disk_fingerprint
        self._on_disk = on_disk                   # False for loads(): the file may not exist yet

    # loading -------------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Episode":
        """Read an episode file; ParseError naming file, line and column."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ParseError(f"cannot read the file: {exc.strerror or exc}", path) from None
        return cls(data, decode(data, path), path, is_plain_yaml(path), True)

    @classmethod
    def loads(cls, text: str, path: str | os.PathLike | None = None) -> "Episode":
        """Parse episode text; `path` (if given) is where save() writes and is taken to hold this text."""
        return cls(text.encode("utf-8", "surrogatepass"), text, path, is_plain_yaml(path))

    def _rebase(self, layout, slots: list | None = None) -> None:
        """Adopt a layout as the unmodified state: a fresh parse, or `slots` already moved into its bytes."""
        self._layout = layout
        if slots is None:
            self._slots[:] = layout.slots
        layout.slots = []                         # the episode's list is the only one kept
        self._lines = None
        self._dirty = set()
        self._meta = dict(layout.meta)
        self._meta_sources: dict = {}
        self._touched = False
        self._original_entries = None if layout.items_span else tuple(slot.entry for slot in self._slots)

    # reading -------------------------------------------------------------------------------------------------
    @property
    def entries(self) -> Sequence[Entry]:
        """The transcript entries (read-only view)."""
        return _EntriesView(self)

    def get_meta(self, key: str, default: object = None) -> object:
        """A top-level front-matter value."""
        return self._meta.get(key, default)

    def meta_keys(self) -> list[str]:
        """Top-level keys other than `transcript`, in file order (new keys last)."""
        return list(self._meta)

    def speakers(self) -> list[str]:
        """Distinct speakers in order of first use, then guests not yet listed."""
        seen = dict.fromkeys(slot.entry.who for slot in self._slots if slot.entry.who)
        guests = self._meta.get("guests")
        if isinstance(guests, list):
            seen.update(dict.fromkeys(g for g in guests if isinstance(g, str) and g))
        return list(seen)

    def entry_line(self, index: int) -> int:
        """1-based file line where entry `index` starts (the nearest known line for new entries)."""
        self._entry(index)
        if self._lines is None:
            self._lines = self._count_lines()
        lines = self._lines
        for i in chain(range(index, -1, -1), range(index + 1, len(lines))):
            if lines[i] is not None:
                return lines[i]
        return self._layout.key_line("transcript") if "transcript" in self._layout.key_spans else 1

    def _count_lines(self) -> list:
        """The line of every entry's start in the file as loaded or last saved (None for entries not in it)."""
        data, lines = self._layout.data, []
        position, line = 0, 1
        for slot in self._slots:
            start = slot.start
            if start < 0:
                lines.append(None)
                continue
            if start >= position:
                line += data.count(b"\n", position, start)
            else:
                line -= data.count(b"\n", start, position)
            position = start
            lines.append(line)
        return lines

    def entry_source(self, index: int) -> str | None:
        """The entry's text as it stands in the file (None for an entry edited or added since the last save)."""
        self._entry(index)
        return self._slots[index].source

    def time_unquoted(self, index: int) -> bool:
        """True when the line's time is written unquoted in the file (setting the time again quotes it)."""
        entry, slot = self._entry(index), self._slots[index]
        if slot.file is not None:
            return unquoted_time(slot.file.data, entry, slot.start, slot.end)     # searched in place, not decoded
        return unquoted_time(slot.source, entry)

    def _entry(self, index) -> Entry:
        """The entry at `index`; IndexError when there is none."""
        if not isinstance(index, int) or not 0 <= index < len(self._slots):
            raise IndexError(f"there is no row {index + 1}")
        return self._slots[index].entry

    def _line_entry(self, index) -> Entry:
        """The spoken line at `index`; ValueError for a header."""
        entry = self._entry(index)
        if entry.is_header:
            raise ValueError(f"row {index + 1} is a chapter header, not a spoken line")
        return entry

    # operations ----------------------------------------------------------------------------------------------
    def set_text(self, index: int, text: str) -> Change:
        """Set an entry's text."""
        return self.apply(Replace(index, _with(self._entry(index), text=str(text))))

    def set_speaker(self, index: int, who: str | None) -> Change:
        """Set (or with None / "" clear) a line's speaker, whatever the type of the value it had."""
        return self.apply(Replace(index, self._line_entry(index).with_fields(who=who or None)))

    def set_time(self, index: int, seconds: float | None) -> Change:
        """Set a line's sec (floored) and matching time from a position in seconds; None clears both.

        Setting the time a line already has writes it again, quoted: the fix for a time unquoted on disk.
        """
        sec, time = _timing(seconds)
        return self.apply(Replace(index, self._line_entry(index).with_fields(sec=sec, time=time)))

    def shift_times(self, start: int, delta_seconds: int) -> Change:
        """Move every timed line from `start` on by `delta_seconds` (clamped at 0)."""
        return self.shift_rows(range(max(0, start), len(self._slots)), delta_seconds)

    def shift_rows(self, rows, delta_seconds: int) -> Change:
        """Move the times of the timed lines among `rows` by `delta_seconds` (clamped at 0), keeping which of sec
        and time each has; one Batch."""
        changes = []
        for index in sorted(set(rows)):
            entry = self._slots[index].entry
            base = None if entry.is_header else entry.seconds
            if base is None:
                continue
            moved = max(0, base + int(delta_seconds))
            new = _with(entry, sec=moved if entry.sec is not None else None,
                        time=format_time(moved) if entry.time is not None else None)
            if new != entry:
                changes.append(Replace(index, new))
        return self.apply(Batch(tuple(changes)))

    def insert_line(self, index: int, text: str = "", who: str | None = None, seconds: float | None = None) -> Change:
        """Insert a spoken line before `index` (len(entries) appends)."""
        sec, time = _timing(seconds)
        return self.apply(Insert(index, (Entry.line(str(text), who or None, sec, time),)))

    def insert_header(self, index: int, text: str = "") -> Change:
        """Insert a chapter header before `index`."""
        return self.apply(Insert(index, (Entry.header(str(text)),)))

    def remove(self, index: int, count: int = 1) -> Change:
        """Remove `count` entries from `index`."""
        return self.apply(Remove(index, count))

    def move(self, index: int, to: int) -> Change:
        """Move entry `index` so that it ends up at position `to`, keeping its text in the file as it was."""
        self._entry(index)
        self._entry(to)
        slot = self._slots[index]
        return self.apply(Batch(() if index == to else (
            Remove(index, 1), Insert(to, (slot.entry,), ((slot.source, slot.gap),)))))

    def split(self, index: int, offset: int, seconds: float | None = None) -> Change:
        """Keep text[:offset] in the line and put text[offset:] in a new line below, same speaker.

        Whitespace at the cut goes to neither half (a trailing space would force a quoted scalar on save).
        """
        entry = self._line_entry(index)
        if not 0 <= offset <= len(entry.text):
            raise ValueError(f"position {offset} is outside the text of row {index + 1}")
        sec, time = _timing(seconds)
        second = Entry.line(entry.text[offset:].lstrip(), entry.who, sec, time)
        return self.apply(Batch((Replace(index, _with(entry, text=entry.text[:offset].rstrip())),
                                 Insert(index + 1, (second,)))))

    def merge_with_next(self, index: int) -> Change:
        """Append the next line's text to this line (one space between) and remove the next line."""
        first, second = self._line_entry(index), self._line_entry(index + 1)
        joined = first.text and second.text and not first.text[-1].isspace() and not second.text[0].isspace()
        sep = " " if joined else ""
        return self.apply(Batch((Replace(index, _with(first, text=first.text + sep + second.text)),
                                 Remove(index + 1, 1))))

    def replace_all(self, options: SearchOptions, replacement: str) -> Change:
        """Replace every match of a search (see editor.document.search) as one Batch; SearchError when invalid."""
        plan = search.replace_all(self.entries, options, replacement)
        return self.apply(Batch(tuple(Replace(item.row, item.entry) for item in plan
                                      if item.entry != self._slots[item.row].entry)))

    def set_meta(self, key: str, value: str | int | float | bool | None) -> Change:
        """Set a top-level scalar key (title, ...), written in house style in place of the old one."""
        return self.apply(SetMeta(key, value))

    def set_value(self, key, value) -> Change:
        """Replace a top-level key's whole value (e.g. the `quotableClips` list), written in house style."""
        return self.apply(SetValue(key, copy.deepcopy(value)))

    # applying changes ----------------------------------------------------------------------------------------
    def apply_all(self, operations: Iterable[Callable[[], Change]]) -> Change:
        """Run operations (each returns its inverse) as one: a Batch of their inverses; when one fails, those done
        are undone and the error goes on, so the episode is as it was."""
        done = []
        try:
            for operation in operations:
                done.append(operation())
        except Exception:
            for inverse in reversed(done):
                self.apply(inverse)
            raise
        return Batch(tuple(reversed(done)))

    def add_listener(self, listener: EpisodeListener) -> None:
        """Call listener.about_to_apply(change) / listener.applied(change) around every primitive change."""
        self._listeners.append(listener)

    def remove_listener(self, listener: EpisodeListener) -> None:
        """Stop notifying `listener`."""
        self._listeners.remove(listener)

    def apply(self, change: Change) -> Change:
        """Perform a change and return its inverse."""
        if isinstance(change, Batch):
            return self.apply_all(lambda part=part: self.apply(part) for part in change.changes)
        perform = self._validate(change)
        for listener in list(self._listeners):
            listener.about_to_apply(change)
        inverse = perform(change)
        for listener in list(self._listeners):
            listener.applied(change)
        return inverse

    def _validate(self, change):
        """The method performing a valid primitive change; IndexError / ValueError / TypeError otherwise."""
        size = len(self._slots)
        if isinstance(change, Replace):
            self._entry(change.index)
            self._check_entry(change.entry)
            return self._do_replace
        if isinstance(change, Insert):
            if not isinstance(change.index, int) or not 0 <= change.index <= size:
                raise IndexError(f"cannot insert at row {change.index + 1}")
            for entry in change.entries:
                self._check_entry(entry)
            return self._do_insert
        if isinstance(change, Remove):
            if change.count < 1 or not 0 <= change.index or change.index + change.count > size:
                raise IndexError(f"cannot remove {change.count} rows from row {change.index + 1}")
            return self._do_remove
        if isinstance(change, SetMeta):
            if change.key == "transcript" or not isinstance(change.key, str):
                raise ValueError(f"'{change.key}' is not a top-level scalar key")
            if not isinstance(change.value, _SCALARS) or not isinstance(self._meta.get(change.key), _SCALARS):
                raise ValueError(f"'{change.key}' can only be set to and from a scalar value")
            _refuse_unwritable(change.key)
            _refuse_unwritable(change.value)
            return self._do_set_meta
        if isinstance(change, SetValue):
            return self._checked_set_value(change)
        raise TypeError(f"not a change: {change!r}")

    @staticmethod
    def _check_entry(entry) -> None:
        """TypeError unless `entry` is an Entry with fields of the documented types."""
        valid = (isinstance(entry, Entry) and entry.kind in ("line", "header") and isinstance(entry.text, str)
                 and isinstance(entry.who, (str, type(None))) and isinstance(entry.time, (str, type(None)))
                 and (entry.sec is None or type(entry.sec) is int) and isinstance(entry.extra, tuple))
        if not valid:
            raise TypeError(f"not a valid entry: {entry!r}")
        for value in (entry.text, entry.who, entry.time):
            _refuse_unwritable(value)

    def _do_replace(self, change: Replace):
        """Perform a Replace; the inverse carries the old entry's text."""
        slot = self._slots[change.index]
        inverse = Replace(change.index, slot.entry, slot.source)
        self._slots[change.index] = Slot(change.entry, change.source, slot.gap, slot.start, change.source is not None)
        self._touched = True
        self._dirty.add(change.index)
        return inverse

    def _do_insert(self, change: Insert):
        """Perform an Insert, reusing handed-back texts; the inverse is a Remove."""
        sources = change.sources or ((None, ""),) * len(change.entries)
        self._slots[change.index:change.index] = [Slot(entry, source, gap, restored=source is not None)
                                                  for entry, (source, gap) in zip(change.entries, sources)]
        self._touched = True
        self._lines = None
        count = len(change.entries)
        self._dirty = {i + count if i >= change.index else i for i in self._dirty}
        self._dirty.update(range(change.index, change.index + count))
        return Remove(change.index, len(change.entries))

    def _do_remove(self, change: Remove):
        """Perform a Remove; the inverse re-inserts the entries with their texts."""
        gone = self._slots[change.index:change.index + change.count]
        del self._slots[change.index:change.index + change.count]
        self._touched = True
        self._lines = None
        end = change.index + change.count
        self._dirty = {i - change.count if i >= end else i for i in self._dirty if not change.index <= i < end}
        if change.index < len(self._slots):
            self._dirty.add(change.index)         # the entry now there no longer follows the one before it
        return Insert(change.index, tuple(slot.entry for slot in gone), tuple((slot.source, slot.gap) for slot in gone))

    def _do_set_meta(self, change: SetMeta):
        """Perform a SetMeta; the inverse carries the key's old text ("" when it was absent)."""
        key, layout = change.key, self._layout
        present = key in self._meta
        current = self._current_meta_source(key) if present else ""
        inverse = SetMeta(key, self._meta.get(key), current)
        source = change.source
        old = self._meta.get(key)
        if source is None and present and type(old) is type(change.value) and old == change.value:
            source = current                      # setting the same value keeps the key's text as it is
        if source == "":
            self._meta.pop(key, None)
        else:
            self._meta[key] = change.value
        original = layout.source(*layout.key_spans[key][:2]) if key in layout.key_spans else ""
        if source == original:
            self._meta_sources.pop(key, None)
        else:
            self._meta_sources[key] = source
        return inverse

    def _current_meta_source(self, key) -> str:
        """The text that currently stands for `key` in dumps()."""
        from .emit import emit_key

        if key in self._meta_sources:
            source = self._meta_sources[key]
            return emit_key(key, self._meta[key], self._layout.newline) if source is None else source
        start, end, _ = self._layout.key_spans[key]
        return self._layout.source(start, end)

    def _checked_set_value(self, change: SetValue):
        """The method performing a SetValue; ValueError for the transcript or values YAML cannot hold."""
        if change.key == "transcript" or not isinstance(change.key, str):
            raise ValueError(f"'{change.key}' cannot be replaced as a value")
        if not _plain_data(change.value):
            raise ValueError(f"'{change.key}' can only be set to strings, numbers, lists and mappings")
        return self._do_set_value

    def _do_set_value(self, change: SetValue):
        """Perform a SetValue through the key-text machinery of SetMeta; the inverse is a SetValue."""
        inverse = self._do_set_meta(change)
        return SetValue(inverse.key, inverse.value, inverse.source)

    # writing -------------------------------------------------------------------------------------------------
    def _render(self, errors: str = "strict"):
        """The bytes to write and what changed in them."""
        from .splice import render

        return render(self._layout, self._slots, self._dirty, self._meta, self._meta_sources, self._touched,
                      self._original_entries, self._keyless, errors)

    def dumps(self) -> str:
        """The full file text: untouched parts byte-identical, changed entries and keys in house style."""
        if not self._touched and not self._meta_sources:
            return self._layout.data.decode("utf-8", "surrogatepass")     # as loaded or last saved
        return self._render("surrogatepass").data.decode("utf-8", "surrogatepass")

    @property
    def disk_fingerprint(self) -> str:
        """savefile.fingerprint of the bytes loaded or last saved (of the text for loads()); reads no file, and
        hashes those bytes once however often it is asked."""
        data = self._layout.data
        if self._fingerprint is None or self._fingerprint[0] is not data:
            self._fingerprint = (data, fingerprint(data))
        return self._fingerprint[1]

    def disk_changed(self) -> bool:
        """True when the file's bytes differ from those loaded or last saved (or the file is gone)."""
        if self.path is None:
            return False
        return self._differs(holds(self.path, self._layout.data))

    @property
    def saved_bytes(self) -> bytes:
        """The file's bytes as loaded or last saved: what disk_changed() compares the disk with (no need to read
        the file back or decode dumps() after a save)."""
        return self._layout.data

    def _differs(self, same: bool | None) -> bool:
        """True unless the file was found to hold what was loaded or last saved (`same` None: it could not be read,
        which counts as a change only for a file that was on disk)."""
        return self._on_disk if same is None else not same

    def save(self, path: str | os.PathLike | None = None, *, force: bool = False) -> None:
        """Write atomically to `path` (default: where it came from) after verifying the text reads back as the model."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise SaveError("no file name to save to")
        same = self.path is not None and os.path.realpath(target) == os.path.realpath(self.path)
        reading = _DiskCheck(self.path, self._layout.data) if same and not force else None
        try:
            with collector_paused():
                result, whole = self._prepare(target)
        except SaveError:
            if reading is not None and self._differs(reading.wait()):
                raise DiskChangedError(_CHANGED_ON_DISK, target) from None     # that comes first
            raise
        if reading is not None and self._differs(reading.wait()):
            raise DiskChangedError(_CHANGED_ON_DISK, target)
        write_atomic(target, result.data)
        self.path = target
        self._on_disk = True
        with collector_paused():
            self._adopt(result, whole, target)

    def _prepare(self, target: Path):
        """(render, layout of the whole new text when it had to be parsed) once verified; SaveError otherwise."""
        from .verify import verify, verify_whole

        try:
            result = self._render()
        except UnicodeEncodeError as exc:
            raise SaveError(f"the text cannot be written as UTF-8 ({exc.reason})", target) from None
        except ValueError as exc:
            raise SaveError(str(exc), target) from None
        verify(result, self._slots, self._meta, self.entry_line, target)
        whole = verify_whole(result, self._slots, self._meta, self._plain, target) if self._layout.check_whole else None
        return result, whole

    def _adopt(self, result, whole, target: Path) -> None:
        """Take the written bytes as the unmodified state."""
        from .splice import rebased

        if whole is not None:
            self._rebase(whole)
            return
        layout = rebased(self._layout, result, self._slots, self._dirty, self._meta)
        if layout is not None:
            self._rebase(layout, self._slots)
        else:
            self._rebase(parse(result.data, result.data.decode("utf-8"), target, self._plain))

    def check(self) -> list[Problem]:
        """Problems found in the transcript (see editor.document.checks)."""
        return check_episode(self)
