"""The editor's default player: for each file, the backend that keeps the shown position on the audio.

VLC positions are wrong by up to seconds after seeks in VBR MP3s and several other formats (measured by the truth
harness in tests/player); Qt Multimedia seeks them exactly. VLC keeps the formats it plays accurately.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject

from editor.player.base import PlaybackState, Player

# Extensions VLC seeks and reports to within 100 ms (tests/player/test_truth.py); everything else plays with Qt.
VLC_ACCURATE = frozenset({".wav"})
RELAYED = ("positionChanged", "durationChanged", "stateChanged", "errorOccurred", "videoAvailableChanged",
           "mediaLoaded", "noticeOccurred")


def backend_for(path: str) -> str:
    """"vlc" or "qt": the backend that plays `path` accurately."""
    return "vlc" if Path(path).suffix.lower() in VLC_ACCURATE else "qt"


class AutoPlayer(Player):
    """Delegates to a VLC or a Qt player chosen per file; says so (noticeOccurred) when it leaves VLC for a file."""

    def __init__(self, makers: dict, parent: QObject | None = None) -> None:
        """`makers` maps "vlc" and "qt" to a function making that backend's player for a given parent."""
        super().__init__(parent)
        self._makers = makers
        self._players: dict[str, Player] = {}
        self._active = self._player("vlc")
        self._surface = None

    @property
    def name(self) -> str:
        """The backend playing the current file."""
        return self._active.name

    def _player(self, backend: str) -> Player:
        """The inner player of `backend`, created on first use, its signals relayed while it is the active one."""
        if backend not in self._players:
            player = self._makers[backend](self)
            for signal in RELAYED:
                getattr(player, signal).connect(partial(self._relay, player, signal))
            self._players[backend] = player
        return self._players[backend]

    def _relay(self, player: Player, signal: str, *args) -> None:
        if player is self._active:
            getattr(self, signal).emit(*args)

    def _switch(self, backend: str) -> None:
        """Make `backend` the active player, carrying over the speed, the volume and the video surface."""
        player = self._player(backend)
        if player is self._active:
            return
        self._active.close()
        player.set_rate(self._active.rate())
        player.set_volume(self._active.volume())
        if self._surface is not None:
            self._surface.show_only(player.video_widget())
        self._active = player

    def open(self, path) -> None:
        """Open `path` with the backend that plays its format accurately."""
        backend = backend_for(str(path))
        self._switch(backend)
        self._active.open(path)
        if backend == "qt":
            self.noticeOccurred.emit(
                f"Playing {Path(path).name} with Qt Multimedia: VLC shows wrong positions after seeks in "
                f"{Path(path).suffix or 'this'} files."
            )

    def close(self) -> None:
        self._active.close()

    def play(self) -> None:
        self._active.play()

    def pause(self) -> None:
        self._active.pause()

    def toggle(self) -> None:
        self._active.toggle()

    def seek(self, ms: int) -> None:
        self._active.seek(ms)

    def position(self) -> int:
        return self._active.position()

    def duration(self) -> int:
        return self._active.duration()

    def is_duration_estimated(self) -> bool:
        return self._active.is_duration_estimated()

    def rate(self) -> float:
        return self._active.rate()

    def set_rate(self, rate: float) -> None:
        self._active.set_rate(rate)

    def volume(self) -> int:
        return self._active.volume()

    def set_volume(self, volume: int) -> None:
        self._active.set_volume(volume)

    def state(self) -> PlaybackState:
        return self._active.state()

    def has_video(self) -> bool:
        return self._active.has_video()

    def media_path(self) -> str | None:
        return self._active.media_path()

    def video_widget(self):
        """One widget for the UI holding each backend's own surface, showing the active one."""
        if self._surface is None:
            from editor.player.video import SurfaceStack

            self._surface = SurfaceStack()
            self._surface.show_only(self._active.video_widget())
        return self._surface

    def shutdown(self) -> None:
        for player in self._players.values():
            player.shutdown()
