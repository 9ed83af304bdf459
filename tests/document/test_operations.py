"""Every operation: its effect, and undo/redo through the returned inverse restoring exact snapshots."""
import pytest

from editor.document import Batch, Entry, Episode, Insert, Remove, Replace, SetMeta
from document_helpers import FIXTURES, parseable_corpus, snapshot

OPERATIONS = {
    "set_text": lambda ep, i: ep.set_text(i, "New words: yes # here"),
    "set_text_header": lambda ep, i: ep.set_text(1, "Renamed chapter"),
    "set_speaker": lambda ep, i: ep.set_speaker(i, "Zed"),
    "clear_speaker": lambda ep, i: ep.set_speaker(i, None),
    "set_time": lambda ep, i: ep.set_time(i, 7.9),
    "clear_time": lambda ep, i: ep.set_time(i, None),
    "shift_times": lambda ep, i: ep.shift_times(5, -30),
    "shift_times_forward": lambda ep, i: ep.shift_times(0, 3600),
    "insert_line": lambda ep, i: ep.insert_line(2, "Inserted.", "Dan", 3.2),
    "insert_line_end": lambda ep, i: ep.insert_line(len(ep.entries), "Last words."),
    "insert_header": lambda ep, i: ep.insert_header(0, "Intro"),
    "remove": lambda ep, i: ep.remove(4),
    "remove_many": lambda ep, i: ep.remove(2, 5),
    "remove_last": lambda ep, i: ep.remove(len(ep.entries) - 1),
    "move_down": lambda ep, i: ep.move(3, 9),
    "move_up": lambda ep, i: ep.move(9, 0),
    "split": lambda ep, i: ep.split(i, 9, 6.5),
    "split_no_time": lambda ep, i: ep.split(i, 0),
    "merge": lambda ep, i: ep.merge_with_next(i),
    "set_meta": lambda ep, i: ep.set_meta("title", "A: new title"),
    "add_meta": lambda ep, i: ep.set_meta("newkey", 12),
    "batch": lambda ep, i: ep.apply(Batch((Replace(0, Entry.line("Zero.", "A", 0, "0:00")), Remove(1, 2),
                                        Insert(0, (Entry.header("H"),)), SetMeta("season", 9)))),
}


def sources():
    """The quirks fixture, the long sorted-keys fixture, plus two corpus files (when present)."""
    return [FIXTURES / "quirks.md", FIXTURES / "sorted-keys-long.md"] + list(parseable_corpus()[:2])


@pytest.mark.parametrize("name", OPERATIONS)
@pytest.mark.parametrize("path", sources(), ids=lambda p: p.name)
def test_undo_redo_restore_exact_snapshots(path, name):
    episode = Episode.load(path)
    assert len(episode.entries) >= 10, "every source needs 10 entries for the moves, removals and shifts"
    entries = episode.entries
    line = next(i for i in range(2, len(entries) - 1) if not entries[i].is_header and not entries[i + 1].is_header)
    before = snapshot(episode)
    undo = OPERATIONS[name](episode, line)
    after = snapshot(episode)
    assert after != before
    for _ in range(2):
        redo = episode.apply(undo)
        assert snapshot(episode) == before
        undo = episode.apply(redo)
        assert snapshot(episode) == after
    episode.apply(undo)
    assert episode.dumps() == path.read_bytes().decode("utf-8")


@pytest.fixture
def episode():
    """The sorted-keys fixture, loaded."""
    return Episode.load(FIXTURES / "sorted-keys.md")


def test_set_time_floors_and_formats(episode):
    episode.set_time(2, 3781.99)
    assert (episode.entries[2].sec, episode.entries[2].time) == (3781, "1:03:01")
    episode.set_time(2, None)
    assert (episode.entries[2].sec, episode.entries[2].time) == (None, None)
    assert "sec:" not in episode.dumps().split("- line: Thank you.")[1].split("- line")[0]


def test_written_times_are_always_quoted(episode):
    episode.set_time(0, 45)
    assert "  time: '0:45'\n" in episode.dumps()


def test_shift_times_clamps_at_zero_and_skips_headers(episode):
    episode.shift_times(0, -10)
    assert [(e.sec, e.time) for e in episode.entries] == [(0, "0:00"), (None, None), (0, "0:00"), (65, "1:05"),
                                                          (3771, "1:02:51")]


def test_split_keeps_speaker_and_halves(episode):
    episode.split(3, 12, 80)
    first, second = episode.entries[3], episode.entries[4]
    assert (first.text, first.who, first.sec) == ("Let us begin", "Carol", 75)
    assert second.text.startswith("with a longer answer") and (second.who, second.sec, second.time) == (
        "Carol", 80, "1:20")


@pytest.mark.parametrize("offset", [12, 13])
def test_split_gives_the_whitespace_at_the_cut_to_neither_half(episode, offset):
    episode.split(3, offset)
    first, second = episode.entries[3], episode.entries[4]
    assert (first.text, second.text[:5]) == ("Let us begin", "with ")
    assert "'Let us begin'" not in episode.dumps() and "Let us begin\n" in episode.dumps()


def test_merge_joins_with_one_space_and_keeps_first_time(episode):
    episode.merge_with_next(2)
    merged = episode.entries[2]
    assert merged.text.startswith("Thank you. Let us begin") and merged.sec == 9
    assert len(episode.entries) == 4


def test_move_keeps_the_entry_text_byte_identical(episode):
    chunk = "- line: After an hour.\n  sec: 3781\n  time: '1:03:01'\n  who: Host\n"
    episode.move(4, 0)
    assert episode.entries[0].text == "After an hour."
    assert episode.dumps().startswith(episode.dumps().split("transcript:\n")[0] + "transcript:\n" + chunk)


def test_operations_reject_bad_targets(episode):
    with pytest.raises(IndexError):
        episode.set_text(99, "x")
    with pytest.raises(ValueError):
        episode.set_speaker(1, "Someone")      # a header has no speaker
    with pytest.raises(ValueError):
        episode.merge_with_next(0)             # the next entry is a header
    with pytest.raises(ValueError):
        episode.set_meta("transcript", "x")
    with pytest.raises(ValueError):
        episode.set_meta("guests", "x")        # not a scalar key
    with pytest.raises(IndexError):
        episode.remove(4, 2)
    assert episode.dumps() == (FIXTURES / "sorted-keys.md").read_text(encoding="utf-8")


class Recorder:
    """A listener recording what it is told and the entry count at that moment."""

    def __init__(self, episode):
        self.episode, self.calls = episode, []

    def about_to_apply(self, change):
        self.calls.append(("about", type(change).__name__, len(self.episode.entries)))

    def applied(self, change):
        self.calls.append(("applied", type(change).__name__, len(self.episode.entries)))


def test_listeners_hear_primitive_changes_around_each_application(episode):
    recorder = Recorder(episode)
    episode.add_listener(recorder)
    undo = episode.split(3, 5)
    assert recorder.calls == [("about", "Replace", 5), ("applied", "Replace", 5),
                              ("about", "Insert", 5), ("applied", "Insert", 6)]
    recorder.calls.clear()
    episode.apply(undo)
    assert recorder.calls == [("about", "Remove", 6), ("applied", "Remove", 5),
                              ("about", "Replace", 5), ("applied", "Replace", 5)]
    episode.remove_listener(recorder)
    episode.set_text(0, "x")
    assert len(recorder.calls) == 4


def test_failed_change_notifies_nobody_and_changes_nothing(episode):
    recorder = Recorder(episode)
    episode.add_listener(recorder)
    before = snapshot(episode)
    with pytest.raises(IndexError):
        episode.apply(Batch((Replace(0, Entry.line("ok")), Remove(10, 1))))
    assert snapshot(episode) == before
    assert [call[0] for call in recorder.calls] == ["about", "applied", "about", "applied"]


def test_meta_and_speakers(episode):
    assert episode.get_meta("title") == "Sorted: an older key-sorted dump"
    assert episode.meta_keys() == ["episode", "guests", "image", "season", "short", "title"]
    assert episode.speakers() == ["Host", "Carol", "carolwu"]
    assert episode.get_meta("missing", 3) == 3


def test_set_meta_writes_in_place_in_house_style(episode):
    episode.set_meta("title", "yes")
    episode.set_meta("season", 4)
    text = episode.dumps()
    assert "season: 4\nshort: Sorted keys\ntitle: 'yes'\ntranscript:\n" in text


def test_entry_line_points_at_the_dash_line(episode):
    text = episode.dumps().split("\n")
    for index in range(len(episode.entries)):
        assert text[episode.entry_line(index) - 1].startswith("- ")
    episode.insert_line(2, "new")
    assert episode.entry_line(2) == episode.entry_line(1)


def test_refusals_name_rows_as_the_table_numbers_them():
    episode = Episode.loads("---\ntranscript:\n- header: Intro\n- line: Hello.\n  who: Ann\n---\n")
    with pytest.raises(ValueError, match="row 1 is a chapter header"):
        episode.set_speaker(0, "Bob")
    with pytest.raises(IndexError, match="no row 3"):
        episode.set_text(2, "x")
    with pytest.raises(ValueError, match="outside the text of row 2"):
        episode.split(1, 99)
