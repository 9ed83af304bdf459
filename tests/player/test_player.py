"""The real player backends (VLC and Qt Multimedia) on the real test media: play, pause, seek, rate, end, errors."""
import json
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from editor.player import PlaybackState, create_player, vlc_available

MEDIA = Path(__file__).resolve().parent.parent / "media"
STARTS = json.loads((MEDIA / "speech.json").read_text())["starts"]
SPEECH_MS = 16250  # length of tests/media/speech.* (1 s lead-in, three sentences 2 s apart, 1 s tail)
VLC_OK, VLC_REASON = vlc_available()
BACKENDS = [
    "qt",
    pytest.param("vlc", marks=pytest.mark.skipif(not VLC_OK, reason=f"libvlc cannot load here: {VLC_REASON}")),
]


def make_player(backend: str):
    """A real player of `backend`, headless (VLC without sound card or display)."""
    options = None
    if backend == "vlc":
        from editor.player.vlc_backend import TEST_OPTIONS

        options = TEST_OPTIONS
    player = create_player(backend, vlc_options=options)
    assert player.name == backend and player.fallback_reason is None
    return player


@pytest.fixture(params=BACKENDS)
def player(request, qtbot):
    """One player per test, with every error it reports collected in `player.errors`."""
    player = make_player(request.param)
    player.errors = []
    player.errorOccurred.connect(player.errors.append)
    yield player
    player.shutdown()


def load(qtbot, player, name: str) -> str:
    """Open tests/media/NAME and wait until it is loaded."""
    path = str(MEDIA / name)
    with qtbot.waitSignal(player.mediaLoaded, timeout=5000) as blocker:
        player.open(path)
    assert blocker.args == [path]
    return path


def start(qtbot, player) -> None:
    """Play and wait until the position really moves."""
    player.play()
    assert player.state() is PlaybackState.PLAYING
    begin = player.position()
    qtbot.waitUntil(lambda: player.position() > begin, timeout=5000)


def sample_positions(qtbot, player, seconds: float) -> list[tuple[float, int]]:
    """(monotonic time, position) every 20 ms for `seconds`."""
    samples = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        samples.append((time.perf_counter(), player.position()))
        qtbot.wait(20)
    return samples


def test_open_loads_and_knows_duration(qtbot, player):
    path = load(qtbot, player, "speech.wav")
    assert player.media_path() == path
    assert abs(player.duration() - SPEECH_MS) < 300
    assert player.state() is PlaybackState.STOPPED
    assert player.position() == 0
    assert not player.has_video()


def test_play_pause_and_toggle(qtbot, player):
    load(qtbot, player, "speech.mp3")
    with qtbot.waitSignal(player.stateChanged) as blocker:
        start(qtbot, player)
    assert blocker.args == [PlaybackState.PLAYING]
    qtbot.wait(300)
    player.toggle()
    assert player.state() is PlaybackState.PAUSED
    held = player.position()
    assert held > 200
    qtbot.wait(400)
    assert player.position() == held
    player.toggle()
    assert player.state() is PlaybackState.PLAYING
    qtbot.waitUntil(lambda: player.position() > held + 200, timeout=3000)
    assert not player.errors


@pytest.mark.parametrize("name", ["speech.wav", "speech.mp3", "speech.m4a"])
def test_seek_while_paused_is_exact(qtbot, player, name):
    load(qtbot, player, name)
    start(qtbot, player)
    player.pause()
    target = round(STARTS[1] * 1000)
    player.seek(target)
    assert player.position() == target
    qtbot.wait(400)  # VLC's landing is checked 300 ms after a paused seek
    assert abs(player.position() - target) <= 50
    began = time.perf_counter()
    player.play()
    qtbot.wait(900)
    elapsed_ms = (time.perf_counter() - began) * 1000
    # Backend reports re-anchor the position: a seek that landed elsewhere would show here.
    assert target + 100 < player.position() <= target + elapsed_ms + 50
    assert not player.errors


@pytest.mark.parametrize("name", ["speech.wav", "speech.mp3", "speech.m4a"])
def test_seek_before_first_play_is_exact(qtbot, player, name):
    load(qtbot, player, name)
    target = round(STARTS[2] * 1000)
    player.seek(target)
    assert player.position() == target
    assert player.state() is PlaybackState.STOPPED
    began = time.perf_counter()
    player.play()
    qtbot.wait(900)
    elapsed_ms = (time.perf_counter() - began) * 1000
    assert target + 100 < player.position() <= target + elapsed_ms + 50
    assert not player.errors


@pytest.mark.parametrize("rate", [1.0, 2.0])
def test_position_is_smooth_monotonic_and_at_rate(qtbot, player, rate):
    load(qtbot, player, "speech.mp3")
    player.set_rate(rate)
    start(qtbot, player)
    qtbot.wait(300)
    samples = sample_positions(qtbot, player, 2.5)
    positions = [position for _, position in samples]
    assert all(b >= a for a, b in zip(positions, positions[1:])), "position ran backwards"
    (t0, p0), (t1, p1) = samples[0], samples[-1]
    speed = (p1 - p0) / ((t1 - t0) * 1000)
    assert abs(speed - rate) <= 0.1 * rate, f"advanced at {speed:.3f}x, expected {rate}x"
    steps = [b - a for a, b in zip(positions, positions[1:])]
    assert max(steps) < 250 * rate, "position jumped instead of moving smoothly"


def test_rate_change_keeps_position_and_clamps(qtbot, player):
    load(qtbot, player, "speech.m4a")
    start(qtbot, player)
    qtbot.wait(500)
    before = player.position()
    player.set_rate(1.5)
    assert player.rate() == 1.5
    assert 0 <= player.position() - before < 100
    samples = sample_positions(qtbot, player, 1.0)
    positions = [position for _, position in samples]
    assert all(b >= a for a, b in zip(positions, positions[1:]))
    assert positions[-1] > before + 800
    player.set_rate(5)
    assert player.rate() == 2.0
    player.set_rate(0.1)
    assert player.rate() == 0.5
    assert not player.errors


def test_volume_is_clamped(qtbot, player):
    load(qtbot, player, "speech.wav")
    player.set_volume(40)
    assert player.volume() == 40
    start(qtbot, player)
    player.set_volume(150)
    assert player.volume() == 100
    player.set_volume(-5)
    assert player.volume() == 0


def test_end_of_media_stops_at_duration_and_replays_from_start(qtbot, player):
    load(qtbot, player, "speech.wav")
    player.seek(player.duration() - 700)
    with qtbot.waitSignal(player.stateChanged, timeout=5000, check_params_cb=lambda s: s is PlaybackState.STOPPED):
        player.play()
    assert player.state() is PlaybackState.STOPPED
    assert abs(player.position() - player.duration()) <= 50
    start(qtbot, player)
    assert player.position() < 1500
    player.seek(player.duration() - 700)
    with qtbot.waitSignal(player.stateChanged, timeout=5000, check_params_cb=lambda s: s is PlaybackState.STOPPED):
        pass
    target = round(STARTS[1] * 1000)
    player.seek(target)
    assert player.position() == target
    began = time.perf_counter()
    player.play()
    qtbot.wait(700)
    assert target + 100 < player.position() <= target + (time.perf_counter() - began) * 1000 + 50
    assert not player.errors


def test_quick_play_pause_play_keeps_its_place(qtbot, player):
    load(qtbot, player, "speech.wav")
    player.seek(3000)
    player.play()
    player.pause()
    assert player.state() is PlaybackState.PAUSED and player.position() == 3000
    qtbot.wait(300)
    assert player.state() is PlaybackState.PAUSED and abs(player.position() - 3000) <= 50
    player.play()
    qtbot.waitUntil(lambda: player.position() > 3300, timeout=3000)
    assert player.position() < 4500
    assert not player.errors


def test_video_is_reported_for_video_files_only(qtbot, player):
    surface = player.video_widget()
    assert isinstance(surface, QWidget)
    assert player.video_widget() is surface
    with qtbot.waitSignal(player.videoAvailableChanged, timeout=5000) as blocker:
        load(qtbot, player, "counter.mp4")
    assert blocker.args == [True] and player.has_video()
    assert abs(player.duration() - 5000) < 200
    start(qtbot, player)
    load(qtbot, player, "speech.mp3")
    assert not player.has_video()
    assert not player.errors


def test_missing_file_is_an_error_naming_it(qtbot, player, tmp_path):
    missing = str(tmp_path / "gone.mp3")
    with qtbot.waitSignal(player.errorOccurred, timeout=3000) as blocker:
        player.open(missing)
    assert missing in blocker.args[0]
    player.play()
    assert player.state() is PlaybackState.STOPPED


@pytest.mark.parametrize("name", ["not-audio.mp3", "truncated.mp3"])
def test_unplayable_file_is_an_error_naming_it(qtbot, player, name):
    with qtbot.waitSignal(player.errorOccurred, timeout=5000) as blocker:
        player.open(str(MEDIA / name))
        player.play()
    assert name in blocker.args[0]
    qtbot.wait(200)
    assert player.state() is PlaybackState.STOPPED
    assert len(player.errors) == 1
    load(qtbot, player, "speech.wav")  # the player keeps working
    start(qtbot, player)


def test_ogg_seek_is_accurate_or_reported_once(qtbot, player):
    load(qtbot, player, "speech.ogg")
    start(qtbot, player)
    target = 6300
    began = time.perf_counter()
    player.seek(target)
    qtbot.wait(1500)
    expected = target + (time.perf_counter() - began) * 1000
    if player.errors:
        assert len(player.errors) == 1 and "seeks inaccurately" in player.errors[0]
        assert "speech.ogg" in player.errors[0]
        player.seek(3000)
        qtbot.wait(600)
        assert len(player.errors) == 1, "an inaccurate seek is reported once per file"
    else:
        assert expected - 700 <= player.position() <= expected + 50


def test_vlc_seeks_ogg_inaccurately_and_says_so(qtbot):
    """VLC 3.0.x lands Ogg Vorbis seeks far off; the player must report it (skipped where VLC seeks it right)."""
    if not VLC_OK:
        pytest.skip(f"libvlc cannot load here: {VLC_REASON}")
    player = make_player("vlc")
    errors = []
    player.errorOccurred.connect(errors.append)
    try:
        load(qtbot, player, "speech.ogg")
        start(qtbot, player)
        player.pause()
        player.seek(9500)
        qtbot.wait(500)
        if not errors:
            pytest.skip("this libvlc seeked speech.ogg accurately")
        assert "seeks inaccurately with VLC" in errors[0] and "--backend qt" in errors[0]
    finally:
        player.shutdown()


def test_shutdown_is_idempotent(qtbot, player):
    load(qtbot, player, "speech.wav")
    start(qtbot, player)
    player.shutdown()
    player.shutdown()
    assert player.media_path() is None
    assert player.state() is PlaybackState.STOPPED
