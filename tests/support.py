"""What the window tests of every folder share: the sample episode, players (fake or real), and showing a window."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.player import Player, create_player, vlc_available
from fakes import FakePlayer

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample"


@lru_cache(maxsize=None)
def vlc_status() -> tuple[bool, str]:
    """vlc_available(), probed once per test run (each probe starts a libvlc instance)."""
    return vlc_available()


def real_backends() -> list[str]:
    """The real backends that run here: VLC when libvlc works, and always Qt Multimedia."""
    return (["vlc"] if vlc_status()[0] else []) + ["qt"]


# Runs a test once per real backend: the `player` fixture then gives that backend instead of the fake.
on_real_backends = pytest.mark.parametrize("player", real_backends(), indirect=True)


def make_player(kind: str = "fake") -> Player:
    """A FakePlayer, or the real backend named "vlc" or "qt" (never a silent fallback to the other one)."""
    if kind == "fake":
        return FakePlayer()
    player = create_player(kind, probe=vlc_status)
    assert player.name == kind, player.fallback_reason
    return player


def show_main_window(qtbot, window) -> None:
    """Show `window` at a fixed size and wait until it is exposed and active, as after a user's click."""
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def close_main_window(qtbot, window) -> None:
    """Close `window` without the Save/Discard question and wait until Qt has deleted it."""
    from shiboken6 import isValid

    window.undo_stack.setClean()
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not isValid(window), timeout=3000)


def when_next_message_box(action):
    """Run `action(box)` on the next modal QMessageBox once it shows (the dialog runs its own event loop)."""
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
