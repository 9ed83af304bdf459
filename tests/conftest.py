"""Shared test setup: headless Qt, quiet multimedia logs, and where the real episode corpus lives."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
RESOURCES = REPO / "resources"


def corpus_dir() -> Path | None:
    """The real episode corpus: $TRANSCRIPT_EDITOR_CORPUS, else ../shared/corpus beside the checkout."""
    env = os.environ.get("TRANSCRIPT_EDITOR_CORPUS")
    candidates = [Path(env)] if env else []
    candidates.append(REPO.parent / "shared" / "corpus")
    for path in candidates:
        if path.is_dir():
            return path
    return None


def corpus_files() -> list[Path]:
    """Every .md file of the corpus, or [] when it is absent."""
    folder = corpus_dir()
    return sorted(folder.glob("*.md")) if folder else []


@pytest.fixture
def corpus() -> Path:
    """The corpus folder; skips the test when it is absent."""
    folder = corpus_dir()
    if folder is None:
        pytest.skip("episode corpus not found (set TRANSCRIPT_EDITOR_CORPUS or put it at ../shared/corpus)")
    return folder
