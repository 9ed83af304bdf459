"""Fixtures for the document tests."""
from pathlib import Path

import pytest

from document_helpers import FIXTURES


@pytest.fixture
def quirks(tmp_path) -> Path:
    """A writable copy of the quirks fixture."""
    target = tmp_path / "quirks.md"
    target.write_bytes((FIXTURES / "quirks.md").read_bytes())
    return target
