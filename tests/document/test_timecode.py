"""format_time / parse_time, the one time rule (time_error, Entry.seconds) and problems of one entry."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.document import Entry, format_time, parse_time, time_error
from editor.document.checks import entry_problems


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


@given(st.text(alphabet="0123456789:٣ '\"", max_size=9))
def test_time_error_refuses_exactly_what_parse_time_cannot_read(text):
    assert (time_error(text) is None) == (parse_time(text) is not None)


@pytest.mark.parametrize("text, words", [("1:75", "seconds must be below 60"), ("75:00", "h:mm:ss"),
                                         ("1:60:00", "below 60"), ("104", "add minutes"), ("1.04", "m:ss"),
                                         ("١:٠٤", "m:ss")])
def test_time_error_says_how_to_fix_it(text, words):
    assert words in time_error(text)


@pytest.mark.parametrize("entry, seconds", [(Entry.line("a", sec=5, time="0:09"), 5),
                                            (Entry.line("a", time="1:04"), 64), (Entry.line("a", time="1:4"), None),
                                            (Entry.line("a"), None)])
def test_entry_seconds_is_sec_else_the_time_read(entry, seconds):
    assert entry.seconds == seconds


def test_with_fields_drops_a_wrong_typed_value_of_the_same_field():
    entry = Entry("line", "a", extra=(("who", 5), ("sec", "5"), ("note", "x")))
    assert entry.wrong_types() == ["who", "sec"]
    assert entry.with_fields(who="Ann") == Entry("line", "a", who="Ann", extra=(("sec", "5"), ("note", "x")))


def test_entry_problems_need_only_the_entry():
    assert entry_problems(Entry.line("a", "Ann", 64, "1:04")) == []
    assert [code for code, _ in entry_problems(Entry("line", "a", sec=5, time="0:06", extra=(("who", 5),)))] == [
        "field-type", "time-mismatch", "missing-speaker"]
    assert entry_problems(Entry.header("H")) == []
