"""The VLC backend (python-vlc): VLC's events are relayed to the GUI thread through a queued Qt signal."""
from __future__ import annotations

import time
from pathlib import Path

import vlc
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from editor.player.base import PlaybackState, Player
from editor.player.video import create_native_surface, embed_vlc

APP_OPTIONS = ("--intf=dummy", "--quiet", "--no-video-title-show")
# Headless tests: no sound card, no display, no interface.
TEST_OPTIONS = ("--aout=adummy", "--no-video", "--intf=dummy", "--quiet")
# A seek whose first report lands further than this from where playback should be is reported as inaccurate.
SEEK_TOLERANCE_MS = 400
SEEK_CHECK_MS = 300
# VLC may still report the old place this long after a seek: such far-off reports are ignored, not judged.
SEEK_SETTLE_S = 0.6

# VLC's own MP3 demuxer guesses byte offsets from the bitrate: after seeks in VBR files it showed positions seconds
# away from the sound; with FFmpeg's demuxer it stays 75 ms (max 120) ahead at 1x (tests/benchmarks/bench_player.py).
MEDIA_OPTIONS = {".mp3": (":demux=avformat",)}
# Even so VLC's shown position strays more than 100 ms from the sound after seeks in these formats (MP3 up to 170 ms
# at 1.5x; Ogg Vorbis seeks land seconds off or end playback).
INACCURATE = frozenset({".mp3", ".ogg", ".oga"})

EVENTS = {
    "playing": vlc.EventType.MediaPlayerPlaying,
    "end": vlc.EventType.MediaPlayerEndReached,
    "error": vlc.EventType.MediaPlayerEncounteredError,
    "time": vlc.EventType.MediaPlayerTimeChanged,
    "length": vlc.EventType.MediaPlayerLengthChanged,
}


def tenths_text(ms: int) -> str:
    """ms as m:ss.d, precise enough to show how far a seek landed from its target."""
    return f"{ms // 60000}:{ms % 60000 / 1000:04.1f}"


class _Relay(QObject):
    """Carries VLC events (generation, kind, value, monotonic time) from VLC's threads to the GUI thread."""

    event = Signal(int, str, object, float)


class VlcPlayer(Player):
    """Plays media with libvlc; position extrapolated between VLC's 250-500 ms time reports."""

    name = "vlc"

    def __init__(self, parent: QObject | None = None, options=APP_OPTIONS) -> None:
        super().__init__(parent)
        self._instance = vlc.Instance(list(options))
        if self._instance is None:
            raise RuntimeError("libvlc could not create an instance")
        self._mp = self._instance.media_player_new()
        self._media = None
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._events = self._mp.event_manager()
        for kind, event_type in EVENTS.items():
            self._events.event_attach(event_type, self._vlc_callback, kind)
        self._reset_media_flags()

    def _reset_media_flags(self) -> None:
        self._bad = False  # the media cannot play; an error was reported
        self._loaded = False  # parsed and announced with mediaLoaded
        self._starting = False  # play() was called, VLC's Playing event has not arrived yet
        self._started = False  # VLC is playing or paused (set_time works); False when fresh or after the end
        self._pending_seek: int | None = None
        self._progressed = False  # VLC reported a time > 0 or a seek was applied since open
        self._seek_check: int | None = None  # target ms of a seek whose landing is not verified yet
        self._seek_warned = False
        self._seek_time = 0.0

    # ---- VLC thread -> GUI thread --------------------------------------------------------------------------
    def _vlc_callback(self, event, kind) -> None:
        """Runs on a VLC thread (or synchronously inside a VLC call): only forwards, never calls into VLC."""
        value = None
        if kind == "time":
            value = event.u.new_time
        elif kind == "length":
            value = event.u.new_length
        try:
            self._relay.event.emit(self._generation, kind, value, time.perf_counter())
        except RuntimeError:  # the Qt side is already gone during shutdown
            pass

    def _parsed_callback(self, event, generation) -> None:
        try:
            self._relay.event.emit(generation, "parsed", None, time.perf_counter())
        except RuntimeError:
            pass

    def _on_event(self, generation: int, kind: str, value, at: float) -> None:
        """GUI thread: act on one VLC event of the current media."""
        if generation != self._generation or self._media is None or self._bad:
            return
        getattr(self, f"_on_{kind}")(value, at)

    def _on_parsed(self, _value, _at) -> None:
        status = self._media.get_parsed_status()
        if status == vlc.MediaParsedStatus.failed:
            self._unplayable()
            return
        tracks = list(self._media.tracks_get() or []) if status == vlc.MediaParsedStatus.done else []
        if status == vlc.MediaParsedStatus.done and not tracks:
            self._unplayable()
            return
        if self._loaded:
            return
        self._loaded = True
        if self._media.get_duration() > 0 and self._duration == 0:
            self._set_duration(self._media.get_duration())
        self._set_has_video(any(track.type == vlc.TrackType.video for track in tracks))
        self.mediaLoaded.emit(self._path)

    def _on_playing(self, _value, at) -> None:
        first = not self._started
        self._started = True
        self._starting = False
        if first:
            self._mp.audio_set_volume(self._volume)
            if self._rate != 1.0:
                self._mp.set_rate(self._rate)
            if self._pending_seek is not None:
                target, self._pending_seek = self._pending_seek, None
                self._apply_seek(target)
            else:
                self._clock.jump(max(self._mp.get_time(), 0), at)
        if self._state is PlaybackState.PAUSED:
            self._mp.set_pause(1)
        elif self._state is PlaybackState.PLAYING:
            self._clock.start()

    def _on_time(self, ms, at) -> None:
        if at < self._seek_time:
            return  # reported before the latest seek
        if ms > 0:
            self._progressed = True
        settling = at - self._seek_time < SEEK_SETTLE_S
        if self._seek_check is not None and settling and abs(ms - self._seek_check) > SEEK_TOLERANCE_MS:
            return  # most likely a report of the place before the seek
        if self._seek_check is not None and ms != self._seek_check and self._state is PlaybackState.PLAYING:
            target, self._seek_check = self._seek_check, None
            if ms < target - SEEK_TOLERANCE_MS or ms > self._clock.expected(at) + SEEK_TOLERANCE_MS:
                self._report_bad_seek(target, ms)
        self._clock.report(ms, at)

    def _on_length(self, ms, _at) -> None:
        if ms > 0:
            self._set_duration(ms)

    def _on_end(self, _value, _at) -> None:
        if not self._progressed:
            self._unplayable()
        else:
            self._ended()
        self._started = self._starting = False
        self._seek_check = None
        self._mp.stop()  # safe: this runs from the Qt event loop, not inside VLC's callback

    def _on_error(self, _value, _at) -> None:
        self._bad = True
        self._fail(f"VLC could not play {self._path}: the file is damaged or in a format VLC does not support.")

    def _unplayable(self) -> None:
        self._bad = True
        self._fail(
            f"{self._path} contains no audio or video that VLC can play "
            "(it may be damaged, cut off, or not a media file)."
        )

    # ---- seeking --------------------------------------------------------------------------------------------
    def _apply_seek(self, ms: int) -> None:
        self._seek_time = time.perf_counter()
        self._clock.jump(ms, self._seek_time)
        self._mp.set_time(ms)
        self._progressed = True
        self._seek_check = ms
        generation = self._generation
        QTimer.singleShot(SEEK_CHECK_MS, self, lambda: self._check_paused_seek(generation, ms))

    def _check_paused_seek(self, generation: int, target: int) -> None:
        """While paused VLC sends no time reports: ask where the seek landed."""
        if generation != self._generation or self._state is not PlaybackState.PAUSED or self._seek_check != target:
            return
        self._seek_check = None
        landed = self._mp.get_time()
        if abs(landed - target) > SEEK_TOLERANCE_MS:
            self._report_bad_seek(target, landed)
            self._clock.jump(landed)
            self.positionChanged.emit(self.position())

    def _report_bad_seek(self, target: int, landed: int) -> None:
        if self._seek_warned:
            return
        self._seek_warned = True
        self.errorOccurred.emit(
            f"{Path(self._path).name} seeks inaccurately with VLC (a jump to {tenths_text(target)} landed at "
            f"{tenths_text(landed)}); play it with the Qt Multimedia backend (--backend qt)."
        )

    # ---- backend operations ---------------------------------------------------------------------------------
    def _open(self, path: str) -> None:
        if self._instance is None:
            self._fail(f"Cannot open {path}: the VLC player was shut down.")
            return
        self._reset_media_flags()
        self._media = self._instance.media_new_path(path)
        suffix = Path(path).suffix.lower()
        for option in MEDIA_OPTIONS.get(suffix, ()):
            self._media.add_option(option)
        if suffix in INACCURATE:
            self.noticeOccurred.emit(
                f"VLC may show a position more than 0.1 s away from the sound (Ogg: seconds) after seeking in "
                f"{Path(path).name}; the Qt Multimedia backend plays it accurately."
            )
        generation = self._generation
        self._media.event_manager().event_attach(
            vlc.EventType.MediaParsedChanged, self._parsed_callback, generation
        )
        self._mp.set_media(self._media)
        self._media.parse_with_options(vlc.MediaParseFlag.local, 5000)

    def _close(self) -> None:
        if self._mp is not None:
            self._mp.stop()
        self._generation += 1
        if self._media is not None:
            self._media.event_manager().event_detach(vlc.EventType.MediaParsedChanged)
            self._media.release()
            self._media = None
        self._reset_media_flags()

    def _play(self) -> bool:
        if self._bad or self._media is None:
            return False
        if self._started:
            self._mp.set_pause(0)  # VLC's Playing event starts the clock: the sound resumes a little later
            return True
        if self._starting:
            return True  # still starting (a pause came in between): the Playing event resumes it
        self._starting = True
        if self._pending_seek is None:
            self._clock.jump(0)  # a fresh start (or a replay after the end) begins at 0
        if self._video_widget is None or not embed_vlc(self._mp, self._video_widget):
            # No surface to draw into: never let libvlc pick a video output itself (it opened a libcaca window
            # of its own and crashed).
            self._media.add_option(":no-video")
        self._mp.play()
        return True

    def _pause(self) -> None:
        if self._started:
            self._mp.set_pause(1)

    def _seek(self, ms: int) -> None:
        if self._started:
            self._apply_seek(ms)
        else:
            self._pending_seek = ms

    def _set_rate(self, rate: float) -> None:
        if self._started:
            self._mp.set_rate(rate)

    def _set_volume(self, volume: int) -> None:
        if self._started:
            self._mp.audio_set_volume(volume)

    def _create_video_widget(self):
        return create_native_surface()

    def _shutdown(self) -> None:
        if self._instance is None:
            return
        for event_type in EVENTS.values():
            self._events.event_detach(event_type)
        self._mp.stop()
        self._mp.release()
        self._mp = None
        self._instance.release()
        self._instance = None
