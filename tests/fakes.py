"""A Player without audio for ui tests: the real base class's state machine and signals on a clock the test drives."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from editor.player.base import PlaybackState, Player, PositionClock

VIDEO_SUFFIXES = {".mp4", ".m4v", ".mkv", ".mov", ".webm", ".avi"}
DEFAULT_DURATION_MS = 60_000
# The fake backend reports its position this often while time is advanced (real backends: 40 ms to 1 s).
REPORT_STEP_S = 0.25


class ManualClock(PositionClock):
    """A PositionClock whose monotonic time only moves when the test says so (its `time` attribute)."""

    def __init__(self) -> None:
        self.time = 1000.0
        super().__init__(now=lambda: self.time)


class FakePlayer(Player):
    """Opens any existing file as `duration_ms` of media (with a picture for video suffixes); time moves by advance().

    Loading finishes on the next event loop pass, like the real backends, with durationChanged, videoAvailableChanged
    and mediaLoaded; paths in `unplayable` fail there as a damaged file does. Playing moves nothing until the test
    calls advance(ms), which then reports the position as a perfect backend would and stops at the end of the media.
    """

    name = "fake"

    def __init__(self, duration_ms: int = DEFAULT_DURATION_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = ManualClock()
        self._lengths.found.disconnect()   # the fake's media lasts media_duration_ms, whatever the real file counts
        self.duration_estimated = False    # True: media_duration_ms is reported as a backend's estimate
        self.media_duration_ms = duration_ms
        self.unplayable: set[str] = set()
        self._loaded = False
        self._at_end = False

    def advance(self, ms: float) -> None:
        """Let `ms` of time pass: while playing, the media moves by ms x rate and positionChanged is emitted."""
        remaining = ms / 1000.0
        while remaining > 0:
            step = min(remaining, REPORT_STEP_S)
            remaining -= step
            if self._state is not PlaybackState.PLAYING:
                self._clock.time += step
                continue
            target = self._clock.expected() + step * 1000.0 * self._rate
            self._clock.time += step
            if 0 < self._duration <= target:
                self._at_end = True
                self._ended()
                continue
            self._clock.report(target, self._clock.time)
            self.positionChanged.emit(self.position())

    def is_loaded(self) -> bool:
        """Whether the open media has finished loading."""
        return self._loaded

    # ---- Player hooks ---------------------------------------------------------------------------------------------
    def _open(self, path: str) -> None:
        self._loaded = False
        self._at_end = False
        QTimer.singleShot(0, self, lambda: self._finish_loading(path))

    def _finish_loading(self, path: str) -> None:
        if path != self._path or self._loaded:
            return
        if path in self.unplayable:
            self._fail(f"Cannot play {path}: the fake player was told it is damaged.")
            return
        self._loaded = True
        self._duration_estimated = self.duration_estimated
        self._set_duration(self.media_duration_ms)
        self._set_has_video(Path(path).suffix.lower() in VIDEO_SUFFIXES)
        self.mediaLoaded.emit(path)

    def _close(self) -> None:
        self._loaded = False
        self._at_end = False

    def _play(self) -> bool:
        if self._at_end:
            self._at_end = False
            self._clock.jump(0)
        self._clock.start()
        return True

    def _pause(self) -> None:
        pass

    def _seek(self, ms: int) -> None:
        self._at_end = False

    def _set_rate(self, rate: float) -> None:
        pass

    def _set_volume(self, volume: int) -> None:
        pass

    def _create_video_widget(self) -> QWidget:
        widget = QWidget()
        widget.setMinimumSize(160, 90)
        return widget

    def _shutdown(self) -> None:
        self._loaded = False
