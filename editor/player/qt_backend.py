"""The Qt Multimedia backend (QMediaPlayer): plays on the system clock even without an audio device."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QUrl
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


class QtPlayer(Player):
    """Plays media with QMediaPlayer, sharing the process-wide audio output."""

    name = "qt"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mp = QMediaPlayer(self)
        self._mp.setAudioOutput(shared_audio_output())
        if self._mp.pitchCompensationAvailability() != QMediaPlayer.PitchCompensationAvailability.Unavailable:
            self._mp.setPitchCompensation(True)
        self._mp.mediaStatusChanged.connect(self._on_status)
        self._mp.errorOccurred.connect(self._on_error)
        self._mp.durationChanged.connect(self._set_duration)
        self._mp.hasVideoChanged.connect(self._set_has_video)
        self._mp.positionChanged.connect(self._on_position)
        self._reset_media_flags()

    def _reset_media_flags(self) -> None:
        self._loaded = False  # LoadedMedia reached: setPosition works
        self._bad = False
        self._at_end = False  # EndOfMedia reached and not sought since: play() starts again from 0
        self._pending_seek: int | None = None

    # ---- QMediaPlayer signals -------------------------------------------------------------------------------
    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self._path is None or self._bad:
            return
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not self._loaded:
            self._loaded = True
            self._set_duration(self._mp.duration())
            self._set_has_video(self._mp.hasVideo())
            if self._pending_seek is not None:
                target, self._pending_seek = self._pending_seek, None
                self._mp.setPosition(target)
            self.mediaLoaded.emit(self._path)
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._at_end = True
            self._ended()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if self._path is None or self._bad or error == QMediaPlayer.Error.NoError:
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

    def _on_position(self, ms: int) -> None:
        if self._state is PlaybackState.PLAYING and self._loaded and not self._at_end:
            self._clock.report(ms, self._clock.now())

    # ---- backend operations ---------------------------------------------------------------------------------
    def _open(self, path: str) -> None:
        self._reset_media_flags()
        self._mp.setSource(QUrl.fromLocalFile(path))

    def _close(self) -> None:
        self._mp.stop()
        self._mp.setSource(QUrl())
        self._reset_media_flags()

    def _play(self) -> bool:
        if self._bad:
            return False
        if self._at_end:
            self._at_end = False
            self._clock.jump(0)
        self._set_volume(self._volume)
        self._mp.play()
        self._clock.start()
        return True

    def _pause(self) -> None:
        self._mp.pause()

    def _seek(self, ms: int) -> None:
        self._at_end = False
        if self._loaded:
            self._mp.setPosition(ms)
        else:
            self._pending_seek = ms

    def _set_rate(self, rate: float) -> None:
        self._mp.setPlaybackRate(rate)

    def _set_volume(self, volume: int) -> None:
        output = self._mp.audioOutput()
        if output is not None:
            output.setVolume(
                QtAudio.convertVolume(volume / 100, QtAudio.VolumeScale.LogarithmicVolumeScale,
                                      QtAudio.VolumeScale.LinearVolumeScale)
            )

    def _create_video_widget(self):
        widget = create_video_widget()
        self._mp.setVideoOutput(widget)
        return widget

    def _shutdown(self) -> None:
        self._mp.stop()
        self._mp.setVideoOutput(None)
