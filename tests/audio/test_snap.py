"""Snapping times to speech onsets: the pure rules, and their accuracy against detected onsets of real media."""
import pytest

from editor.document import Episode
from editor.document.snap import AGREEMENT, Leftover, Move, snap_all, snap_time, timed_rows

from audio_media import MEDIA, known_starts

ONSETS = [1.3, 4.94, 9.24, 13.48]


@pytest.mark.parametrize("seconds, expected", [
    (1.9, 1.3),        # pressed 0.6 s after the start: back to it
    (2.3, 1.3),        # exactly 1 s after
    (2.31, 2.31),      # too late: the raw time stays
    (1.2, 1.2),        # before the first onset: nothing to snap back to
    (9.5, 9.24),
    (4.94, 4.94),      # on the onset
])
def test_snap_time_takes_the_latest_onset_within_the_window_before(seconds, expected):
    assert snap_time(seconds, ONSETS) == pytest.approx(expected)


def test_snap_time_window_is_a_parameter():
    assert snap_time(2.0, ONSETS, window_before=0.5) == 2.0
    assert snap_time(2.0, ONSETS, window_before=0.8) == 1.3
    assert snap_time(5.0, []) == 5.0


def test_snap_all_moves_lines_to_the_nearest_onset_and_lists_the_rest():
    rows = [(0, 3.0), (2, 5.0), (3, 8.0), (5, 13.0), (6, 20.0)]
    plan = snap_all(rows, ONSETS, max_shift=2.0)
    assert plan.moves == (Move(0, 3.0, 1.3), Move(3, 8.0, 9.24))
    assert plan.unchanged == 2                      # 5.0 holds 4.94 (within AGREEMENT), 13.0 holds 13.48
    assert plan.leftovers == (Leftover(6, 20.0, pytest.approx(20.0 - 13.48)),)
    assert [move.new_whole for move in plan.moves] == [1, 9]


def test_snap_all_max_shift_and_no_onsets():
    assert snap_all([(0, 3.0)], ONSETS, max_shift=1.0).leftovers == (Leftover(0, 3.0, pytest.approx(1.7)),)
    assert snap_all([(0, 3.0)], [], max_shift=1.0).leftovers == (Leftover(0, 3.0, None),)
    assert AGREEMENT < 0.5


@pytest.mark.parametrize("name", ["noisy-speech.mp3", "noisy-speech.m4a"])
def test_starts_off_by_up_to_1_8_s_come_back_within_60_ms(analysed, name):
    starts = known_starts("noisy-speech")
    offsets = [1.8, -1.2, 1.0, -1.6, 1.1, -0.4]      # each moves the start into another whole second
    plan = snap_all([(row, start + offset) for row, (start, offset) in enumerate(zip(starts, offsets))],
                    analysed(MEDIA / name).onsets, max_shift=2.0)
    assert not plan.leftovers
    snapped = {move.row: move.new for move in plan.moves}
    errors = [abs(snapped[row] - start) for row, start in enumerate(starts)]
    assert len(snapped) == len(starts)
    assert max(errors) <= 0.06 and sum(errors) / len(errors) <= 0.04, errors


def test_timed_rows_skips_headers_and_untimed_lines():
    episode = Episode.loads("---\ntranscript:\n- header: Intro\n- line: a\n  sec: 5\n  time: '0:05'\n  who: A\n"
                            "- line: b\n  who: A\n- line: c\n  time: '1:02'\n---\n")
    assert timed_rows(episode.entries) == [(1, 5.0), (3, 62.0)]
