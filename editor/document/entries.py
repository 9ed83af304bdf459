"""The transcript entry value type and its conversion to and from the YAML mapping of a file."""
from dataclasses import dataclass, replace

from .timecode import parse_time

LINE = "line"
HEADER = "header"
TYPED_FIELDS = (("who", str), ("sec", int), ("time", str))   # line fields and the one type each must have


@dataclass(frozen=True, slots=True)
class Entry:
    """One transcript entry: a spoken line (text, who, sec, time) or a chapter header (text)."""

    kind: str
    text: str
    who: str | None = None
    sec: int | None = None
    time: str | None = None
    extra: tuple = ()

    @property
    def is_header(self) -> bool:
        """True for a chapter header."""
        return self.kind == HEADER

    @property
    def seconds(self) -> int | None:
        """Where the line starts: its sec, else its time read as m:ss / h:mm:ss; None when it has neither."""
        return self.sec if self.sec is not None else parse_time(self.time)

    def wrong_types(self) -> list[str]:
        """Names of line fields present in the file with a value of the wrong type (kept among `extra`)."""
        if self.is_header:
            return []
        names = dict(TYPED_FIELDS)
        return [key for key, _ in self.extra if key in names]

    def with_fields(self, **fields) -> "Entry":
        """This entry with `fields` set, any wrong-typed value of the same fields dropped from `extra`."""
        extra = tuple((key, value) for key, value in self.extra if key not in fields)
        return replace(self, extra=extra, **fields)

    @classmethod
    def line(cls, text, who=None, sec=None, time=None) -> "Entry":
        """A spoken line."""
        return cls(LINE, text, who, sec, time)

    @classmethod
    def header(cls, text) -> "Entry":
        """A chapter header."""
        return cls(HEADER, text)


def entry_to_data(entry: Entry) -> dict:
    """The mapping written to the file, keys in house order (line, sec, time, who, then unknown keys)."""
    if entry.kind == HEADER:
        data = {"header": entry.text}
    else:
        data = {"line": entry.text}
        for key in ("sec", "time", "who"):
            value = getattr(entry, key)
            if value is not None:
                data[key] = value
    for key, value in entry.extra:
        data.setdefault(key, value)
    return data


def entry_from_data(data: dict, raw_text: str) -> Entry:
    """The Entry for a loaded mapping; `raw_text` is the source text of the line/header scalar."""
    if "header" in data:
        known = {"header": raw_text}
        kind = HEADER
    else:
        known = {"line": raw_text}
        kind = LINE
        for key, wanted in TYPED_FIELDS:
            value = data.get(key)
            if type(value) is wanted:
                known[key] = value
    extra = tuple((key, value) for key, value in data.items() if key not in known)
    return Entry(kind, raw_text, known.get("who"), known.get("sec"), known.get("time"), extra)
