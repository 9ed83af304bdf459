"""What you hear is what the clock shows: the editor's player, on generated speech in every format, shows each heard
phrase onset within 100 ms of its true time after seeks while playing and while paused, at several speeds."""
import statistics

import pytest

from editor.player import create_player, vlc_available
from truth import LEAD_MS, seek_error, start_playing, wait_for
from truth_media import build_hour, build_set, tools_missing

LIMIT_MS = 100  # the bound for the mean and the maximum error
VLC_OPTIONS = ("--aout=adummy", "--no-video", "--intf=dummy", "--quiet")
BACKENDS = ["qt", pytest.param("vlc", marks=pytest.mark.skipif(not vlc_available()[0], reason="libvlc cannot load"))]
pytestmark = pytest.mark.skipif(bool(tools_missing()), reason=f"media tools missing: {', '.join(tools_missing())}")


@pytest.fixture(scope="session")
def speech(tmp_path_factory):
    """20 s of speech in every format (built once per run, 2-5 s)."""
    return build_set(tmp_path_factory.mktemp("speech"), seconds=20.0)


@pytest.fixture(scope="session")
def hour(tmp_path_factory):
    """The 60-minute VBR MP3, with and without a Xing table (frame-copied from three encoded minutes, 2-5 s)."""
    return build_hour(tmp_path_factory.mktemp("hour"))


@pytest.fixture
def editor_player(qtbot):
    """The player the editor uses by default."""
    player = create_player(vlc_options=VLC_OPTIONS)
    assert player.name == "qt" and player.fallback_reason is None
    yield player
    player.shutdown()


def measure(player, media, plan):
    """Open `media` in the editor's player, run `plan` (rate, paused, phrase index) and return the errors in ms."""
    truth = start_playing(player, str(media.path))
    assert truth is not None
    errors = []
    try:
        for rate, paused, index in plan:
            player.set_rate(rate)
            error, _latency = seek_error(player, truth, media.onsets, media.onsets[index] - LEAD_MS, paused)
            assert error is not None, f"no phrase heard after seeking to phrase {index} of {media.path.name}"
            errors.append(error)
    finally:
        truth.stop()
        player.close()  # no audio callbacks while pytest reports a failure
    return errors


def assert_accurate(errors, label):
    worst = max(errors, key=abs)
    assert statistics.mean(abs(e) for e in errors) <= LIMIT_MS and abs(worst) <= LIMIT_MS, \
        f"{label}: shown minus heard {[round(e) for e in errors]} ms"


PLAN = [(1.0, False, 3), (1.5, True, 1)]  # (rate, paused, phrase index); other speeds: test_every_speed


@pytest.mark.parametrize("fmt", ["wav", "mp3-cbr", "mp3-vbr-xing", "mp3-vbr-noxing", "m4a", "opus", "ogg", "mp4"])
def test_heard_onsets_match_the_shown_position(editor_player, speech, fmt):
    errors = measure(editor_player, speech[fmt], PLAN)
    assert_accurate(errors, f"{fmt} on {editor_player.name}")


def test_every_speed_from_half_to_double(editor_player, speech):
    """Qt ran ahead of the sound at speeds other than 1x (+165 ms at 1.5x, +294 ms at 2x on a sound server)."""
    plan = [(0.5, True, 4), (0.75, False, 2), (1.25, False, 3), (2.0, True, 1), (2.0, False, 4)]
    assert_accurate(measure(editor_player, speech["mp3-vbr-noxing"], plan), "speeds 0.5x-2x")


def test_hour_long_vbr_mp3_seeks_accurately(editor_player, hour):
    """The case VLC got 2-25 s wrong; the one with a Xing table is in tests/benchmarks/bench_player.py."""
    media = hour["mp3-vbr-60min-noxing"]
    name = media.path.name
    plan = [(1.0, False, len(media.onsets) * 5 // 6), (1.0, False, 40), (2.0, True, len(media.onsets) // 2)]
    assert_accurate(measure(editor_player, media, plan), f"{name} on {editor_player.name}")


def test_retime_after_a_ten_second_skip_back_writes_the_right_second(editor_player, hour):
    """Ctrl+T writes floor(position / 1000): after skipping back 10 s near the end, at the heard onset it is right."""
    media = hour["mp3-vbr-60min-noxing"]
    index = next(i for i, onset in enumerate(media.onsets) if onset > 3_400_000 and 250 < onset % 1000 < 750)
    truth = start_playing(editor_player, str(media.path))
    assert truth is not None
    editor_player.seek(int(media.onsets[index] + 10_000 - 2 * LEAD_MS))
    assert wait_for(lambda: editor_player.position() >= media.onsets[index] + 10_000 - LEAD_MS, 3.0)
    error, _ = seek_error(editor_player, truth, media.onsets, editor_player.position() - 10_000, paused=False)
    truth.stop()
    assert error is not None and abs(error) <= LIMIT_MS
    assert int((media.onsets[index] + error) // 1000) == int(media.onsets[index] // 1000)


@pytest.mark.parametrize("backend", BACKENDS)
def test_vbr_mp3_without_table_has_an_estimated_then_exact_duration(qtbot, speech, backend):
    player = create_player(backend, vlc_options=VLC_OPTIONS)
    lengths = []
    player.durationChanged.connect(lambda ms: lengths.append((ms, player.is_duration_estimated())))
    try:
        player.open(str(speech["mp3-vbr-noxing"].path))
        assert player.is_duration_estimated()
        qtbot.waitUntil(lambda: bool(lengths) and not lengths[-1][1], timeout=5000)
        assert abs(lengths[-1][0] - 20_000) < 150, lengths
        assert player.duration() == lengths[-1][0] and not player.is_duration_estimated()
    finally:
        player.shutdown()


def test_ogg_pause_seek_play_keeps_playing(editor_player, speech):
    """VLC ended Ogg Vorbis playback at once after pause, seek, play; the editor's player (Qt) keeps playing."""
    media = speech["ogg"]
    assert start_playing(editor_player, str(media.path)) is not None
    assert wait_for(lambda: editor_player.position() > 1000, 3.0)
    editor_player.pause()
    editor_player.seek(int(media.onsets[3]))
    editor_player.play()
    assert wait_for(lambda: editor_player.position() > media.onsets[3] + 500, 3.0)
    assert editor_player.state().name == "PLAYING"


@pytest.mark.parametrize("backend", BACKENDS)
def test_truncated_mp3_reports_its_real_length_and_ends_there(qtbot, speech, tmp_path, backend):
    """Qt kept a half-length MP3's nominal (Xing) length and jumped the position to it at the real end."""
    whole = speech["mp3-vbr-xing"].path.read_bytes()
    half = tmp_path / "half.mp3"
    half.write_bytes(whole[: len(whole) // 2])
    player = create_player(backend, vlc_options=VLC_OPTIONS)
    try:
        with qtbot.waitSignal(player.mediaLoaded, timeout=5000):
            player.open(str(half))
        qtbot.waitUntil(lambda: 5_000 < player.duration() < 15_000, timeout=5000)
        real = player.duration()
        player.seek(real - 600)
        with qtbot.waitSignal(player.stateChanged, timeout=5000, check_params_cb=lambda s: s.name == "STOPPED"):
            player.play()
        assert abs(player.position() - real) <= 100
    finally:
        player.shutdown()
