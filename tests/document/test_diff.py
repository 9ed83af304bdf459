"""Diffs: the unified diff shown to people and the changes that turn one episode into another."""
from editor.document import Episode
from editor.document.diff import changes_between, unified_diff
from document_helpers import FIXTURES, read_text


def test_changes_between_turn_one_episode_into_the_other():
    text = read_text(FIXTURES / "quirks.md")
    current = Episode.loads(text)
    target = Episode.loads(text)
    target.set_text(2, "Renamed chapter")
    target.remove(5, 3)
    target.insert_line(0, "New first line.", "Ann", 0)
    target.set_meta("title", "Another title")
    changes, lost = changes_between(current, target)
    for change in changes:
        current.apply(change)
    assert list(current.entries) == list(target.entries) and lost == []
    assert current.get_meta("title") == "Another title"


def test_keys_that_cannot_be_carried_over_are_named():
    current = Episode.loads("---\nguests: [a]\nseason: 1\ntranscript: []\n---\n")
    target = Episode.loads("---\nguests: [b]\ntranscript: []\n---\n")
    changes, lost = changes_between(current, target)
    assert lost == ["guests", "season"] and changes == []


def test_unified_diff_splits_on_newlines_only():
    diff = unified_diff("a\u2028b\nc\n", "a\u2028b\nd\n", "old", "new")
    assert diff == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\u2028b\n-c\n+d\n \n"
