"""Speakers: who speaks how many lines for how long, renaming or merging one everywhere, and rows edited together."""
from dataclasses import dataclass
from dataclasses import replace as _with

from .changes import Batch, Change, Remove, Replace
from .chapters import episode_end


@dataclass(frozen=True)
class Speaker:
    """A speaker with its number of lines and speaking time in seconds (None when no line of it is timed)."""

    name: str
    lines: int
    seconds: int | None


def speaker_stats(episode) -> list[Speaker]:
    """Every speaker of the transcript in order of first appearance, with line count and speaking time.

    A timed line's turn lasts until the next timed line (the last one until the episode's end), and counts
    for the timed line's speaker; untimed lines add to the line count only.
    """
    entries = list(episode.entries)
    lines, seconds = {}, {}
    turns = [(entry.seconds, entry.who) for entry in entries if entry.seconds is not None]
    end = episode_end(episode)
    for position, (start, who) in enumerate(turns):
        stop = turns[position + 1][0] if position + 1 < len(turns) else end
        if who and stop is not None:
            seconds[who] = (seconds.get(who) or 0) + max(0, stop - start)
    for entry in entries:
        if not entry.is_header and entry.who:
            lines[entry.who] = lines.get(entry.who, 0) + 1
    return [Speaker(name, lines.get(name, 0), seconds.get(name)) for name in lines]


def transcript_speakers(episode) -> list[str]:
    """The speakers of the transcript's lines in order of first appearance (guests not yet speaking left out)."""
    return list(dict.fromkeys(entry.who for entry in episode.entries if not entry.is_header and entry.who))


def speaker_by_number(episode, number: int) -> str | None:
    """The `number`-th speaker (1-based) in order of first appearance, for Alt+1 ... Alt+9; None past the end."""
    names = transcript_speakers(episode)
    return names[number - 1] if 1 <= number <= len(names) else None


def rename_speaker(episode, old: str, new: str) -> Change:
    """Give every line of speaker `old` the speaker `new`: one step ("Alexei" -> "Alexey")."""
    if not new:
        raise ValueError("the new speaker name is empty")
    changes = tuple(Replace(index, _with(entry, who=new)) for index, entry in enumerate(episode.entries)
                    if not entry.is_header and entry.who == old)
    return episode.apply(Batch(changes))


def merge_speakers(episode, absorbed: str, kept: str) -> Change:
    """Merge speaker `absorbed` into `kept`: all its lines become `kept`'s."""
    return rename_speaker(episode, absorbed, kept)


# ---- several rows at once ---------------------------------------------------------------------------------------

def set_speaker_rows(episode, rows, who: str | None) -> Change:
    """Set (or with None / "" clear) the speaker of every spoken line among `rows`; headers are skipped."""
    entries = episode.entries
    changes = tuple(Replace(row, _with(entries[row], who=who or None)) for row in sorted(set(rows))
                    if not entries[row].is_header and entries[row].who != (who or None))
    return episode.apply(Batch(changes))


def delete_rows(episode, rows) -> Change:
    """Remove every row in `rows` (runs of neighbouring rows as one removal each), last first."""
    runs = []
    for row in sorted(set(rows), reverse=True):
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1] + 1)
        else:
            runs.append((row, 1))
    return episode.apply(Batch(tuple(Remove(start, count) for start, count in runs)))
