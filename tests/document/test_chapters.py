"""Chapters: site times, empty chapters, lengths, editing, and the site's chapter lists imported and exported."""
import difflib
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from editor.document import DocumentError, Episode
from editor.document.chapters import (ChapterListError, ListedChapter, chapters, delete_chapter, export_chapters,
                                      find_chapter_lists, import_chapters, insert_chapter_at, parse_chapter_list,
                                      parse_duration, playing_row, read_chapter_list, rename_chapter)
from document_helpers import parseable_corpus, read_text
from tests.conftest import corpus_dir

SMALL = """---
title: Small
duration: PT00H01M10S
transcript:
- header: Intro
- header: Welcome
- line: Hello.
  sec: 2
  time: '0:02'
  who: Ann
- line: More words.
  who: Ann
- header: Middle
- line: Yes.
  sec: 30
  time: '0:30'
  who: Bob
- line: Untimed tail.
  who: Bob
- header: Late
- line: Bye.
  sec: 61
  time: '1:01'
  who: Ann
- header: After all
---
"""


def timestamps_dir() -> Path | None:
    """The site's chapter lists beside the corpus, when present."""
    folder = corpus_dir()
    lists = folder.parent / "podcast-timestamps" if folder else None
    return lists if lists and lists.is_dir() else None


@lru_cache(maxsize=None)
def corpus_with_lists() -> tuple:
    """(episode file, its chapter list file) for every parseable corpus episode the site has a list for."""
    lists = timestamps_dir()
    if lists is None:
        return ()
    pairs = []
    for path in parseable_corpus():
        data = front_matter(path)
        season, number = data.get("season"), data.get("episode")
        if not isinstance(season, int) or not isinstance(number, int):
            continue
        found = sorted(lists.glob(f"s{season:02d}e{number:02d}-*.txt"))
        if found:
            pairs.append((path, found[0]))
    return tuple(pairs)


@lru_cache(maxsize=None)
def front_matter(path: Path) -> dict:
    """The file's front matter as PyYAML reads it (independent of the editor's parser)."""
    text = read_text(path)
    return front_matter_of(text)


def front_matter_of(text: str) -> dict:
    """A text's front matter as PyYAML's C loader reads it."""
    return yaml.load(text.split("\n---", 1)[0][4:], Loader=yaml.CSafeLoader) if text.startswith("---\n") else {}


def site_list(path: Path) -> list:
    """(seconds, topic) per line of a site list, read the way the site's scripts read it."""
    result = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        match = re.match(r"^(\d{2}):(\d{2}):(\d{2})\s+(.+)$", line.strip())
        if match:
            result.append((int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3]), match[4].strip()))
    return result


def matching_pairs() -> list:
    """Corpus episodes whose header titles are exactly their list's topics, in order."""
    return [(path, listed) for path, listed in corpus_with_lists()
            if [item["header"] for item in front_matter(path)["transcript"] if "header" in item]
            == [topic for _, topic in site_list(listed)]]


# ---- the outline ------------------------------------------------------------------------------------------------

def test_chapters_have_site_times_empty_marks_and_lengths():
    found = chapters(Episode.loads(SMALL))
    assert [(c.index, c.title, c.seconds, c.empty, c.length) for c in found] == [
        (0, "Intro", 2, True, 0),
        (1, "Welcome", 2, False, 28),
        (4, "Middle", 30, False, 31),
        (7, "Late", 61, False, 9),          # until the duration, 1:10
        (9, "After all", None, False, None),
    ]


def test_duration_forms_of_the_corpus():
    assert parse_duration("PT00H58M11S") == 3491
    assert parse_duration("PT01H14S") == 3614
    assert parse_duration("PT45M") == 2700
    assert parse_duration("PT") is None
    assert parse_duration("58:11") is None
    assert parse_duration(None) is None


def test_rename_delete_and_insert_at_playhead_undo_exactly():
    episode = Episode.loads(SMALL)
    original = episode.dumps()
    undo_rename = rename_chapter(episode, 4, "Middle part")
    assert episode.entries[4].text == "Middle part"
    undo_delete = delete_chapter(episode, 0)
    assert [c.title for c in chapters(episode)] == ["Welcome", "Middle part", "Late", "After all"]
    assert playing_row(episode, 45.5) == 4              # "Yes." at 0:30 is playing (rows shifted by the delete)
    undo_insert = insert_chapter_at(episode, 45.5, "New")
    assert episode.entries[4].text == "New" and episode.entries[5].text == "Yes."
    for undo in (undo_insert, undo_delete, undo_rename):
        episode.apply(undo)
    assert episode.dumps() == original
    with pytest.raises(ValueError, match="row 3 is not a chapter header"):
        rename_chapter(episode, 2, "x")


def test_playing_row_before_the_first_timed_line_is_the_first_row():
    assert playing_row(Episode.loads(SMALL), 0.5) == 0


# ---- reading lists ----------------------------------------------------------------------------------------------

def test_list_lines_parse_and_blank_lines_are_skipped():
    listed = parse_chapter_list("00:00:00 Intro\r\n\n  01:02:03   Late topic  \n")
    assert listed == [ListedChapter(0, "Intro"), ListedChapter(3723, "Late topic")]


def test_bad_list_lines_are_reported_with_their_numbers_and_nothing_changes(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("00:00:00 Intro\n0:30 Short time\n00:01:00 Fine\n00:61:00 Bad minutes\n00:02:00\n",
                    encoding="utf-8")
    with pytest.raises(ChapterListError) as caught:
        read_chapter_list(path)
    assert caught.value.bad_lines == [(2, "0:30 Short time"), (4, "00:61:00 Bad minutes"), (5, "00:02:00")]
    assert str(caught.value).startswith(f"{path}:2: not 'HH:MM:SS Topic': line 2: '0:30 Short time'")


def test_a_list_without_chapters_is_refused():
    with pytest.raises(DocumentError, match="holds no 'HH:MM:SS Topic' lines"):
        parse_chapter_list("\n  \n")


# ---- import -----------------------------------------------------------------------------------------------------

def test_import_places_chapters_by_the_sites_rule():
    episode = Episode.loads(SMALL)
    listed = [ListedChapter(0, "A"), ListedChapter(2, "B"), ListedChapter(10, "C"), ListedChapter(31, "D"),
              ListedChapter(40, "E"), ListedChapter(500, "F")]
    import_chapters(episode, listed)
    layout = [e.text if e.is_header else f"<{e.text}>" for e in episode.entries]
    # A and B are due at the first timed line (2 s); C (10 s) falls between 2 s and the next sec 30 s and is
    # taken by the untimed line after "Hello."; D is after 30 s, taken by the untimed "Untimed tail." (before
    # 61 s), as is E; F is later than every line and goes at the end.
    assert layout == ["A", "B", "<Hello.>", "C", "<More words.>", "<Yes.>", "D", "E", "<Untimed tail.>", "<Bye.>",
                      "F"]


def test_lines_before_any_timed_line_take_no_chapter():
    text = "---\ntranscript:\n- line: Untimed start.\n- line: Timed.\n  sec: 5\n  time: '0:05'\n---\n"
    episode = Episode.loads(text)
    import_chapters(episode, [ListedChapter(0, "Start")])
    assert [e.text for e in episode.entries] == ["Untimed start.", "Start", "Timed."]


@pytest.mark.skipif(not corpus_with_lists(), reason="corpus or podcast-timestamps not found")
def test_the_24_matching_episodes_come_back_byte_for_byte_from_their_lists():
    pairs = matching_pairs()
    if len(corpus_with_lists()) == 46:
        assert len(pairs) == 24
    for path, listed in pairs:
        original = read_text(path)
        stripped = Episode.loads(original)
        for index in reversed([i for i, entry in enumerate(stripped.entries) if entry.is_header]):
            stripped.remove(index)
        episode = Episode.loads(stripped.dumps())
        assert not any(entry.is_header for entry in episode.entries)
        import_chapters(episode, read_chapter_list(listed))
        assert episode.dumps() == original, path.name


def header_only_changes(old: str, new: str) -> bool:
    """True when every line that differs between the texts belongs to a `- header:` item."""
    old_lines, new_lines = old.split("\n"), new.split("\n")

    def in_header(lines, index) -> bool:
        while index > 0 and lines[index].startswith("  "):
            index -= 1
        return lines[index].startswith("- header:")

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if not all(in_header(old_lines, i) for i in range(i1, i2)):
            return False
        if not all(in_header(new_lines, j) for j in range(j1, j2)):
            return False
    return True


@pytest.mark.skipif(not corpus_with_lists(), reason="corpus or podcast-timestamps not found")
def test_importing_into_edited_episodes_changes_only_header_items_and_undoes_exactly(tmp_path):
    matching = {path for path, _ in matching_pairs()}
    edited = [(path, listed) for path, listed in corpus_with_lists() if path not in matching]
    for number, (path, listed) in enumerate(edited):
        episode = Episode.load(path)
        original = read_text(path)
        undo = import_chapters(episode, read_chapter_list(listed))
        if number < 3:                          # saving verifies the text reads back; a few suffice here
            episode.save(tmp_path / path.name)
            assert read_text(tmp_path / path.name) == episode.dumps()
        new = episode.dumps()
        assert header_only_changes(original, new), path.name
        assert [item["header"] for item in front_matter_of(new)["transcript"] if "header" in item] == \
            [topic for _, topic in sorted(site_list(listed), key=lambda pair: pair[0])]
        assert [item for item in front_matter_of(new)["transcript"] if "header" not in item] == \
            [item for item in front_matter(path)["transcript"] if "header" not in item]
        episode.apply(undo)
        assert episode.dumps() == original


def test_find_chapter_lists_in_a_site_checkout(tmp_path):
    (tmp_path / "_podcast").mkdir()
    (tmp_path / "podcast-timestamps").mkdir()
    (tmp_path / "podcast-timestamps" / "s03e07-some-topic.txt").write_text("00:00:00 A\n", encoding="utf-8")
    (tmp_path / "podcast-timestamps" / "s03e70-other.txt").write_text("00:00:00 B\n", encoding="utf-8")
    episode_file = tmp_path / "_podcast" / "some-topic.md"
    episode_file.write_text("---\nseason: 3\nepisode: 7\ntranscript: []\n---\n", encoding="utf-8")
    assert find_chapter_lists(Episode.load(episode_file)) == [tmp_path / "podcast-timestamps" /
                                                              "s03e07-some-topic.txt"]
    assert find_chapter_lists(Episode.loads("---\nseason: 3\nepisode: 7\n---\n")) == []


# ---- export -----------------------------------------------------------------------------------------------------

def site_shown(data: dict) -> list:
    """(seconds, title) the site shows: each header at the first following line's sec; a header right before
    another header dropped."""
    items = data.get("transcript") or []
    shown = []
    for position, item in enumerate(items):
        if "header" not in item:
            continue
        if position + 1 < len(items) and "header" in items[position + 1]:
            continue
        following = [other["sec"] for other in items[position + 1:] if "header" not in other and "sec" in other]
        if following:
            shown.append((following[0], item["header"]))
    return shown


def youtube_time(seconds: int) -> str:
    """m:ss below an hour, h:mm:ss from an hour."""
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def corpus_with_headers() -> list:
    """Parseable corpus episodes that have chapter headers."""
    return [path for path in parseable_corpus()
            if any("header" in item for item in front_matter(path).get("transcript") or [])]


@pytest.mark.skipif(not parseable_corpus(), reason="corpus not found")
def test_export_of_every_corpus_episode_in_both_formats_matches_the_sites_rules():
    for path in corpus_with_headers():
        shown = site_shown(front_matter(path))
        episode = Episode.load(path)
        site = export_chapters(episode, "site")
        assert site.text == "\n".join(f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d} {t}" for s, t in shown)
        youtube = export_chapters(episode, "youtube")
        assert youtube.text == "\n".join(f"{youtube_time(s)} {t}" for s, t in shown), path.name
        assert any("0:00" in w for w in youtube.warnings) == (not shown or shown[0][0] != 0)
        assert any("at least 3 chapters" in w for w in youtube.warnings) == (len(shown) < 3)
        starts = [s for s, _ in shown]
        short = any(b - a < 10 for a, b in zip(starts, starts[1:]))
        assert any("at least 10 seconds" in w for w in youtube.warnings) >= short


def test_youtube_rules_are_named():
    text = """---
transcript:
- header: First
- line: a
  sec: 3
- header: Second
- line: b
  sec: 8
---
"""
    warnings = export_chapters(Episode.loads(text), "youtube").warnings
    assert warnings == (
        "YouTube needs the first chapter to start at 0:00; it starts at 0:03",
        "YouTube needs at least 3 chapters; there are 2",
        "YouTube needs every chapter to last at least 10 seconds; 'First' at 0:03 lasts 5",
        "YouTube needs every chapter to last at least 10 seconds; 'Second' at 0:08 lasts 0",
    )
    good = "---\nduration: PT1H\ntranscript:\n" + "".join(
        f"- header: C{k}\n- line: x\n  sec: {k * 600}\n" for k in range(4)) + "---\n"
    result = export_chapters(Episode.loads(good), "youtube")
    assert result.warnings == ()
    assert result.text == "0:00 C0\n10:00 C1\n20:00 C2\n30:00 C3"


def test_export_leaves_out_untimed_chapters_and_says_so():
    result = export_chapters(Episode.loads(SMALL), "site")
    assert result.text == "00:00:02 Welcome\n00:00:30 Middle\n00:01:01 Late"
    assert result.warnings == ("chapter 'After all' (row 10) has no timed line after it; left out",)
    with pytest.raises(ValueError, match="unknown chapter list format"):
        export_chapters(Episode.loads(SMALL), "srt")
