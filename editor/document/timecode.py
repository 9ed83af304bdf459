"""Conversions between whole seconds and the transcript's `m:ss` / `h:mm:ss` time strings, and the one time rule."""
import re

_MINUTES = re.compile(r"([0-5]?[0-9]):([0-5][0-9])")
_HOURS = re.compile(r"([0-9]+):([0-5][0-9]):([0-5][0-9])")
_SHAPE = re.compile(r"([0-9]+):([0-9][0-9])(?::([0-9][0-9]))?")
_QUOTED = re.compile(r"'(.*)'|\"(.*)\"")


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


def time_error(text: str) -> str | None:
    """Why `text` is not a time a file can hold, in words for the user; None when parse_time() reads it."""
    if parse_time(text) is not None:
        return None
    if not isinstance(text, str):
        return "a time is text such as 1:04"
    match = _SHAPE.fullmatch(text)
    if not match:
        if text.strip().isdigit():
            return "add minutes: write m:ss, e.g. 1:04"
        return "use m:ss or h:mm:ss, e.g. 1:04 or 1:03:01"
    first, second, third = match.groups()
    if third is None:
        if int(second) >= 60:
            return "seconds must be below 60"
        return "from an hour on, write h:mm:ss, e.g. 1:03:01"
    return "minutes and seconds must be below 60"


def _unquoted(text: str) -> str:
    """Typed text without surrounding blanks and one pair of matching quotes ('0:56' as YAML shows a time)."""
    text = text.strip()
    match = _QUOTED.fullmatch(text)
    return (match[1] if match[1] is not None else match[2]).strip() if match else text


def typed_error(text: str) -> str | None:
    """time_error() of what a user typed into a time cell; empty text (which clears the time) is fine."""
    text = _unquoted(text)
    return time_error(text) if text else None


def typed_time(text: str) -> int | None:
    """The seconds of a time typed into a time cell (blanks and quotes around it allowed); None when not a time."""
    return parse_time(_unquoted(text))
