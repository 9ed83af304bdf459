"""Defects found by fuzzing the document layer: each test failed before its fix."""
import pytest
import yaml

from editor.document import Episode, ParseError
from editor.document import timecode


def episode_with(entry_lines: str, head: str = "", path=None) -> Episode:
    """An episode whose transcript is `entry_lines` (YAML items), with `head` keys before it."""
    return Episode.loads(f"---\n{head}transcript:\n{entry_lines}---\n", path=path)


def codes(episode: Episode) -> list[tuple[int, str]]:
    return [(p.index, p.code) for p in episode.check()]


# -- wrong-typed fields --------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["who: null", "who: 5", "sec: '5'", "sec: 5.5", "time: 64", "sec: true"])
def test_an_edit_replaces_a_wrong_typed_field_and_the_file_saves(field, tmp_path):
    path = tmp_path / "e.md"
    path.write_text(f"---\ntranscript:\n- line: Hello.\n  {field}\n- line: Other.\n  who: Bob\n---\n")
    episode = Episode.load(path)
    episode.set_speaker(0, "Ann")
    episode.set_time(0, 5)
    episode.set_text(1, "Other work.")
    episode.save()
    saved = yaml.safe_load(path.read_text().split("---\n")[1])["transcript"]
    assert saved == [{"line": "Hello.", "sec": 5, "time": "0:05", "who": "Ann"}, {"line": "Other work.", "who": "Bob"}]
    assert Episode.load(path).entries[0].extra == ()


def test_clearing_a_wrong_typed_field_removes_it():
    episode = episode_with("- line: Hello.\n  sec: '5'\n  who: 5\n")
    episode.set_time(0, None)
    episode.set_speaker(0, None)
    assert "sec" not in episode.dumps() and "who" not in episode.dumps()


def test_wrong_typed_fields_are_reported():
    episode = episode_with("- line: A.\n  who: 5\n- line: B.\n  who: Bob\n  sec: 5.5\n- line: C.\n  who: Bob\n"
                           "  time: 64\n")
    problems = [p for p in episode.check() if p.code == "field-type"]
    assert [p.index for p in problems] == [0, 1, 2]
    assert "who" in problems[0].message and "sec" in problems[1].message and "time" in problems[2].message


# -- hostile YAML ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("head", ["[a, b]: 1\n", "? [a]\n", "{a: 1}: 2\n"])
def test_a_collection_as_a_top_level_key_is_a_parse_error(head):
    with pytest.raises(ParseError) as info:
        episode_with("- line: x\n", head)
    assert info.value.line == 2


def test_a_recursive_alias_is_refused_at_load():
    with pytest.raises(ParseError) as info:
        episode_with("- line: x\n", "a: &r [*r]\n")
    assert info.value.line == 2 and "recursive" in info.value.message


def test_an_alias_bomb_is_refused_at_load():
    lines = ["a0: &a0 [x, y, z, x, y, z, x, y, z]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(ParseError) as info:
        episode_with("- line: x\n", "\n".join(lines) + "\n")
    assert "alias" in info.value.message


def test_a_few_aliases_still_load_and_save(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nbase: &b [x, y]\ncopy: *b\ntranscript:\n- line: x\n---\n")
    episode = Episode.load(path)
    episode.set_text(0, "y")
    episode.save()
    assert Episode.load(path).get_meta("copy") == ["x", "y"]


# -- error positions -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x7f"])
def test_a_control_character_is_reported_where_it_is(char):
    keys = "".join(f"k{i}: v\n" for i in range(20))
    with pytest.raises(ParseError) as info:
        Episode.loads(f"---\ntitle: x\n{keys}bad: a{char}b\n---\n")
    assert (info.value.line, info.value.column) == (23, 7)


def test_an_unclosed_string_is_reported_where_it_opens():
    with pytest.raises(ParseError) as info:
        episode_with("- line: a\n  who: b\n- line: c\n  who: d\n", 'title: "Broken\n')
    assert (info.value.line, info.value.column) == (2, 8)


def test_a_truncated_front_matter_is_reported_at_its_end():
    with pytest.raises(ParseError) as info:
        Episode.loads("---\ntitle: x\ntranscript:\n- line: a\n  who: b")
    assert (info.value.line, info.value.column) == (5, 9)
    assert "not closed" in info.value.message


# -- undo after save ---------------------------------------------------------------------------------------------

def test_undo_after_saving_a_new_transcript_key_restores_the_text(tmp_path):
    path = tmp_path / "e.md"
    original = "---\ntitle: x\n---\nbody\n"
    path.write_text(original)
    episode = Episode.load(path)
    undo = episode.insert_line(0, "Hi.", "Ann")
    episode.save()
    episode.apply(undo)
    assert episode.dumps() == original
    episode.save()
    assert path.read_text() == original


def test_an_empty_transcript_key_loaded_from_the_file_stays():
    episode = Episode.loads("---\ntitle: x\ntranscript: []\n---\n")
    episode.apply(episode.insert_line(0, "Hi."))
    assert episode.dumps() == "---\ntitle: x\ntranscript: []\n---\n"


# -- text that cannot be written -----------------------------------------------------------------------------------

@pytest.mark.parametrize("operation", [
    lambda ep: ep.set_text(0, "a\ud800"),
    lambda ep: ep.set_speaker(0, "\udfff"),
    lambda ep: ep.insert_line(0, "x\ud800"),
    lambda ep: ep.set_meta("title", "t\ud800"),
])
def test_a_lone_surrogate_is_refused_at_the_operation(operation):
    episode = episode_with("- line: a\n", "title: t\n")
    before = episode.dumps()
    with pytest.raises(ValueError, match="surrogate"):
        operation(episode)
    assert episode.dumps() == before


# -- checks ----------------------------------------------------------------------------------------------------

def test_every_spoken_line_without_a_speaker_is_reported_with_its_row():
    episode = episode_with("- line: A.\n  who: Ann\n- line: B.\n- header: H\n- line: C.\n  sec: 5\n  time: '0:05'\n")
    missing = [p for p in episode.check() if p.code == "missing-speaker"]
    assert [(p.index, p.row) for p in missing] == [(1, 2), (3, 4)]


def test_time_unquoted_message_says_readers_disagree():
    episode = episode_with("- line: A.\n  sec: 64\n  time: 1:04\n  who: Ann\n")
    [problem] = [p for p in episode.check() if p.code == "time-unquoted"]
    assert "3840" not in problem.message and "64 " not in problem.message
    assert "disagree" in problem.message and "'1:04'" in problem.message


def test_setting_the_same_time_quotes_an_unquoted_time():
    episode = episode_with("- line: A.\n  sec: 64\n  time: 1:04\n  who: Ann\n- line: B.\n  sec: 70\n"
                           "  time: '1:10'\n  who: Ann\n")
    assert [episode.time_unquoted(i) for i in range(2)] == [True, False]
    episode.set_time(0, 64)
    assert "time: '1:04'" in episode.dumps() and not episode.time_unquoted(0)
    assert "time-unquoted" not in {p.code for p in episode.check()}


@pytest.mark.parametrize("typed", ["'0:56'", '"0:56"', " 0:56 ", "0:56"])
def test_a_quoted_typed_time_is_accepted(typed):
    assert timecode.typed_error(typed) is None and timecode.typed_time(typed) == 56


@pytest.mark.parametrize("typed", ["'0:56", "0:56'", "'0:99'", "'5'"])
def test_half_quoted_or_bad_typed_times_are_refused(typed):
    assert timecode.typed_error(typed) and timecode.typed_time(typed) is None


def test_sec_without_time_and_time_without_sec_are_reported():
    episode = episode_with("- line: A.\n  sec: 5\n  who: Ann\n- line: B.\n  time: '0:06'\n  who: Ann\n"
                           "- line: C.\n  who: Ann\n")
    assert [c for c in codes(episode) if c[1] == "time-missing"] == [(0, "time-missing"), (1, "time-missing")]


def test_a_line_that_is_only_a_speaker_name_is_reported():
    episode = episode_with("- line: Hi.\n  who: Jakob\n- line: Jakob\n  who: Anna\n- line: Jakob is here.\n"
                           "  who: Anna\n", "guests:\n- Mira\n")
    episode.insert_line(3, " Mira ", "Anna")
    assert [c for c in codes(episode) if c[1] == "speaker-as-text"] == [(1, "speaker-as-text"), (3, "speaker-as-text")]


@pytest.mark.parametrize("value", ["Yes", "off", "~", "null", "1_000", "0x1F", "1e3", ".5", "NO"])
def test_a_value_yaml_11_reads_as_non_text_is_reported(value):
    episode = episode_with(f"- line: {value}\n  who: Ann\n- header: {value}\n- line: 'Yes'\n  who: Ann\n"
                           "- line: Yes indeed.\n  who: Ann\n")
    assert [c for c in codes(episode) if c[1] == "non-text"] == [(0, "non-text"), (1, "non-text")]


def test_problem_messages_name_rows_as_the_table_shows_them():
    episode = episode_with("- line: A.\n  sec: 50\n  time: '0:50'\n  who: Ann\n- header: H\n- header: I\n"
                           "- line: B.\n  sec: 40\n  time: '0:40'\n  who: Ann\n")
    problems = {p.code: p for p in episode.check()}
    assert "row 1" in problems["time-order"].message
    assert "row 3" in problems["empty-chapter"].message
    assert problems["time-order"].row == 4 and problems["time-order"].line == 9
