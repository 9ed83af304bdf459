"""Choosing a backend: a safe libvlc probe, and create_player() that falls back to the other backend."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject

from editor.player.base import Player

BACKENDS = ("vlc", "qt")
TITLES = {"vlc": "VLC", "qt": "Qt Multimedia"}


def vlc_available(options: Sequence[str] = ("--intf=dummy", "--quiet")) -> tuple[bool, str]:
    """Whether libvlc loads and starts here, and why not. Never raises: a bad libvlc can raise anything."""
    try:
        import vlc

        version = vlc.libvlc_get_version()
        instance = vlc.Instance(list(options))
        if instance is None:
            return False, "libvlc is installed but could not start (are VLC's plugins installed?)"
        instance.release()
        return True, f"libvlc {version.decode(errors='replace') if isinstance(version, bytes) else version}"
    except BaseException as error:  # noqa: BLE001 - a missing libvlc raises NameError, a bad path SystemExit
        return False, f"libvlc cannot be loaded ({type(error).__name__}: {error or 'no details'})"


class NoPlayer(Player):
    """Stands in when no backend works: every open reports why, the editor keeps working without media."""

    name = "none"

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason = reason

    def _open(self, path: str) -> None:
        self._fail(f"Cannot play {path}: no media backend works on this machine ({self._reason}).")

    def _play(self) -> bool:
        return False

    def _close(self) -> None:
        pass

    def _pause(self) -> None:
        pass

    def _seek(self, ms: int) -> None:
        pass

    def _set_rate(self, rate: float) -> None:
        pass

    def _set_volume(self, volume: int) -> None:
        pass

    def _create_video_widget(self):
        from editor.player.video import create_native_surface

        return create_native_surface()

    def _shutdown(self) -> None:
        pass


def _make(backend: str, parent, vlc_options, probe, start_later: bool) -> Player:
    """One backend's player; raises with a readable reason when it cannot run here."""
    if backend == "vlc":
        ok, reason = (probe or vlc_available)()
        if not ok:
            raise RuntimeError(reason)
        from editor.player.vlc_backend import APP_OPTIONS, VlcPlayer

        return VlcPlayer(parent, options=APP_OPTIONS if vlc_options is None else vlc_options)
    from editor.player.qt_backend import QtPlayer

    return QtPlayer(parent, start_later=start_later)


def create_player(
    preferred: str | None = None,
    parent: QObject | None = None,
    *,
    vlc_options: Sequence[str] | None = None,
    probe: Callable[[], tuple[bool, str]] | None = None,
    start_later: bool = False,
) -> Player:
    """A player of the `preferred` backend ("vlc", "qt"; None: Qt Multimedia), else the other one.

    Qt Multimedia is the default because it keeps the shown position within 100 ms of the sound after seeks in every
    format and at every speed; VLC is off by up to seconds in VBR MP3s (see README, "Which backend plays what").
    A player that is not the one asked for (or, in auto mode, not Qt) carries `fallback_reason`; `vlc_options`
    replaces VLC's instance options, `probe` replaces vlc_available(). With `start_later` a Qt Multimedia player
    makes its QMediaPlayer only at start_backend() (calls made before wait for it); the other backends ignore it.
    """
    if preferred not in (None, *BACKENDS):
        raise ValueError(f"unknown player backend {preferred!r}; choose one of {', '.join(BACKENDS)}")
    order = ("vlc", "qt") if preferred == "vlc" else ("qt", "vlc")
    failures = []
    for backend in order:
        try:
            player = _make(backend, parent, vlc_options, probe, start_later)
        except BaseException as error:  # noqa: BLE001 - a broken libvlc or Qt Multimedia can raise anything
            failures.append(f"{TITLES[backend]} is not available: {error}")
            continue
        if failures:
            player.fallback_reason = f"{'; '.join(failures)}. Using {TITLES[backend]} instead."
        return player
    return NoPlayer("; ".join(failures), parent)
