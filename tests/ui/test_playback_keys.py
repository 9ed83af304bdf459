"""Playback keys: seek steps, speed steps and limits (fake player); resume rewinds, play from row (real backends)."""
from PySide6.QtCore import Qt

from support import open_sample
from editor.player import PlaybackState
from support import on_real_backends

ALT, SHIFT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def settle_at(qtbot, player, ms):
    qtbot.waitUntil(lambda: abs(player.position() - ms) < 150, timeout=5000)


def test_seek_keys_move_by_2_and_10_seconds(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    player, table = window.player, window.table
    player.seek(20000)
    settle_at(qtbot, player, 20000)
    qtbot.keyClick(table, Qt.Key.Key_Right, ALT)
    settle_at(qtbot, player, 22000)
    qtbot.keyClick(table, Qt.Key.Key_Left, ALT | SHIFT)
    settle_at(qtbot, player, 12000)
    qtbot.keyClick(table, Qt.Key.Key_Right, ALT | SHIFT)
    settle_at(qtbot, player, 22000)
    qtbot.keyClick(table, Qt.Key.Key_Left, ALT)
    settle_at(qtbot, player, 20000)


def test_speed_keys_step_by_a_tenth_within_half_and_double(qtbot, window, episode_path, media_path, settings):
    open_sample(qtbot, window, episode_path, media_path)
    qtbot.keyClick(window.table, Qt.Key.Key_F4)
    assert abs(window.player.rate() - 1.1) < 1e-6 and abs(settings.rate - 1.1) < 1e-6
    for _ in range(15):
        qtbot.keyClick(window.table, Qt.Key.Key_F4)
    assert abs(window.player.rate() - 2.0) < 1e-6
    for _ in range(20):
        qtbot.keyClick(window.table, Qt.Key.Key_F3)
    assert abs(window.player.rate() - 0.5) < 1e-6


@on_real_backends
def test_resume_rewinds_and_play_from_row_seeks_to_its_time(qtbot, window, episode_path, media_path, settings):
    open_sample(qtbot, window, episode_path, media_path)
    player = window.player
    player.seek(10000)
    settle_at(qtbot, player, 10000)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: player.position() > 10500, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PAUSED, timeout=5000)
    paused_at = player.position()
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    assert player.position() <= paused_at - settings.resume_rewind_ms + 150
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)

    window.follower.enabled = False          # keep the row still while checking where playback went
    row = next(i for i, e in enumerate(window.episode.entries) if (e.sec or 0) >= 30)
    window.table.select_row(row)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.episode.entries[row].sec * 1000 <= player.position()
                    < window.episode.entries[row].sec * 1000 + 1500, timeout=5000)
    assert player.state() == PlaybackState.PLAYING


def test_play_from_a_chapter_header_starts_at_its_first_timed_line(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    entries = window.episode.entries
    header = next(r for r, e in enumerate(entries) if e.is_header and r > 0)
    first = next(e.sec for e in entries[header + 1:] if e.sec is not None)
    window.follower.enabled = False
    window.table.select_row(header)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: first * 1000 <= window.player.position() < first * 1000 + 1500, timeout=5000)
