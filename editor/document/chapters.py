"""Chapters: the episode's headers with the times the site shows for them, and the site's chapter lists.

The site shows a header at the time of the first timed line after it and drops a header directly followed by
another one (an empty chapter). Its chapter lists (`podcast-timestamps/sSSeEE-slug.txt`) hold one `HH:MM:SS Topic`
line per chapter; its import script places each chapter by walking the spoken lines (see `placed_headers`).
"""
import re
from dataclasses import dataclass
from pathlib import Path

from .changes import Batch, Change, Insert, Remove, Replace
from .entries import Entry
from .errors import DocumentError
from .timecode import format_time

_LIST_LINE = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})\s+(.+)")
_DURATION = re.compile(r"PT(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?")
SITE = "site"
YOUTUBE = "youtube"
FORMATS = (SITE, YOUTUBE)
YOUTUBE_MIN_CHAPTERS = 3
YOUTUBE_MIN_SECONDS = 10


class ChapterListError(DocumentError):
    """A chapter list with lines that are not `HH:MM:SS Topic`; `bad_lines` holds (1-based line, text) pairs."""

    def __init__(self, bad_lines: list, path=None):
        self.bad_lines = list(bad_lines)
        shown = "; ".join(f"line {number}: {text!r}" for number, text in self.bad_lines[:5])
        more = f" and {len(self.bad_lines) - 5} more" if len(self.bad_lines) > 5 else ""
        super().__init__(f"not 'HH:MM:SS Topic': {shown}{more}", path, self.bad_lines[0][0] if self.bad_lines else None)


@dataclass(frozen=True)
class Chapter:
    """A header as the site shows it: its entry index, title, time (None: no timed line follows) and length."""

    index: int
    title: str
    seconds: int | None
    empty: bool
    length: int | None


@dataclass(frozen=True)
class ListedChapter:
    """One line of a chapter list: start in seconds and topic."""

    seconds: int
    title: str


@dataclass(frozen=True)
class ChapterExport:
    """An exported chapter list and the reasons, if any, why the target will not show it as chapters."""

    text: str
    warnings: tuple


def parse_duration(value) -> int | None:
    """Seconds of an ISO 8601 `duration` such as "PT00H58M11S" or "PT01H14S"; None when it is not one."""
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if not match or value == "PT":
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def episode_end(episode) -> int | None:
    """Where the episode ends: its `duration`, else the last timed line's time; None when neither is known."""
    duration = parse_duration(episode.get_meta("duration"))
    if duration:
        return duration
    times = [entry.seconds for entry in episode.entries]
    times = [seconds for seconds in times if seconds is not None]
    return times[-1] if times else None


def chapters(episode) -> list[Chapter]:
    """Every header in order with the time the site shows for it, whether it is empty, and its length."""
    entries = list(episode.entries)
    found, next_time = [], None
    for index in range(len(entries) - 1, -1, -1):       # walking backwards gives "first timed line after"
        entry = entries[index]
        if entry.is_header:
            empty = index + 1 < len(entries) and entries[index + 1].is_header
            found.append((index, entry.text, next_time, empty))
        else:
            seconds = entry.seconds
            if seconds is not None:
                next_time = seconds
    found.reverse()
    end = episode_end(episode)
    result, following = [], end
    for index, title, seconds, empty in reversed(found):
        if empty:
            length = 0 if seconds is not None else None
        else:
            length = None if seconds is None or following is None else max(0, following - seconds)
            following = seconds if seconds is not None else following
        result.append(Chapter(index, title, seconds, empty, length))
    result.reverse()
    return result


def shown_chapters(episode) -> list[Chapter]:
    """The chapters the site shows: empty ones and ones with no timed line after them left out."""
    return [chapter for chapter in chapters(episode) if not chapter.empty and chapter.seconds is not None]


# ---- editing ----------------------------------------------------------------------------------------------------

def _header(episode, index) -> Entry:
    """The header at `index`; ValueError when the entry there is a spoken line."""
    entry = episode.entries[index]
    if not entry.is_header:
        raise ValueError(f"row {index + 1} is not a chapter header")
    return entry


def rename_chapter(episode, index: int, title: str) -> Change:
    """Give the header at `index` a new title."""
    _header(episode, index)
    return episode.set_text(index, title)


def delete_chapter(episode, index: int) -> Change:
    """Remove the header at `index` (its lines join the chapter before)."""
    _header(episode, index)
    return episode.remove(index)


def playing_row(episode, seconds: float) -> int:
    """The row being played at `seconds`: the last timed line starting at or before it (0 before the first)."""
    row = 0
    for index, entry in enumerate(episode.entries):
        start = entry.seconds
        if start is None:
            continue
        if start > seconds:
            break
        row = index
    return row


def insert_chapter_at(episode, seconds: float, title: str) -> Change:
    """Insert a header above the row being played at `seconds`."""
    return episode.insert_header(playing_row(episode, seconds), title)


# ---- chapter lists ----------------------------------------------------------------------------------------------

def parse_chapter_list(text: str, path=None) -> list[ListedChapter]:
    """The chapters of a `HH:MM:SS Topic` list (blank lines skipped); ChapterListError naming every bad line,
    DocumentError for a list without chapters (importing it would only delete the headers)."""
    listed, bad = [], []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        match = _LIST_LINE.fullmatch(line)
        if not match or int(match[2]) > 59 or int(match[3]) > 59:
            bad.append((number, line))
            continue
        seconds = int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3])
        listed.append(ListedChapter(seconds, match[4].strip()))
    if bad:
        raise ChapterListError(bad, path)
    if not listed:
        raise DocumentError("the chapter list holds no 'HH:MM:SS Topic' lines", path)
    return listed


def read_chapter_list(path) -> list[ListedChapter]:
    """Read a chapter list file; ChapterListError for unreadable files and bad lines."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DocumentError(f"cannot read the chapter list: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise DocumentError("the chapter list is not UTF-8 text", path) from None
    return parse_chapter_list(text, path)


def find_chapter_lists(episode) -> list[Path]:
    """The site's lists for this episode: `../podcast-timestamps/sSSeEE-*.txt` beside the episode's folder."""
    season, number = episode.get_meta("season"), episode.get_meta("episode")
    if episode.path is None or type(season) is not int or type(number) is not int:
        return []
    folder = Path(episode.path).resolve().parent.parent / "podcast-timestamps"
    return sorted(folder.glob(f"s{season:02d}e{number:02d}-*.txt")) if folder.is_dir() else []


def placed_headers(lines: list, listed: list) -> list[list[str]]:
    """For spoken `lines` in order, the header titles to put before each one, and last those left for the end.

    The site's rule: chapters sorted by time; a timed line takes every pending chapter at or before its sec;
    an untimed line (after some timed one) takes those between the last seen sec and the next line's sec, or all
    pending after the last seen sec when no timed line follows; lines before the first timed one take none.
    """
    pending = sorted(listed, key=lambda chapter: chapter.seconds)
    next_sec = [None] * len(lines)
    upcoming = None
    for position in range(len(lines) - 1, -1, -1):
        next_sec[position] = upcoming
        if lines[position].sec is not None:
            upcoming = lines[position].sec
    placed, taken, last_sec = [], 0, None
    for position, line in enumerate(lines):
        before = []
        if line.sec is not None:
            last_sec = line.sec
            while taken < len(pending) and pending[taken].seconds <= line.sec:
                before.append(pending[taken].title)
                taken += 1
        elif last_sec is not None:
            following = next_sec[position]
            while taken < len(pending):
                start = pending[taken].seconds
                due = (start <= last_sec or last_sec < start <= following) if following is not None \
                    else start > last_sec
                if not due:
                    break
                before.append(pending[taken].title)
                taken += 1
        placed.append(before)
    placed.append([chapter.title for chapter in pending[taken:]])
    return placed


def import_chapters(episode, listed: list) -> Change:
    """Replace the episode's headers by `listed`, placed as the site's script does; unchanged headers stay put."""
    entries = list(episode.entries)
    lines = [entry for entry in entries if not entry.is_header]
    wanted = placed_headers(lines, listed)
    groups, current = [], []                # existing headers before each line, then trailing: (start, titles)
    start = 0
    for index, entry in enumerate(entries):
        if entry.is_header:
            current.append(entry.text)
            continue
        groups.append((start, current))
        current, start = [], index + 1
    groups.append((start, current))
    changes = []
    for (start, old), new in reversed(list(zip(groups, wanted))):
        if old == new:
            continue
        common = min(len(old), len(new))
        if len(old) > common:
            changes.append(Remove(start + common, len(old) - common))
        if len(new) > common:
            changes.append(Insert(start + common, tuple(Entry.header(title) for title in new[common:])))
        changes.extend(Replace(start + k, Entry.header(new[k])) for k in range(common) if old[k] != new[k])
    return episode.apply(Batch(tuple(changes)))


def _list_time(seconds: int) -> str:
    """HH:MM:SS as the site's lists write times."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def youtube_problems(shown: list, end: int | None) -> list[str]:
    """Why YouTube would not show `shown` chapters as chapters: its three rules, each broken one named."""
    problems = []
    if not shown or shown[0].seconds != 0:
        first = format_time(shown[0].seconds) if shown else "nothing"
        problems.append(f"YouTube needs the first chapter to start at 0:00; it starts at {first}")
    if len(shown) < YOUTUBE_MIN_CHAPTERS:
        problems.append(f"YouTube needs at least {YOUTUBE_MIN_CHAPTERS} chapters; there are {len(shown)}")
    for position, chapter in enumerate(shown):
        following = shown[position + 1].seconds if position + 1 < len(shown) else end
        if following is not None and following - chapter.seconds < YOUTUBE_MIN_SECONDS:
            problems.append(f"YouTube needs every chapter to last at least {YOUTUBE_MIN_SECONDS} seconds; "
                            f"'{chapter.title}' at {format_time(chapter.seconds)} lasts "
                            f"{max(0, following - chapter.seconds)}")
    return problems


def export_chapters(episode, fmt: str = SITE) -> ChapterExport:
    """The shown chapters as a site list (`HH:MM:SS Topic`) or YouTube description chapters (`m:ss Topic`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chapter list format {fmt!r} (known: {', '.join(FORMATS)})")
    shown = shown_chapters(episode)
    untimed = [chapter for chapter in chapters(episode) if not chapter.empty and chapter.seconds is None]
    warnings = [f"chapter '{chapter.title}' (row {chapter.index + 1}) has no timed line after it; left out"
                for chapter in untimed]
    if fmt == SITE:
        text = "\n".join(f"{_list_time(chapter.seconds)} {chapter.title}" for chapter in shown)
    else:
        text = "\n".join(f"{format_time(chapter.seconds)} {chapter.title}" for chapter in shown)
        warnings.extend(youtube_problems(shown, episode_end(episode)))
    return ChapterExport(text, tuple(warnings))
