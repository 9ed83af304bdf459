"""Media playback for the editor: one Player interface, a Qt Multimedia backend (the default) and a VLC backend."""
from editor.player.base import PlaybackState, Player
from editor.player.factory import create_player, vlc_available

__all__ = ["Player", "PlaybackState", "create_player", "vlc_available"]
