"""The FakePlayer keeps the Player contract the ui relies on: loading, states, a driven clock, rate, end of media."""
import pytest

from editor.player import PlaybackState
from fakes import FakePlayer
from support import SAMPLE

MEDIA = SAMPLE / "sample-episode.mp3"


@pytest.fixture
def fake(qtbot):
    player = FakePlayer(duration_ms=10_000)
    yield player
    player.shutdown()


def test_media_loads_on_the_next_event_loop_pass(qtbot, fake, tmp_path):
    fake.open(MEDIA)
    assert fake.duration() == 0 and not fake.is_loaded()
    with qtbot.waitSignal(fake.mediaLoaded, timeout=1000) as loaded:
        pass
    assert loaded.args == [str(MEDIA)]
    assert fake.duration() == 10_000 and not fake.has_video()
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"")
    fake.open(video)
    qtbot.waitUntil(fake.has_video, timeout=1000)


def test_time_moves_only_when_driven_and_at_the_rate(qtbot, fake):
    fake.open(MEDIA)
    qtbot.waitUntil(fake.is_loaded, timeout=1000)
    fake.seek(2000)
    fake.play()
    assert fake.state() is PlaybackState.PLAYING and fake.position() == 2000
    with qtbot.waitSignal(fake.positionChanged, timeout=1000):
        fake.advance(3000)
    assert fake.position() == 5000
    fake.set_rate(2.0)
    fake.advance(1000)
    assert fake.position() == 7000
    fake.pause()
    fake.advance(5000)
    assert fake.state() is PlaybackState.PAUSED and fake.position() == 7000


def test_end_of_media_stops_at_the_duration_and_plays_again_from_the_start(qtbot, fake):
    fake.open(MEDIA)
    qtbot.waitUntil(fake.is_loaded, timeout=1000)
    fake.seek(9000)
    fake.play()
    fake.advance(4000)
    assert fake.state() is PlaybackState.STOPPED and fake.position() == 10_000
    fake.play()
    assert fake.position() == 0


def test_missing_and_unplayable_files_report_errors(qtbot, fake, tmp_path):
    errors = []
    fake.errorOccurred.connect(errors.append)
    fake.open(tmp_path / "missing.mp3")
    assert errors and "missing.mp3" in errors[0]
    fake.unplayable.add(str(MEDIA))
    fake.open(MEDIA)
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=1000)
    fake.play()
    assert fake.state() is PlaybackState.STOPPED and fake.duration() == 0
