"""Episode.set_value: a whole top-level value (lists, mappings) replaced in house style, exactly undone."""
import copy
import difflib

import pytest
import yaml

from editor.document import Episode, SetValue
from document_helpers import GOOD_FIXTURES, read_text
from test_clips import EPISODE


def changed_lines(old: str, new: str) -> list:
    """The removed and added lines between two texts."""
    return [line for line in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_set_value_replaces_a_list_in_house_style_and_undoes_exactly(tmp_path):
    path = tmp_path / "e.md"
    path.write_text(EPISODE, encoding="utf-8")
    episode = Episode.load(path)
    clips = copy.deepcopy(episode.get_meta("quotableClips"))
    clips[1]["name"] = "Main: renamed"
    undo = episode.set_value("quotableClips", clips)
    assert isinstance(undo, SetValue)
    clips[0]["name"] = "not stored by reference"
    assert changed_lines(EPISODE, episode.dumps()) == ["-- name: 'Main: part'", "+- name: 'Main: renamed'"]
    episode.save()
    reread = yaml.safe_load(read_text(path).split("---")[1])
    assert reread["quotableClips"][1]["name"] == "Main: renamed"
    assert reread["quotableClips"][0]["name"] == "Intro"
    redo = episode.apply(undo)
    assert episode.dumps() == EPISODE
    episode.apply(redo)
    assert episode.get_meta("quotableClips")[1]["name"] == "Main: renamed"


def test_set_value_adds_and_removes_a_key():
    episode = Episode.loads(EPISODE)
    undo = episode.set_value("chapters", [{"at": 0, "title": "x"}])
    assert "chapters:\n- at: 0\n  title: x\n" in episode.dumps()
    episode.apply(undo)
    assert episode.dumps() == EPISODE and "chapters" not in episode.meta_keys()


def test_set_value_refuses_the_transcript_and_non_yaml_values():
    episode = Episode.loads(EPISODE)
    with pytest.raises(ValueError, match="cannot be replaced"):
        episode.set_value("transcript", [])
    with pytest.raises(ValueError, match="strings, numbers, lists and mappings"):
        episode.set_value("quotableClips", [object()])
    assert episode.dumps() == EPISODE


@pytest.mark.parametrize("path", GOOD_FIXTURES, ids=lambda p: p.name)
def test_set_value_saves_and_reads_back_in_every_fixture(tmp_path, path):
    episode = Episode.load(path)
    original = episode.dumps()
    value = [{"name": "A: one", "startOffset": 0}, {"name": "1:04", "startOffset": 64}]
    undo = episode.set_value("quotableClips", value)
    target = tmp_path / path.name
    episode.save(target)
    assert Episode.load(target).get_meta("quotableClips") == value
    episode.apply(undo)                     # after the save: back to the text the file had before
    assert episode.dumps() == original
