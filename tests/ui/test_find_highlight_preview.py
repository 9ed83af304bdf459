"""Find on the real window: the match painted inside its cell, Replace All through its preview (checkboxes, one
undo step, undo restoring the bytes), its key, and searching as you type (debounced, narrowed, in slices)."""
import re

import yaml
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication

from support import SAMPLE, open_sample
from editor.document import Episode
from editor.document.search import MatchScan
from editor.ui.find import bar as bar_module
from editor.ui.find.preview import AFTER, BEFORE, ROW, PARTS_ROLE
from editor.ui.table.delegates import MARGIN, VPAD
from editor.ui.table.model import TEXT
from test_find_replace import focus_table, press, search, settle


def white_runs(image, y: int, left: int, right: int, colour) -> list[tuple[int, int]]:
    """(first x, length) of each run of pixels of exactly `colour` on row `y` between `left` and `right`."""
    runs, start = [], None
    for x in range(left, right):
        inside = image.pixelColor(x, y) == colour
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            runs.append((start, x - start))
            start = None
    if start is not None:
        runs.append((start, right - start))
    return runs


def test_the_match_is_painted_inside_its_cell_in_the_highlight_colours(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    row, entry = next((r, e) for r, e in enumerate(window.episode.entries) if "bees" in e.text)
    start = entry.text.index("bees")
    table = window.table
    bar = search(qtbot, window, "bees")
    rect = table.visualRect(window.model.index(row, TEXT))
    palette = table.palette()
    chip = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)   # swapped: row selected
    metrics = QFontMetrics(table.font())
    y = rect.top() + VPAD                         # the top of the first line: above the glyphs, inside the match box
    left, right = rect.left() + MARGIN, rect.right()
    assert window.current_row() == row
    assert table.itemDelegate().find_match == (row, TEXT, start, start + 4)
    image = table.viewport().grab().toImage()
    runs = [run for run in white_runs(image, y, left, right, chip) if run[1] > 3]
    assert len(runs) == 1, runs
    x, width = runs[0]
    assert abs(x - (left + metrics.horizontalAdvance(entry.text[:start]))) <= 2
    assert abs(width - metrics.horizontalAdvance("bees")) <= 3

    bar.close_bar()
    assert table.itemDelegate().find_match is None
    image = table.viewport().grab().toImage()
    assert [run for run in white_runs(image, y, left, right, chip) if run[1] > 3] == []


def test_replace_all_previews_each_change_and_applies_only_the_checked_ones_as_one_undo_step(qtbot, window,
                                                                                              episode_path):
    open_sample(qtbot, window, episode_path)
    original = episode_path.read_bytes()
    rows = [r for r, e in enumerate(window.episode.entries) if re.search("honey", e.text, re.IGNORECASE)]
    assert len(rows) >= 3
    bar = search(qtbot, window, "honey", replace=True)
    bar.replace_field.setFocus()
    qtbot.keyClicks(bar.replace_field, "nectar")
    press(qtbot, bar.replace_field, "Ctrl+Alt+Return")              # Replace All's key
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=3000)
    preview = bar.preview
    model = preview.model
    assert [model.index(i, ROW).data() for i in range(model.rowCount())] == [str(r + 1) for r in rows]
    for i, row in enumerate(rows):
        before = model.index(i, BEFORE).data(PARTS_ROLE)
        after = model.index(i, AFTER).data(PARTS_ROLE)
        assert {piece.lower() for piece, replaced in before if replaced} == {"honey"}
        assert {piece for piece, replaced in after if replaced} == {"nectar"}
        assert "".join(piece for piece, _ in before).strip("…") in window.episode.entries[row].text
    assert preview.replace_button.text() == f"Replace {len(rows)}"
    qtbot.keyClick(preview.view, Qt.Key.Key_Down)                  # from the first change to the second
    qtbot.keyClick(preview.view, " ")                              # Space unchecks the selected change
    assert preview.replace_button.text() == f"Replace {len(rows) - 1}"
    kept = window.episode.entries[rows[1]].text
    preview.replace_button.click()
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Replace all"
    assert window.episode.entries[rows[1]].text == kept
    for row in rows[:1] + rows[2:]:
        text = window.episode.entries[row].text
        assert "nectar" in text and "honey" not in text.lower()
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+Z")
    assert window.episode.dumps().encode("utf-8") == original      # byte for byte
    assert window.save() and episode_path.read_bytes() == original


def test_a_cancelled_preview_changes_nothing(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    original = window.episode.dumps()
    bar = search(qtbot, window, "bees", replace=True)
    bar.replace_field.setText("wasps")
    bar.replace_all_button.click()
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=3000)
    bar.preview.reject()
    qtbot.waitUntil(lambda: bar.preview is None, timeout=3000)
    assert window.undo_stack.count() == 0 and window.episode.dumps() == original


def test_find_waits_for_a_pause_in_typing_and_a_longer_text_reads_only_the_rows_of_the_shorter(qtbot, window,
                                                                                              episode_path):
    open_sample(qtbot, window, episode_path)
    bar = search(qtbot, window, "bee")
    rows = window.model.rowCount()
    assert bar.scan.size == rows
    qtbot.keyClicks(bar.find_field, "s")
    assert bar.searching() and bar.scan.options.text == "bee"       # not yet: typing may go on
    settle(qtbot, bar)
    holding = {r for r, e in enumerate(window.episode.entries) if "bee" in e.text.lower()}
    assert bar.scan.options.text == "bees" and bar.scan.size == len(holding) < rows
    expected = [r for r in sorted(holding) if "bees" in window.episode.entries[r].text.lower()]
    assert bar.status.text() == f"1 of {len(expected)}" and window.current_row() == expected[0]


def test_a_long_search_leaves_the_event_loop_running_between_slices(qtbot, window, tmp_path, monkeypatch):
    sample = Episode.load(SAMPLE / "sample-episode.md")
    items = [{"line": f"Line {n}: {e.text}", "who": e.who or "Maya"} for n in range(250)
             for e in sample.entries if not e.is_header]
    path = tmp_path / "long.md"
    path.write_text("---\n" + yaml.safe_dump({"transcript": items}, allow_unicode=True, sort_keys=False) + "---\n",
                    encoding="utf-8")
    assert window.open_file(path)
    monkeypatch.setattr(bar_module, "SLICE_S", 0.0)                # one batch of rows per event-loop turn
    ticks = []
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: ticks.append(window.find_bar.searching()))
    bar = window.find_bar
    bar.open_find()
    ticker.start()
    bar.find_field.setText("lavender")
    settle(qtbot, bar)
    ticker.stop()
    assert ticks.count(True) >= len(items) // MatchScan.BATCH      # the loop ran while the rows were counted
    expected = sum(1 for item in items if "lavender" in item["line"].lower())
    assert bar.status.text() == f"1 of {expected}"
    assert QApplication.focusWidget() is bar.find_field


def test_replace_all_key_works_from_the_table_and_opens_the_replace_bar_first(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    bar = window.find_bar
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+Alt+Return")                  # no search yet: the replace bar opens
    assert bar.replace_visible() and bar.preview is None
    bar.find_field.setText("bees")
    bar.replace_field.setText("wasps")
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+Alt+Return")
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=3000)
    bar.preview.reject()
