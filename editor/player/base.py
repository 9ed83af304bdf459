"""The Player interface both backends implement, its state enum and the smooth position clock they share."""
from __future__ import annotations

import enum
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from editor.player.exact_length import LengthScanner
from editor.player.mp3scan import has_seek_table

MIN_RATE = 0.5
MAX_RATE = 2.0
TICK_MS = 40
# A backend report this far behind what was already shown is a real jump (not jitter): follow it backwards.
BACKWARD_JUMP_MS = 1000
# Extrapolate at most this long past the last backend report (VLC reports Ogg about once a second), then hold.
MAX_EXTRAPOLATION_S = 2.0


class PlaybackState(enum.Enum):
    """What the player is doing; STOPPED also after opening and at the end of the media."""

    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class PositionClock:
    """Smooth, monotonic playback position: extrapolates the backend's coarse reports with a monotonic clock x rate."""

    def __init__(self, now=time.perf_counter) -> None:
        """`now` returns monotonic seconds; every timestamp given to this class must come from it (tests pass a fake)."""
        self.now = now
        self.anchor_ms = 0.0
        self.anchor_time = now()
        self.rate = 1.0
        self.running = False
        self.limit_ms = 0  # duration: extrapolation stops there; 0 means unknown
        self.floor_ms = 0.0  # the highest position handed out since the last jump, so the position never runs back

    def expected(self, at: float | None = None) -> float:
        """Where playback should be at monotonic time `at` (now by default), unclamped."""
        if not self.running:
            return self.anchor_ms
        at = self.now() if at is None else at
        elapsed = min(max(at - self.anchor_time, 0.0), MAX_EXTRAPOLATION_S)
        return self.anchor_ms + elapsed * 1000.0 * self.rate

    def position(self) -> int:
        """Smoothed position in ms: extrapolated, never below what was shown before, within the duration."""
        value = max(self.expected(), self.floor_ms)
        if self.running and 0 < self.limit_ms < value:
            value = max(float(self.limit_ms), self.anchor_ms)
        self.floor_ms = value
        return int(value)

    def jump(self, ms: float, at: float | None = None) -> None:
        """Re-anchor at `ms` allowing a move backwards (seek, open, end of media)."""
        self.anchor_ms = float(max(ms, 0))
        self.anchor_time = self.now() if at is None else at
        self.floor_ms = self.anchor_ms

    def report(self, ms: float, at: float) -> None:
        """A position the backend reported at monotonic time `at`: re-anchor on it, keeping the output monotonic."""
        if ms < self.floor_ms - BACKWARD_JUMP_MS:
            self.jump(ms, at)
            return
        self.anchor_ms = float(ms)
        self.anchor_time = at

    def start(self) -> None:
        """Start extrapolating from the current position."""
        if not self.running:
            self.anchor_ms = float(self.position())
            self.anchor_time = self.now()
            self.running = True

    def stop(self) -> None:
        """Freeze at the current position."""
        if self.running:
            self.anchor_ms = float(self.position())
            self.anchor_time = self.now()
            self.running = False

    def set_rate(self, rate: float) -> None:
        """Change the speed from now on, keeping the current position."""
        self.anchor_ms = float(self.position())
        self.anchor_time = self.now()
        self.rate = rate


class Player(QObject):
    """A media player: open a file, play, pause, seek, rate, volume; a smooth position and errors as signals."""

    positionChanged = Signal(int)
    # Emitted when the length changes, and once more when an estimated length becomes exact (is_duration_estimated).
    durationChanged = Signal(int)
    stateChanged = Signal(object)
    errorOccurred = Signal(str)
    # Something the user should know that is not an error, e.g. which backend plays this file and why.
    noticeOccurred = Signal(str)
    videoAvailableChanged = Signal(bool)
    mediaLoaded = Signal(str)

    name = "base"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fallback_reason: str | None = None
        self._clock = PositionClock()
        self._state = PlaybackState.STOPPED
        self._path: str | None = None
        self._media_error = False  # the open media cannot play (an error was reported)
        self._duration = 0
        self._duration_estimated = False  # only the container's estimate is known (VBR MP3 without a seek table)
        self._exact_duration: int | None = None  # counted from the file itself; backends' reports cannot change it
        self._opened = 0  # counts opens, so a late exact length of an earlier file is ignored
        self._lengths = LengthScanner(self)
        self._lengths.found.connect(self._on_exact_duration, Qt.ConnectionType.QueuedConnection)
        self._has_video = False
        self._rate = 1.0
        self._volume = 100
        self._video_widget = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)

    # ---- public API -------------------------------------------------------------------------------------------
    def open(self, path) -> None:
        """Load a media file; errors (missing, unplayable) arrive via errorOccurred, never as exceptions."""
        self.close()
        self._path = str(path)
        self._media_error = False
        if not Path(path).is_file():
            self._fail(f"Media file not found: {self._path}")
            return
        self._opened += 1
        table = has_seek_table(self._path)
        self._duration_estimated = table is False
        self._open(self._path)
        if table is not None:
            self._lengths.start(self._path, self._opened)

    def close(self) -> None:
        """Unload the media; the player stays usable."""
        if self._path is None:
            return
        self._close()
        self._path = None
        self._clock.running = False
        self._clock.jump(0)
        self._clock.limit_ms = 0
        self._set_state(PlaybackState.STOPPED)
        self._exact_duration = None
        self._duration_estimated = False
        self._set_duration(0)
        self._set_has_video(False)
        self.positionChanged.emit(0)

    def play(self) -> None:
        """Start or resume playback."""
        if self._path is None or self._media_error or self._state is PlaybackState.PLAYING:
            return
        if self._play():
            self._set_state(PlaybackState.PLAYING)

    def pause(self) -> None:
        """Pause, keeping the position."""
        if self._state is PlaybackState.PLAYING:
            self._pause()
            self._clock.stop()
            self._set_state(PlaybackState.PAUSED)
            self.positionChanged.emit(self.position())

    def toggle(self) -> None:
        """Play when not playing, else pause."""
        if self._state is PlaybackState.PLAYING:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """Jump to `ms` exactly, also while paused or before the first play."""
        if self._path is None:
            return
        ms = max(0, int(ms))
        self._clock.jump(ms)
        self._seek(ms)
        self.positionChanged.emit(self.position())

    def position(self) -> int:
        """Current position in ms, smooth and monotonic while playing."""
        return self._clock.position()

    def duration(self) -> int:
        """Length of the media in ms, 0 when unknown; see is_duration_estimated()."""
        return self._duration

    def is_duration_estimated(self) -> bool:
        """Whether duration() is only the container's estimate (VBR MP3 without a seek table) and must not clamp
        a seek; durationChanged is emitted again when the exact length is known."""
        return self._duration_estimated

    def rate(self) -> float:
        """Playback speed factor."""
        return self._rate

    def set_rate(self, rate: float) -> None:
        """Set the speed (clamped to 0.5..2.0), keeping the position and, where the backend can, the pitch."""
        rate = min(max(float(rate), MIN_RATE), MAX_RATE)
        self._clock.set_rate(rate)
        self._rate = rate
        self._set_rate(rate)

    def volume(self) -> int:
        """Volume 0..100."""
        return self._volume

    def set_volume(self, volume: int) -> None:
        """Set the volume, clamped to 0..100."""
        self._volume = min(max(int(volume), 0), 100)
        self._set_volume(self._volume)

    def state(self) -> PlaybackState:
        """Playing, paused or stopped."""
        return self._state

    def has_video(self) -> bool:
        """Whether the open media has a picture."""
        return self._has_video

    def media_path(self) -> str | None:
        """The open media file, or None."""
        return self._path

    def video_widget(self):
        """The widget the video renders into (created on first use); the UI hides it when has_video() is False."""
        if self._video_widget is None:
            self._video_widget = self._create_video_widget()
        return self._video_widget

    def when_started(self, call) -> None:
        """Make `call` once the media engine runs: now, or for a player created to start later, when it starts
        (before the calls made to it meanwhile)."""
        call()

    def start_backend(self) -> None:
        """Start a media engine created to start later (QtPlayer(start_later=True)); the other players have theirs."""

    def shutdown(self) -> None:
        """Release backend resources; idempotent. The player is unusable afterwards."""
        self._ticker.stop()
        self.close()
        self._shutdown()

    # ---- for backends -------------------------------------------------------------------------------------------
    def _fail(self, message: str) -> None:
        """Report an error that makes the media unplayable and stop."""
        self._media_error = True
        self._clock.stop()
        self._set_state(PlaybackState.STOPPED)
        self.errorOccurred.emit(message)

    def _ended(self) -> None:
        """The media played to its end: stopped at the last position."""
        self._clock.running = False
        exact = self._duration > 0 and not self._duration_estimated
        end = self._duration if exact else self._clock.position()
        self._clock.jump(end)
        self._set_state(PlaybackState.STOPPED)
        self.positionChanged.emit(end)

    def _set_state(self, state: PlaybackState) -> None:
        if state is PlaybackState.PLAYING:
            self._ticker.start()
        else:
            self._ticker.stop()
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _set_duration(self, ms: int) -> None:
        """A length the backend reports; ignored once the exact length is known."""
        ms = max(int(ms), 0) if self._exact_duration is None else self._exact_duration
        self._clock.limit_ms = 0 if self._duration_estimated else ms
        if ms != self._duration:
            self._duration = ms
            self.durationChanged.emit(ms)

    def _on_exact_duration(self, opened: int, ms: int) -> None:
        """The length counted from the file replaces any estimate (and a truncated file's nominal length)."""
        if opened != self._opened or self._path is None or self._media_error:
            return
        self._exact_duration = ms
        was_estimated, self._duration_estimated = self._duration_estimated, False
        changed = ms != self._duration
        self._set_duration(ms)
        if was_estimated and not changed:
            self.durationChanged.emit(ms)

    def _set_has_video(self, value: bool) -> None:
        if value != self._has_video:
            self._has_video = value
            self.videoAvailableChanged.emit(value)

    def _tick(self) -> None:
        self.positionChanged.emit(self.position())

    # ---- implemented by each backend ------------------------------------------------------------------------
    def _open(self, path: str) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def _play(self) -> bool:
        """Start playback; False when the media cannot play."""
        raise NotImplementedError

    def _pause(self) -> None:
        raise NotImplementedError

    def _seek(self, ms: int) -> None:
        raise NotImplementedError

    def _set_rate(self, rate: float) -> None:
        raise NotImplementedError

    def _set_volume(self, volume: int) -> None:
        raise NotImplementedError

    def _create_video_widget(self):
        raise NotImplementedError

    def _shutdown(self) -> None:
        raise NotImplementedError
