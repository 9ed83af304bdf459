"""Edit changes: frozen values an Episode applies, each application returning its exact inverse."""
from dataclasses import dataclass, field

from .entries import Entry


@dataclass(frozen=True)
class Replace:
    """Put `entry` at `index`; `source` (internal) is the exact file text to reuse for it."""

    index: int
    entry: Entry
    source: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Insert:
    """Insert `entries` before `index`; `sources` (internal) holds (text, gap) to reuse per entry."""

    index: int
    entries: tuple
    sources: tuple = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Remove:
    """Remove `count` entries starting at `index`."""

    index: int
    count: int = 1


@dataclass(frozen=True)
class SetMeta:
    """Set top-level scalar key `key` to `value`; `source` (internal) is file text to restore, "" = no key."""

    key: str
    value: object
    source: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class SetValue:
    """Replace top-level key `key`'s whole value (lists and mappings too); `source` (internal) as in SetMeta."""

    key: str
    value: object
    source: str | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Batch:
    """Several changes applied in order; its inverse is the reversed inverses."""

    changes: tuple


Change = Replace | Insert | Remove | SetMeta | SetValue | Batch
