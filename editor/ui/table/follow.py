"""Playback follow: highlight the row being spoken and keep it in view, pausing while the user works elsewhere."""
import bisect
import time

from PySide6.QtCore import QObject, Qt, QTimer

from .model import TranscriptModel
from .view import TranscriptView


class PlaybackFollower(QObject):
    """Maps player positions to rows by bisecting cached entry times; moves the current row when following."""

    def __init__(self, model: TranscriptModel, view: TranscriptView, pause_ms, clock=time.monotonic, parent=None):
        super().__init__(parent)
        self.model = model
        self.view = view
        self.enabled = True
        self._pause_ms = pause_ms          # callable returning the pause after user activity, in ms
        self._clock = clock
        self._paused_until = 0.0
        self._moving = False
        self._times: list[int] | None = None   # ms of timed rows, sorted
        self._rows: list[int] = []
        self._position_ms: int | None = None    # the last player position, to re-place the highlight after edits
        self._highlight_timer = QTimer(self, singleShot=True, interval=0)
        self._highlight_timer.timeout.connect(self._place_highlight)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._invalidate)
        model.dataChanged.connect(self._data_changed)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    def watch_selection(self) -> None:
        """Pause following whenever the user moves the current row (call after the view got its model)."""
        self.view.selectionModel().currentRowChanged.connect(self._current_moved)

    def _invalidate(self, *_args) -> None:
        """Rows or times changed: rebuild the lookup and, once the edit is over, move the highlight with them."""
        self._times = None
        self._highlight_timer.start()

    def _data_changed(self, _top_left, _bottom_right, roles=()) -> None:
        if list(roles) != [Qt.ItemDataRole.BackgroundRole]:     # not just the playing-row highlight moving
            self._invalidate()

    def _place_highlight(self) -> None:
        if self._position_ms is not None and self.model.episode is not None:
            self.model.set_playing_row(self.row_at(self._position_ms))

    def _build(self) -> None:
        pairs = []
        if self.model.episode is not None:
            pairs = sorted((entry.sec * 1000, row) for row, entry in enumerate(self.model.episode.entries)
                           if entry.sec is not None and not entry.is_header)
        self._times = [ms for ms, _ in pairs]
        self._rows = [row for _, row in pairs]

    def row_at(self, position_ms: int) -> int:
        """The last timed row starting at or before `position_ms` (-1 before the first)."""
        if self._times is None:
            self._build()
        i = bisect.bisect_right(self._times, position_ms) - 1
        return self._rows[i] if i >= 0 else -1

    def pause(self) -> None:
        """Hold following for follow_pause_ms from now (the user moved or typed)."""
        self._paused_until = self._clock() + self._pause_ms() / 1000

    def resume(self) -> None:
        """Follow again at once (a new document, not the user, moved the selection)."""
        self._paused_until = 0.0

    def is_paused(self) -> bool:
        """Whether following is on hold because of recent user activity."""
        return self._clock() < self._paused_until

    def on_position(self, position_ms: int) -> None:
        """Player tick: highlight the spoken row; bring it in as current row unless paused or editing."""
        self._position_ms = position_ms
        row = self.row_at(position_ms)
        self.model.set_playing_row(row)
        if (row < 0 or not self.enabled or self.is_paused()
                or self.view.state() == self.view.State.EditingState or self.view.current_row() == row):
            return
        self._moving = True
        try:
            self.view.select_row(row)
        finally:
            self._moving = False

    def _current_moved(self, *_args) -> None:
        if not self._moving:
            self.pause()

    def _scrolled(self, *_args) -> None:
        if not self._moving and self.view.underMouse():
            self.pause()
