"""The timeline in the window: the strip between table and transport, its commands, row play and exact duration."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..playback.row_play import RowPlayer
from .widget import TimelineWidget

HEADER_CHOSEN = "This is a chapter header; choose a spoken line."


def peaks_cache_folder() -> Path:
    """Where decoded waveforms are kept between sessions: the user's cache folder of the app, "peaks"."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)) / "peaks"


class TimelineActions:
    """The window's timeline commands: nudge the row's time, play or loop the row, snap every time to speech."""

    def __init__(self, window, timeline: TimelineWidget, row_player: RowPlayer):
        self.window = window
        self.timeline = timeline
        self.row_player = row_player

    def _line_row(self) -> int:
        """The current row when it is a spoken line, else -1 (saying why in the status bar)."""
        row = self.window.current_row()
        if self.window.episode is None or row < 0:
            return -1
        if self.window.model.is_header(row):
            self.window.show_status(HEADER_CHOSEN)
            return -1
        return row

    def nudge(self, delta_seconds: int) -> None:
        """Alt+Up / Alt+Down: the current line's time a second earlier / later, one undo step."""
        row = self._line_row()
        if row < 0:
            return
        if self.window.table.text_editor() is None:
            self.window.table.close_editor()          # an open time editor would write its old value back
        if not self.timeline.nudge_current_row(delta_seconds):
            self.window.show_status(f"Row {row + 1} has no time to move; give it one with Ctrl+T.")

    def play_row(self, loop: bool = False) -> None:
        """Ctrl+R: play the current row and pause at its end; Ctrl+Shift+R: loop it (again: stop the loop)."""
        row = self._line_row()
        if row < 0:
            return
        player = self.row_player
        if loop and player.is_active() and player.looping and player.row == row:
            player.stop()
            self.window.player.pause()
            self.window.show_status(f"Row {row + 1}: loop stopped.")
            return
        reason = player.play_row(self.window.episode.entries, row, loop)
        if reason:
            self.window.show_status(reason)
        elif loop:
            self.window.show_status(f"Looping row {row + 1}: Ctrl+Shift+R or Ctrl+Space stops.")

    def apply_preferences(self) -> None:
        """Ctrl+T looks back as far as the snap window preference says for a speech start."""
        self.timeline.snap_window_s = self.window.settings.snap_window_ms / 1000

    def snap_all(self) -> None:
        """Edit > Snap All Times to Speech: preview every move, then apply them as one undo step."""
        if self.window.episode is None:
            return
        if self.window.player.media_path() is None:
            self.window.show_status("No media is open: File > Open Media.")
            return
        if self.timeline.snap_plan() is None:
            self.window.show_status("The audio is still being read; snapping works once the waveform is complete.")
            return
        self.window.table.close_editor()
        self.timeline.ask_snap_all(self.window)


def install_timeline(window, cache_dir=None) -> TimelineWidget:
    """Put the timeline into `window` (window.timeline, window.timeline_actions, window.row_player) and wire it:
    row selection both ways, snapped Ctrl+T, the exact media length for the transport and row play."""
    timeline = TimelineWidget(window.model, window.player,
                              peaks_cache_folder() if cache_dir is None else cache_dir, window.splitter)
    window.splitter.insertWidget(1, timeline)
    window.splitter.setStretchFactor(1, 0)
    timeline.set_selection_model(window.table.selectionModel())
    timeline.rowActivated.connect(window.table.select_row)
    timeline.durationKnown.connect(window.transport.set_exact_duration)
    timeline.durationKnown.connect(window._check_media_length)      # judged again by the exact length
    window.edits.snap_seconds = timeline.snap_seconds
    row_player = RowPlayer(window.player, window)
    row_player.duration_ms = window.transport.duration_ms
    window.timeline = timeline
    window.row_player = row_player
    window.timeline_actions = TimelineActions(window, timeline, row_player)
    window.timeline_actions.apply_preferences()
    window.preferences.applied.connect(window.timeline_actions.apply_preferences)
    return timeline
