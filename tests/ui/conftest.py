"""Fixtures for window tests: a temporary QSettings, a copy of the sample episode, a real player, a shown window."""
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.document import Episode
from editor.player import create_player
from editor.ui.main_window import MainWindow
from editor.ui.settings import Settings
from editor.ui.table.model import TranscriptModel

SAMPLE = Path(__file__).resolve().parent.parent.parent / "resources" / "sample"


@pytest.fixture
def settings(tmp_path):
    """Preferences in a throwaway ini file."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


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


@pytest.fixture
def player():
    """The real player (VLC when it runs here, else Qt Multimedia)."""
    player = create_player()
    yield player
    player.shutdown()


@pytest.fixture
def window(qtbot, settings, player):
    """A shown, active main window with no document."""
    window = MainWindow(settings, player)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    yield window
    window.undo_stack.setClean()        # no Save/Discard question while tearing down
    window.close()
    window.deleteLater()


def when_next_message_box(action):
    """Run `action(box)` on the next modal QMessageBox once it shows (the dialog runs its own event loop)."""
    from PySide6.QtCore import QTimer

    def act():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            action(box)
        else:
            QTimer.singleShot(20, act)
    QTimer.singleShot(0, act)


def answer_next_question(qtbot, button):
    """Press `button` in the next modal QMessageBox."""
    when_next_message_box(lambda box: box.button(button).click())


def read_next_message(messages: list):
    """Append the next modal QMessageBox's text to `messages` and close it with Ok."""
    def read_and_close(box):
        messages.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()
    when_next_message_box(read_and_close)


def open_sample(qtbot, window, episode_path, media=None):
    """Open the episode (and media, waiting until it is loaded) in `window`."""
    assert window.open_file(episode_path, media)
    if media is not None:
        qtbot.waitUntil(lambda: window.player.duration() > 0, timeout=10000)
