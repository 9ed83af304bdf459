"""Media playback for the editor: one Player interface, a VLC backend and a Qt Multimedia fallback."""
from editor.player.signals import repair_signal_emit

# Before any signal is emitted: PySide6 6.12.0's emit() would otherwise abort the process after ~600 emits.
repair_signal_emit()

from editor.player.base import PlaybackState, Player  # noqa: E402
from editor.player.factory import create_player, vlc_available  # noqa: E402

__all__ = ["Player", "PlaybackState", "create_player", "vlc_available"]
