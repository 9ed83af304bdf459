"""The recovery journal format: a file's unsaved state and undo history as JSON, readable across versions.

Version 1 fingerprinted the episode file with sha256 ("sha256"); version 2 uses savefile.fingerprint ("digest").
Both are read; a journal of a later version is a JournalError, never a crash.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from .changes import Batch, Insert, Remove, Replace, SetMeta, SetValue
from .entries import Entry
from .errors import JournalError
from .savefile import fingerprint

FORMAT = "transcript-editor-recovery"
VERSION = 2
_READABLE = (1, 2)
_TYPES = {cls.__name__: cls for cls in (Entry, Replace, Insert, Remove, SetMeta, SetValue, Batch)}


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


def encode_history(steps: list[list]) -> list | None:
    """The steps as JSON values, or None when some value does not survive the round trip exactly."""
    try:
        encoded = [[encode(change) for change in step] for step in steps]
        text = json.dumps(encoded)
    except (TypeError, ValueError):
        return None
    if [[decode(change) for change in step] for step in json.loads(text)] != steps:
        return None
    return encoded


@dataclass
class JournalInfo:
    """One recovery journal: the unsaved state of one episode file."""

    file: Path | None     # the journal file itself (None until written or read)
    path: str             # the episode file it belongs to
    fingerprint: str      # the episode file's bytes when loaded / last saved (see `algorithm`)
    written: float        # time.time() of the write
    changes: int          # undo steps since load / last save
    text: str             # the full document text, episode.dumps()
    base: str | None      # the text at load / last save, which `steps` start from
    steps: list | None    # undo history: one list of primitive changes per undo step, or None
    index: int            # how many of `steps` are done (the rest are redo steps)
    algorithm: str = "blake2b"   # how `fingerprint` was made: "blake2b" (savefile.fingerprint) or "sha256" (version 1)

    @classmethod
    def read(cls, file: Path) -> JournalInfo | None:
        """The journal in `file`; None when it is no journal at all, JournalError when this version cannot read it."""
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        version = data.get("version")
        if version not in _READABLE:
            raise JournalError(f"this recovery journal has format version {version!r}, which this version of the "
                               f"editor cannot read (it reads {', '.join(map(str, _READABLE))}); it is kept", file)
        try:
            history = data.get("history")
            steps = [[decode(change) for change in step] for step in history["steps"]] if history else None
            key, algorithm = ("sha256", "sha256") if version == 1 else ("digest", "blake2b")
            return cls(Path(file), data["path"], data[key], float(data["written"]), int(data["changes"]),
                       data["text"], data.get("base"), steps, int(history["index"]) if history else 0, algorithm)
        except (KeyError, TypeError, ValueError) as exc:
            raise JournalError(f"damaged recovery journal ({type(exc).__name__}: {exc}); it is kept", file) from None

    def to_bytes(self) -> bytes:
        """The journal file's contents, in the current version (history left out when it cannot be kept exactly)."""
        if self.algorithm != "blake2b":
            raise ValueError("journals are written with savefile.fingerprint only")
        history = encode_history(self.steps) if self.steps is not None else None
        data = {
            "format": FORMAT, "version": VERSION, "path": self.path, "digest": self.fingerprint,
            "written": self.written, "changes": self.changes, "text": self.text,
            "base": self.base if history is not None else None,
            "history": None if history is None else {"steps": history, "index": self.index},
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

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
