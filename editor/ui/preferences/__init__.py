"""The Preferences dialog, the shortcut editor, user key bindings and pause while typing, installed on a window.

The dialog (dialog.PreferencesDialog, with shortcut_editor.ShortcutEditor) is imported when Preferences opens,
not at start: import it from its module.
"""
from .controller import Preferences
from .typing_pause import TypingPause

__all__ = ["Preferences", "TypingPause"]
