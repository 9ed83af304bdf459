"""Find as you type on a real corpus episode: each keystroke that extends the text reads only the rows the
previous search left, and edits between or during keystrokes (rows changed, rows inserted) never lose a match."""
import shutil

import pytest

from editor.document import Episode, ParseError
from editor.document.search import MatchScan, SearchOptions, find_matches
from editor.ui.find import bar as bar_module
from editor.ui.table.commands import DocumentCommand
from test_find_replace import focus_table, press, settle
from tests.conftest import corpus_files


@pytest.fixture
def corpus_episode(tmp_path):
    """A copy of the largest parseable corpus episode (skips when the corpus is absent)."""
    files = sorted(corpus_files(), key=lambda path: path.stat().st_size, reverse=True)
    for path in files:
        try:
            Episode.load(path)
        except ParseError:
            continue
        target = tmp_path / "episode" / path.name
        target.parent.mkdir()
        shutil.copy(path, target)
        return target
    pytest.skip("episode corpus not found")


def open_find(qtbot, window, path):
    assert window.open_file(path)
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+F")
    return window.find_bar


def assert_found(window, text: str, **options) -> None:
    """The bar says "k of n" for every match a fresh search finds, and the row shown holds the k-th."""
    matches = find_matches(window.episode.entries, SearchOptions(text, **options))
    status = window.find_bar.status.text()
    if not matches:
        assert status == "Not found"
        return
    number, count = (int(part) for part in status.split(" of "))
    assert count == len(matches) and matches[number - 1].row == window.current_row()


def edit(window, row: int, text: str) -> None:
    episode = window.episode
    window.undo_stack.push(DocumentCommand(episode, "Edit", episode.set_text(row, text)))


def test_each_key_reads_only_the_rows_the_shorter_text_left(qtbot, window, corpus_episode):
    bar = open_find(qtbot, window, corpus_episode)
    rows = window.model.rowCount()
    sizes = []
    for char in "the":
        qtbot.keyClicks(bar.find_field, char)
        settle(qtbot, bar)
        typed = bar.find_field.text()
        assert_found(window, typed)
        sizes.append(bar.scan.size)
    holding = [{r for r, e in enumerate(window.episode.entries) if text in e.text.lower()} for text in ("t", "th")]
    assert sizes == [rows, len(holding[0]), len(holding[1])] and sizes[2] < sizes[1] < rows
    bar.match_case.setChecked(True)                          # stricter about case: still only those rows
    settle(qtbot, bar)
    assert bar.scan.size == len({r for r, e in enumerate(window.episode.entries) if "the" in e.text.lower()})
    assert_found(window, "the", match_case=True)


def test_a_row_edited_between_keys_to_hold_the_longer_text_is_found(qtbot, window, corpus_episode):
    bar = open_find(qtbot, window, corpus_episode)
    qtbot.keyClicks(bar.find_field, "zq")
    settle(qtbot, bar)
    assert bar.status.text() == "Not found" and bar.scan.literal_rows == []
    last = window.model.rowCount() - 1
    edit(window, last, window.episode.entries[last].text + " ZQX marks the spot")
    qtbot.keyClicks(bar.find_field, "x")
    settle(qtbot, bar)
    assert bar.status.text() == "1 of 1" and window.current_row() == last


def test_edits_while_counting_are_counted(qtbot, window, corpus_episode, monkeypatch):
    monkeypatch.setattr(bar_module, "SLICE_S", 0.0)              # one batch of rows per event-loop turn
    bar = open_find(qtbot, window, corpus_episode)
    bar.find_field.setText("and")
    qtbot.waitUntil(lambda: bar.status.text() == "Counting…", timeout=3000)     # the first match is shown
    assert not bar.scan.done
    read, last = window.current_row(), window.model.rowCount() - 1   # a row already read, one still to read
    assert read < last - 2 * MatchScan.BATCH
    edit(window, read, "and andante and")
    edit(window, last, "and ANDANTE")
    settle(qtbot, bar)
    assert_found(window, "and")
    qtbot.keyClicks(bar.find_field, "a")                         # a longer text, only in rows "and" left
    settle(qtbot, bar)
    assert_found(window, "anda")
    assert {read, last} <= set(bar.scan.counts)


def test_rows_inserted_while_counting_start_the_count_again(qtbot, window, corpus_episode, monkeypatch):
    monkeypatch.setattr(bar_module, "SLICE_S", 0.0)
    bar = open_find(qtbot, window, corpus_episode)
    bar.find_field.setText("the")
    qtbot.waitUntil(lambda: bar.scan is not None and bar.scan.options.text == "the", timeout=3000)
    assert not bar.scan.done
    episode = window.episode
    window.undo_stack.push(DocumentCommand(episode, "Insert", episode.insert_line(0, "the first, then the rest")))
    assert bar.searching()
    settle(qtbot, bar)
    assert_found(window, "the")
    assert bar.scan.size == window.model.rowCount()              # read again, every row by its new number
    assert "the" in window.episode.entries[window.current_row()].text.lower()   # the match shown is one
