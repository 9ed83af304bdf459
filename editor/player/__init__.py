"""Media playback for the editor: one Player interface, a VLC backend and a Qt Multimedia fallback."""
from editor.player.refcount_guard import make_singletons_immortal

# Before anything else runs: PySide6 6.12.0 on Python < 3.12 would otherwise abort the process after a few
# thousand Qt calls (see editor.player.refcount_guard.py).
make_singletons_immortal()

from editor.player.base import PlaybackState, Player  # noqa: E402
from editor.player.factory import create_player, vlc_available  # noqa: E402

__all__ = ["Player", "PlaybackState", "create_player", "vlc_available"]
