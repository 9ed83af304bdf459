"""Startup and quit with a real MainWindow: the last session comes back (file, media, row, position)."""
import shutil

import pytest

from editor.app import open_startup_document, remember_session
from editor.ui.main_window import MainWindow
from support import SAMPLE, make_player


@pytest.fixture
def episode(tmp_path):
    """A copy of the sample episode; its audio sits elsewhere so only remembered or given media can be found."""
    shutil.copy(SAMPLE / "sample-episode.md", tmp_path / "episode.md")
    (tmp_path / "audio").mkdir()
    shutil.copy(SAMPLE / "sample-episode.mp3", tmp_path / "audio" / "talk.mp3")
    return tmp_path / "episode.md"


@pytest.fixture
def make_window(qtbot, settings):
    """Makes shown main windows sharing `settings`, each with its own player: fake, or the real backend named."""
    players = []

    def make(player_kind="fake"):
        player = make_player(player_kind)
        players.append(player)
        window = MainWindow(settings, player)
        qtbot.addWidget(window)
        window.show()
        return window

    yield make
    for player in players:
        player.shutdown()


def test_quit_then_start_again_restores_the_session(qtbot, episode, settings, make_window):
    media = episode.parent / "audio" / "talk.mp3"
    window = make_window("qt")
    open_startup_document(window, None, str(episode), str(media))
    qtbot.waitUntil(lambda: window.player.duration() > 0, timeout=10000)
    window.table.selectRow(5)
    window.player.seek(12_000)
    qtbot.waitUntil(lambda: abs(window.player.position() - 12_000) < 100, timeout=5000)
    remember_session(window, settings, window.player)
    window.close()

    again = make_window("qt")
    open_startup_document(again, settings.last_session())
    assert again.episode is not None and again.episode.path == episode
    assert again.player.media_path() == str(media)
    assert again.current_row() == 5
    qtbot.waitUntil(lambda: abs(again.player.position() - 12_000) < 100, timeout=10000)


def test_a_file_on_the_command_line_wins_over_the_session(qtbot, episode, settings, make_window, tmp_path):
    other = tmp_path / "other.md"
    shutil.copy(episode, other)
    settings.set_last_session(file=episode, media=None, row=3, position_ms=5000)
    window = make_window()
    open_startup_document(window, settings.last_session(), str(other))
    assert window.episode.path == other
    assert window.current_row() != 3


def test_media_remembered_for_the_episode_is_found_again(qtbot, episode, settings, make_window):
    media = episode.parent / "audio" / "talk.mp3"
    window = make_window()
    open_startup_document(window, None, str(episode), str(media))
    qtbot.waitUntil(lambda: settings.media_for(episode) == str(media), timeout=10000)
    again = make_window()
    open_startup_document(again, None, str(episode))
    assert again.player.media_path() == str(media)


def test_a_vanished_session_file_gives_an_empty_window(qtbot, episode, settings, make_window):
    settings.set_last_session(file=episode, media=None, row=0, position_ms=0)
    episode.unlink()
    window = make_window()
    open_startup_document(window, settings.last_session())
    assert window.episode is None


def test_window_layout_round_trips_on_the_real_main_window(qtbot, episode, settings, make_window):
    from editor.ui.settings import UiState
    window = make_window()
    open_startup_document(window, None, str(episode))
    window.resize(760, 560)  # within the offscreen screen (800x600): restoreGeometry keeps windows on screen
    header = window.table.horizontalHeader()
    header.resizeSection(0, 77)
    header.resizeSection(1, 133)
    window.splitter.setSizes([350, 150])
    sizes = window.splitter.sizes()
    UiState(settings.store).save(window)

    again = make_window()
    assert UiState(settings.store).restore(again)
    again_header = again.table.horizontalHeader()
    assert (again.width(), again.height()) == (760, 560)
    assert (again_header.sectionSize(0), again_header.sectionSize(1)) == (77, 133)
    assert again.splitter.sizes() == sizes
