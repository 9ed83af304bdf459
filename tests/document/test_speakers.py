"""Speakers: statistics, rename and merge as one step, Alt+N order, and rows edited together."""
import difflib

import pytest

from editor.document import Episode
from editor.document.speakers import (Speaker, delete_rows, merge_speakers, rename_speaker, set_speaker_rows,
                                      speaker_by_number, speaker_stats, transcript_speakers)
from document_helpers import parseable_corpus, read_text

TEXT = """---
duration: PT00H02M00S
guests:
- someguest
transcript:
- header: Start
- line: Hello.
  sec: 0
  time: '0:00'
  who: Alexei
- line: Hi.
  sec: 10
  time: '0:10'
  who: Bea
- line: Continuing without a time.
  who: Bea
- line: Back to me.
  sec: 40
  time: '0:40'
  who: Alexei
- line: Me again.
  sec: 50
  time: '0:50'
  who: Alexey
- line: Last.
  sec: 100
  time: '1:40'
  who: Bea
---
"""


def test_stats_in_order_of_first_appearance_with_lines_and_time():
    assert speaker_stats(Episode.loads(TEXT)) == [
        Speaker("Alexei", 2, 10 + 10), Speaker("Bea", 3, 30 + 20), Speaker("Alexey", 1, 50)]


def test_alt_numbers_follow_first_appearance_and_leave_out_silent_guests():
    episode = Episode.loads(TEXT)
    assert transcript_speakers(episode) == ["Alexei", "Bea", "Alexey"]
    assert [speaker_by_number(episode, n) for n in (1, 2, 3, 4, 0)] == ["Alexei", "Bea", "Alexey", None, None]


def test_rename_everywhere_is_one_step_touching_only_those_lines():
    episode = Episode.loads(TEXT)
    undo = rename_speaker(episode, "Alexei", "Alexey")
    diff = [line for line in difflib.unified_diff(TEXT.split("\n"), episode.dumps().split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == ["-  who: Alexei", "+  who: Alexey", "-  who: Alexei", "+  who: Alexey"]
    assert [s.name for s in speaker_stats(episode)] == ["Alexey", "Bea"]
    redo = episode.apply(undo)
    assert episode.dumps() == TEXT
    episode.apply(redo)
    assert transcript_speakers(episode) == ["Alexey", "Bea"]


def test_merge_moves_all_lines_to_the_kept_speaker():
    episode = Episode.loads(TEXT)
    merge_speakers(episode, "Alexey", "Alexei")
    assert speaker_stats(episode)[0] == Speaker("Alexei", 3, 10 + 10 + 50)
    with pytest.raises(ValueError, match="empty"):
        rename_speaker(episode, "Bea", "")


def test_rows_get_a_speaker_together_headers_skipped():
    episode = Episode.loads(TEXT)
    undo = set_speaker_rows(episode, [0, 1, 2, 3], "Cy")
    assert [e.who for e in episode.entries] == [None, "Cy", "Cy", "Cy", "Alexei", "Alexey", "Bea"]
    episode.apply(undo)
    assert episode.dumps() == TEXT


def test_rows_are_deleted_together_and_come_back():
    episode = Episode.loads(TEXT)
    undo = delete_rows(episode, [6, 1, 2, 4])
    assert [e.text for e in episode.entries] == ["Start", "Continuing without a time.", "Me again."]
    episode.apply(undo)
    assert episode.dumps() == TEXT


def test_rows_shift_together_clamped_at_zero_untimed_and_headers_untouched():
    episode = Episode.loads(TEXT)
    undo = episode.shift_rows([0, 1, 3, 4], -15)
    assert [(e.sec, e.time) for e in episode.entries] == [
        (None, None), (0, "0:00"), (10, "0:10"), (None, None), (25, "0:25"), (50, "0:50"), (100, "1:40")]
    episode.apply(undo)
    assert episode.dumps() == TEXT


@pytest.mark.skipif(not parseable_corpus(), reason="corpus not found")
def test_corpus_speaker_time_adds_up_and_renames_round_trip():
    for path in parseable_corpus()[:12]:
        episode = Episode.load(path)
        stats = speaker_stats(episode)
        spoken = [e for e in episode.entries if not e.is_header and e.who]
        assert sum(s.lines for s in stats) == len(spoken)
        if not stats:
            continue
        original = read_text(path)
        undo = rename_speaker(episode, stats[0].name, stats[0].name + " X")
        assert speaker_stats(episode)[0] == Speaker(stats[0].name + " X", stats[0].lines, stats[0].seconds)
        episode.apply(undo)
        assert episode.dumps() == original
