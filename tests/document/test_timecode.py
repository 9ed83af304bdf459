"""format_time / parse_time."""
import pytest

from editor.document import format_time, parse_time


@pytest.mark.parametrize("seconds, text", [(0, "0:00"), (5, "0:05"), (64, "1:04"), (599, "9:59"), (3599, "59:59"),
                                           (3600, "1:00:00"), (3781, "1:03:01"), (36000, "10:00:00")])
def test_format_and_parse_agree(seconds, text):
    assert format_time(seconds) == text
    assert parse_time(text) == seconds


def test_format_clamps_and_floors():
    assert format_time(-3) == "0:00"
    assert format_time(64.9) == "1:04"


@pytest.mark.parametrize("text", ["37:567", "60:08", "1:0", "", "1:04:", "a:bc", "1:61", "1:01: 40", "64", None, 64])
def test_malformed_times_parse_to_none(text):
    assert parse_time(text) is None
