"""Pause while typing (oTranscribe): a keystroke in a cell editor pauses playback; a quiet spell resumes it."""
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from editor.player import PlaybackState, Player

from ..settings import Settings

EDITING_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)


def is_typing(event) -> bool:
    """Whether a key press changes text: a printable character, Backspace or Delete (not Enter, Esc, arrows)."""
    text = event.text()
    return (bool(text) and text.isprintable()) or event.key() in EDITING_KEYS


class TypingPause(QObject):
    """Pauses the player on typing when the pause_while_typing preference is on; resumes typing_resume_ms later.

    It resumes only a pause it made itself: once playback plays or stops by other means in between, it lets go.
    """

    def __init__(self, player: Player, settings: Settings, resume, parent=None):
        super().__init__(parent)
        self.player = player
        self.settings = settings
        self._resume = resume               # called to play again (the transport's resume, which rewinds)
        self._holding = False               # the current pause is ours
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._quiet)
        player.stateChanged.connect(self._state_changed)

    def watch(self, editor: QWidget) -> None:
        """Listen to the key presses of a newly opened cell editor."""
        editor.installEventFilter(self)

    def is_holding(self) -> bool:
        """Whether playback is paused because of typing and will resume by itself."""
        return self._holding

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and is_typing(event):
            self.typed()
        return False

    def typed(self) -> None:
        """A keystroke: pause if playing (and wanted), and restart the quiet countdown of a pause we hold."""
        if not self.settings.pause_while_typing:
            return
        if self.player.state() == PlaybackState.PLAYING:
            self.player.pause()
            self._holding = True
        if self._holding:
            self._timer.start(max(0, self.settings.typing_resume_ms))

    def _quiet(self) -> None:
        if self._holding and self.player.state() == PlaybackState.PAUSED:
            self._holding = False
            self._resume()

    def _state_changed(self, state) -> None:
        if state != PlaybackState.PAUSED:   # the user played or stopped: the pause is no longer ours to end
            self._holding = False
            self._timer.stop()
