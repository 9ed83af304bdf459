"""Installs the preferences on a window: the user's key bindings by action id, pause while typing, the dialog."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..actions import CELL_EDITOR_OWN
from .typing_pause import TypingPause

if TYPE_CHECKING:
    from .dialog import PreferencesDialog


class Preferences(QObject):
    """The window's preferences (window.preferences); Edit > Preferences calls `show()`.

    Needs the window's settings, actions, table (its delegate's pass-through keys), transport and player.
    """

    applied = Signal()          # OK was pressed in the dialog and its values are in effect

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.registry = window.actions
        self.registry.keysChanged.connect(self._keys_changed)
        self.registry.apply_overrides(self.settings.key_overrides())
        self.typing_pause = TypingPause(window.player, self.settings, window.transport.resume, self)
        window.table.delegate.editorOpened.connect(self.typing_pause.watch)

    def _keys_changed(self) -> None:
        """Cell editors let through exactly the keys the actions have now."""
        self.window.table.delegate.passthrough = self.registry.key_sequences(exclude=CELL_EDITOR_OWN)

    def dialog(self) -> PreferencesDialog:
        """A new Preferences dialog over the window (not yet shown); accepting it applies its values.

        Its module (with the shortcut editor) is loaded on first use, not at start.
        """
        from .dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.registry, self.window)
        dialog.accepted.connect(self._accepted)
        return dialog

    def show(self, page: str | None = None) -> bool:
        """Edit > Preferences: the modal dialog, on `page` ("shortcuts") if given; True when OK was pressed."""
        dialog = self.dialog()
        if page == "shortcuts":
            dialog.tabs.setCurrentWidget(dialog.shortcuts)
        try:
            return dialog.exec() == dialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _accepted(self) -> None:
        self.window.transport.apply_preferences()
        self.applied.emit()
