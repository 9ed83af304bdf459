"""The recovery journal format: a file's unsaved state and undo history, appended to as it changes.

Version 3 (written now) is JSON Lines: a header line (file path, fingerprint of its bytes at load / last save),
the text at load / last save once (split over "base" lines), then one record per change of the undo history:
a new undo step, changes merged into the last step, an undo or redo (the new index), and after each write a
"mark" with the time and the number of unsaved changes. A torn last line (a crash while appending) is ignored.
Version 2 (one JSON object holding the whole text and history; fingerprint "digest") and version 1 (the same
with a sha256 "sha256") are still read; a journal of a later version is a JournalError, never a crash.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .changes import Batch, Insert, Remove, Replace, SetMeta, SetValue
from .entries import Entry
from .episode import Episode
from .errors import JournalError
from .savefile import fingerprint

FORMAT = "transcript-editor-recovery"
VERSION = 3
SUFFIX = ".jsonl"                       # version 3 journals; versions 1 and 2 were ".json"
SUFFIXES = (SUFFIX, ".json")
_READABLE = (1, 2, 3)
_BASE_CHUNK = 1 << 16                   # characters of the base text per line: no single encode holds the GIL long
_TYPES = {cls.__name__: cls for cls in (Entry, Replace, Insert, Remove, SetMeta, SetValue, Batch)}

# record kinds of version 3 ("t"): n is a 1-based undo step number, c a list of encoded primitive changes
STEP, MORE, INDEX, LOST, RAW, TEXT, MARK = "step", "more", "index", "lost", "raw", "text", "mark"


def encode(value):
    """A JSON-ready form of a change, entry or YAML scalar; TypeError for anything else."""
    if dataclasses.is_dataclass(value) and type(value).__name__ in _TYPES:
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": type(value).__name__, **fields}
    if isinstance(value, tuple):
        return {"$t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$d": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot journal a {type(value).__name__}")


def decode(value):
    """The value `encode` was given."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if "$t" in value:
            return tuple(decode(item) for item in value["$t"])
        if "$d" in value:
            return {decode(k): decode(v) for k, v in value["$d"]}
        fields = {k: decode(v) for k, v in value.items() if k != "$"}
        return _TYPES[value["$"]](**fields)
    return value


def encode_changes(changes: list) -> list | None:
    """The changes as JSON values, or None when some value does not survive the round trip exactly."""
    try:
        encoded = [encode(change) for change in changes]
        text = json.dumps(encoded)
    except (TypeError, ValueError):
        return None
    if [decode(change) for change in json.loads(text)] != changes:
        return None
    return encoded


def encode_history(steps: list[list]) -> list | None:
    """The undo steps as JSON values, or None when some value does not survive the round trip exactly."""
    encoded = [encode_changes(step) for step in steps]
    return None if any(step is None for step in encoded) else encoded


def line(record: dict) -> bytes:
    """One record as a line of the journal."""
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def header(path: str, digest: str, base: str | None, written: float) -> bytes:
    """The first lines of a version 3 journal: what file it belongs to and its text at load / last save."""
    chunks = [base[i:i + _BASE_CHUNK] for i in range(0, len(base), _BASE_CHUNK)] if base is not None else []
    head = {"format": FORMAT, "version": VERSION, "path": path, "digest": digest, "written": written,
            "base": None if base is None else len(chunks)}
    return line(head) + b"".join(line({"base": chunk}) for chunk in chunks)


def step_record(number: int, changes: list, merged: bool = False) -> dict | None:
    """Undo step `number` is now `changes` (later steps dropped), or, `merged`, gained them; None if not exact."""
    encoded = encode_changes(changes)
    return None if encoded is None else {"t": MORE if merged else STEP, "n": number, "c": encoded}


def index_record(number: int) -> dict:
    """An undo or redo: `number` undo steps are now done."""
    return {"t": INDEX, "n": number}


def lost_record(changes: list) -> dict | None:
    """The undo history can no longer be followed: from here on the applied changes themselves, in order."""
    encoded = encode_changes(changes)
    return None if encoded is None else {"t": RAW, "c": encoded}


def text_record(text: str) -> dict:
    """The whole text, when some change cannot be recorded exactly."""
    return {"t": TEXT, "text": text}


def mark_record(written: float, changes: int) -> dict:
    """The end of one write: when, and how many unsaved changes there are."""
    return {"t": MARK, "written": written, "changes": changes}


@dataclass
class JournalInfo:
    """One recovery journal: the unsaved state of one episode file."""

    file: Path | None     # the journal file itself
    path: str             # the episode file it belongs to
    fingerprint: str      # the episode file's bytes when loaded / last saved (see `algorithm`)
    written: float        # time.time() of the last write
    changes: int          # undo steps since load / last save
    base: str | None      # the text at load / last save, which `steps` start from
    steps: list | None    # undo history: one list of primitive changes per undo step, or None when lost
    index: int            # how many of `steps` are done (the rest are redo steps)
    algorithm: str = "blake2b"   # how `fingerprint` was made: "blake2b" (savefile.fingerprint) or "sha256" (version 1)
    version: int = VERSION
    snapshot: str | None = None  # the whole recovered text, when recorded as such (versions 1 and 2 always)
    applied: list = field(default_factory=list, repr=False)   # changes from `base` to the text, when no snapshot
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def read(cls, file: Path) -> JournalInfo | None:
        """The journal in `file`; None when it is no journal at all, JournalError when this version cannot read it."""
        try:
            data = Path(file).read_bytes()
        except OSError:
            return None
        first, _, rest = data.partition(b"\n")
        try:
            head = json.loads(first)
        except ValueError:
            return None
        if not isinstance(head, dict) or head.get("format") != FORMAT:
            return None
        version = head.get("version")
        if version not in _READABLE:
            raise JournalError(f"this recovery journal has format version {version!r}, which this version of the "
                               f"editor cannot read (it reads {', '.join(map(str, _READABLE))}); it is kept", file)
        try:
            if version == VERSION:
                return cls._read_log(Path(file), head, rest)
            return cls._read_whole(Path(file), head, version)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise JournalError(f"damaged recovery journal ({type(exc).__name__}: {exc}); it is kept", file) from None

    @classmethod
    def _read_whole(cls, file: Path, data: dict, version: int) -> JournalInfo:
        """A version 1 or 2 journal: one JSON object with the whole text and, when it could be kept, the history."""
        history = data.get("history")
        steps = [[decode(change) for change in step] for step in history["steps"]] if history else None
        key, algorithm = ("sha256", "sha256") if version == 1 else ("digest", "blake2b")
        return cls(file, data["path"], data[key], float(data["written"]), int(data["changes"]), data.get("base"),
                   steps, int(history["index"]) if history else 0, algorithm, version, snapshot=data["text"])

    @classmethod
    def _read_log(cls, file: Path, head: dict, rest: bytes) -> JournalInfo:
        """A version 3 journal: the header, the base text, then the records (a torn last line is left out)."""
        lines = rest.split(b"\n")
        lines.pop()                        # after the last newline: empty, or a record torn by a crash
        chunks = head["base"]
        base = None if chunks is None else "".join(json.loads(lines[i])["base"] for i in range(chunks))
        steps, index, applied, snapshot = [], 0, None, None
        written, changes = float(head["written"]), 0
        for number, raw in enumerate(lines[chunks or 0:], start=(chunks or 0) + 2):
            record = json.loads(raw)
            kind = record["t"]
            if kind == MARK:
                written, changes = float(record["written"]), int(record["changes"])
            elif kind == TEXT:
                steps, applied, snapshot = None, None, record["text"]
            elif kind == RAW:
                if applied is None and snapshot is None:
                    applied = [change for step in steps[:index] for change in step]
                    steps = None
                if snapshot is None:
                    applied += [decode(change) for change in record["c"]]
            elif steps is None:
                continue                   # the history was lost earlier: steps and undo moves no longer count
            elif kind == STEP:
                n = int(record["n"])
                steps[n - 1:] = [[decode(change) for change in record["c"]]]
                index = n
            elif kind == MORE:
                n = int(record["n"])
                del steps[n:]
                steps[n - 1] = steps[n - 1] + [decode(change) for change in record["c"]]
            elif kind == INDEX:
                index = int(record["n"])
                if not 0 <= index <= len(steps):
                    raise ValueError(f"line {number}: undo index {index} outside the {len(steps)} steps")
            else:
                raise ValueError(f"line {number}: unknown record {kind!r}")
        if applied is None and steps is not None:
            applied = [change for step in steps[:index] for change in step]
        return cls(file, head["path"], head["digest"], written, changes, base, steps,
                   index if steps is not None else 0, "blake2b", VERSION, snapshot, applied or [])

    def text(self) -> str:
        """The recovered text: recorded whole, or the base with the recorded changes applied."""
        if self.snapshot is not None:
            return self.snapshot
        if self._text is None:
            episode = Episode.loads(self.base, path=self.path)
            episode.apply(Batch(tuple(self.applied)))
            self._text = episode.dumps()
        return self._text

    def matches(self, data: bytes) -> bool:
        """True when `data` are the bytes the journal's changes started from."""
        if self.algorithm == "sha256":
            return hashlib.sha256(data).hexdigest() == self.fingerprint
        return fingerprint(data) == self.fingerprint

    def when(self) -> str:
        """The write time for people, e.g. 2026-11-28 14:32:05."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.written))

    def summary(self) -> str:
        """File, number of changes and time, as the restore question shows them."""
        plural = "change" if self.changes == 1 else "changes"
        return f"{self.path}\n{self.changes} unsaved {plural}, last recorded {self.when()}"
