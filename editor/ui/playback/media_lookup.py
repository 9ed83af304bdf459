"""Find an episode's media without asking: the remembered file, else one named like the episode next to it."""
from __future__ import annotations

import re
from pathlib import Path

MEDIA_EXTENSIONS = ("mp3", "m4a", "mp4", "webm", "wav", "ogg")
_JEKYLL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def episode_slugs(episode_path: Path) -> list[str]:
    """Names the episode's media may carry: the file stem, and the stem without a Jekyll date prefix."""
    stem = episode_path.stem
    undated = _JEKYLL_DATE.sub("", stem)
    return [stem] if undated in ("", stem) else [stem, undated]


def find_media(episode_path, youtube_id: str | None, remembered: str | None) -> Path | None:
    """The remembered media if it exists; else <slug>.<ext> or <youtube_id>.<ext> beside the episode; else None."""
    if remembered and Path(remembered).is_file():
        return Path(remembered)
    episode_path = Path(episode_path)
    names = episode_slugs(episode_path)
    if isinstance(youtube_id, str) and youtube_id.strip():
        names.append(youtube_id.strip())
    for name in names:
        for extension in MEDIA_EXTENSIONS:
            candidate = episode_path.with_name(f"{name}.{extension}")
            if candidate.is_file():
                return candidate
    return None
