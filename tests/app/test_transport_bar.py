"""The transport bar: its widgets on the fake player, real playback, seeking and video on every real backend."""
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from editor.player import PlaybackState
from editor.ui.playback.transport import TransportBar, clock_text
from support import on_real_backends

MEDIA = Path(__file__).resolve().parent.parent / "media"


@pytest.fixture
def bar(qtbot, player, settings):
    bar = TransportBar(player, settings)
    qtbot.addWidget(bar)
    bar.resize(900, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def open_speech(qtbot, player):
    player.open(str(MEDIA / "speech.mp3"))
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10000)


def test_clock_text():
    assert clock_text(0) == "0:00"
    assert clock_text(64_999) == "1:04"
    assert clock_text(3_781_000) == "1:03:01"
    assert clock_text(-5) == "0:00"


def test_controls_wait_for_media_then_show_its_duration(qtbot, bar, player):
    assert not bar.play_button.isEnabled() and not bar.slider.isEnabled()
    open_speech(qtbot, player)
    qtbot.waitUntil(bar.play_button.isEnabled, timeout=5000)
    assert bar.slider.maximum() == player.duration()
    assert bar.duration_label.text() == clock_text(player.duration())          # the player's length is exact


def test_an_estimated_length_is_shown_as_approximate(qtbot, bar, player):
    player.duration_estimated = True
    open_speech(qtbot, player)
    qtbot.waitUntil(bar.play_button.isEnabled, timeout=5000)
    assert bar.duration_label.text() == "~" + clock_text(player.duration())
    bar.set_exact_duration(player.duration() + 5000)                         # the decode counted the file
    assert bar.duration_label.text() == clock_text(player.duration() + 5000)


@on_real_backends
def test_play_button_toggles_real_playback(qtbot, bar, player):
    open_speech(qtbot, player)
    qtbot.mouseClick(bar.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: player.position() > 300, timeout=5000)
    assert bar.play_button.toolTip() == "Pause"
    qtbot.mouseClick(bar.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PAUSED, timeout=5000)
    assert bar.play_button.toolTip() == "Play"


def test_resume_after_pause_rewinds_by_the_preference(qtbot, bar, player, settings):
    open_speech(qtbot, player)
    settings.resume_rewind_ms = 1000
    player.seek(5000)
    qtbot.waitUntil(lambda: abs(player.position() - 5000) < 100, timeout=5000)
    player.play()
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    bar.play_pause()
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PAUSED, timeout=5000)
    paused_at = player.position()
    bar.play_pause()
    assert player.position() < paused_at - 500
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)


@on_real_backends
def test_clicking_the_slider_seeks_the_real_player(qtbot, bar, player):
    open_speech(qtbot, player)
    slider = bar.slider
    qtbot.mouseClick(slider, Qt.LeftButton, pos=QPoint(slider.width() // 2, slider.height() // 2))
    middle = player.duration() // 2
    qtbot.waitUntil(lambda: abs(player.position() - middle) < player.duration() * 0.1, timeout=5000)
    assert abs(slider.value() - middle) < player.duration() * 0.1
    assert bar.position_label.text() == clock_text(slider.value())


@on_real_backends
def test_dragging_is_not_overridden_by_position_updates(qtbot, bar, player):
    open_speech(qtbot, player)
    player.play()
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    slider = bar.slider
    target = player.duration() * 3 // 4
    slider.setSliderDown(True)
    slider.setSliderPosition(target)
    qtbot.waitUntil(lambda: player.position() > 800, timeout=5000)
    player.positionChanged.emit(player.position())
    assert slider.value() == target
    assert bar.position_label.text() == clock_text(target)
    slider.setSliderDown(False)
    qtbot.waitUntil(lambda: abs(player.position() - target) < 1500, timeout=5000)


def test_keyboard_step_on_the_slider_seeks(qtbot, bar, player):
    open_speech(qtbot, player)
    bar.slider.setFocus()
    qtbot.keyClick(bar.slider, Qt.Key_PageUp)
    qtbot.waitUntil(lambda: abs(player.position() - 10000) < 200, timeout=5000)


def test_back_and_forward_buttons_move_the_playhead(qtbot, bar, player):
    open_speech(qtbot, player)
    player.seek(6000)
    qtbot.waitUntil(lambda: abs(player.position() - 6000) < 100, timeout=5000)
    qtbot.mouseClick(bar.back_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: abs(player.position() - 4000) < 100, timeout=5000)
    qtbot.mouseClick(bar.forward_button, Qt.LeftButton)
    qtbot.mouseClick(bar.forward_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: abs(player.position() - 8000) < 100, timeout=5000)
    bar.skip(-60_000)
    qtbot.waitUntil(lambda: player.position() < 100, timeout=5000)


def test_speed_control_changes_the_rate_and_persists(qtbot, bar, player, settings):
    open_speech(qtbot, player)
    bar.speed.setValue(1.5)
    assert player.rate() == pytest.approx(1.5)
    assert settings.rate == pytest.approx(1.5)
    bar.change_rate(+1)
    assert player.rate() == pytest.approx(1.6) and bar.speed.value() == pytest.approx(1.6)
    bar.set_rate(9)
    assert player.rate() == pytest.approx(2.0) and settings.rate == pytest.approx(2.0)
    for _ in range(20):
        bar.change_rate(-1)
    assert player.rate() == pytest.approx(0.5) and bar.speed.value() == pytest.approx(0.5)


def test_volume_control_changes_the_volume_and_persists(qtbot, bar, player, settings):
    bar.volume.setValue(35)
    assert player.volume() == 35 and settings.volume == 35


def test_saved_speed_and_volume_apply_to_a_new_bar(qtbot, player, settings):
    settings.rate = 1.3
    settings.volume = 20
    bar = TransportBar(player, settings)
    qtbot.addWidget(bar)
    assert bar.speed.value() == pytest.approx(1.3) and player.rate() == pytest.approx(1.3)
    assert bar.volume.value() == 20 and player.volume() == 20


def test_a_missing_file_shows_the_players_error_in_the_message_area(qtbot, bar, player, tmp_path):
    assert bar.messages.isHidden()
    player.open(str(tmp_path / "no-such-episode.mp3"))
    qtbot.waitUntil(lambda: not bar.messages.isHidden(), timeout=5000)
    assert "no-such-episode.mp3" in bar.messages.text()
    bar.show_message("second message")
    assert bar.messages.text() == "second message"
    close = bar.messages.findChild(type(bar.play_button))
    qtbot.mouseClick(close, Qt.LeftButton)
    assert bar.messages.isHidden()


@on_real_backends
def test_video_host_hidden_for_audio_and_shown_for_video(qtbot, player, settings):
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    window = QWidget()
    qtbot.addWidget(window)
    bar = TransportBar(player, settings)
    layout = QVBoxLayout(window)
    layout.addWidget(bar.video_widget_host())
    layout.addWidget(bar)
    window.resize(800, 500)
    window.show()
    qtbot.waitExposed(window)
    open_speech(qtbot, player)
    assert bar.video_widget_host().isHidden()
    player.open(str(MEDIA / "counter.mp4"))
    qtbot.waitUntil(player.has_video, timeout=10000)
    qtbot.waitUntil(lambda: bar.video_widget_host().isVisible(), timeout=5000)
    player.open(str(MEDIA / "speech.wav"))
    qtbot.waitUntil(lambda: not player.has_video(), timeout=10000)
    qtbot.waitUntil(lambda: bar.video_widget_host().isHidden(), timeout=5000)


def test_bound_buttons_trigger_the_window_actions(qtbot, bar, player):
    from PySide6.QtWidgets import QWidget
    from editor.ui.actions import ActionId, ActionRegistry
    window = QWidget()
    qtbot.addWidget(window)
    registry = ActionRegistry(window)
    triggered = []
    for action_id in (ActionId.PLAY_PAUSE, ActionId.BACK_2, ActionId.FORWARD_2):
        registry[action_id].triggered.connect(lambda _checked=False, a=action_id: triggered.append(a))
    bar.bind_actions(registry)
    open_speech(qtbot, player)
    for button in (bar.play_button, bar.back_button, bar.forward_button):
        qtbot.mouseClick(button, Qt.LeftButton)
    assert triggered == [ActionId.PLAY_PAUSE, ActionId.BACK_2, ActionId.FORWARD_2]
    assert player.state() != PlaybackState.PLAYING
    assert "Ctrl+Space" in bar.play_button.toolTip()


@on_real_backends
def test_video_inside_the_bar_gets_room_in_a_splitter(qtbot, player, settings):
    from PySide6.QtWidgets import QSplitter, QTextEdit
    splitter = QSplitter(Qt.Vertical)
    qtbot.addWidget(splitter)
    splitter.addWidget(QTextEdit())
    bar = TransportBar(player, settings)
    splitter.addWidget(bar)
    splitter.resize(900, 700)
    splitter.show()
    qtbot.waitExposed(splitter)
    audio_height = splitter.sizes()[1]
    player.open(str(MEDIA / "counter.mp4"))
    qtbot.waitUntil(lambda: splitter.sizes()[1] >= audio_height + 200, timeout=10000)
    assert bar.video_widget_host().height() >= 200
    player.open(str(MEDIA / "speech.wav"))
    qtbot.waitUntil(lambda: splitter.sizes()[1] <= audio_height + 10, timeout=10000)


@on_real_backends
def test_a_destroyed_bar_leaves_the_player_usable(qtbot, player, settings):
    bar = TransportBar(player, settings)
    bar.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(bar), timeout=2000)
    player.open(str(MEDIA / "counter.mp4"))
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10000)
    player.open(str(MEDIA / "missing.mp3"))


def shiboken_valid(widget) -> bool:
    from shiboken6 import isValid
    return isValid(widget)


def test_the_loaded_media_is_named_with_its_full_path_as_tooltip(qtbot, bar, player):
    assert bar.media_label.text() == ""
    open_speech(qtbot, player)
    qtbot.waitUntil(lambda: bar.media_label.text() == "speech.mp3", timeout=10000)
    assert bar.media_label.toolTip() == str(MEDIA / "speech.mp3")
    assert bar.media_label.isVisibleTo(bar)
