"""The timeline's widget-free parts: timed rows by time, and the view's zoom, clamping and x/time arithmetic."""
import random

import pytest

from editor.audio.timeline_model import MIN_SPAN_S, TimelineRows, TimelineView, total_seconds
from editor.document import Entry


def random_entries(rng: random.Random, count: int) -> list[Entry]:
    """Lines with times in any order (ties included), some untimed, with chapter headers among them."""
    entries = []
    for row in range(count):
        pick = rng.random()
        if pick < 0.1:
            entries.append(Entry.header(f"Chapter {row}"))
        elif pick < 0.2:
            entries.append(Entry.line(f"line {row}", who="A"))
        else:
            entries.append(Entry.line(f"line {row}", who=rng.choice(["A", "B", None]), sec=rng.randrange(0, 200)))
    return entries


def test_rows_keep_timed_lines_in_row_order_with_speaker():
    entries = [Entry.header("Intro"), Entry.line("a", "A", 7), Entry.line("b", "B"), Entry.line("c", None, 3)]
    rows = TimelineRows(entries)
    assert rows.rows == [(1, 7.0, "A"), (3, 3.0, None)]
    assert rows.last_seconds == 7.0
    assert TimelineRows().rows == [] and TimelineRows().last_seconds == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_between_matches_a_filter_of_every_row(seed):
    rng = random.Random(seed)
    entries = random_entries(rng, rng.randrange(0, 80))
    rows = TimelineRows(entries)
    timed = [(row, float(e.sec), e.who) for row, e in enumerate(entries) if not e.is_header and e.sec is not None]
    for _ in range(30):
        first = rng.uniform(-10, 210)
        last = first + rng.choice([0.0, rng.uniform(0, 60)])
        if rng.random() < 0.3:
            first = float(round(first))           # bounds exactly on a row's time
            last = float(round(last))
        assert rows.between(first, last) == [item for item in timed if first <= item[1] <= last]


@pytest.mark.parametrize("seed", range(10))
def test_next_later_is_the_first_later_time_below_the_row(seed):
    rng = random.Random(seed)
    entries = random_entries(rng, 60)
    rows = TimelineRows(entries)
    for row, entry in enumerate(entries):
        if entry.is_header or entry.sec is None:
            continue
        below = [e.sec for e in entries[row + 1:] if not e.is_header and e.sec is not None and e.sec > entry.sec]
        assert rows.next_later(row, float(entry.sec)) == (float(below[0]) if below else None)


def test_nearest_marker_within_reach_and_ties_go_to_the_preferred_row():
    rows = TimelineRows([Entry.line("a", sec=10), Entry.line("b", sec=10), Entry.line("c", sec=30)])
    # 100 s over 1000 px: 10 px per second
    assert rows.nearest(100, 0.0, 100.0, 1000, 5) == 0
    assert rows.nearest(100, 0.0, 100.0, 1000, 5, prefer=1) == 1
    assert rows.nearest(304, 0.0, 100.0, 1000, 5) == 2
    assert rows.nearest(306, 0.0, 100.0, 1000, 5) == -1
    assert rows.nearest(200, 0.0, 100.0, 1000, 5) == -1
    assert rows.nearest(100, 0.0, 0.0, 1000, 5) == -1


def test_total_covers_media_decoded_audio_and_a_second_past_the_last_row():
    rows = TimelineRows([Entry.line("a", sec=90)])
    assert total_seconds(60.0, 30.0, rows) == 91.0
    assert total_seconds(120.0, 30.0, rows) == 120.0
    assert total_seconds(0.0, 150.0, rows) == 150.0
    assert total_seconds(0.0, 0.0, TimelineRows()) == 1.0


def test_a_new_view_shows_everything():
    view = TimelineView()
    assert view.shown(300.0) == (0.0, 300.0)
    assert not view.zoomed_in


@pytest.mark.parametrize("start, span, expected", [
    (10.0, 1.0, (10.0, MIN_SPAN_S)),         # closer than the closest zoom
    (-20.0, 50.0, (0.0, 50.0)),              # before the start
    (290.0, 50.0, (250.0, 50.0)),            # past the end
    (40.0, 500.0, (0.0, 300.0)),             # wider than the episode: all of it
])
def test_set_clamps_span_and_start(start, span, expected):
    view = TimelineView()
    view.set(start, span, 300.0)
    assert view.shown(300.0) == pytest.approx(expected)
    assert view.zoomed_in == (expected[1] < 300.0)


def test_zoom_in_stops_at_the_closest_span_and_out_at_the_whole_episode():
    view = TimelineView()
    for _ in range(30):
        view.zoom(1 / 1.5, 100.0, 300.0)
    assert view.shown(300.0)[1] == pytest.approx(MIN_SPAN_S)
    start, span = view.shown(300.0)
    assert start <= 100.0 <= start + span
    for _ in range(30):
        view.zoom(1.5, 100.0, 300.0)
    assert view.shown(300.0) == (0.0, 300.0) and not view.zoomed_in


def test_zoom_keeps_the_anchor_at_the_same_place():
    view = TimelineView()
    view.set(100.0, 100.0, 1000.0)
    before = view.x_for(130.0, 1000.0, 800)
    view.zoom(0.5, 130.0, 1000.0)
    assert view.shown(1000.0) == pytest.approx((115.0, 50.0))
    assert view.x_for(130.0, 1000.0, 800) == pytest.approx(before)


def test_anchor_is_the_playhead_when_shown_else_the_middle():
    view = TimelineView()
    view.set(100.0, 50.0, 1000.0)
    assert view.anchor(120.0, 1000.0) == 120.0
    assert view.anchor(500.0, 1000.0) == 125.0


def test_x_and_seconds_convert_both_ways_and_seconds_stay_in_the_episode():
    view = TimelineView()
    view.set(60.0, 40.0, 200.0)
    assert view.x_for(60.0, 200.0, 400) == 0.0
    assert view.x_for(80.0, 200.0, 400) == pytest.approx(200.0)
    assert view.seconds_at(200.0, 200.0, 400) == pytest.approx(80.0)
    for x in (0.0, 37.5, 399.0):
        assert view.x_for(view.seconds_at(x, 200.0, 400), 200.0, 400) == pytest.approx(x)
    view.set(0.0, 200.0, 200.0)
    assert view.seconds_at(-50.0, 200.0, 400) == 0.0
    assert view.seconds_at(900.0, 200.0, 400) == 200.0
