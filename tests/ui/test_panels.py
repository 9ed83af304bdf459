"""The problems, chapters and speakers docks on a real model and undo stack, edits through run_edit."""
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QPalette, QUndoStack, QColor
from PySide6.QtWidgets import QApplication

from editor.document import DocumentError, Episode
from editor.ui.panels.chapters import ChaptersPanel
from editor.ui.panels.problems import ProblemsPanel
from editor.ui.panels.speakers import SpeakersPanel
from editor.ui.table.commands import DocumentCommand
from editor.ui.table.model import TranscriptModel

TEXT = """---
title: Panels
season: 3
episode: 7
duration: PT00H02M00S
links:
  youtube: https://www.youtube.com/watch?v=abc
quotableClips:
- name: Opening
  startOffset: 0
  url: https://www.youtube.com/watch?v=abc&t=0
  endOffset: 0
- name: Welcome
  startOffset: 0
  url: https://www.youtube.com/watch?v=abc&t=0
  endOffset: 40
- name: Middle
  startOffset: 40
  url: https://www.youtube.com/watch?v=abc&t=40
  endOffset: 120
transcript:
- header: Opening
- header: Welcome
- line: Hello and welcome.
  sec: 0
  time: '0:00'
  who: Alexei
- line: Thanks for having me.
  sec: 12
  time: '0:12'
  who: Bea
- line: Thanks for having me.
  sec: 14
  time: '0:14'
  who: Bea
- line: So, tell us.
  sec: 30
  time: 0:31
- header: Middle
- line: Well, it began.
  sec: 40
  time: '0:40'
  who: Bea
- line: Interesting.
  sec: 90
  time: '1:30'
  who: Alexey
---
"""


@pytest.fixture
def site(tmp_path) -> Path:
    """The episode inside a site checkout with its chapter list."""
    (tmp_path / "_podcast").mkdir()
    (tmp_path / "podcast-timestamps").mkdir()
    (tmp_path / "podcast-timestamps" / "s03e07-panels.txt").write_text(
        "00:00:00 Intro\n00:00:25 Questions\n00:01:00 Later\n", encoding="utf-8")
    path = tmp_path / "_podcast" / "panels.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


class Editor:
    """What the window gives the panels: the model, its undo stack and run_edit(label, operation)."""

    def __init__(self, path: Path):
        self.episode = Episode.load(path)
        self.stack = QUndoStack()
        self.model = TranscriptModel(self.stack)
        self.model.set_episode(self.episode)
        self.labels = []

    def run_edit(self, label: str, operation) -> bool:
        """Run the operation and push its inverse as one undo step, as MainWindow does."""
        try:
            inverse = operation()
        except (ValueError, IndexError, DocumentError):
            return False
        self.labels.append(label)
        self.stack.push(DocumentCommand(self.episode, label, inverse))
        return True


@pytest.fixture
def editor(qtbot, site):
    editor = Editor(site)
    yield editor
    editor.model.set_episode(None)


def shown(widget, name: str, tmp_path: Path):
    """Render the widget in the light and the dark palette and keep both pictures beside the test's files."""
    app = QApplication.instance()
    original = app.palette()
    dark = QPalette(original)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.AlternateBase, "#262626"), (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"), (QPalette.ColorRole.Button, "#3a3a3a"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    pictures = []
    for suffix, palette in (("light", original), ("dark", dark)):
        app.setPalette(palette)
        widget.resize(560, 380)
        widget.show()
        for _ in range(3):                      # queued refreshes, then the layout requests they post
            QApplication.processEvents()
        image = widget.grab().toImage()
        target = tmp_path / f"{name}-{suffix}.png"
        image.save(str(target))
        pictures.append(image)
    app.setPalette(original)
    for image in pictures:
        colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
        assert len(colours) > 8, f"{name} rendered blank"
    return pictures


# ---- problems ---------------------------------------------------------------------------------------------------

def test_problems_list_fix_one_and_undo(qtbot, editor, site, tmp_path):
    panel = ProblemsPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    listed = [(panel.list.topLevelItem(i).text(0), panel.list.topLevelItem(i).text(1))
              for i in range(panel.list.topLevelItemCount())]
    assert ("1", "empty-chapter") in listed and ("5", "duplicate-entry") in listed
    assert ("6", "missing-speaker") in listed and ("6", "time-unquoted") in listed
    assert panel.select_problem("missing-speaker", 5)
    assert [action.text() for action in panel.fix_menu.actions()] == ["Set speaker to Bea (the line above)"]
    panel.fix_menu.actions()[0].trigger()
    assert editor.episode.entries[5].who == "Bea" and editor.labels == ["Set speaker to Bea (the line above)"]
    qtbot.waitUntil(lambda: not panel.select_problem("missing-speaker", 5))
    editor.episode.save()
    assert site.read_text(encoding="utf-8") == TEXT.replace("  time: 0:31\n", "  time: '0:31'\n  who: Bea\n")
    editor.stack.undo()
    assert editor.episode.dumps() == TEXT
    shown(panel, "problems", tmp_path)


def test_fix_all_says_how_many_rows_and_is_one_step(qtbot, editor):
    panel = ProblemsPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    assert panel.select_problem("empty-chapter", 0)
    assert panel.fix_all_button.text() == "Fix all 1 ‘empty-chapter’"
    assert panel.fix_all_of_kind()
    assert editor.stack.count() == 1 and not any(e.text == "Opening" for e in editor.episode.entries)
    editor.stack.undo()
    assert editor.episode.dumps() == TEXT


def test_time_order_opens_the_time_editor_and_stale_clips_regenerate(qtbot, editor):
    editor.episode.set_time(7, 20)          # "Well, it began." now before the line above it
    editor.episode.set_text(6, "Middle part")
    panel = ProblemsPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    assert panel.select_problem("time-order", 7)
    assert not panel.fix_all_button.isEnabled()
    with qtbot.waitSignal(panel.timeEditRequested) as signal:
        panel.fix_menu.actions()[0].trigger()
    assert signal.args == [7]
    assert panel.select_problem("clip-stale", 6)
    panel.fix_menu.actions()[0].trigger()
    assert editor.episode.get_meta("quotableClips")[2]["name"] == "Middle part"
    assert not panel.select_problem("clip-stale", 6)


def test_activating_a_problem_shows_its_row(qtbot, editor):
    panel = ProblemsPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    panel.select_problem("duplicate-entry", 4)
    with qtbot.waitSignal(panel.rowActivated) as signal:
        panel.list.itemActivated.emit(panel.list.currentItem(), 0)
    assert signal.args == [4]


# ---- chapters ---------------------------------------------------------------------------------------------------

def test_outline_shows_site_times_lengths_and_empty_chapters(qtbot, editor, tmp_path):
    panel = ChaptersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    rows = [[panel.outline.topLevelItem(i).text(c) for c in range(3)]
            for i in range(panel.outline.topLevelItemCount())]
    assert rows == [["Opening", "0:00", "0:00"], ["Welcome", "0:00", "0:40"], ["Middle", "0:40", "1:20"]]
    assert panel.outline.topLevelItem(0).font(0).italic()
    shown(panel, "chapters", tmp_path)


def test_rename_delete_insert_at_playhead_each_one_step(qtbot, editor):
    position = [35.0]
    panel = ChaptersPanel(editor.model, editor.run_edit, playhead=lambda: position[0])
    qtbot.addWidget(panel)
    assert panel.select_row(6) and panel.rename_selected("Middle part")
    assert editor.episode.entries[6].text == "Middle part"
    assert panel.insert_at_playhead("At the playhead")
    assert editor.episode.entries[5].text == "At the playhead"      # above "So, tell us." playing at 0:35
    qtbot.waitUntil(lambda: panel.outline.topLevelItemCount() == 4)
    assert panel.select_row(0) and panel.delete_selected()
    assert editor.stack.count() == 3
    for _ in range(3):
        editor.stack.undo()
    assert editor.episode.dumps() == TEXT


def test_import_the_site_list_found_beside_the_episode(qtbot, editor, tmp_path):
    panel = ChaptersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    assert panel.import_button.isEnabled() and "s03e07-panels.txt" in panel.import_button.toolTip()
    panel.import_button.click()
    assert [e.text for e in editor.episode.entries if e.is_header] == ["Intro", "Questions", "Later"]
    assert editor.stack.count() == 1 and "3 chapters imported" in panel.status.text()
    bad = tmp_path / "bad.txt"
    bad.write_text("00:00:00 Fine\n12:00 Not this\n", encoding="utf-8")
    assert not panel.import_list(bad)
    assert panel.status.text() == f"{bad}:2: not 'HH:MM:SS Topic': line 2: '12:00 Not this'"
    assert editor.stack.count() == 1


def test_exports_go_to_the_clipboard_with_youtube_rules(qtbot, editor):
    panel = ChaptersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    panel.youtube_button.click()
    assert QGuiApplication.clipboard().text() == "0:00 Welcome\n0:40 Middle"
    assert "at least 3 chapters; there are 2" in panel.status.text()
    panel.site_button.click()
    assert QGuiApplication.clipboard().text() == "00:00:00 Welcome\n00:00:40 Middle"


def test_clips_preview_then_apply_as_one_step(qtbot, editor, tmp_path):
    panel = ChaptersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    assert not panel.preview_clips()
    editor.episode.set_text(6, "Middle part")
    assert panel.preview_clips()
    assert "-- name: Middle\n+- name: Middle part\n" in panel.clips_preview.toPlainText()
    shown(panel, "chapters-clips", tmp_path)
    panel.apply_clips_button.click()
    assert editor.episode.get_meta("quotableClips")[2]["name"] == "Middle part"
    assert editor.labels == ["Regenerate quotable clips"] and panel.clips_preview.isHidden()
    editor.stack.undo()
    assert editor.episode.get_meta("quotableClips")[2]["name"] == "Middle"


# ---- speakers ---------------------------------------------------------------------------------------------------

def test_speakers_with_lines_time_and_alt_keys(qtbot, editor, tmp_path):
    panel = SpeakersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    rows = [[panel.list.topLevelItem(i).text(c) for c in range(4)] for i in range(panel.list.topLevelItemCount())]
    assert rows == [["Alt+1", "Alexei", "1", "0:12"], ["Alt+2", "Bea", "3", "1:08"], ["Alt+3", "Alexey", "1", "0:30"]]
    shown(panel, "speakers", tmp_path)


def test_rename_in_place_and_merge_are_one_step_each(qtbot, editor):
    panel = SpeakersPanel(editor.model, editor.run_edit)
    qtbot.addWidget(panel)
    assert panel.select_speaker("Alexei")
    panel.list.currentItem().setText(1, "Alexey")
    assert [e.who for e in editor.episode.entries if not e.is_header].count("Alexey") == 2
    assert editor.labels == ["Rename speaker Alexei to Alexey"]
    assert panel.select_speaker("Bea") and panel.merge_selected("Alexey")
    assert {e.who for e in editor.episode.entries if not e.is_header} == {"Alexey", None}
    assert editor.stack.count() == 2
    editor.stack.undo()
    editor.stack.undo()
    assert editor.episode.dumps() == TEXT
