"""Shared test setup: headless Qt, quiet multimedia logs, the real episode corpus, and the window fixtures.

Qt and the editor's ui are imported inside the fixtures: the document tests import this module and stay Qt-free.
"""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
RESOURCES = REPO / "resources"


def corpus_dir() -> Path | None:
    """The real episode corpus: $TRANSCRIPT_EDITOR_CORPUS when set (a missing folder hides it), else ../shared/corpus."""
    env = os.environ.get("TRANSCRIPT_EDITOR_CORPUS")
    path = Path(env) if env else REPO.parent / "shared" / "corpus"
    return path if path.is_dir() else None


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


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Preferences in a throwaway ini file; the user's data and cache folders (QStandardPaths) point into tmp_path."""
    from PySide6.QtCore import QSettings

    for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(variable, str(tmp_path / folder))

    from editor.ui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def player(request):
    """A FakePlayer; a test marked with support.on_real_backends gets each real backend instead."""
    from support import make_player

    player = make_player(getattr(request, "param", "fake"))
    yield player
    player.shutdown()


@pytest.fixture
def window(qtbot, settings, player):
    """A shown, active main window with no document."""
    from editor.ui.main_window import MainWindow
    from support import close_main_window, show_main_window

    window = MainWindow(settings, player)
    show_main_window(qtbot, window)
    yield window
    close_main_window(qtbot, window)
