"""The `quotableClips` list: one clip per chapter header, checked against the headers and regenerated from them.

The site's script makes each clip from a chapter: `name`, `startOffset` (seconds), `endOffset` (the next clip's
start; for the last one the episode's `duration`, else (or when that is before it) its own start) and `url` (`links.youtube` with `t=<start>`).
"""
import difflib
from dataclasses import dataclass

from .changes import Batch, Change
from .checks import Problem
from .chapters import chapters, parse_duration

KEY = "quotableClips"
_SCRIPT_ORDER = ("name", "startOffset", "endOffset", "url")
STALE = "clip-stale"


@dataclass(frozen=True)
class ClipUpdate:
    """The clips before and after regeneration and a unified diff of their `quotableClips` text."""

    old: list | None
    new: list
    diff: str

    @property
    def changed(self) -> bool:
        """True when regenerating would change the file."""
        return self.old != self.new


def clip_url(base: str, start: int) -> str:
    """The video link starting at `start` seconds (`&t=` or `?t=` as the link already has a query or not)."""
    return f"{base}{'&' if '?' in base else '?'}t={start}"


def _clips(episode) -> list:
    """The episode's clips that are mappings (other items are ignored)."""
    value = episode.get_meta(KEY)
    return [clip for clip in value if isinstance(clip, dict)] if isinstance(value, list) else []


def clip_problems(episode) -> list[Problem]:
    """`clip-stale` problems: clips whose names no longer match the headers' titles, in order."""
    value = episode.get_meta(KEY)
    if not isinstance(value, list):
        return []
    names = [clip.get("name") if isinstance(clip, dict) else None for clip in value]
    shown = chapters(episode)
    problems = []
    for position in range(max(len(names), len(shown))):
        name = names[position] if position < len(names) else None
        chapter = shown[position] if position < len(shown) else None
        if chapter is not None and name == chapter.title:
            continue
        if chapter is None:
            index = shown[-1].index if shown else 0
            message = f"quotable clip {position + 1} '{name}' has no chapter; regenerate the clips"
        elif position >= len(names):
            index = chapter.index
            message = f"chapter '{chapter.title}' has no quotable clip; regenerate the clips"
        else:
            index = chapter.index
            message = f"quotable clip {position + 1} is named '{name}' but its chapter is '{chapter.title}'; " \
                      f"regenerate the clips"
        if episode.entries:
            problems.append(Problem(index, episode.entry_line(index), STALE, message))
    return problems


def _windows(episode) -> list:
    """For each header: (title, previous line's seconds or None, shown seconds or None)."""
    entries = list(episode.entries)
    listed = {chapter.index: chapter for chapter in chapters(episode)}
    windows, last = [], None
    for index, entry in enumerate(entries):
        if index in listed:
            windows.append((listed[index].title, last, listed[index].seconds))
        elif entry.seconds is not None:
            last = entry.seconds
    return windows


def _kept_start(clips: list, title: str, after, until) -> tuple[int | None, dict | None]:
    """An existing clip's start that still falls on this header's place (after < start <= until), same name first."""
    fitting = [clip for clip in clips if type(clip.get("startOffset")) is int
               and (after is None or clip["startOffset"] > after) and (until is None or clip["startOffset"] <= until)]
    fitting.sort(key=lambda clip: clip.get("name") != title)
    return (fitting[0]["startOffset"], fitting[0]) if fitting else (None, None)


def regenerated_clips(episode) -> list:
    """The clips for the headers (empty chapters too, as the site's list has them); a clip keeps its start while it still falls on its header's place.

    The site placed each header before the first line at or after the clip's start, so any start between the
    previous line's time and the first timed line after the header gives the same place; otherwise the clip starts
    at the time the site shows for the chapter. ValueError when the episode has no `links.youtube`.
    """
    links = episode.get_meta("links")
    base = links.get("youtube") if isinstance(links, dict) else None
    if not isinstance(base, str) or not base or base == "TODO":
        raise ValueError("the episode has no YouTube link (links.youtube) to make clip links from")
    old = _clips(episode)
    order = list(old[0]) if old and set(old[0]) == set(_SCRIPT_ORDER) else list(_SCRIPT_ORDER)
    starts, used = [], []
    for title, after, until in _windows(episode):
        start, clip = _kept_start([c for c in old if not any(c is u for u in used)], title, after, until)
        if clip is not None:
            used.append(clip)
        if start is None:
            start = until if until is not None else (after if after is not None else 0)
        starts.append((title, start))
    end = parse_duration(episode.get_meta("duration"))
    clips = []
    for position, (title, start) in enumerate(starts):
        stop = starts[position + 1][1] if position + 1 < len(starts) else (end if end and end >= start else start)
        fields = {"name": title, "startOffset": start, "endOffset": stop, "url": clip_url(base, start)}
        clips.append({key: fields[key] for key in order})
    return clips


def clip_update(episode) -> ClipUpdate:
    """What regenerating the clips would do, with the difference to show before doing it."""
    from .emit import emit_key        # loads PyYAML: not before a clips difference is asked for

    old = episode.get_meta(KEY)
    new = regenerated_clips(episode)
    before = emit_key(KEY, old).split("\n") if old is not None else []
    after = emit_key(KEY, new).split("\n")
    diff = "".join(line + "\n" for line in difflib.unified_diff(before, after, KEY, KEY, lineterm=""))
    return ClipUpdate(old, new, diff)


def regenerate_clips(episode) -> Change:
    """Replace `quotableClips` by the clips regenerated from the chapters (nothing changes when they are current)."""
    update = clip_update(episode)
    if not update.changed:
        return episode.apply(Batch(()))
    return episode.set_value(KEY, update.new)
