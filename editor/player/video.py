"""The one widget module of the player: the surface video renders into (native child for VLC, QVideoWidget for Qt)."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


class NativeVideoSurface(QWidget):
    """A black native child window that VLC draws into; input on it goes to the app, not to VLC."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.setPalette(palette)
        self.setMinimumSize(160, 90)


def create_native_surface(parent: QWidget | None = None) -> QWidget:
    """The surface for the VLC backend."""
    return NativeVideoSurface(parent)


def create_video_widget(parent: QWidget | None = None) -> QWidget:
    """The surface for the Qt Multimedia backend (pass it to QMediaPlayer.setVideoOutput).

    Imported here, not at the top: Qt Multimedia needs libpulse, and the VLC backend must start without it.
    """
    from PySide6.QtMultimediaWidgets import QVideoWidget

    widget = QVideoWidget(parent)
    widget.setMinimumSize(160, 90)
    return widget


def embed_vlc(media_player, surface: QWidget) -> bool:
    """Point a vlc.MediaPlayer at `surface`; False where this platform cannot embed (offscreen, Wayland)."""
    platform = QGuiApplication.platformName()
    window = int(surface.winId())
    media_player.video_set_mouse_input(False)
    media_player.video_set_key_input(False)
    if sys.platform.startswith("win"):
        media_player.set_hwnd(window)
    elif sys.platform == "darwin":
        media_player.set_nsobject(window)
    elif platform == "xcb":
        media_player.set_xwindow(window)
    else:
        return False
    return True
