"""Playback follow: bisect over entry times, highlight, and the pause after the user moves or types."""
import pytest
from PySide6.QtWidgets import QApplication

from support import open_sample
from editor.ui.table.follow import PlaybackFollower
from editor.ui.table.model import TEXT
from editor.ui.table.view import TranscriptView

PAUSE_MS = 4000


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def follower(qtbot, model, clock):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    follower = PlaybackFollower(model, view, lambda: PAUSE_MS, clock=clock)
    follower.watch_selection()
    return follower


def timed_rows(model):
    return [(row, e.sec) for row, e in enumerate(model.episode.entries) if e.sec is not None]


def test_row_at_is_the_last_timed_row_at_or_before_the_position(follower, model):
    rows = timed_rows(model)
    first_row, first_sec = rows[0]
    assert follower.row_at(first_sec * 1000 - 1) == -1
    assert follower.row_at(first_sec * 1000) == first_row
    for (row, sec), (next_row, next_sec) in zip(rows, rows[1:]):
        assert follower.row_at(sec * 1000 + 1) == row
        assert follower.row_at(next_sec * 1000 - 1) == row
    assert follower.row_at(10**9) == rows[-1][0]


def test_cache_follows_edits(follower, model):
    row, sec = timed_rows(model)[2]
    assert follower.row_at(sec * 1000) == row
    model.episode.insert_header(0, "Intro")
    assert follower.row_at(sec * 1000) == row + 1
    model.episode.set_time(row + 1, 0)
    assert follower.row_at(sec * 1000) != row + 1


def test_follow_moves_current_row_and_highlights(follower, model):
    row, sec = timed_rows(model)[3]
    follower.on_position(sec * 1000 + 500)
    assert model.playing_row == row
    assert follower.view.current_row() == row


def test_user_selection_pauses_follow_for_follow_pause_ms(follower, model, clock):
    rows = timed_rows(model)
    follower.on_position(rows[1][1] * 1000)
    follower.view.select_row(0, TEXT)            # the user moves away
    assert follower.is_paused()
    follower.on_position(rows[4][1] * 1000)
    assert model.playing_row == rows[4][0], "the highlight keeps moving"
    assert follower.view.current_row() == 0, "but the table is not yanked away"
    clock.now += PAUSE_MS / 1000 - 0.01
    follower.on_position(rows[5][1] * 1000)
    assert follower.view.current_row() == 0
    clock.now += 0.02
    follower.on_position(rows[5][1] * 1000)
    assert follower.view.current_row() == rows[5][0]


def test_follow_off_only_highlights(follower, model):
    follower.enabled = False
    follower.view.select_row(0)
    row, sec = timed_rows(model)[4]
    follower.on_position(sec * 1000)
    assert model.playing_row == row and follower.view.current_row() == 0


def test_follow_never_moves_while_a_cell_is_edited(qtbot, follower, model, clock):
    follower.view.show()
    qtbot.waitExposed(follower.view)
    follower.view.edit_row(1)
    clock.now += 60
    row, sec = timed_rows(model)[5]
    follower.on_position(sec * 1000)
    assert model.playing_row == row and follower.view.current_row() == 1


def test_typing_pauses_follow_in_the_window(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    assert not window.follower.is_paused(), "opening a file is not user activity"
    window.table.edit_row(2)
    qtbot.waitUntil(lambda: window.table.text_editor() is not None, timeout=3000)
    qtbot.keyClicks(QApplication.focusWidget(), "x")
    assert window.follower.is_paused()


def test_follow_toggle_action_is_remembered(qtbot, window, settings):
    from editor.ui.actions import ActionId
    window.actions[ActionId.FOLLOW].trigger()
    assert window.follower.enabled is False and settings.follow_playback is False
    window.actions[ActionId.FOLLOW].trigger()
    assert window.follower.enabled is True and settings.follow_playback is True


def test_highlight_moves_with_the_rows_after_insert_delete_and_retime(qtbot, follower, model):
    rows = timed_rows(model)
    row, sec = rows[3]
    follower.on_position(sec * 1000 + 200)
    assert model.playing_row == row
    model.episode.insert_line(0, "New first line", "Maya")
    qtbot.waitUntil(lambda: model.playing_row == row + 1, timeout=1000)
    model.episode.remove(0)
    qtbot.waitUntil(lambda: model.playing_row == row, timeout=1000)
    previous_row = rows[2][0]
    model.episode.set_time(row, sec + 600)           # retimed past the playhead: the line before is spoken
    qtbot.waitUntil(lambda: model.playing_row == previous_row, timeout=1000)


def test_the_playing_row_is_marked_apart_from_the_selection(qtbot, window, episode_path):
    from PySide6.QtGui import QColor
    from editor.ui.table.colors import playing_accent
    from editor.ui.table.model import TIME
    open_sample(qtbot, window, episode_path)
    rows = timed_rows(window.model)
    playing, selected = rows[3][0], rows[5][0]
    window.follower.enabled = False
    window.follower.on_position(rows[3][1] * 1000)
    window.table.select_row(selected)
    qtbot.wait(30)

    def left_edge(row):
        image = window.table.viewport().grab().toImage()
        rect = window.table.visualRect(window.model.index(row, TIME))
        return QColor(image.pixel(rect.left() + 1, rect.center().y())).name()

    mark = playing_accent(window.table.palette()).name()
    selection = window.table.palette().color(window.table.palette().ColorRole.Highlight).name()
    assert left_edge(playing) == mark and left_edge(selected) != mark
    window.table.select_row(playing)                  # the user is on the playing row: both show
    qtbot.wait(30)
    assert left_edge(playing) == mark and mark != selection
