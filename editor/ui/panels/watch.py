"""Tells a dock when the episode changed in a way it shows, so that typing in a line does not rebuild it."""
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from editor.document.changes import Replace


class ChangeWatch(QObject):
    """Calls `panel.refresh()` once after a burst of changes of the model's episode that matter to the panel.

    A replaced entry matters when `matters(old, new)` says so; inserted and removed rows and changed keys always
    do. A panel inside a hidden dock waits until it is shown again.
    """

    def __init__(self, panel: QWidget, model, matters: Callable):
        super().__init__(panel)
        self.panel = panel
        self.model = model
        self._matters = matters
        self._episode = None
        self._old = None
        self._stale = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._refresh)
        panel.installEventFilter(self)
        model.modelReset.connect(self._follow)
        self._listen()

    def _listen(self) -> None:
        """Listen to the episode the model shows now (the panel has shown it already)."""
        if self._episode is not None:
            self._episode.remove_listener(self)
        self._episode = self.model.episode
        if self._episode is not None:
            self._episode.add_listener(self)

    def _follow(self) -> None:
        """The model shows another episode: listen to it and show it."""
        self._listen()
        self.refresh_soon()

    def about_to_apply(self, change) -> None:
        self._old = self._episode.entries[change.index] if isinstance(change, Replace) else None

    def applied(self, change) -> None:
        if not isinstance(change, Replace) or self._matters(self._old, self._episode.entries[change.index]):
            self.refresh_soon()

    def refresh_soon(self) -> None:
        """Refresh once the current burst of changes is over (or when the hidden panel shows again)."""
        self._stale = True
        self._timer.start()

    def _refresh(self) -> None:
        if self.panel.isWindow() or self.panel.isVisible():
            self._stale = False
            self.panel.refresh()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.panel and event.type() == event.Type.Show and self._stale:
            self._timer.start()
        return False
