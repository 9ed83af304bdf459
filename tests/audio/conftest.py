"""Analyses of the generated test media, computed once per session."""
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def analysed():
    """analyse() of a test file, decoded once per session per file."""
    from editor.audio import analyse

    results = {}

    def get(path):
        path = Path(path)
        if path not in results:
            results[path] = analyse(path)
        return results[path]
    return get
