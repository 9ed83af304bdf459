"""Shared pieces of the safety tests: a MainWindow with install_safety on a copy of the sample episode."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.ui.main_window import MainWindow
from editor.ui.safety.install import install_safety
from support import REPO, SAMPLE as SAMPLE_FOLDER, close_main_window, show_main_window

SAMPLE = SAMPLE_FOLDER / "sample-episode.md"


class Recorder:
    """A question answered from a list of answers, remembering what it was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, *args):
        self.calls.append(args)
        if not self.answers:
            raise AssertionError(f"unexpected question: {args}")
        return self.answers.pop(0)


def copy_sample(folder: Path) -> Path:
    """A fresh copy of the sample episode in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "sample-episode.md"
    shutil.copy(SAMPLE, target)
    return target


def replace_by_rename(path: Path, text: str) -> None:
    """Write `text` over `path` the way editors do: a new file renamed over the old one."""
    temp = path.with_name(path.name + ".tmp~")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def safe_window(qtbot, settings, player, data_dir):
    """A shown MainWindow with safety installed; questions of the window itself fail the test unless replaced."""
    window = MainWindow(settings, player)
    window.errors = []
    window.show_error = lambda title, text: window.errors.append((title, text))
    window.ask = Recorder()
    safety = install_safety(window, settings, data_dir)
    show_main_window(qtbot, window)
    yield window, safety
    close_main_window(qtbot, window)
