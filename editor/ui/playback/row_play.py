"""Play one row: from its time to the next timed row's time, then pause (Ctrl+R) or start over (Ctrl+Shift+R)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from editor.player.base import PlaybackState, Player

# A position this far outside the row means the user moved the playhead: the row play gives up.
LEFT_ROW_MS = 500


def row_bounds(entries, row: int, duration_ms: int) -> tuple[int, int] | None:
    """(start ms, end ms) of `row`: its time to the next later time below it (or the end of the media)."""
    if not 0 <= row < len(entries) or entries[row].is_header or entries[row].sec is None:
        return None
    start = entries[row].sec * 1000
    for entry in entries[row + 1:]:
        if not entry.is_header and entry.sec is not None and entry.sec * 1000 > start:
            return start, entry.sec * 1000
    return (start, duration_ms) if duration_ms > start else None


class RowPlayer(QObject):
    """Drives a Player through one row's stretch of media; stops when the user pauses or seeks elsewhere."""

    started = Signal(int, bool)      # row, looping
    finished = Signal(int)           # row: the stretch played to its end (not looping) or was stopped

    def __init__(self, player: Player, parent=None):
        super().__init__(parent)
        self.player = player
        self.duration_ms: Callable[[], int] = player.duration   # the media's length (the window: exact once known)
        self.row = -1
        self.looping = False
        self._bounds: tuple[int, int] | None = None
        self._seeking = False
        player.positionChanged.connect(self._on_position)
        player.stateChanged.connect(self._on_state)

    def play_row(self, entries, row: int, loop: bool = False) -> str | None:
        """Play `row` once (or loop it); returns why it cannot (no media, no time), else None."""
        if self.player.media_path() is None:
            return "No media is open: File > Open Media."
        bounds = row_bounds(entries, row, self.duration_ms())
        if bounds is None:
            return "This row has no time to play from; give it one with Ctrl+T."
        self.row, self.looping, self._bounds = row, loop, bounds
        self._restart()
        if self.player.state() is not PlaybackState.PLAYING:
            self.player.play()
        self.started.emit(row, loop)
        return None

    def is_active(self) -> bool:
        return self._bounds is not None

    def stop(self) -> None:
        """Stop following the row (playback itself is left as it is)."""
        if self._bounds is not None:
            row, self._bounds, self.row, self.looping = self.row, None, -1, False
            self.finished.emit(row)

    def _restart(self) -> None:
        self._seeking = True
        try:
            self.player.seek(self._bounds[0])
        finally:
            self._seeking = False

    def _on_position(self, ms: int) -> None:
        if self._bounds is None or self._seeking:
            return
        start, end = self._bounds
        if ms < start - LEFT_ROW_MS or ms > end + LEFT_ROW_MS:
            self.stop()                           # the user went elsewhere
        elif ms >= end:
            if self.looping:
                self._restart()
            else:
                self.player.pause()
                self.stop()

    def _on_state(self, state) -> None:
        if self._bounds is not None and state is not PlaybackState.PLAYING and not self._seeking:
            if state is PlaybackState.STOPPED and self.looping and self.player.media_path() is not None:
                self._restart()                   # the row runs to the end of the media: loop from its start
                self.player.play()
                return
            self.stop()
