"""The Preferences dialog, the shortcut editor, user key bindings and pause while typing, installed on a window."""
from .controller import Preferences
from .dialog import PreferencesDialog
from .shortcut_editor import ShortcutEditor
from .typing_pause import TypingPause

__all__ = ["Preferences", "PreferencesDialog", "ShortcutEditor", "TypingPause"]
