"""Puts the problems, chapters and speakers docks into a MainWindow and gives it the commands that use them.

`install_panels(window)` returns the Panels object the window keeps as `window.panels`; the actions declared in
`ui/actions.py` (View menu, Episode menu, Alt+1 … Alt+9) call its methods.
"""
from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog, QMainWindow, QMenu, QPushButton

from editor.document.chapters import SITE, YOUTUBE, chapters, find_chapter_lists
from editor.document.speakers import (delete_rows, set_speaker_rows, speaker_by_number,
                                      transcript_speakers)
from editor.player import PlaybackState

from ..actions import ActionId
from ..table.model import TIME
from .chapters import ChaptersPanel
from .problems import ProblemsPanel
from .speakers import SpeakersPanel

LIST_FILTER = "Chapter lists (*.txt);;All files (*)"
EXPORT_FILTERS = {"Site chapter list (*.txt)": SITE, "YouTube description chapters (*.txt)": YOUTUBE}
SPEAKER_KEYS = 9
DOCK_WIDTH = 360          # the docks' first width: the table keeps most of the window
Area = Qt.DockWidgetArea


class Panels(QObject):
    """The window's docks (`problems`, `chapters`, `speakers` and their QDockWidgets) and the commands on them.

    `window` is the MainWindow: its model, table, player, actions, edits, run_edit and status bar are used.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._docks: dict[str, QDockWidget] = {}
        self.problems = ProblemsPanel(window.model, window.run_edit)
        self.chapters = ChaptersPanel(window.model, window.run_edit, playhead=self._playhead)
        self.speakers = SpeakersPanel(window.model, window.run_edit)
        self.problems_dock = self._dock("problems_dock", "Problems", self.problems, Area.RightDockWidgetArea,
                                        ActionId.PROBLEMS)
        self.chapters_dock = self._dock("chapters_dock", "Chapters", self.chapters, Area.RightDockWidgetArea,
                                        ActionId.CHAPTERS)
        self.speakers_dock = self._dock("speakers_dock", "Speakers", self.speakers, Area.RightDockWidgetArea,
                                        ActionId.SPEAKERS)
        window.tabifyDockWidget(self.chapters_dock, self.speakers_dock)
        self.chapters_dock.raise_()
        window.resizeDocks([self.problems_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.counter = QPushButton()
        self.counter.setObjectName("problems_counter")
        self.counter.setFlat(True)
        self.counter.setToolTip("Show the problems (Ctrl+Shift+P)")
        self.counter.clicked.connect(lambda: self.show_problems(True))
        window.statusBar().addPermanentWidget(self.counter)
        window.table.setSelectionMode(window.table.SelectionMode.ExtendedSelection)
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.edits.problem_list = self.problems.shown_problems
        self._connect()
        self._show_count(len(self.problems.problems()))
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        """When the window shows, tick the View menu by the docks a restored window state left visible."""
        if watched is self.window and event.type() == QEvent.Type.Show:
            for action_id, dock in self._docks.items():
                self.window.actions[action_id].setChecked(not dock.isHidden())
        return False

    def _dock(self, name: str, title: str, panel, area, action_id: str) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(panel)
        self.window.addDockWidget(area, dock)
        dock.hide()             # until the user opens it (View menu, its key, the problem counter); then remembered
        dock.toggleViewAction().toggled.connect(self.window.actions[action_id].setChecked)
        self._docks[action_id] = dock
        return dock

    def _connect(self) -> None:
        window = self.window
        self.problems.countChanged.connect(self._show_count)
        self.problems.rowActivated.connect(self.show_row)
        self.problems.timeEditRequested.connect(lambda row: window.table.edit_row(row, TIME))
        self.chapters.rowActivated.connect(self.jump_to_chapter)
        window.documentSaved.connect(self._saved)
        window.table.customContextMenuRequested.connect(self._table_menu)
        window.table.selectionModel().currentRowChanged.connect(self._follow_current_row)
        self.problems_dock.visibilityChanged.connect(
            lambda visible: visible and self._follow_current_row(window.table.currentIndex(), None))
        for menu in self.window.actions["episode.speaker_1"].associatedObjects():
            if isinstance(menu, QMenu):
                menu.aboutToShow.connect(self.name_speaker_keys)

    # -- docks ------------------------------------------------------------------------------------------------
    def _show(self, dock: QDockWidget, visible: bool) -> None:
        dock.setVisible(visible)
        if visible:
            dock.raise_()

    def show_problems(self, visible: bool = True) -> None:
        """View > Problems (Ctrl+Shift+P), also the status bar's problem counter."""
        self._show(self.problems_dock, visible)
        if visible:
            self.problems.view.setFocus()

    def show_chapters(self, visible: bool = True) -> None:
        """View > Chapters: the chapter outline."""
        self._show(self.chapters_dock, visible)

    def show_speakers(self, visible: bool = True) -> None:
        """View > Speakers."""
        self._show(self.speakers_dock, visible)

    def _show_count(self, count: int) -> None:
        self.counter.setText(f"{count} problem{'' if count == 1 else 's'}" if count else "No problems")
        self.counter.setVisible(self.window.episode is not None)

    def _saved(self, _path: str) -> None:
        if self.problems.live is not None:
            self.problems.live.sources_changed()

    # -- moving around ----------------------------------------------------------------------------------------
    def show_row(self, row: int) -> None:
        """Make table row `row` current and give the table the keyboard."""
        self.window.table.select_row(row)
        self.window.table.setFocus()

    def jump_to_chapter(self, row: int) -> None:
        """Select the chapter's header; while playing, play from the time the outline shows for it."""
        self.window.table.select_row(row)
        player = self.window.player
        if player.media_path() is not None and player.state() == PlaybackState.PLAYING:
            seconds = next((chapter.seconds for chapter in chapters(self.window.episode) if chapter.index == row), None)
            if seconds is not None:
                player.seek(seconds * 1000)

    def _follow_current_row(self, current, _previous) -> None:
        """Keep a problem of the table's current row selected in the open dock (F8, clicks and playback alike); a
        bisection in the listed problems, so that following playback at 100,000 rows does not read them all."""
        row = current.row()
        problem = self.problems.current_problem()
        if row < 0 or self.problems_dock.isHidden() or (problem is not None and problem.index == row):
            return
        self.problems.select_listed(row)

    def _playhead(self) -> float | None:
        player = self.window.player
        return player.position() / 1000 if player.media_path() is not None else None

    # -- rows -------------------------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected table rows in order (the current row when nothing is selected)."""
        table = self.window.table
        rows = sorted({index.row() for index in table.selectionModel().selectedIndexes()})
        current = table.current_row()
        return rows or ([current] if current >= 0 else [])

    def _line_rows(self) -> list[int]:
        """The selected rows that are spoken lines (a status message when there are none)."""
        model = self.window.model
        rows = [row for row in self.selected_rows() if not model.is_header(row)]
        if not rows:
            self.window.show_status("Select one or more spoken lines first.")
        return rows

    def _rows_text(self, rows: list[int]) -> str:
        return f"row {rows[0] + 1}" if len(rows) == 1 else f"{len(rows)} rows"

    def set_speaker_number(self, number: int) -> bool:
        """Alt+1 … Alt+9: the selected lines get the episode's `number`-th speaker (order of first appearance)."""
        episode = self.window.episode
        if episode is None:
            return False
        who = speaker_by_number(episode, number)
        if who is None:
            count = len(transcript_speakers(episode))
            self.window.show_status(f"There is no speaker {number}: this episode has {count}.")
            return False
        return self.set_speaker(who)

    def set_speaker(self, who: str | None) -> bool:
        """Give every selected line the speaker `who` (None clears it), one undo step."""
        self.window.table.close_editor()
        rows, episode = self._line_rows(), self.window.episode
        if not rows:
            return False
        rows_text = self._rows_text(rows)
        label = f"Set speaker of {rows_text} to {who}" if who else f"Clear speaker of {rows_text}"
        return self.window.run_edit(label, lambda: set_speaker_rows(episode, rows, who))

    def ask_speaker_rows(self) -> bool:
        """Episode > Set Speaker of Selected Rows: choose (or type) a speaker for the selection."""
        episode = self.window.episode
        if episode is None or not self._line_rows():
            return False
        names = transcript_speakers(episode)
        who, ok = QInputDialog.getItem(self.window, "Set speaker", f"Speaker of {self._rows_text(self._line_rows())}:",
                                       names, 0, True)
        return bool(ok and who.strip()) and self.set_speaker(who.strip())

    def shift_selected(self, seconds: int) -> bool:
        """Move the times of the selected lines by `seconds`, one undo step."""
        self.window.table.close_editor()
        rows, episode = self._line_rows(), self.window.episode
        if not rows or not seconds:
            return False
        return self.window.run_edit(f"Shift times of {self._rows_text(rows)} by {seconds:+d} s",
                                    lambda: episode.shift_rows(rows, seconds))

    def ask_shift_rows(self) -> bool:
        """Episode > Shift Times of Selected Rows: by how many seconds (negative: earlier)."""
        if self.window.episode is None or not self._line_rows():
            return False
        seconds, ok = QInputDialog.getInt(self.window, "Shift times", "Seconds (negative moves earlier):", 0,
                                          -86400, 86400)
        return ok and self.shift_selected(seconds)

    def delete_selected_rows(self) -> bool:
        """Episode > Delete Selected Rows: remove every selected row, one undo step."""
        rows, episode = self.selected_rows(), self.window.episode
        if episode is None or not rows:
            return False
        self.window.table.close_editor()
        done = self.window.run_edit(f"Delete {self._rows_text(rows)}", lambda: delete_rows(episode, rows))
        if done and len(episode.entries):
            self.window.table.select_row(min(rows[0], len(episode.entries) - 1))
        return done

    def name_speaker_keys(self) -> None:
        """Show in the menu which speaker each of Alt+1 … Alt+9 gives (as the menu opens)."""
        episode = self.window.episode
        names = transcript_speakers(episode) if episode is not None else []
        for number in range(1, SPEAKER_KEYS + 1):
            action = self.window.actions[f"episode.speaker_{number}"]
            who = names[number - 1] if number <= len(names) else None
            action.setText(f"Speaker &{number}: {who}" if who else f"Speaker &{number}")

    def _table_menu(self, position) -> None:
        """The table's right-click menu: fixes for the row's problems, then what applies to the selected rows."""
        table = self.window.table
        row = table.indexAt(position).row()
        if self.window.episode is None or row < 0:
            return
        if row not in self.selected_rows():
            table.select_row(row)
        menu = self.table_menu(row)
        menu.exec(table.viewport().mapToGlobal(position))

    def table_menu(self, row: int) -> QMenu:
        """The right-click menu for table row `row` (built, not shown)."""
        menu = QMenu(self.window)
        if self.problems.fill_menu(menu, self.problems.problems_of_row(row)):
            menu.addSeparator()
        speakers = menu.addMenu("Set &Speaker")
        for number, who in enumerate(transcript_speakers(self.window.episode), 1):
            action = speakers.addAction(f"{who}\tAlt+{number}" if number <= SPEAKER_KEYS else who)
            action.triggered.connect(lambda _=False, who=who: self.set_speaker(who))
        speakers.addSeparator()
        speakers.addAction("Other…").triggered.connect(self.ask_speaker_rows)
        menu.addAction("S&hift Times…").triggered.connect(self.ask_shift_rows)
        menu.addAction("&Delete Rows" if len(self.selected_rows()) > 1 else "&Delete Row").triggered.connect(
            self.delete_selected_rows)
        return menu

    # -- chapters ---------------------------------------------------------------------------------------------
    def ask_import_chapters(self) -> bool:
        """Episode > Import Chapter List: choose a `HH:MM:SS Topic` list (the site's, when found, is offered)."""
        episode = self.window.episode
        if episode is None:
            return False
        found = find_chapter_lists(episode)
        start = str(found[0]) if found else (str(episode.path.parent) if episode.path else "")
        path, _ = QFileDialog.getOpenFileName(self.window, "Import Chapter List", start, LIST_FILTER)
        return bool(path) and self.import_chapters(path)

    def import_chapters(self, path) -> bool:
        """Replace the headers by the list in `path` (one undo step); a bad list changes nothing and says where."""
        self.show_chapters(True)
        done = self.chapters.import_list(path)
        self.window.show_status(self.chapters.status.text())
        return done

    def ask_export_chapters(self) -> bool:
        """Episode > Export Chapters: save the site list or the YouTube description chapters to a file."""
        episode = self.window.episode
        if episode is None:
            return False
        start = str(episode.path.with_suffix(".txt")) if episode.path else ""
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export Chapters", start, ";;".join(EXPORT_FILTERS))
        return bool(path) and self.export_chapters(path, EXPORT_FILTERS.get(chosen, SITE))

    def export_chapters(self, path, fmt: str) -> bool:
        """Write the chapters in `fmt` to `path`; what the target will not accept is said, not hidden."""
        self.show_chapters(True)
        done = self.chapters.save_export(fmt, Path(path))
        self.window.show_status(self.chapters.status.text())
        return done

    def preview_clips(self) -> bool:
        """Episode > Regenerate Quotable Clips: show how they would change; Apply in the chapters dock does it."""
        self.show_chapters(True)
        return self.chapters.preview_clips()


def install_panels(window: QMainWindow) -> Panels:
    """Add the docks to `window` and connect them; the window keeps the result as `window.panels`."""
    return Panels(window)
