"""Long synthetic episodes built at run time from real lines: a chapter header every 40 entries, times running on."""
from pathlib import Path

import yaml

from editor.document import Episode, format_time

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample" / "sample-episode.md"
HEADER_EVERY = 40
SECONDS_PER_LINE = 5

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def sample_lines(paths=(SAMPLE,)) -> list[tuple[str, str | None]]:
    """(text, speaker) of every spoken line in the episode files at `paths`."""
    lines = []
    for path in paths:
        lines += [(entry.text, entry.who) for entry in Episode.load(path).entries if not entry.is_header]
    return lines


def _item(key: str, value: str) -> str:
    """`- key: value` (with its continuation lines) as PyYAML writes one list item."""
    return yaml.dump([{key: value}], Dumper=_Dumper, default_flow_style=False, allow_unicode=True, width=80)


def long_episode_text(count: int, lines: list[tuple[str, str | None]] | None = None) -> str:
    """An episode file of `count` entries in house style: the given lines over and over, a header every 40 entries."""
    lines = lines or sample_lines()
    items = [_item("line", text) for text, _ in lines]
    speakers = {who: _item("who", who)[2:] for _, who in lines if who}
    parts = ["---\ntitle: Synthetic long episode\ntranscript:\n"]
    sec = 0
    for index in range(count):
        if index % HEADER_EVERY == 0:
            parts.append(f"- header: Chapter {index // HEADER_EVERY + 1}\n")
            continue
        number = index % len(lines)
        who = lines[number][1]
        parts.append(f"{items[number]}  sec: {sec}\n  time: '{format_time(sec)}'\n")
        if who:
            parts.append("  " + speakers[who])
        sec += SECONDS_PER_LINE
    parts.append("---\n")
    return "".join(parts)


def write_long_episode(path: Path, count: int, lines=None) -> Path:
    """Write long_episode_text(count, lines) to `path`."""
    Path(path).write_text(long_episode_text(count, lines), encoding="utf-8")
    return Path(path)
