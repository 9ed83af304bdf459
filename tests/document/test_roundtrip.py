"""Golden round trips: untouched saves are byte-identical, single edits change only that entry's lines."""
import difflib
from pathlib import Path

import pytest

from editor.document import Entry, Episode, Replace
from editor.document.emit import emit_each, emit_entries
from document_helpers import GOOD_FIXTURES, parseable_corpus, read_text
from tests.conftest import corpus_files

CORPUS = parseable_corpus()
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed-episode.md"
ALL_GOOD = list(GOOD_FIXTURES) + list(CORPUS) + ([SEED] if SEED.exists() else [])
# Files with at least three entries to edit, insert between and remove (no-transcript.md has none on purpose).
EDITABLE = [path for path in ALL_GOOD if path.name != "no-transcript.md"]
# An unquoted `time: 0:xx`, which every re-emit quotes on purpose.
UNQUOTED_TIME_MARK = "time: 0:"


def lines(text: str) -> list[str]:
    """Lines split on \\n only (texts contain NEL, U+2028 and vertical tabs, which are not line breaks here)."""
    return text.split("\n")


def changed_old_lines(old: str, new: str) -> set[float]:
    """Old line indexes difflib reports as replaced or deleted, and insert points (as index - 0.5)."""
    changed = set()
    matcher = difflib.SequenceMatcher(None, lines(old), lines(new), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "insert":
            changed.add(i1 - 0.5)
        elif tag != "equal":
            changed.update(range(i1, i2))
    return changed


def within(changed: set[float], lines_range: range) -> bool:
    """True when every changed line or insert point lies inside (or at the edges of) the range."""
    return all(lines_range.start - 0.5 <= line <= lines_range.stop - 0.5 for line in changed)


def assert_only_lines_changed(old: str, new: str, lines_range: range) -> None:
    """Everything before and after the given old lines is byte-identical in the new text."""
    old_lines, new_lines = lines(old), lines(new)
    before, after = lines_range.start, len(old_lines) - lines_range.stop
    assert new_lines[:before] == old_lines[:before]
    assert new_lines[len(new_lines) - after:] == old_lines[lines_range.stop:]


def entry_line_range(episode: Episode, index: int) -> range:
    """0-based line indexes of the entry's text in the file as loaded."""
    start = episode.entry_line(index) - 1
    return range(start, start + episode._slots[index].source.count("\n"))


def test_corpus_is_present_or_skipped(corpus):
    assert corpus_files(), "corpus folder has no .md files"
    assert len(CORPUS) >= len(corpus_files()) - 2


@pytest.mark.parametrize("path", ALL_GOOD, ids=lambda p: p.name)
def test_untouched_dumps_and_save_are_byte_identical(path, tmp_path):
    episode = Episode.load(path)
    original = path.read_bytes()
    assert episode.dumps().encode("utf-8") == original
    target = tmp_path / path.name
    episode.save(target)
    assert target.read_bytes() == original


@pytest.mark.parametrize("path", EDITABLE, ids=lambda p: p.name)
def test_single_edits_change_only_that_entrys_lines(path):
    text = read_text(path)
    probe = Episode.load(path)
    count = len(probe.entries)
    assert count, "nothing to edit"
    indexes = sorted({0, count // 3, count // 2, count - 1})
    for index in indexes:
        for edit in ("text", "time", "speaker"):
            episode = Episode.load(path)
            entry = episode.entries[index]
            allowed = entry_line_range(episode, index)
            if edit == "text":
                episode.set_text(index, entry.text + " (corrected)")
            elif entry.is_header:
                continue
            elif edit == "time":
                episode.set_time(index, (entry.sec or 0) + 1.5)
            else:
                episode.set_speaker(index, (entry.who or "") + "X")
            new = episode.dumps()
            changed = changed_old_lines(text, new)
            assert changed and within(changed, allowed), (path.name, index, edit, sorted(changed))
            assert_only_lines_changed(text, new, allowed)


@pytest.mark.parametrize("path", EDITABLE, ids=lambda p: p.name)
def test_insert_and_remove_touch_only_their_lines(path):
    text = read_text(path)
    episode = Episode.load(path)
    assert len(episode.entries) >= 3
    middle = len(episode.entries) // 2
    removed = entry_line_range(episode, middle)
    episode.remove(middle)
    new_lines = lines(episode.dumps())
    assert new_lines == lines(text)[:removed.start] + lines(text)[removed.stop:]
    episode = Episode.load(path)
    episode.insert_line(middle, "A brand new line.", "Someone", 12.0)
    new = episode.dumps()
    matcher = difflib.SequenceMatcher(None, lines(text), lines(new), autojunk=False)
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in edits] == ["insert"]
    assert "".join(line + "\n" for line in lines(new)[edits[0][3]:edits[0][4]]) == (
        "- line: A brand new line.\n  sec: 12\n  time: '0:12'\n  who: Someone\n")


def test_reemitting_unchanged_entries_reproduces_the_corpus(corpus):
    total = same = 0
    for path in CORPUS:
        episode = Episode.load(path)
        for slot in episode._slots:
            if UNQUOTED_TIME_MARK in slot.source:
                continue
            total += 1
            same += emit_entries([slot.entry], episode._layout.indent, episode._layout.newline) == slot.source
    assert total > 1000
    assert same / total >= 0.999, f"{same}/{total}"


def test_crlf_file_round_trips_and_edits_keep_crlf(tmp_path):
    text = read_text(GOOD_FIXTURES[0].parent / "sorted-keys.md").replace("\n", "\r\n")
    episode = Episode.loads(text)
    assert episode.dumps() == text
    episode.set_text(2, "Thank you very much.")
    new = episode.dumps()
    assert "\n" not in new.replace("\r\n", "")
    assert "- line: Thank you very much.\r\n  sec: 9\r\n  time: '0:09'\r\n  who: Carol\r\n" in new
    target = tmp_path / "crlf.md"
    episode.save(target)
    assert Episode.load(target).entries[2].text == "Thank you very much."


def test_body_and_missing_final_newline_survive_edits(quirks):
    text = read_text(quirks)
    episode = Episode.load(quirks)
    episode.set_text(0, "Changed.")
    episode.save()
    saved = read_text(quirks)
    assert saved.endswith("---\nLinks:\n\n* [A link](https://example.org/)")
    body_start = text.index("quotableClips:")
    assert saved[saved.index("quotableClips:"):] == text[body_start:]


def test_comment_and_blank_line_between_entries_are_kept_when_neighbours_change(quirks):
    episode = Episode.load(quirks)
    episode.set_text(3, "Thanks.")
    episode.set_text(4, "Replaced.")
    assert "  who: Bob\n# a comment between two entries\n\n- line: Replaced.\n" in episode.dumps()


def test_plain_yaml_file_edits(tmp_path):
    target = tmp_path / "t.yaml"
    target.write_bytes((GOOD_FIXTURES[0].parent / "plain.yaml").read_bytes())
    episode = Episode.load(target)
    episode.insert_header(3, "End")
    episode.save()
    assert read_text(target).endswith("  who: Eli\n- header: End\n")


def test_file_without_transcript_gets_one(tmp_path):
    target = tmp_path / "n.md"
    target.write_bytes((GOOD_FIXTURES[0].parent / "no-transcript.md").read_bytes())
    episode = Episode.load(target)
    assert list(episode.entries) == []
    episode.insert_line(0, "First words.", "Host", 1)
    episode.save()
    assert read_text(target) == ("---\ntitle: No transcript yet\nseason: 1\ntranscript:\n- line: First words.\n"
                                 "  sec: 1\n  time: '0:01'\n  who: Host\n---\nBody text.\n")
    episode.remove(0)
    episode.save()
    assert len(Episode.load(target).entries) == 0
    assert read_text(target) == read_text(GOOD_FIXTURES[0].parent / "no-transcript.md")   # no key, as loaded


def test_plain_yaml_without_final_newline_gets_entries_appended(tmp_path):
    for text, expected in [
            ("title: x\ntranscript: []", "title: x\ntranscript:\n- line: Hi.\n"),
            ("title: x", "title: x\ntranscript:\n- line: Hi.\n")]:
        target = tmp_path / "t.yml"
        target.write_text(text, encoding="utf-8")
        episode = Episode.load(target)
        episode.insert_line(0, "Hi.")
        episode.save()
        assert read_text(target) == expected


def test_emptied_transcript_refilled_after_save_restores_original_bytes(tmp_path):
    target = tmp_path / "e.md"
    target.write_bytes((GOOD_FIXTURES[0].parent / "escapes.md").read_bytes())
    original = read_text(target)
    episode = Episode.load(target)
    undo = episode.remove(0, len(episode.entries))
    episode.save()
    assert "transcript: []\n" in read_text(target)
    episode.apply(undo)
    episode.save()
    assert read_text(target) == original


def test_block_scalars_keep_their_own_lines():
    text = ("---\ntitle: x\ntranscript:\n- line: |\n    literal\n    text\n\n- header: H\n- header: >-\n"
            "    folded\n    block\n---\n")
    episode = Episode.loads(text)
    assert episode.dumps() == text
    episode.set_text(1, "H2")
    assert episode.dumps() == text.replace("- header: H\n", "- header: H2\n")
    assert episode.entries[0].text == "literal\ntext\n" and episode.entries[2].text == "folded block"


def test_byte_order_mark_is_kept(tmp_path):
    text = "\ufeff" + read_text(GOOD_FIXTURES[0].parent / "sorted-keys.md")
    target = tmp_path / "bom.md"
    target.write_bytes(text.encode("utf-8"))
    episode = Episode.load(target)
    episode.set_text(2, "Thanks.")
    episode.save()
    saved = read_text(target)
    assert saved.startswith("\ufeff---\n") and saved == text.replace(
        "- line: Thank you.\n  sec: 9\n  time: 0:09\n", "- line: Thanks.\n  sec: 9\n  time: '0:09'\n")


@pytest.mark.parametrize("path", ALL_GOOD, ids=lambda p: p.name)
def test_every_entry_edited_alone_changes_only_its_lines(path):
    text = read_text(path)
    episode = Episode.load(path)
    for index in range(len(episode.entries)):
        lines_range = entry_line_range(episode, index)
        undo = episode.set_text(index, episode.entries[index].text + " (corrected)")
        assert_only_lines_changed(text, episode.dumps(), lines_range)
        episode.apply(undo)
    assert episode.dumps() == text


@pytest.mark.parametrize("path", ALL_GOOD, ids=lambda p: p.name)
def test_every_entry_rewritten_in_house_style_saves_and_reads_back(path, tmp_path):
    episode = Episode.load(path)
    for index, entry in enumerate(episode.entries):
        episode.apply(Replace(index, entry))         # an explicit edit re-emits even an equal entry
    target = tmp_path / path.name
    episode.save(target)
    assert list(Episode.load(target).entries) == list(Episode.load(path).entries)
    assert "time: 0:" not in read_text(target).split("\n---\n")[0].replace("time: '0:", "")


@pytest.mark.parametrize("text, index, expected", [
    ("---\ntranscript:\n  - line: a\n    who: X\n  - line: b\n---\n", 1,
     "---\ntranscript:\n  - line: a\n    who: X\n  - line: b, edited\n---\n"),
    ("---\ntranscript: [{line: a}, {line: b}]\nz: 1\n---\n", 0,
     "---\ntranscript:\n- line: a, edited\n- line: b\nz: 1\n---\n"),
    ("---\ntranscript:\n- {line: a, who: X}\n- {line: b}\n---\n", 0,
     "---\ntranscript:\n- line: a, edited\n  who: X\n- {line: b}\n---\n"),
])
def test_other_sequence_styles_are_edited_safely(text, index, expected, tmp_path):
    episode = Episode.loads(text)
    assert episode.dumps() == text
    episode.set_text(index, episode.entries[index].text + ", edited")
    assert episode.dumps() == expected
    episode.save(tmp_path / "styles.md")
    assert list(Episode.load(tmp_path / "styles.md").entries) == list(episode.entries)


def test_emitting_entries_together_equals_emitting_each_alone(corpus):
    entries = [entry for path in CORPUS[:12] for entry in Episode.load(path).entries]
    entries += [Entry.line("12:30", "1:04", 5, "0:05"), Entry.line("a\u2028b"), Entry.header("null"),
                Entry("line", "x", extra=(("tags", ["a", {"b": 1}]), ("flag", True)))]
    assert emit_each(entries, 2, "\r\n") == [emit_entries([entry], 2, "\r\n") for entry in entries]
