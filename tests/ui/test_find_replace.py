"""Find and replace bar on the real window: keys, wrapping, match case, scope, replace one, and Replace All through
its preview as one undo step, saving."""
import difflib
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from support import open_sample
from editor.document import Episode
from editor.ui.actions import SPECS, ActionId
from editor.ui.table.model import WHO

PLAYBACK_KEYED = [i for i, spec in SPECS.items() if spec.menu == "Playback" and isinstance(spec.keys[0], str)]


def press(qtbot, widget, sequence):
    """Press a key sequence (text like "Ctrl+G", or a standard key) on `widget` as a user would."""
    if isinstance(sequence, QKeySequence.StandardKey):
        sequence = QKeySequence.keyBindings(sequence)[0]
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def focus_table(qtbot, window):
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table, timeout=3000)


def search(qtbot, window, needle, replace=False):
    """Open the bar with its key from the table and type `needle` into the find field."""
    focus_table(qtbot, window)
    press(qtbot, window.table, QKeySequence.StandardKey.Replace if replace else QKeySequence.StandardKey.Find)
    bar = window.find_bar
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.find_field, timeout=3000)
    qtbot.keyClicks(bar.find_field, needle)
    settle(qtbot, bar)
    return bar


def settle(qtbot, bar):
    """Wait until the search typed or chosen has run (typing pauses first, then matches are counted)."""
    qtbot.waitUntil(lambda: not bar.searching(), timeout=5000)


def choose_scope(qtbot, bar, scope):
    bar.scope.setCurrentIndex(bar.scope.findData(scope))
    settle(qtbot, bar)


def replace_all_checked(qtbot, bar):
    """Replace All, then accept its preview with every change checked; returns the preview's changes."""
    bar.replace_all_button.click()
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=3000)
    changes = bar.preview.model.changes
    bar.preview.replace_button.click()
    return changes


def rows_containing(episode, needle, match_case=False, speakers=False):
    """The rows whose text (or speaker) contains `needle`, computed independently of the bar."""
    flags = 0 if match_case else re.IGNORECASE
    return [row for row, entry in enumerate(episode.entries)
            if re.search(re.escape(needle), entry.text, flags)
            or (speakers and entry.who and re.search(re.escape(needle), entry.who, flags))]


def test_keys_open_find_then_replace_and_escape_returns_to_the_table(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    bar = window.find_bar
    assert not bar.isVisible()
    focus_table(qtbot, window)
    press(qtbot, window.table, QKeySequence.StandardKey.Find)
    assert bar.isVisible() and not bar.replace_visible()
    assert QApplication.focusWidget() is bar.find_field
    press(qtbot, bar.find_field, QKeySequence.StandardKey.Replace)
    assert bar.isVisible() and bar.replace_visible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is window.table


def test_find_keys_clash_with_no_other_shortcut(window):
    keys = [seq.toString() for seq in window.actions.key_sequences()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert window.actions[ActionId.FIND_NEXT].shortcut().toString() == "Ctrl+G"
    assert window.actions[ActionId.FIND_PREVIOUS].shortcut().toString() == "Ctrl+Shift+G"
    edit_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&Edit")
    for action_id in (ActionId.FIND, ActionId.FIND_NEXT, ActionId.FIND_PREVIOUS, ActionId.REPLACE):
        assert window.actions[action_id] in edit_menu.actions()


def test_enter_finds_next_with_wrap_and_shift_enter_previous(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    expected = rows_containing(window.episode, "rooftop")
    assert len(expected) >= 3
    bar = search(qtbot, window, "rooftop")
    assert window.current_row() == expected[0]          # found while typing
    assert bar.status.text() == f"1 of {len(expected)}"
    for n, row in enumerate(expected[1:], start=2):
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
        assert window.current_row() == row and bar.status.text() == f"{n} of {len(expected)}"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert window.current_row() == expected[0]
    assert bar.status.text() == f"1 of {len(expected)} (wrapped to the top)"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_row() == expected[-1]
    assert bar.status.text() == f"{len(expected)} of {len(expected)} (wrapped to the bottom)"
    assert QApplication.focusWidget() is bar.find_field


def test_find_next_and_previous_keys_work_from_the_table(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    expected = rows_containing(window.episode, "honey")
    bar = search(qtbot, window, "honey")
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+G")
    assert window.current_row() == expected[1]
    press(qtbot, window.table, "Ctrl+Shift+G")
    assert window.current_row() == expected[0]
    assert bar.isVisible()


def test_find_next_with_nothing_to_find_opens_the_bar(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    focus_table(qtbot, window)
    press(qtbot, window.table, "Ctrl+G")
    assert window.find_bar.isVisible() and QApplication.focusWidget() is window.find_bar.find_field


def test_find_next_after_closing_shows_the_bar_again_and_keeps_focus(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    expected = rows_containing(window.episode, "honey")
    bar = search(qtbot, window, "honey")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.current_row() == expected[0]
    press(qtbot, window.table, "Ctrl+G")
    assert bar.isVisible() and bar.status.text() == f"2 of {len(expected)}"
    assert window.current_row() == expected[1] and QApplication.focusWidget() is window.table


def test_find_starts_with_the_text_selected_in_a_cell_editor(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    row = rows_containing(window.episode, "lavender")[0]
    window.table.edit_row(row)
    qtbot.waitUntil(lambda: window.table.text_editor() is not None, timeout=3000)
    editor = window.table.text_editor()
    cursor = editor.textCursor()
    start = editor.text().index("lavender")
    cursor.setPosition(start)
    cursor.setPosition(start + len("lavender"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    press(qtbot, editor, QKeySequence.StandardKey.Find)
    bar = window.find_bar
    assert bar.find_field.text() == "lavender" and QApplication.focusWidget() is bar.find_field
    settle(qtbot, bar)
    assert window.current_row() == row and bar.status.text() == "1 of 1"
    assert window.undo_stack.count() == 0


def test_search_is_case_insensitive_unless_match_case(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    bar = search(qtbot, window, "rooftop")
    insensitive = rows_containing(window.episode, "rooftop")
    sensitive = rows_containing(window.episode, "rooftop", match_case=True)
    assert len(sensitive) < len(insensitive)
    assert {m.row for m in bar.matches()} == set(insensitive)
    bar.match_case.click()
    settle(qtbot, bar)
    assert {m.row for m in bar.matches()} == set(sensitive)
    assert window.current_row() == sensitive[0]


def test_headers_are_searched_and_speakers_on_request(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    header = next(row for row, entry in enumerate(window.episode.entries) if entry.text == "Honey and weather")
    bar = search(qtbot, window, "weather")
    assert window.current_row() == header and window.model.is_header(header)
    bar.find_field.selectAll()
    qtbot.keyClicks(bar.find_field, "Maya")
    settle(qtbot, bar)
    assert bar.status.text() == "Not found"            # the name is only ever a speaker in the sample
    choose_scope(qtbot, bar, "all")
    maya = [row for row, entry in enumerate(window.episode.entries) if entry.who == "Maya"]
    assert [m.row for m in bar.matches()] == maya
    assert window.current_row() in maya and window.table.currentIndex().column() == WHO
    assert bar.status.text() == f"{maya.index(window.current_row()) + 1} of {len(maya)}"
    choose_scope(qtbot, bar, "speakers")
    assert [m.row for m in bar.matches()] == maya
    bar.find_field.setText("weather")
    choose_scope(qtbot, bar, "headers")
    assert [m.row for m in bar.matches()] == [header] and window.current_row() == header
    choose_scope(qtbot, bar, "speakers")
    assert bar.status.text() == "Not found"


def test_not_found_says_so_and_keeps_the_row(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.table.select_row(5)
    bar = search(qtbot, window, "zebra crossing")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert bar.status.text() == "Not found" and bar.status.isVisible()
    assert "background" in bar.find_field.styleSheet()
    assert window.current_row() == 5
    bar.find_field.clear()
    settle(qtbot, bar)
    assert bar.status.text() == "" and bar.find_field.styleSheet() == ""


def test_find_pauses_playback_follow(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    assert window.follower.enabled and not window.follower.is_paused()
    first_timed = next(e for e in window.episode.entries if e.sec is not None)
    bar = search(qtbot, window, "lavender")
    row = window.current_row()
    assert window.follower.is_paused()
    window.player.positionChanged.emit(first_timed.sec * 1000 + 500)     # a player tick at another row
    assert window.current_row() == row
    window.follower.resume()
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)      # the only match: same row, no selection move
    assert window.follower.is_paused() and window.current_row() == row


def test_replace_replaces_the_current_match_then_moves_on(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    rows = rows_containing(window.episode, "bees")
    before = [window.episode.entries[r].text for r in rows]
    bar = search(qtbot, window, "bees", replace=True)
    assert window.current_row() == rows[0]
    bar.replace_field.setText("wasps")
    bar.replace_button.click()
    assert window.episode.entries[rows[0]].text == re.sub("bees", "wasps", before[0], count=1, flags=re.IGNORECASE)
    assert window.episode.entries[rows[1]].text == before[1]
    assert window.current_row() == rows[1] and window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Replace"
    window.undo_stack.undo()
    assert window.episode.entries[rows[0]].text == before[0]


def test_replace_in_the_replace_field_with_enter_never_matches_its_own_replacement(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    count = sum(len(re.findall("honey", e.text, re.IGNORECASE)) for e in window.episode.entries)
    bar = search(qtbot, window, "honey", replace=True)
    bar.replace_field.setText("honey honey")
    bar.replace_field.setFocus()
    for _ in range(count):
        qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)
    total = sum(len(re.findall("honey", e.text, re.IGNORECASE)) for e in window.episode.entries)
    assert total == 2 * count and window.undo_stack.count() == count


def test_replace_all_is_one_undo_step(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    original = window.episode.dumps()
    rows = rows_containing(window.episode, "tomas", speakers=True)
    bar = search(qtbot, window, "tomas", replace=True)
    choose_scope(qtbot, bar, "all")
    bar.replace_field.setText("Tomás")
    replace_all_checked(qtbot, bar)
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "Replace all"
    changed = window.episode.dumps()
    assert "Tomas" not in changed.split("\n---", 1)[0].split("transcript:", 1)[1]
    assert all("Tomás" in (e.text + (e.who or "")) for r, e in enumerate(window.episode.entries) if r in rows)
    assert bar.status.text().startswith("Replaced ")
    press(qtbot, bar.replace_field, QKeySequence.StandardKey.Undo)     # the field's own undo, not the document's
    assert window.episode.dumps() == changed
    focus_table(qtbot, window)
    press(qtbot, window.table, QKeySequence.StandardKey.Undo)
    assert window.episode.dumps() == original
    window.undo_stack.redo()
    assert window.episode.dumps() == changed
    window.undo_stack.undo()
    assert window.episode.dumps() == original


def test_replace_all_takes_search_and_replacement_literally(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    dots = sum(e.text.count(".") for e in window.episode.entries)
    bar = search(qtbot, window, ".", replace=True)
    bar.replace_field.setText(r"\1!")
    replace_all_checked(qtbot, bar)
    assert sum(e.text.count(r"\1!") for e in window.episode.entries) == dots
    assert bar.status.text().startswith(f"Replaced {dots} in ")


def test_saved_file_after_replace_all_differs_only_in_replaced_entries(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    original_text = episode_path.read_text(encoding="utf-8")
    loaded = Episode.load(episode_path)
    touched = rows_containing(loaded, "bees")
    assert len(touched) >= 2
    bar = search(qtbot, window, "bees", replace=True)
    bar.replace_field.setText("honeybees")
    replace_all_checked(qtbot, bar)
    assert window.save()
    saved_text = episode_path.read_text(encoding="utf-8")
    old_lines, new_lines = original_text.split("\n"), saved_text.split("\n")
    spans = [(loaded.entry_line(r), loaded.entry_line(r + 1) if r + 1 < len(loaded.entries) else len(old_lines))
             for r in touched]                                     # 1-based [first, next entry's first) per entry
    hit = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert i2 > i1, "lines were added outside any entry"
        owners = {n for n, (first, end) in enumerate(spans) for line in range(i1 + 1, i2 + 1) if first <= line < end}
        assert owners and all(any(first <= line < end for first, end in spans) for line in range(i1 + 1, i2 + 1)), \
            f"lines {i1 + 1}-{i2} changed outside the replaced entries"
        hit |= owners
    assert hit == set(range(len(touched)))
    reread = Episode.load(episode_path)
    for row, entry in enumerate(reread.entries):
        old = loaded.entries[row]
        assert entry.text == (re.sub("bees", "honeybees", old.text, flags=re.IGNORECASE) if row in touched
                              else old.text)
        assert (entry.who, entry.sec, entry.time) == (old.who, old.sec, old.time)


@pytest.mark.parametrize("action_id", PLAYBACK_KEYED, ids=lambda i: i.name)
@pytest.mark.parametrize("field", ["find_field", "replace_field"])
def test_playback_shortcuts_work_in_the_bar_fields(qtbot, window, episode_path, media_path, action_id, field):
    open_sample(qtbot, window, episode_path, media_path if SPECS[action_id].enabled_when == "media" else None)
    bar = search(qtbot, window, "bees", replace=True)
    bar.replace_field.setText("wasps")
    widget = getattr(bar, field)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)
    fired = []
    window.actions[action_id].triggered.connect(lambda *_: fired.append(action_id))
    press(qtbot, widget, SPECS[action_id].keys[0])
    assert fired == [action_id]
    assert (bar.find_field.text(), bar.replace_field.text()) == ("bees", "wasps")


def test_window_renders_with_the_bar_between_table_and_transport(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    bar = search(qtbot, window, "bees", replace=True)
    bar.replace_field.setText("wasps")
    image = window.grab().toImage()
    assert image.save("/tmp/find.png")
    top = bar.mapTo(window, bar.rect().topLeft()).y()
    bottom = bar.mapTo(window, bar.rect().bottomLeft()).y()
    table_bottom = window.table.mapTo(window, window.table.rect().bottomLeft()).y()
    transport_top = window.transport.mapTo(window, window.transport.rect().topLeft()).y()
    assert table_bottom < top < bottom < transport_top
    assert bar.replace_all_button.isVisible() and bar.find_field.width() > 150
    colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(top, bottom, 3)}
    assert len(colours) > 5, "the bar rendered blank"


def test_regex_replace_all_uses_groups_and_an_invalid_expression_says_why(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    original = window.episode.dumps()
    bees = [e.text for e in window.episode.entries if re.search(r"\bbees\b", e.text, re.IGNORECASE)]
    assert bees
    bar = search(qtbot, window, r"(b)ees", replace=True)
    bar.regex.click()
    bar.whole_word.click()
    settle(qtbot, bar)
    bar.replace_field.setText(r"\1uzzers")
    replace_all_checked(qtbot, bar)
    assert window.undo_stack.count() == 1
    expected = [re.sub(r"(?<!\w)(b)ees(?!\w)", r"\1uzzers", text, flags=re.IGNORECASE) for text in bees]
    assert [e.text for e in window.episode.entries if "uzzers" in e.text] == expected
    window.undo_stack.undo()
    assert window.episode.dumps() == original
    bar.find_field.setText("(unclosed")
    settle(qtbot, bar)
    assert bar.status.text().startswith("regex error at 1: missing )") and bar.find_field.styleSheet()
    bar.replace_all_button.click()
    assert bar.preview is None and bar.status.text().startswith("regex error at 1: missing )")
    assert window.undo_stack.count() == 1 and window.episode.dumps() == original
