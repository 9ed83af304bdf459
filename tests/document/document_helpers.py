"""Shared helpers for the document tests: fixture files, corpus episodes and model snapshots."""
from functools import lru_cache
from pathlib import Path

from editor.document import Episode, ParseError
from tests.conftest import corpus_files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "document"
GOOD_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.is_file())
BAD_FIXTURES = sorted((FIXTURES / "bad").iterdir())


def read_text(path) -> str:
    """A file's exact text (no newline translation)."""
    return Path(path).read_bytes().decode("utf-8")


def snapshot(episode: Episode) -> tuple:
    """Everything observable about a document: entries, keys and values, and the text it would save."""
    meta = tuple((key, repr(episode.get_meta(key))) for key in episode.meta_keys())
    return tuple(episode.entries), meta, episode.dumps()


@lru_cache(maxsize=None)
def parseable_corpus() -> tuple:
    """Corpus files that load (the template and other broken files excluded)."""
    files = []
    for path in corpus_files():
        try:
            Episode.load(path)
        except ParseError:
            continue
        files.append(path)
    return tuple(files)
