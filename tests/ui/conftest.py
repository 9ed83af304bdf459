"""Fixtures for window tests: a copy of the sample episode, its media and model (settings, player, window: ../conftest).

Helpers the tests import live in tests/support.py: a module named conftest is ambiguous (every folder has one).
"""
import json
import shutil

import pytest
from PySide6.QtGui import QUndoStack

from editor.document import Episode
from editor.ui.table.model import TranscriptModel
from support import SAMPLE


@pytest.fixture
def episode_path(tmp_path):
    """A copy of the sample episode (no media beside it, so none is found automatically)."""
    target = tmp_path / "episode" / "sample-episode.md"
    target.parent.mkdir()
    shutil.copy(SAMPLE / "sample-episode.md", target)
    return target


@pytest.fixture
def media_path():
    """The sample episode's real audio."""
    return SAMPLE / "sample-episode.mp3"


@pytest.fixture
def sentence_starts():
    """(entry index, start seconds) of the sentences spoken in the sample audio."""
    data = json.loads((SAMPLE / "sample-episode.json").read_text(encoding="utf-8"))
    return list(zip(data["entries"], data["starts"]))


@pytest.fixture
def episode(episode_path):
    return Episode.load(episode_path)


@pytest.fixture
def model(qtbot, episode):
    """A TranscriptModel over the sample episode with its own undo stack."""
    stack = QUndoStack()
    model = TranscriptModel(stack)
    model.set_episode(episode)
    yield model
    model.set_episode(None)
