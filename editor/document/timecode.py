"""Conversions between whole seconds and the transcript's `m:ss` / `h:mm:ss` time strings."""
import re

_MINUTES = re.compile(r"([0-5]?[0-9]):([0-5][0-9])")
_HOURS = re.compile(r"([0-9]+):([0-5][0-9]):([0-5][0-9])")


def format_time(seconds: int) -> str:
    """64 -> "1:04", 3781 -> "1:03:01"; negative values count as 0."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_time(text) -> int | None:
    """"1:04" -> 64, "1:03:01" -> 3781; anything else (e.g. "37:567", "60:08") -> None."""
    if not isinstance(text, str):
        return None
    match = _MINUTES.fullmatch(text)
    if match:
        return int(match[1]) * 60 + int(match[2])
    match = _HOURS.fullmatch(text)
    if match:
        return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3])
    return None
