"""A zoomed-out timeline paints at most about one marker and one chapter band per pixel column."""
import random

import numpy as np

from editor.audio.strip_marks import shown_bands, thinned_markers


def brute_force(seconds: list[float], first: float, last: float, start: float, scale: float) -> list[int]:
    """The last index in each pixel column among the times in [first, last], ascending."""
    last_in_column = {}
    for index, at in enumerate(seconds):
        if first <= at <= last:
            last_in_column[int(np.floor((at - start) * scale))] = index
    return sorted(last_in_column.values())


def test_thinned_markers_keep_the_last_marker_of_each_pixel_column():
    generator = random.Random(7)
    for _ in range(200):
        count = generator.randrange(0, 300)
        seconds = [generator.uniform(0, 500) for _ in range(count)]
        if generator.random() < 0.5:
            seconds.sort()
        start, span = generator.uniform(0, 200), generator.uniform(5, 500)
        width = generator.choice((1, 37, 800))
        scale = width / span
        first, last = start - 5 / scale, start + span + 5 / scale
        expected = brute_force(seconds, first, last, start, scale)
        assert thinned_markers(np.array(seconds, dtype=float), first, last, start, scale).tolist() == expected


def test_no_times_in_view_give_no_markers():
    assert thinned_markers(np.array([1.0, 2.0]), 5.0, 9.0, 5.0, 100.0).tolist() == []
    assert thinned_markers(np.zeros(0), 0.0, 9.0, 0.0, 100.0).tolist() == []


def test_bands_narrower_than_a_pixel_are_painted_once_per_pixel_column():
    starts = [0.0, 0.1, 0.2, 0.9, 1.2, 1.3, 5.0, 20.0, 30.0]          # seconds; 1 px per second below
    edges = np.array(list(zip(starts, starts[1:] + [40.0])))
    shown = shown_bands(edges, start=0.0, scale=1.0, width=25).tolist()
    # column 0: the first of four thin bands; column 1: the first of two; wide bands always; 30-40 s is out of view
    assert shown == [0, 4, 5, 6, 7]
    assert shown_bands(np.zeros((0, 2)), 0.0, 1.0, 25).tolist() == []
