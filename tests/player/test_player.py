"""The real player backends (VLC and Qt Multimedia) on the real test media: play, pause, seek, rate, end, errors."""
import json
import random
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


def assert_holds(qtbot, player, ms: int, seconds: float, tolerance: int = 0) -> None:
    """The position stays within `tolerance` of `ms` for `seconds` (what pausing promises; nothing to wait for)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        assert abs(player.position() - ms) <= tolerance
        qtbot.wait(20)


def play_past(qtbot, player, ms: int) -> float:
    """Play and wait until the position passes `ms`; the monotonic time play() was called."""
    began = time.perf_counter()
    player.play()
    qtbot.waitUntil(lambda: player.position() > ms, timeout=5000)
    return began


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
    qtbot.waitUntil(lambda: player.position() > 300, timeout=3000)
    player.toggle()
    assert player.state() is PlaybackState.PAUSED
    held = player.position()
    assert_holds(qtbot, player, held, 0.4)
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
    assert_holds(qtbot, player, target, 0.4, tolerance=50)  # VLC checks where a paused seek landed after 300 ms
    began = play_past(qtbot, player, target + 900)  # by then backend reports have re-anchored the position
    elapsed_ms = (time.perf_counter() - began) * 1000
    assert player.position() <= target + elapsed_ms + 50
    assert not player.errors


@pytest.mark.parametrize("name", ["speech.wav", "speech.mp3", "speech.m4a"])
def test_seek_before_first_play_is_exact(qtbot, player, name):
    load(qtbot, player, name)
    target = round(STARTS[2] * 1000)
    player.seek(target)
    assert player.position() == target
    assert player.state() is PlaybackState.STOPPED
    began = play_past(qtbot, player, target + 900)
    elapsed_ms = (time.perf_counter() - began) * 1000
    assert player.position() <= target + elapsed_ms + 50
    assert not player.errors


@pytest.mark.parametrize("rate", [1.0, 2.0])
def test_position_is_smooth_monotonic_and_at_rate(qtbot, player, rate):
    load(qtbot, player, "speech.mp3")
    player.set_rate(rate)
    start(qtbot, player)
    qtbot.waitUntil(lambda: player.position() > 300 * rate, timeout=3000)
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
    qtbot.waitUntil(lambda: player.position() > 500, timeout=3000)
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
    began = play_past(qtbot, player, target + 700)
    assert player.position() <= target + (time.perf_counter() - began) * 1000 + 50
    assert not player.errors


def test_quick_play_pause_play_keeps_its_place(qtbot, player):
    load(qtbot, player, "speech.wav")
    player.seek(3000)
    player.play()
    player.pause()
    assert player.state() is PlaybackState.PAUSED and player.position() == 3000
    assert_holds(qtbot, player, 3000, 0.3, tolerance=50)
    assert player.state() is PlaybackState.PAUSED
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


@pytest.mark.parametrize("name", ["not-audio.mp3", "truncated.mp3", "random.mp3"])
def test_unplayable_file_is_an_error_naming_it(qtbot, player, name, tmp_path):
    path = MEDIA / name
    if name == "random.mp3":  # 200 KB of noise bytes: Qt "played" it with duration 0 and a climbing position
        path = tmp_path / name
        path.write_bytes(random.Random(9).randbytes(200_000))
    with qtbot.waitSignal(player.errorOccurred, timeout=5000) as blocker:
        player.open(str(path))
        player.play()
    assert name in blocker.args[0]
    qtbot.waitUntil(lambda: player.state() is PlaybackState.STOPPED, timeout=1000)
    assert player.position() < 500  # not a position climbing through noise
    load(qtbot, player, "speech.wav")  # the player keeps working
    start(qtbot, player)
    assert len(player.errors) == 1


def test_ogg_seek_is_accurate_or_reported_once(qtbot, player):
    load(qtbot, player, "speech.ogg")
    start(qtbot, player)
    target = 6300
    began = time.perf_counter()
    player.seek(target)
    qtbot.waitUntil(lambda: player.position() > target + 1500 or bool(player.errors), timeout=3000)
    expected = target + (time.perf_counter() - began) * 1000
    if player.errors:
        assert len(player.errors) == 1 and "seeks inaccurately" in player.errors[0]
        assert "speech.ogg" in player.errors[0]
        player.seek(3000)
        qtbot.waitUntil(lambda: player.position() > 3700, timeout=3000)
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
        try:
            qtbot.waitUntil(lambda: bool(errors), timeout=1000)
        except qtbot.TimeoutError:
            pytest.skip("this libvlc seeked speech.ogg accurately")
        assert "seeks inaccurately with VLC" in errors[0] and "--backend qt" in errors[0]
    finally:
        player.shutdown()


def test_clock_waits_for_the_backend_to_play(qtbot, player):
    """Qt started the clock in play(): on an idle sound server the shown position ran 1.5 s ahead of the sound."""
    load(qtbot, player, "speech.wav")
    start(qtbot, player)
    player.pause()
    held = player.position()
    player.play()
    time.sleep(0.3)  # no event is processed: the backend cannot have confirmed that the sound resumed
    assert player.position() == held
    qtbot.waitUntil(lambda: player.position() > held + 200, timeout=3000)
    assert not player.errors


def test_rate_changes_while_paused_do_not_stall_the_resume(qtbot, player):
    """Issue 9.4: F3 F3 F4 (0.9, 0.8, 0.9) while paused, then play (the transport rewinds 1 s first): the position
    froze for 5-10 s in 2 of 5 tries. Not reproduced here with this libvlc in 20 tries; kept as a guard."""
    load(qtbot, player, "speech.mp3")
    start(qtbot, player)
    qtbot.waitUntil(lambda: player.position() > 1500, timeout=3000)
    player.pause()
    for rate in (0.9, 0.8, 0.9):
        player.set_rate(rate)
    player.seek(player.position() - 1000)
    held = player.position()
    began = play_past(qtbot, player, held + 1000)
    assert player.position() <= held + (time.perf_counter() - began) * 900 + 50


def test_vlc_ignores_a_report_of_the_place_before_a_seek(qtbot):
    """A time report made before a seek but relayed after it made VLC warn falsely that an M4A seeks inaccurately."""
    if not VLC_OK:
        pytest.skip(f"libvlc cannot load here: {VLC_REASON}")
    player = make_player("vlc")
    errors = []
    player.errorOccurred.connect(errors.append)
    try:
        load(qtbot, player, "speech.m4a")
        start(qtbot, player)
        before = player.position()
        player.seek(12000)
        player._on_time(before, time.perf_counter())  # VLC's thread measured this just before the seek
        qtbot.waitUntil(lambda: player.position() > 12600, timeout=3000)
        assert not errors
    finally:
        player.shutdown()


def test_vlc_says_which_files_it_positions_inaccurately(qtbot):
    if not VLC_OK:
        pytest.skip(f"libvlc cannot load here: {VLC_REASON}")
    player = make_player("vlc")
    notices = []
    player.noticeOccurred.connect(notices.append)
    try:
        load(qtbot, player, "speech.wav")
        assert notices == []
        load(qtbot, player, "speech.mp3")
        assert len(notices) == 1 and "speech.mp3" in notices[0] and "Qt Multimedia" in notices[0]
    finally:
        player.shutdown()


def test_shutdown_is_idempotent(qtbot, player):
    load(qtbot, player, "speech.wav")
    start(qtbot, player)
    player.shutdown()
    player.shutdown()
    assert player.media_path() is None
    assert player.state() is PlaybackState.STOPPED


def test_a_qt_player_started_later_makes_the_calls_made_before_it_started(qtbot):
    """As the editor makes it: the rate, the media and a seek are set before start_backend() creates the engine."""
    player = create_player("qt", start_later=True)
    player.errors = []
    player.errorOccurred.connect(player.errors.append)
    try:
        target = round(STARTS[1] * 1000)
        player.set_rate(2.0)
        player.open(str(MEDIA / "speech.mp3"))
        player.seek(target)
        with qtbot.assertNotEmitted(player.mediaLoaded, wait=200):     # no engine, so nothing loads yet
            pass
        with qtbot.waitSignal(player.mediaLoaded, timeout=5000):
            player.start_backend()
        assert abs(player.duration() - SPEECH_MS) < 300
        start(qtbot, player)
        samples = sample_positions(qtbot, player, 2.0)
        assert min(position for _, position in samples) >= target, "the seek made before the start was lost"
        (t0, p0), (t1, p1) = samples[0], samples[-1]
        speed = (p1 - p0) / ((t1 - t0) * 1000)
        assert abs(speed - 2.0) <= 0.2, f"advanced at {speed:.3f}x: the rate set before the start was lost"
        assert not player.errors
    finally:
        player.shutdown()


def test_a_qt_player_shut_down_before_it_started_never_starts(qtbot):
    player = create_player("qt", start_later=True)
    player.open(str(MEDIA / "speech.wav"))
    player.shutdown()
    with qtbot.assertNotEmitted(player.mediaLoaded, wait=200):
        player.start_backend()
    assert player.media_path() is None and player.duration() == 0
