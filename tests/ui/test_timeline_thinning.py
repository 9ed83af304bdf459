"""Markers of a zoomed-out timeline: at most one per pixel column, the one painted last there."""
import random

import numpy as np

from editor.ui.timeline.drawing import thinned_markers


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
