"""The Qt Multimedia backend (QMediaPlayer): plays on the system clock even without an audio device.

Every call that changes the QMediaPlayer (or the shared audio output) is queued on the event loop as a C++ slot
invocation instead of being made from Python. QMediaPlayer's FFmpeg threads can hold a Qt mutex while they wait
for the GIL (their objects are connected to our Python-created QAudioOutput, and every event goes through the
Python-created QApplication), so a blocking call such as stop() or setSource() made while Python holds the GIL can
deadlock. Run from the event loop, the same calls run with the GIL released. One queue keeps their order.

QtPlayer(start_later=True) creates no QMediaPlayer (loading the FFmpeg plugin takes a while) until start_backend():
the calls made before wait in that order and are queued then. The editor starts its player after the first paint.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Q_ARG, SIGNAL, SLOT, QCoreApplication, QMetaObject, QObject, Qt, QTimer, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QtAudio

from editor.player.base import PlaybackState, Player
from editor.player.video import create_video_widget

_audio_output: QAudioOutput | None = None


def shared_audio_output() -> QAudioOutput:
    """The one QAudioOutput of the process: Qt 6.12 crashes when player/output pairs are created and destroyed."""
    global _audio_output
    if _audio_output is None:
        _audio_output = QAudioOutput(QCoreApplication.instance())
    return _audio_output


def queue_call(target: QObject, slot: str, *args) -> None:
    """Call `slot` of `target` from the event loop (C++, GIL released), after every call queued before it."""
    if not QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.QueuedConnection, *args):
        raise RuntimeError(f"cannot queue {type(target).__name__}.{slot}")


class QtPlayer(Player):
    """Plays media with QMediaPlayer, sharing the process-wide audio output; its calls are queued (see module)."""

    name = "qt"

    def __init__(self, parent: QObject | None = None, *, start_later: bool = False) -> None:
        super().__init__(parent)
        self._mp: QMediaPlayer | None = None  # None before start_backend() and after shutdown()
        self._shut_down = False
        self._waiting: list[Callable[[], None]] = []  # calls made before start_backend(); it makes them in order
        self._queued_url = QUrl()  # the source the last queued setSource gives the QMediaPlayer
        self._unapplied_sources = 0  # queued setSource calls the QMediaPlayer has not performed yet
        self._reset_media_flags()
        if not start_later:
            self.start_backend()

    def start_backend(self) -> None:
        """Create the QMediaPlayer and queue the calls made before, in order; does nothing when it exists."""
        if self._mp is not None or self._shut_down:
            return
        # Owned by the application, never by this object: it is deleted by deleteLater from the event loop,
        # not by Python's garbage collector or a parent's destructor while its threads may still run.
        self._mp = QMediaPlayer(QCoreApplication.instance())
        self._mp.setAudioOutput(shared_audio_output())
        if self._mp.pitchCompensationAvailability() != QMediaPlayer.PitchCompensationAvailability.Unavailable:
            self._mp.setPitchCompensation(True)
        self._mp.sourceChanged.connect(self._on_source)
        self._mp.mediaStatusChanged.connect(self._on_status)
        self._mp.errorOccurred.connect(self._on_error)
        self._mp.durationChanged.connect(self._on_duration)
        self._mp.hasVideoChanged.connect(self._on_has_video)
        self._mp.positionChanged.connect(self._on_position)
        # Garbage collected without shutdown(): the QMediaPlayer still goes through deleteLater (a C++ connection).
        QObject.connect(self, SIGNAL("destroyed()"), self._mp, SLOT("deleteLater()"))
        if self._video_widget is not None:  # asked for before: it gets the picture before any source is set
            self._mp.setVideoOutput(self._video_widget)
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call()

    def _reset_media_flags(self) -> None:
        self._loaded = False  # LoadedMedia reached: setPosition works
        self._bad = False
        self._at_end = False  # EndOfMedia reached and not sought since: play() starts again from 0
        self._pending_seek: int | None = None
        self._queued_seeks = 0  # setPosition calls queued and not yet run: position reports until then are stale
        self._confirm_from: int | None = None  # the clock waits for a report that moved on from here (see _play)
        self._progressed = False  # playback moved at least once since open

    def when_started(self, call: Callable[[], None]) -> None:
        """Make `call` now when the QMediaPlayer exists, else when start_backend() creates it; never after shutdown."""
        if self._mp is not None:
            call()
        elif not self._shut_down:
            self._waiting.append(call)

    def _queue(self, slot: str, *args) -> None:
        """Queue a QMediaPlayer slot call (once there is a QMediaPlayer); nothing after shutdown."""
        self.when_started(lambda: queue_call(self._mp, slot, *args))

    def _queue_source(self, url: QUrl) -> None:
        """Queue setSource(url) (which also stops), unless the queue already ends on that source."""
        if self._shut_down or url == self._queued_url:
            return
        self._queued_url = url
        self._unapplied_sources += 1
        self._queue("setSource", Q_ARG(QUrl, url))

    def _current(self) -> bool:
        """Whether the QMediaPlayer's signals are about the media open now (not one closed since)."""
        return self._mp is not None and self._unapplied_sources == 0 and self._path is not None and not self._bad

    # ---- QMediaPlayer signals -------------------------------------------------------------------------------
    def _on_source(self, _url: QUrl) -> None:
        self._unapplied_sources = max(self._unapplied_sources - 1, 0)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._current():
            return
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not self._loaded:
            self._loaded = True
            self._set_duration(self._mp.duration())
            self._set_has_video(self._mp.hasVideo())
            if self._pending_seek is not None:
                target, self._pending_seek = self._pending_seek, None
                self._queue("setPosition", Q_ARG("qint64", target))
            self.mediaLoaded.emit(self._path)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and not self._progressed and self._mp.duration() <= 0:
            # Qt "plays" some non-media files (random bytes named .mp3) as an empty stream that ends at once.
            self._bad = True
            self._fail(f"{self._path} contains no audio or video that Qt Multimedia can play "
                       "(it may be damaged, cut off, or not a media file).")
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._at_end = True
            self._ended()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if not self._current() or error == QMediaPlayer.Error.NoError:
            return
        self._bad = True
        if error == QMediaPlayer.Error.ResourceError:
            message = f"Cannot read {self._path}: {text or 'the file could not be opened'}."
        elif error == QMediaPlayer.Error.FormatError:
            message = (
                f"{self._path} contains no audio or video that Qt Multimedia can play "
                "(it may be damaged, cut off, or not a media file)."
            )
        else:
            message = f"Cannot play {self._path}: {text}"
        self._fail(message)

    def _on_duration(self, ms: int) -> None:
        if self._current():
            self._set_duration(ms)

    def _on_has_video(self, value: bool) -> None:
        if self._current():
            self._set_has_video(value)

    def _on_position(self, ms: int) -> None:
        if not self._current() or self._state is not PlaybackState.PLAYING or not self._loaded or self._at_end:
            return
        if self._queued_seeks:
            return
        if self._confirm_from is None:
            self._clock.report(ms, self._clock.now())
        elif ms != self._confirm_from:
            # Playback really moved: the sound plays from here on, so the clock starts now, not at play()/seek().
            self._confirm_from = None
            self._progressed = True
            self._clock.jump(ms)
            self._clock.start()

    def _seek_applied(self) -> None:
        """Runs after a queued setPosition: later position reports are about the new place."""
        self._queued_seeks = max(self._queued_seeks - 1, 0)

    # ---- backend operations ---------------------------------------------------------------------------------
    def _open(self, path: str) -> None:
        self._reset_media_flags()
        self._queue_source(QUrl.fromLocalFile(path))

    def _close(self) -> None:
        self._queue_source(QUrl())
        self._reset_media_flags()

    def _play(self) -> bool:
        if self._bad:
            return False
        if self._at_end:
            self._at_end = False
            self._clock.jump(0)
        self._set_volume(self._volume)
        self._queue("play")
        self._await_sound()
        return True

    def _await_sound(self) -> None:
        """Hold the clock at the current position until Qt reports that playback moved on from it."""
        self._clock.stop()
        self._confirm_from = self._clock.position()

    def _pause(self) -> None:
        self._queue("pause")

    def _seek(self, ms: int) -> None:
        self._at_end = False
        if self._loaded:
            self._queue("setPosition", Q_ARG("qint64", ms))
            self._queued_seeks += 1
            QTimer.singleShot(0, self, self._seek_applied)  # queued after the setPosition call: runs after it
        else:
            self._pending_seek = ms
        if self._state is PlaybackState.PLAYING:
            self._await_sound()

    def _set_rate(self, rate: float) -> None:
        self._queue("setPlaybackRate", Q_ARG(float, rate))

    def _set_volume(self, volume: int) -> None:
        linear = QtAudio.convertVolume(volume / 100, QtAudio.VolumeScale.LogarithmicVolumeScale,
                                       QtAudio.VolumeScale.LinearVolumeScale)
        self.when_started(lambda: queue_call(shared_audio_output(), "setVolume", Q_ARG("float", linear)))

    def _create_video_widget(self):
        widget = create_video_widget()
        if self._mp is not None:
            # Not a slot, so it cannot be queued; the UI asks for the widget before any media is open.
            self._mp.setVideoOutput(widget)
        return widget

    def _shutdown(self) -> None:
        self._waiting.clear()
        if self._mp is not None:
            self._queue_source(QUrl())  # setSource stops playback first
            # Run the queued calls now, with the GIL released (sendPostedEvents is allow-thread), so playback has
            # stopped when shutdown returns even if no event loop runs again; the loop then deletes the idle player.
            QCoreApplication.sendPostedEvents(self._mp, 0)
            self._mp.deleteLater()
            self._mp = None
        self._shut_down = True
