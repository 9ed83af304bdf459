"""The timeline inside the real window, used by keyboard: retime snapped or raw, nudge, row play, zoom, snap all,
the exact media length in the transport, the strip's place and height in the splitter, its cache folder."""
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from editor.player import PlaybackState
from editor.ui.main_window import MainWindow
from editor.ui.playback.transport import clock_text
from editor.ui.settings import UiState
from editor.ui.table.model import TEXT, TIME
from fakes import FakePlayer
from support import close_main_window, on_real_backends, open_sample, show_main_window

MEDIA = Path(__file__).resolve().parent.parent / "media"
VBR_NO_XING = MEDIA / "vbr-noxing.mp3"      # 25 s: speech, then silence; backends estimate 6-12 s from its start


def press(qtbot, window, sequence: str) -> None:
    """Type a key sequence at whatever has the focus in `window`, as a user would."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def open_with_waveform(qtbot, window, episode_path, media_path):
    """Open episode and media and wait until the timeline has read the whole audio."""
    with qtbot.waitSignal(window.timeline.analysisReady, timeout=20000):
        open_sample(qtbot, window, episode_path, media_path)


def test_the_strip_sits_between_table_and_transport_and_keeps_its_height(qtbot, settings, player, tmp_path):
    window = MainWindow(settings, player)
    show_main_window(qtbot, window)
    splitter = window.splitter
    assert splitter.widget(1) is window.timeline and splitter.widget(2) is window.transport
    assert window.timeline.objectName() == "timeline" and window.timeline.height() >= 60
    sizes = splitter.sizes()
    sizes[0], sizes[1] = sizes[0] - 90, sizes[1] + 90
    splitter.setSizes(sizes)
    height = splitter.sizes()[1]
    store = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    UiState(store).save(window)
    close_main_window(qtbot, window)
    other_player = FakePlayer()                 # the first window took its player's video surface along
    again = MainWindow(settings, other_player)
    assert UiState(store).restore(again)
    show_main_window(qtbot, again)
    assert again.splitter.sizes()[1] == height
    close_main_window(qtbot, again)
    other_player.shutdown()


def test_peaks_are_cached_in_the_users_cache_folder(qtbot, window, episode_path, media_path, tmp_path):
    open_with_waveform(qtbot, window, episode_path, media_path)
    cached = list((tmp_path / "cache").rglob("*"))           # the settings fixture points the cache here
    assert any(path.is_file() for path in cached) and "peaks" in {path.name for path in cached}


def test_ctrl_t_snaps_to_speech_and_ctrl_alt_t_takes_the_raw_playhead(qtbot, window, episode_path, media_path,
                                                                     sentence_starts):
    open_with_waveform(qtbot, window, episode_path, media_path)
    row, start = sentence_starts[3]
    window.table.select_row(row, TEXT)
    window.table.setFocus()
    window.player.seek(round((start + 0.7) * 1000))            # pressed 0.7 s after hearing the line begin
    press(qtbot, window, "Ctrl+T")
    assert window.episode.entries[row].sec == math.floor(start)
    press(qtbot, window, "Ctrl+Alt+T")
    assert window.episode.entries[row].sec == math.floor(start + 0.7)
    assert window.undo_stack.count() == (1 if math.floor(start) == math.floor(start + 0.7) else 2)
    window.table.edit_row(row)                                 # in the open text editor the keys work the same
    window.player.seek(round((start + 0.7) * 1000))
    press(qtbot, window, "Ctrl+T")
    assert window.episode.entries[row].sec == math.floor(start)
    assert window.table.text_editor() is not None


def test_the_snap_window_preference_limits_how_far_back_ctrl_t_looks(qtbot, window, episode_path, media_path,
                                                                    sentence_starts):
    open_with_waveform(qtbot, window, episode_path, media_path)
    row, start = next((r, s) for r, s in sentence_starts if math.floor(s) != math.floor(s + 0.7))
    dialog = window.preferences.dialog()
    dialog.set_value("snap_window_ms", 300)            # a start heard 0.7 s ago is now too far back
    dialog.accept()
    assert window.settings.snap_window_ms == 300
    window.table.select_row(row, TEXT)
    window.table.setFocus()
    window.player.seek(round((start + 0.7) * 1000))
    press(qtbot, window, "Ctrl+T")
    assert window.episode.entries[row].sec == math.floor(start + 0.7)


def test_ctrl_t_on_a_chapter_header_says_so(qtbot, window, episode_path, media_path):
    open_with_waveform(qtbot, window, episode_path, media_path)
    header = next(i for i, entry in enumerate(window.episode.entries) if entry.is_header)
    window.table.select_row(header)
    window.table.setFocus()
    press(qtbot, window, "Ctrl+T")
    assert window.undo_stack.count() == 0
    assert "chapter header" in window.statusBar().currentMessage()


def test_alt_up_and_down_nudge_the_row_a_second_with_undo(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    row = next(i for i, entry in enumerate(window.episode.entries) if entry.sec and entry.sec > 5)
    before = window.episode.entries[row].sec
    window.table.select_row(row, TIME)
    window.table.setFocus()
    press(qtbot, window, "Alt+Up")
    press(qtbot, window, "Alt+Up")
    assert window.episode.entries[row].sec == before - 2
    press(qtbot, window, "Alt+Down")
    assert window.episode.entries[row].sec == before - 1
    assert window.model.data(window.model.index(row, TIME)) == clock_text((before - 1) * 1000)
    press(qtbot, window, "Ctrl+Z")
    press(qtbot, window, "Ctrl+Z")
    press(qtbot, window, "Ctrl+Z")
    assert window.episode.entries[row].sec == before


def test_ctrl_r_plays_the_row_and_pauses_at_the_next_rows_time(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    entries = window.episode.entries
    row = next(i for i in range(len(entries) - 1) if entries[i].sec is not None and entries[i + 1].sec is not None
               and not entries[i + 1].is_header and entries[i + 1].sec > entries[i].sec)
    end_ms = entries[row + 1].sec * 1000
    window.table.select_row(row)
    window.table.setFocus()
    press(qtbot, window, "Ctrl+R")
    assert window.player.state() == PlaybackState.PLAYING
    assert abs(window.player.position() - entries[row].sec * 1000) < 50
    window.player.advance(end_ms - window.player.position() + 100)
    assert window.player.state() == PlaybackState.PAUSED
    window.table.select_row(row)                               # following playback moved on to the next row
    press(qtbot, window, "Ctrl+Shift+R")                       # loop: at the end it starts over
    window.player.advance(end_ms - window.player.position() + 100)
    assert window.player.state() == PlaybackState.PLAYING
    assert abs(window.player.position() - entries[row].sec * 1000) < 200
    press(qtbot, window, "Ctrl+Shift+R")                       # again: the loop stops
    assert window.player.state() == PlaybackState.PAUSED and not window.row_player.is_active()


def test_zoom_keys_zoom_the_strip_in_out_and_to_the_whole_episode(qtbot, window, episode_path, media_path):
    open_with_waveform(qtbot, window, episode_path, media_path)
    timeline = window.timeline
    whole = timeline.view()[1]
    window.table.setFocus()
    press(qtbot, window, "Ctrl+=")
    press(qtbot, window, "Ctrl+=")
    assert timeline.view()[1] == pytest.approx(whole / 1.5 ** 2)
    press(qtbot, window, "Ctrl+-")
    assert timeline.view()[1] == pytest.approx(whole / 1.5)
    press(qtbot, window, "Ctrl+0")
    assert timeline.view()[1] == pytest.approx(whole)


def test_snap_all_previews_and_applies_as_one_step(qtbot, window, episode_path, media_path, sentence_starts):
    open_with_waveform(qtbot, window, episode_path, media_path)
    row, start = sentence_starts[4]
    window.run_edit("Move", lambda: window.episode.set_time(row, start + 1.5))
    assert window.episode.entries[row].sec == math.floor(start + 1.5) != math.floor(start)
    window.undo_stack.clear()

    def accept():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.accept()
        else:
            QTimer.singleShot(20, accept)
    QTimer.singleShot(0, accept)
    window.actions["edit.snap_all"].trigger()
    assert window.episode.entries[row].sec == math.floor(start)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.episode.entries[row].sec == math.floor(start + 1.5)


def test_snap_all_before_the_audio_is_read_says_to_wait(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.actions["edit.snap_all"].setEnabled(True)
    window.actions["edit.snap_all"].trigger()
    assert "No media" in window.statusBar().currentMessage()


@on_real_backends
def test_a_vbr_mp3_without_a_seek_table_never_shows_an_estimate_as_exact_and_skips_to_its_real_end(qtbot, window,
                                                                                               episode_path):
    """The backend's length is a guess from the first frames (6-12 s for this 25 s file) until it is counted."""
    transport = window.transport
    shown = []                                       # (label, estimated?) each time the length changed

    def record(_ms):
        shown.append((transport.duration_label.text(), window.player.is_duration_estimated()))
    window.player.durationChanged.connect(record)     # the player outlives the window: disconnected below
    assert window.open_file(episode_path, VBR_NO_XING)
    qtbot.waitUntil(lambda: window.player.duration() > 0 and not window.player.is_duration_estimated(), timeout=20000)
    exact = window.player.duration()
    assert exact == pytest.approx(25050, abs=100)
    assert all(label.startswith("~") for label, estimated in shown if estimated and label != "0:00")
    assert transport.duration_label.text() == clock_text(exact) and transport.duration_is_exact()
    window.player.seek(exact - 3000)
    window.table.setFocus()
    press(qtbot, window, "Alt+Right")
    assert window.player.position() >= exact - 1500                   # forward, not pulled back to a guess
    press(qtbot, window, "Alt+Right")
    assert exact - 1000 <= window.player.position() <= exact         # clamped to the real end
    window.player.durationChanged.disconnect(record)


def test_skipping_past_an_estimated_length_goes_on(qtbot, window, episode_path):
    window.player.media_duration_ms = 8000              # reported as an estimate, and nothing counts the file
    window.player.duration_estimated = True
    assert window.open_file(episode_path, VBR_NO_XING)
    qtbot.waitUntil(lambda: window.player.duration() == 8000, timeout=5000)
    assert window.player.is_duration_estimated() and window.transport.duration_label.text() == "~0:08"
    window.player.seek(7000)
    window.table.setFocus()
    press(qtbot, window, "Alt+Right")
    assert window.player.position() >= 8500             # the estimate does not clamp (it pulled back to 0:08 before)


def test_a_transcript_longer_than_the_estimate_but_within_the_exact_length_is_not_flagged(qtbot, window, tmp_path):
    from editor.ui.main_window import MEDIA_LENGTH_TOPIC

    episode = tmp_path / "short.md"
    episode.write_text("---\ntitle: Short\ntranscript:\n- line: Hello there.\n  sec: 1\n  time: '0:01'\n  who: Ann\n"
                       "- line: Still here.\n  sec: 20\n  time: '0:20'\n  who: Ann\n---\n", encoding="utf-8")
    window.player.media_duration_ms = 8000               # what a backend guesses from the file's first frames
    window.player.duration_estimated = True
    strip = window.transport.messages
    warned = []                                          # the message right after the backend's length came
    window.player.durationChanged.connect(lambda _ms: warned.append(strip.message(MEDIA_LENGTH_TOPIC)))
    with qtbot.waitSignal(window.timeline.durationKnown, timeout=20000):
        assert window.open_file(episode, VBR_NO_XING)
    assert warned and "0:08" in warned[-1]               # judged by the estimate at first
    assert strip.message(MEDIA_LENGTH_TOPIC) is None
    assert window.transport.duration_label.text() == clock_text(window.timeline.exact_duration_ms)
