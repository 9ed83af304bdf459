"""PositionClock on a fake monotonic clock: extrapolation at the rate, monotonic output, jumps, holds and limits."""
import pytest

from editor.player.base import BACKWARD_JUMP_MS, MAX_EXTRAPOLATION_S, PositionClock


class FakeTime:
    """A monotonic clock the test advances by hand."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    fake = FakeTime()
    clock = PositionClock(now=fake)
    clock.fake = fake
    return clock


def test_stopped_clock_holds_its_position(clock):
    clock.jump(5000)
    clock.fake.t += 3
    assert clock.position() == 5000


def test_running_clock_extrapolates_at_the_rate(clock):
    clock.jump(1000)
    clock.set_rate(1.5)
    clock.start()
    clock.fake.t += 1.0
    assert clock.position() == 2500


def test_extrapolation_stops_after_the_limit_then_holds(clock):
    clock.start()
    clock.fake.t += MAX_EXTRAPOLATION_S + 5
    assert clock.position() == MAX_EXTRAPOLATION_S * 1000


def test_small_backward_report_holds_instead_of_running_back(clock):
    clock.start()
    clock.fake.t += 1.0
    assert clock.position() == 1000
    clock.report(900, clock.fake.t)  # the backend is 100 ms behind what was shown
    assert clock.position() == 1000
    clock.fake.t += 0.2
    assert clock.position() == 1100


def test_large_backward_report_is_a_jump(clock):
    clock.jump(10_000)
    clock.start()
    clock.report(10_000 - BACKWARD_JUMP_MS - 500, clock.fake.t)
    assert clock.position() == 10_000 - BACKWARD_JUMP_MS - 500


def test_report_in_the_past_is_extrapolated_to_now(clock):
    clock.start()
    clock.report(4000, clock.fake.t - 0.25)
    assert clock.position() == 4250


def test_duration_limits_a_running_clock(clock):
    clock.limit_ms = 2000
    clock.jump(1900)
    clock.start()
    clock.fake.t += 1.0
    assert clock.position() == 2000


def test_stop_freezes_and_rate_change_keeps_the_position(clock):
    clock.start()
    clock.fake.t += 0.5
    clock.set_rate(2.0)
    assert clock.position() == 500
    clock.fake.t += 0.5
    clock.stop()
    clock.fake.t += 10
    assert clock.position() == 1500
