"""The problems, chapters and speakers docks driven through the real window: fixes, undo/redo, saved files diffed."""
import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from editor.document import Episode
from editor.player import PlaybackState
from editor.ui.actions import ActionId
from editor.ui.main_window import MainWindow
from editor.ui.settings import UiState
from editor.ui.table.model import TIME
from support import close_main_window, open_sample, show_main_window

TEXT = """---
title: Fixes
duration: PT00H05M00S
links:
  youtube: https://www.youtube.com/watch?v=xyz
quotableClips:
- name: Start
  startOffset: 0
  url: https://www.youtube.com/watch?v=xyz&t=0
  endOffset: 0
- name: Welcome
  startOffset: 0
  url: https://www.youtube.com/watch?v=xyz&t=0
  endOffset: 30
- name: Old name
  startOffset: 30
  url: https://www.youtube.com/watch?v=xyz&t=30
  endOffset: 300
transcript:
- header: Start
- header: Welcome
- line: Hello and welcome.
  sec: 0
  time: '0:00'
  who: Ann
- line: Thanks.
  sec: 5
  time: '0:05'
- line: Ann
  sec: 7
  time: '0:07'
  who: Bob
- line: It all began in a small town near the sea.
  sec: 10
  time: '0:11'
  who: Bob
- line: It all began in a small town near the sea.
  sec: 12
  time: '0:12'
  who: Bob
- line: Then what?
  sec: 20
  time: 0:20
  who: Ann
- header: Middle
- line: We moved.
  sec: '30'
  time: '0:30'
  who: Bob
- line: Earlier.
  sec: 25
  time: '0:25'
  who: Ann
- line: Another line without a speaker.
  sec: 40
  time: '0:40'
---
"""


@pytest.fixture
def episode_file(tmp_path) -> Path:
    path = tmp_path / "fixes.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def opened(qtbot, window, episode_file):
    open_sample(qtbot, window, episode_file)
    panel = window.panels.problems
    qtbot.waitUntil(lambda: panel.problems_model.rowCount() > 0)
    return window


def entry_spans(text: str) -> list[range]:
    """The file lines (0-based) each transcript entry of `text` occupies, found independently of the editor."""
    lines = text.split("\n")
    start = lines.index("transcript:") + 1
    end = len(lines) - 2 - lines[::-1][1:].index("---")       # the closing --- of the front matter
    starts = [number for number in range(start, end) if lines[number].startswith("- ")]
    return [range(first, following) for first, following in zip(starts, starts[1:] + [end])]


def changed_lines(old: str, new: str) -> set[int]:
    """Lines (0-based, of `old`) that the change from `old` to `new` replaced or deleted, or inserted after."""
    matcher = difflib.SequenceMatcher(None, old.split("\n"), new.split("\n"), autojunk=False)
    changed = set()
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "insert":
            changed.add(i1 - 1)
        elif tag != "equal":
            changed.update(range(i1, i2))
    return changed


def assert_only_rows_changed(saved: str, rows: set[int]) -> None:
    """Every difference between TEXT and `saved` lies in the entries of `rows` (0-based)."""
    spans = entry_spans(TEXT)
    allowed = {line for row in rows for line in spans[row]}
    assert changed_lines(TEXT, saved), "nothing changed"
    assert changed_lines(TEXT, saved) <= allowed, "\n".join(difflib.unified_diff(TEXT.split("\n"),
                                                                                 saved.split("\n")))


def saved_text(window) -> str:
    assert window.save()
    return window.episode.path.read_text(encoding="utf-8")


def trigger(menu, label: str) -> None:
    actions = {action.text(): action for action in menu.actions()}
    assert label in actions, list(actions)
    actions[label].trigger()


# Each quick fix: problem code, 0-based row, the fix's label, rows that change, what the fixed entries read.
FIXES = [
    ("missing-speaker", 3, "Set speaker to Ann (the line above)", {3}, lambda e: e[3].who == "Ann"),
    ("time-mismatch", 5, "Set time to 0:10 (from sec 10)", {5}, lambda e: e[5].time == "0:10" and e[5].sec == 10),
    ("time-mismatch", 5, "Set sec to 11 (from time 0:11)", {5}, lambda e: e[5].time == "0:11" and e[5].sec == 11),
    ("time-unquoted", 7, "Quote the time ('0:20')", {7}, lambda e: e[7].time == "0:20"),
    ("empty-chapter", 0, "Remove the header 'Start'", {0}, lambda e: e[0].text == "Welcome" and len(e) == 11),
    ("empty-chapter", 0, "Join into one header 'Start / Welcome'", {0, 1},
     lambda e: e[0].text == "Start / Welcome" and not e[1].is_header),
    ("duplicate-entry", 6, "Remove the repeated row", {6}, lambda e: e[6].text == "Then what?"),
    ("speaker-as-text", 4, "Remove the line", {4}, lambda e: e[4].text.startswith("It all began")),
    ("field-type", 9, "Convert the values to the right types", {9}, lambda e: e[9].sec == 30 and not e[9].extra),
]


@pytest.mark.parametrize("code, row, label, rows, fixed", FIXES, ids=[f"{f[0]}-{f[2][:12]}" for f in FIXES])
def test_each_quick_fix_from_the_row_menu_is_one_step_changing_only_its_rows(qtbot, opened, code, row, label,
                                                                           rows, fixed):
    window, panel = opened, opened.panels.problems
    assert panel.select_problem(code, row)
    assert label in [action.text() for action in panel.fix_menu.actions()]       # offered in the dock too
    trigger(window.panels.table_menu(row), label)
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == label
    qtbot.waitUntil(lambda: not any(p.code == code and p.index == row for p in panel.problems())
                    or code == "empty-chapter")
    after = saved_text(window)
    assert_only_rows_changed(after, rows)
    assert fixed(Episode.load(window.episode.path).entries)
    window.undo()
    assert saved_text(window) == TEXT
    window.redo()
    assert saved_text(window) == after
    assert panel.problems() == sorted(window.episode.check() + [p for p in panel.problems() if p.code == "clip-stale"],
                                      key=lambda p: p.index)


def test_fix_all_of_a_kind_says_how_many_rows_and_is_one_step(qtbot, opened):
    window, panel = opened, opened.panels.problems
    assert panel.select_problem("missing-speaker", 3)
    assert panel.fix_all_button.text() == "Fix all 2 ‘missing-speaker’"
    menu = window.panels.table_menu(3)
    assert "Set each missing speaker from the line above (2 rows)" in [a.text() for a in menu.actions()]
    panel.fix_all_button.click()
    assert window.undo_stack.count() == 1
    after = saved_text(window)
    assert_only_rows_changed(after, {3, 11})
    entries = Episode.load(window.episode.path).entries
    assert (entries[3].who, entries[11].who) == ("Ann", "Ann")
    qtbot.waitUntil(lambda: not any(p.code == "missing-speaker" for p in panel.problems()))
    window.undo()
    assert saved_text(window) == TEXT
    window.redo()
    assert saved_text(window) == after


def test_stale_clips_show_as_problems_and_regenerate_changing_only_the_clips(qtbot, opened):
    window, panel = opened, opened.panels.problems
    assert panel.select_problem("clip-stale", 8)
    assert window.panels.preview_clips()
    assert "-- name: Old name\n+- name: Middle\n" in window.panels.chapters.clips_preview.toPlainText()
    window.panels.chapters.apply_clips_button.click()
    after = saved_text(window)
    clips = range(TEXT.split("\n").index("quotableClips:"), TEXT.split("\n").index("transcript:"))
    assert changed_lines(TEXT, after) <= set(clips)
    assert Episode.load(window.episode.path).get_meta("quotableClips")[2]["name"] == "Middle"
    qtbot.waitUntil(lambda: not any(p.code == "clip-stale" for p in panel.problems()))
    window.undo()
    assert saved_text(window) == TEXT
    qtbot.waitUntil(lambda: any(p.code == "clip-stale" for p in panel.problems()))


def test_time_order_fix_opens_the_time_editor(qtbot, opened):
    window, panel = opened, opened.panels.problems
    assert panel.select_problem("time-order", 10)
    panel.fix_menu.actions()[0].trigger()
    assert window.table.current_row() == 10 and window.table.currentIndex().column() == TIME
    assert window.table.state() == window.table.State.EditingState
    assert window.undo_stack.count() == 0


def test_dock_key_counter_filter_activation_and_f8_follow_the_same_list(qtbot, opened):
    window, panels = opened, opened.panels
    panel = panels.problems
    total = len(window.episode.check()) + 1                   # and the stale clip
    qtbot.waitUntil(lambda: panels.counter.text() == f"{total} problems")
    assert not panels.problems_dock.isVisible()                # docks open when asked, then stay as left
    window.actions[ActionId.PROBLEMS].trigger()
    assert panels.problems_dock.isVisible()
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not panels.problems_dock.isVisible() and not window.actions[ActionId.PROBLEMS].isChecked()
    panels.counter.click()
    assert panels.problems_dock.isVisible() and window.actions[ActionId.PROBLEMS].isChecked()
    panel.set_filter("missing-speaker")
    assert [panel.problems_model.index(i, 0).data() for i in range(panel.problems_model.rowCount())] == ["4", "12"]
    window.table.select_row(0)
    window.actions[ActionId.NEXT_PROBLEM].trigger()
    assert window.current_row() == 3 and panel.current_problem().code == "missing-speaker"
    window.actions[ActionId.NEXT_PROBLEM].trigger()
    assert window.current_row() == 11
    window.actions[ActionId.PREVIOUS_PROBLEM].trigger()
    assert window.current_row() == 3
    panel.view.setCurrentIndex(panel.problems_model.index(1, 0))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.current_row() == 11
    window.run_edit("Set speaker", lambda: window.episode.set_speaker(11, "Bob"))       # live after an edit
    qtbot.waitUntil(lambda: panel.problems_model.rowCount() == 1)
    qtbot.waitUntil(lambda: panels.counter.text() == f"{total - 1} problems")
    window.undo()
    qtbot.waitUntil(lambda: panel.problems_model.rowCount() == 2)


def test_alt_keys_and_several_rows_at_once_are_one_step_each(qtbot, opened):
    window, panels = opened, opened.panels
    table = window.table
    panels.name_speaker_keys()
    assert window.actions["episode.speaker_2"].text() == "Speaker &2: Bob"
    table.select_row(3)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.episode.entries[3].who == "Bob" and window.undo_stack.count() == 1
    table.select_row(5)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert panels.selected_rows() == [5, 6, 7] and window.current_row() == 7
    qtbot.keyClick(table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert [window.episode.entries[row].who for row in (5, 6, 7)] == ["Ann"] * 3
    assert window.undo_stack.count() == 2
    assert panels.shift_selected(-2)
    assert [window.episode.entries[row].sec for row in (5, 6, 7)] == [8, 10, 18]
    assert window.undo_stack.count() == 3
    window.undo()
    window.undo()
    window.undo()
    assert window.episode.dumps() == TEXT
    table.selectionModel().select(window.model.index(11, 0), QItemSelectionModel.SelectionFlag.Select
                                  | QItemSelectionModel.SelectionFlag.Rows)
    assert panels.selected_rows() == [5, 6, 7, 11]
    window.actions[ActionId.DELETE_ROWS].trigger()
    assert len(window.episode.entries) == 8 and window.undo_stack.undoText() == "Delete 4 rows"
    window.undo()
    assert window.episode.dumps() == TEXT


def test_single_row_actions_and_following_use_the_current_row_of_a_selection(qtbot, opened, media_path):
    window = opened
    window.open_media(media_path)
    qtbot.waitUntil(lambda: window.player.duration() > 0)
    table = window.table
    table.select_row(2)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_row() == 3
    window.player.seek(41_000)
    window.actions[ActionId.SET_TIME].trigger()
    assert window.episode.entries[3].sec == 41 and window.episode.entries[2].sec == 0
    window.undo()
    window.follower.resume()
    window.player.seek(7_500)
    window.player.play()
    window.player.advance(300)
    qtbot.waitUntil(lambda: window.current_row() == 4)
    assert window.panels.selected_rows() == [4]


def test_chapter_outline_click_seeks_while_playing_rename_delete_insert(qtbot, opened, media_path, monkeypatch):
    window, panels = opened, opened.panels
    chapters = panels.chapters
    panels.show_chapters()
    window.open_media(media_path)
    qtbot.waitUntil(lambda: window.player.duration() > 0)
    outline = chapters.outline
    assert [outline.topLevelItem(i).text(0) for i in range(outline.topLevelItemCount())] == [
        "Start", "Welcome", "Middle"]
    assert outline.topLevelItem(0).font(0).italic()                       # the empty chapter
    window.player.play()
    middle = outline.topLevelItem(2)
    outline.scrollToItem(middle)
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=outline.visualItemRect(middle).center())
    assert window.current_row() == 8 and window.player.position() // 1000 == 30
    assert window.player.state() == PlaybackState.PLAYING
    middle.setText(0, "The middle")
    assert window.episode.entries[8].text == "The middle" and window.undo_stack.count() == 1
    window.player.pause()
    window.player.seek(21_000)
    assert chapters.insert_at_playhead("New chapter")
    assert window.episode.entries[7].text == "New chapter" and window.episode.entries[7].is_header
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 4)
    assert chapters.select_row(0) and chapters.delete_selected()
    assert window.undo_stack.count() == 3
    for _ in range(3):
        window.undo()
    assert window.episode.dumps() == TEXT


def test_import_from_the_menu_reports_bad_lines_and_changes_nothing(qtbot, opened, tmp_path, monkeypatch):
    window = opened
    bad = tmp_path / "bad.txt"
    bad.write_text("00:00:00 Fine\n00:01 Not this\n00:02:00 Fine too\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    window.actions[ActionId.IMPORT_CHAPTERS].trigger()
    assert "line 2: '00:01 Not this'" in window.panels.chapters.status.text()
    assert "line 2" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0 and window.episode.dumps() == TEXT
    good = tmp_path / "good.txt"
    good.write_text("00:00:00 Opening\n00:00:20 Questions\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(good), ""))
    window.actions[ActionId.IMPORT_CHAPTERS].trigger()
    assert [e.text for e in window.episode.entries if e.is_header] == ["Opening", "Questions"]
    assert window.undo_stack.count() == 1
    window.undo()
    assert window.episode.dumps() == TEXT


def test_export_to_a_file_names_the_broken_youtube_rule(qtbot, opened, tmp_path, monkeypatch):
    window = opened
    target = tmp_path / "chapters.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "YouTube description chapters (*.txt)"))
    window.actions[ActionId.EXPORT_CHAPTERS].trigger()
    assert target.read_text(encoding="utf-8") == "0:00 Welcome\n0:30 Middle\n"
    assert "at least 3 chapters; there are 2" in window.panels.chapters.status.text()


def test_rename_a_speaker_everywhere_from_the_dock(qtbot, opened):
    window, speakers = opened, opened.panels.speakers
    opened.panels.show_speakers()
    qtbot.waitUntil(lambda: speakers.select_speaker("Bob"))
    speakers.list.currentItem().setText(1, "Robert")
    assert window.undo_stack.count() == 1
    after = saved_text(window)
    assert_only_rows_changed(after, {4, 5, 6, 9})
    window.undo()
    assert saved_text(window) == TEXT


def test_dock_layout_is_remembered_with_the_window_state(qtbot, settings, player, tmp_path, window):
    store = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window.actions[ActionId.SPEAKERS].trigger()
    assert window.panels.speakers_dock.isVisible() and not window.panels.chapters_dock.isVisible()
    window.removeDockWidget(window.panels.problems_dock)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.panels.problems_dock)
    window.panels.problems_dock.show()
    UiState(store).save(window)
    again = MainWindow(settings, player)
    assert UiState(store).restore(again)
    show_main_window(qtbot, again)
    assert again.dockWidgetArea(again.panels.problems_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.panels.problems_dock.isVisible() and again.actions[ActionId.PROBLEMS].isChecked()
    assert again.panels.speakers_dock.isVisible() and again.actions[ActionId.SPEAKERS].isChecked()
    assert not again.panels.chapters_dock.isVisible() and not again.actions[ActionId.CHAPTERS].isChecked()
    close_main_window(qtbot, again)


def dark_palette(light: QPalette) -> QPalette:
    dark = QPalette(light)
    for role, colour in (("Window", "#2b2b2b"), ("Base", "#1e1e1e"), ("AlternateBase", "#262626"),
                         ("Text", "#e6e6e6"), ("WindowText", "#e6e6e6"), ("Button", "#3a3a3a"),
                         ("ButtonText", "#e6e6e6"), ("Highlight", "#2f65ca")):
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return dark


def test_screenshots_of_the_three_docks_on_a_long_real_episode(qtbot, window, corpus, tmp_path):
    longest = max((path for path in corpus.glob("*.md") if not path.name.startswith("_")),
                  key=lambda path: path.stat().st_size)
    assert window.open_file(longest)
    window.resize(1400, 860)
    for show in (window.panels.show_speakers, window.panels.show_chapters, window.panels.show_problems):
        show()
    app = QApplication.instance()
    light = app.palette()
    for name, palette in (("light", light), ("dark", dark_palette(light))):
        app.setPalette(palette)
        (window.panels.chapters_dock if name == "light" else window.panels.speakers_dock).raise_()
        for _ in range(3):
            QApplication.processEvents()
        assert window.panels.problems_dock.isVisible()
        image = window.grab().toImage()
        image.save(str(tmp_path / f"window-docks-{name}.png"))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 13) for y in range(0, image.height(), 13)}
        assert len(colours) > 8, f"{name} rendered blank"
    app.setPalette(light)


def test_outline_rebuilds_after_chapter_changes_only_and_waits_while_hidden(qtbot, opened, monkeypatch):
    window, chapters = opened, opened.panels.chapters
    window.panels.show_chapters()
    qtbot.waitUntil(lambda: chapters.outline.topLevelItemCount() == 3)       # shown: built for the first time
    rebuilt = []
    original = chapters.refresh
    monkeypatch.setattr(chapters, "refresh", lambda: (rebuilt.append(True), original())[1])
    window.run_edit("Typing", lambda: window.episode.set_text(2, "Hello again."))
    window.run_edit("Header", lambda: window.episode.set_text(8, "The middle"))
    qtbot.waitUntil(lambda: chapters.outline.topLevelItem(2).text(0) == "The middle")
    assert len(rebuilt) == 1                                  # the text of a line changes no chapter
    window.panels.show_chapters(False)
    window.run_edit("Header", lambda: window.episode.set_text(8, "Hidden rename"))
    for _ in range(3):                                        # the zero-delay refresh would have run by now
        QApplication.processEvents()
    assert len(rebuilt) == 1 and chapters.outline.topLevelItem(2).text(0) == "The middle"
    window.panels.show_chapters(True)
    qtbot.waitUntil(lambda: chapters.outline.topLevelItem(2).text(0) == "Hidden rename")


def test_the_open_problems_dock_follows_the_current_row_and_catches_up_when_opened(qtbot, opened):
    window, panels = opened, opened.panels
    panel = panels.problems
    qtbot.waitUntil(lambda: panel.problems_model.rowCount() > 2)
    first, second = (panel.problems_model.problem(position) for position in (0, panel.problems_model.rowCount() - 1))
    window.table.select_row(second.index)                 # while the dock is closed, it is left alone
    assert panel.current_problem() is None
    window.actions[ActionId.PROBLEMS].trigger()           # opened: the current row's problem is selected
    assert panel.current_problem().index == second.index
    window.table.select_row(first.index)                  # as the current row moves (a click, F8, playback)
    assert panel.current_problem().index == first.index
