"""Where the generated test media live and the sentence starts they were made with."""
import json
from pathlib import Path

MEDIA = Path(__file__).resolve().parent.parent / "media"
SAMPLE = Path(__file__).resolve().parent.parent.parent / "resources" / "sample"


def known_starts(name: str) -> list[float]:
    """Sentence starts written when the media was generated (make_media.sh, make_noisy_speech.py)."""
    return json.loads((MEDIA / f"{name}.json").read_text(encoding="utf-8"))["starts"]
