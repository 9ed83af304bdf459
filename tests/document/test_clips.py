"""quotableClips: the staleness check and regeneration round trips."""
import difflib

import pytest

from editor.document import Episode
from editor.document.clips import clip_problems, clip_update, clip_url, regenerate_clips, regenerated_clips
from document_helpers import parseable_corpus, read_text

EPISODE = """---
title: Clips
duration: PT00H01M40S
links:
  youtube: https://www.youtube.com/watch?v=abc
quotableClips:
- name: Intro
  startOffset: 0
  url: https://www.youtube.com/watch?v=abc&t=0
  endOffset: 25
- name: 'Main: part'
  startOffset: 25
  url: https://www.youtube.com/watch?v=abc&t=25
  endOffset: 100
transcript:
- header: Intro
- line: Hi.
  sec: 1
  time: '0:01'
  who: Ann
- line: Still intro.
  sec: 20
  time: '0:20'
  who: Ann
- header: 'Main: part'
- line: Main words.
  sec: 30
  time: '0:30'
  who: Bob
- line: More.
  sec: 70
  time: '1:10'
  who: Bob
---
Body text
"""


def changed_lines(old: str, new: str) -> list:
    """The removed and added lines between two texts."""
    return [line for line in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# ---- the check --------------------------------------------------------------------------------------------------

def test_current_clips_have_no_problem_and_a_renamed_chapter_is_flagged():
    episode = Episode.loads(EPISODE)
    assert clip_problems(episode) == []
    episode.set_text(3, "Main: new name")
    problems = clip_problems(episode)
    assert [(p.index, p.line, p.code) for p in problems] == [(3, 25, "clip-stale")]
    assert problems[0].message == ("quotable clip 2 is named 'Main: part' but its chapter is 'Main: new name'; "
                                   "regenerate the clips")


def test_missing_and_extra_clips_are_flagged():
    episode = Episode.loads(EPISODE)
    episode.insert_header(6, "Late")
    assert [p.message for p in clip_problems(episode)] == [
        "chapter 'Late' has no quotable clip; regenerate the clips"]
    episode = Episode.loads(EPISODE)
    episode.remove(3)
    assert [p.message for p in clip_problems(episode)] == [
        "quotable clip 2 'Main: part' has no chapter; regenerate the clips"]


def test_no_clips_no_problems():
    assert clip_problems(Episode.loads("---\ntranscript:\n- header: A\n---\n")) == []


# ---- regeneration -----------------------------------------------------------------------------------------------

def test_url_gets_t_with_the_right_separator():
    assert clip_url("https://youtu.be/x", 5) == "https://youtu.be/x?t=5"
    assert clip_url("https://www.youtube.com/watch?v=x", 5) == "https://www.youtube.com/watch?v=x&t=5"


def test_current_clips_regenerate_to_themselves():
    episode = Episode.loads(EPISODE)
    update = clip_update(episode)
    assert not update.changed and update.diff == ""
    regenerate_clips(episode)
    assert episode.dumps() == EPISODE


def test_rename_keeps_the_start_and_only_the_name_line_changes_then_undo_round_trips():
    episode = Episode.loads(EPISODE)
    undo_rename = episode.set_text(3, "Main: new name")
    update = clip_update(episode)
    assert "-- name: 'Main: part'\n+- name: 'Main: new name'\n" in update.diff
    undo_clips = regenerate_clips(episode)
    assert changed_lines(EPISODE, episode.dumps()) == [
        "-- name: 'Main: part'", "+- name: 'Main: new name'",
        "-- header: 'Main: part'", "+- header: 'Main: new name'"]
    assert clip_problems(episode) == []
    episode.apply(undo_clips)
    episode.apply(undo_rename)
    assert episode.dumps() == EPISODE


def test_moved_chapter_starts_at_its_new_site_time_and_neighbours_end_there():
    episode = Episode.loads(EPISODE)
    episode.move(3, 5)                                  # header now above "More." at 1:10
    clips = regenerated_clips(episode)
    assert [(c["name"], c["startOffset"], c["endOffset"], c["url"].split("&")[-1]) for c in clips] == [
        ("Intro", 0, 70, "t=0"), ("Main: part", 70, 100, "t=70")]
    assert list(clips[0]) == ["name", "startOffset", "url", "endOffset"]     # the file's key order


def test_new_clips_list_follows_the_sites_script_and_needs_a_youtube_link():
    text = EPISODE.replace("quotableClips:", "oldClips:")
    clips = regenerated_clips(Episode.loads(text))
    assert clips == [
        {"name": "Intro", "startOffset": 1, "endOffset": 30, "url": "https://www.youtube.com/watch?v=abc&t=1"},
        {"name": "Main: part", "startOffset": 30, "endOffset": 100, "url": "https://www.youtube.com/watch?v=abc&t=30"},
    ]
    with pytest.raises(ValueError, match="no YouTube link"):
        regenerated_clips(Episode.loads(text.replace("youtube: https://www.youtube.com/watch?v=abc", "youtube: TODO")))


def test_last_clip_never_ends_before_it_starts():
    episode = Episode.loads(EPISODE.replace("duration: PT00H01M40S", "duration: PT00H00M10S"))
    assert regenerated_clips(episode)[-1]["endOffset"] == 25


@pytest.mark.skipif(not parseable_corpus(), reason="corpus not found")
def test_corpus_clips_regenerate_locally_and_undo_to_the_original_bytes():
    for path in parseable_corpus():
        episode = Episode.load(path)
        if episode.get_meta("quotableClips") is None:
            continue
        original = read_text(path)
        current = not clip_problems(episode)
        undo = regenerate_clips(episode)
        new = episode.dumps()
        start, end = original.index("\nquotableClips:"), original.index("\ntranscript:")
        assert new[:start] == original[:start] and new.endswith(original[end:]), path.name
        if current:        # names match the headers: only stale offsets may change
            assert all(line.lstrip("+-").strip().startswith(("endOffset", "startOffset", "url"))
                       for line in changed_lines(original, new)), path.name
        assert clip_problems(episode) == []
        assert regenerated_clips(episode) == episode.get_meta("quotableClips")
        episode.apply(undo)
        assert episode.dumps() == original
