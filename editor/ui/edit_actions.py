"""The window's edit and navigation commands (retime, split, merge, insert, delete, next problem, play from row)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from editor.document import Batch
from editor.player import PlaybackState

Button = QMessageBox.StandardButton

if TYPE_CHECKING:
    from .main_window import MainWindow


class EditActions:
    """Commands on the current row of a MainWindow; each document change is one undo step through run_edit."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.snap_seconds: Callable[[float], float] | None = None   # the timeline's: a time snapped to speech
        self.problem_list = lambda: self.episode.check()    # what F8 walks; the problems dock puts its live list

    @property
    def episode(self):
        return self.window.episode

    @property
    def table(self):
        return self.window.table

    @property
    def player(self):
        return self.window.player

    def _line_row(self) -> int:
        """The current row when it is a spoken line, else -1 (with a status message)."""
        row = self.window.current_row()
        if self.episode is None or row < 0:
            return -1
        if self.window.model.is_header(row):
            self.window.show_status("This is a chapter header; choose a spoken line.")
            return -1
        return row

    def _playhead_seconds(self) -> float | None:
        if self.player.media_path() is None:
            self.window.show_status("No media is open: File > Open Media.")
            return None
        return self.player.position() / 1000

    def _close_field_editor(self) -> None:
        """Commit an open speaker/time editor (it would write its stale value back later); text editors stay."""
        if self.table.text_editor() is None:
            self.table.close_editor()

    def set_time_from_playhead(self, snap: bool = True) -> None:
        """Ctrl+T: the current line gets the playhead's time snapped to the speech start just before it (when the
        timeline knows one), Ctrl+Alt+T the raw playhead time; floored, one undo step."""
        self._close_field_editor()
        row, seconds = self._line_row(), self._playhead_seconds()
        if row >= 0 and seconds is not None:
            if snap and self.snap_seconds is not None:
                seconds = self.snap_seconds(seconds)
            self.window.run_edit("Set time", lambda: self.episode.set_time(row, seconds))

    def set_time_and_shift(self) -> None:
        """Ctrl+Shift+T: retime the current line and move every later timed line by the same delta, one step."""
        self._close_field_editor()
        row, seconds = self._line_row(), self._playhead_seconds()
        if row < 0 or seconds is None:
            return
        entry = self.episode.entries[row]
        old = entry.seconds

        def change():
            first = self.episode.set_time(row, seconds)
            delta = self.episode.entries[row].sec - old if old is not None else 0
            return Batch((self.episode.shift_times(row + 1, delta), first)) if delta else first
        self.window.run_edit("Set time and shift following", change)

    def insert_header(self) -> None:
        """Ctrl+Shift+H: a chapter header above the current row, its title editor open at once."""
        row = max(0, self.window.current_row())
        if self.episode is None:
            return
        self.table.close_editor()
        if self.window.run_edit("Insert chapter header", lambda: self.episode.insert_header(row, "")):
            self.table.edit_row(row)

    def insert_line(self) -> None:
        """Ctrl+Shift+Return: an empty line below the current row (same speaker), its text editor open."""
        if self.episode is None:
            return
        row = self.window.current_row()
        who = self.episode.entries[row].who if row >= 0 else None
        self.table.close_editor()
        if self.window.run_edit("Insert line", lambda: self.episode.insert_line(row + 1, "", who)):
            self.table.edit_row(row + 1)

    def delete_row(self) -> None:
        """Ctrl+Shift+Delete: remove the current row."""
        row = self.window.current_row()
        if self.episode is None or row < 0:
            return
        self.table.close_editor()
        if self.window.run_edit("Delete row", lambda: self.episode.remove(row)) and len(self.episode.entries):
            self.table.select_row(min(row, len(self.episode.entries) - 1))

    def split_at_cursor(self) -> None:
        """Ctrl+Shift+K: split the line at the text cursor; the second half is timed at the playhead."""
        row, editor = self._line_row(), self.table.text_editor()
        if row < 0:
            return
        if editor is None:
            self.window.show_status("Open the text (Enter) and put the cursor where the line should split.")
            return
        offset = editor.textCursor().position()
        seconds = self.player.position() / 1000 if self.player.media_path() is not None else None
        self.table.close_editor()
        if self.window.run_edit("Split line", lambda: self.episode.split(row, offset, seconds)):
            self.table.edit_row(row + 1)
            editor = self.table.text_editor()
            if editor is not None:
                editor.moveCursor(editor.textCursor().MoveOperation.Start)

    def merge_with_next(self) -> None:
        """Ctrl+Shift+M: append the next line's text to this one; lines of two speakers only after asking."""
        row = self._line_row()
        if row < 0:
            return
        self.table.close_editor()
        if not self._speakers_agree(row):
            return
        if self.window.run_edit("Merge lines", lambda: self.episode.merge_with_next(row)):
            self.table.select_row(row)

    def _speakers_agree(self, row: int) -> bool:
        """True when row and the next line share a speaker (or one has none), or the user agrees to merge anyway."""
        entries = self.episode.entries
        if row + 1 >= len(entries) or entries[row + 1].is_header:
            return True
        first, second = entries[row].who, entries[row + 1].who
        if not first or not second or first == second:
            return True
        answer = self.window.ask("Merge lines of two speakers?",
                                 f"Row {row + 1} is {first} and row {row + 2} is {second}. Merge them into one line "
                                 f"spoken by {first}?", Button.Yes | Button.No, Button.No)
        return answer == Button.Yes

    def goto_problem(self, direction: int) -> None:
        """F8 / Shift+F8: select the next / previous problem the checks find, and say what it is."""
        if self.episode is None:
            return
        problems = sorted(self.problem_list(), key=lambda p: p.index)
        if not problems:
            self.window.show_status("No problems found.")
            return
        row = self.window.current_row()
        after = [p for p in problems if (p.index > row if direction > 0 else p.index < row)]
        problem = (after[0] if direction > 0 else after[-1]) if after else problems[0 if direction > 0 else -1]
        self.table.select_row(problem.index)
        self.window.show_status(f"Row {problem.index + 1}: {problem.message} ({problem.code}, file line {problem.line})")

    def play_from_row(self) -> None:
        """Ctrl+Return: play from the current row's time; a chapter header plays from its first timed line."""
        row = self.window.current_row()
        if self.episode is None or row < 0 or self.player.media_path() is None:
            return
        sec = self.start_of_row(row)
        if sec is not None:
            self.player.seek(sec * 1000)
        if self.player.state() != PlaybackState.PLAYING:
            self.player.play()

    def start_of_row(self, row: int) -> float | None:
        """Where `row` starts: its own time, a header's first timed line, else the nearest timed line above."""
        entries = self.episode.entries
        if entries[row].is_header:
            for index in range(row + 1, len(entries)):
                if entries[index].is_header:
                    break
                if entries[index].sec is not None:
                    return entries[index].sec
        for index in range(row, -1, -1):
            if entries[index].sec is not None:
                return entries[index].sec
        return None
