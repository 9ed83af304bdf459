"""The problems of an open episode kept current while it is edited, rechecking only what each change can affect.

A change rechecks the rows it touched and their neighbours: the header above (empty-chapter), the entry below
(duplicate-entry) and the next timed line (time-order). Rows that only shift keep their findings; findings that
name another row store it relative to their own, so they read right after rows are inserted or removed above.
Speaker-as-text is redone for every line only when the set of speaker names changes; stale quotable clips are
worked out again on demand, and only after changes that can move or rename a chapter.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .changes import Change, Insert, Remove, Replace, SetMeta, SetValue
from .checks import (Problem, duplicate_entry, empty_chapter, local_problems, names_a_speaker, repeats,
                     speaker_as_text, time_order)
from .clips import KEY as CLIPS_KEY
from .clips import clip_problems

if TYPE_CHECKING:
    from .entries import Entry
    from .episode import Episode

GUESTS_KEY = "guests"


def _timed(entry: Entry) -> bool:
    """True for a spoken line with a time (the lines time-order compares)."""
    return not entry.is_header and entry.seconds is not None


class LiveChecks:
    """The checks of `episode` (equal to `episode.check()` at every moment), updated as an EpisodeListener.

    `problems()` gives the transcript's problems, `all_problems()` adds stale quotable clips; `version` grows with
    every change so that views can tell whether to redraw; `on_change()` (if given) is called after each change.
    Call `close()` to stop listening.
    """

    def __init__(self, episode: Episode, on_change: Callable[[], None] | None = None):
        self.episode = episode
        self._on_change = on_change
        self.version = 0
        self.recheck()
        episode.add_listener(self)

    def close(self) -> None:
        """Stop following the episode."""
        self.episode.remove_listener(self)

    # -- whole episode ----------------------------------------------------------------------------------------
    def recheck(self) -> None:
        """Check every row again (on opening; after a change everything is kept by the incremental updates)."""
        episode, entries = self.episode, self.episode.entries
        self._local = [tuple(local_problems(episode, index)) for index in range(len(entries))]
        self._unsourced = [episode.entry_source(index) is None for index in range(len(entries))]
        self._who = Counter(entry.who for entry in entries if entry.who and not entry.is_header)
        self._speakers = self._speaker_key()
        self._named: list[bool] | None = None
        self._context: list = [None] * len(entries)
        previous = None
        for index, entry in enumerate(entries):
            self._context[index] = self._context_of(index, previous)
            if _timed(entry):
                previous = index
        self._clips: list[Problem] | None = None
        self._replacing_header = False
        self._rendered: list[Problem] | None = None
        self.version += 1

    def sources_changed(self) -> None:
        """After a save: rows written anew have file text (and lines) of their own; check how they are written."""
        for index, unsourced in enumerate(self._unsourced):
            if unsourced:
                self._set_local(index)
        self._changed(clips=True)
        self._notify()

    # -- reading ----------------------------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Every problem of the transcript in entry order, as `Episode.check()` reports them."""
        if self._rendered is None:
            self._rendered = self._render()
        return list(self._rendered)

    def clip_problems(self) -> list[Problem]:
        """Stale quotable clips (worked out again only after a change that can affect them)."""
        if self._clips is None:
            self._clips = clip_problems(self.episode)
        return list(self._clips)

    def all_problems(self) -> list[Problem]:
        """The transcript's problems and the stale clips together, in row order."""
        return sorted(self.problems() + self.clip_problems(), key=lambda problem: problem.index)

    def _render(self) -> list[Problem]:
        entries, episode = self.episode.entries, self.episode
        named = self._names()
        problems = []
        for index in [i for i, (local, context, name) in enumerate(zip(self._local, self._context, named))
                      if local or context or name]:
            entry = entries[index]
            found = list(self._local[index])
            if named[index]:
                found.append(speaker_as_text(entry))
            context = self._context[index]
            if context is not None:
                empty, order, duplicate = context
                if empty:
                    found.append(empty_chapter(entry, index + 2))
                if order is not None:
                    found.append(time_order(entry, index + order + 1))
                if duplicate:
                    found.append(duplicate_entry(index))
            line = episode.entry_line(index)
            problems.extend(Problem(index, line, code, message) for code, message in found)
        return problems

    def _speaker_key(self) -> tuple[frozenset, int]:
        """The names a text may not consist of alone: every speaker and listed guest, and their longest length."""
        guests = self.episode.get_meta(GUESTS_KEY)
        names = set(self._who)
        if isinstance(guests, list):
            names.update(guest for guest in guests if isinstance(guest, str) and guest)
        return frozenset(names), max(map(len, names), default=0) + 2

    def _names(self) -> list[bool]:
        """Per row: is it a line that only names a speaker (redone for every row after the names changed)."""
        if self._named is None:
            names, longest = self._speakers
            self._named = [names_a_speaker(entry, names, longest) for entry in self.episode.entries]
        return self._named

    # -- one row ----------------------------------------------------------------------------------------------
    def _set_local(self, index: int) -> None:
        self._local[index] = tuple(local_problems(self.episode, index))
        self._unsourced[index] = self.episode.entry_source(index) is None

    def _context_of(self, index: int, previous_timed: int | None) -> tuple | None:
        """(empty chapter, offset of the later-timed row above or None, repeats the row above) or None if clean."""
        entries = self.episode.entries
        entry = entries[index]
        empty = entry.is_header and index + 1 < len(entries) and entries[index + 1].is_header
        order = None
        if previous_timed is not None and _timed(entry) and entry.seconds < entries[previous_timed].seconds:
            order = previous_timed - index
        duplicate = index > 0 and repeats(entries[index - 1], entry)
        return (empty, order, duplicate) if empty or order is not None or duplicate else None

    def _previous_timed(self, index: int) -> int | None:
        entries = self.episode.entries
        for above in range(index - 1, -1, -1):
            if _timed(entries[above]):
                return above
        return None

    def _next_timed(self, index: int) -> int | None:
        entries = self.episode.entries
        for below in range(index + 1, len(entries)):
            if _timed(entries[below]):
                return below
        return None

    def _refresh_context(self, first: int, last: int, after: int) -> None:
        """Redo rows first..last and the first timed line below row `after` (whose time-order it may change)."""
        first, last = max(0, first), min(len(self._context) - 1, last)
        for index in range(first, last + 1):
            self._context[index] = self._context_of(index, self._previous_timed(index))
        following = self._next_timed(after)
        if following is not None and not first <= following <= last:
            self._context[following] = self._context_of(following, self._previous_timed(following))

    # -- listening --------------------------------------------------------------------------------------------
    def about_to_apply(self, change: Change) -> None:
        """Take the speakers of the entries about to be replaced or removed out of the count."""
        entries = self.episode.entries
        self._replacing_header = False
        if isinstance(change, Replace):
            self._replacing_header = entries[change.index].is_header
            self._count((entries[change.index],), -1)
        elif isinstance(change, Remove):
            self._count(entries[change.index:change.index + change.count], -1)

    def applied(self, change: Change) -> None:
        """Recheck the rows `change` touched and their neighbours."""
        entries = self.episode.entries
        if isinstance(change, Replace):
            index, entry = change.index, entries[change.index]
            self._count((entry,), 1)
            self._set_local(index)
            self._set_named(index)
            self._refresh_context(index - 1, index + 1, index)
            self._changed(clips=entry.is_header or self._replacing_header)
        elif isinstance(change, Insert):
            start, count = change.index, len(change.entries)
            self._count(change.entries, 1)
            self._local[start:start] = [()] * count
            self._unsourced[start:start] = [False] * count
            self._context[start:start] = [None] * count
            if self._named is not None:
                self._named[start:start] = [False] * count
            for index in range(start, start + count):
                self._set_local(index)
                self._set_named(index)
            self._refresh_context(start - 1, start + count, start + count - 1)
            self._changed(clips=True)
        elif isinstance(change, Remove):
            start, end = change.index, change.index + change.count
            for rows in (self._local, self._unsourced, self._context, self._named):
                if rows is not None:
                    del rows[start:end]
            self._refresh_context(start - 1, start, start - 1)
            self._changed(clips=True)
        elif isinstance(change, (SetMeta, SetValue)):
            self._changed(clips=change.key == CLIPS_KEY)
        self._update_speakers()
        self._notify()

    def _count(self, entries, sign: int) -> None:
        """Add (or take away) the speakers of `entries`."""
        for entry in entries:
            if entry.who and not entry.is_header:
                self._who[entry.who] += sign
                if self._who[entry.who] <= 0:
                    del self._who[entry.who]

    def _set_named(self, index: int) -> None:
        if self._named is not None:
            names, longest = self._speakers
            self._named[index] = names_a_speaker(self.episode.entries[index], names, longest)

    def _update_speakers(self) -> None:
        """When the speaker names changed, every line that only names one has to be looked at again (lazily)."""
        speakers = self._speaker_key()
        if speakers != self._speakers:
            self._speakers, self._named = speakers, None
            self._rendered = None

    def _changed(self, clips: bool) -> None:
        self._rendered = None
        if clips:
            self._clips = None
        self.version += 1

    def _notify(self) -> None:
        if self._on_change is not None:
            self._on_change()
