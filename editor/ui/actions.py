"""Every user command of the window, declared once: id, menu text, default shortcut, shortcut context, menu."""
import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

APP = Qt.ShortcutContext.ApplicationShortcut
WINDOW = Qt.ShortcutContext.WindowShortcut
Std = QKeySequence.StandardKey


class ActionId(enum.Enum):
    """One member per user command."""

    OPEN = enum.auto()
    OPEN_MEDIA = enum.auto()
    SAVE = enum.auto()
    SAVE_AS = enum.auto()
    QUIT = enum.auto()
    UNDO = enum.auto()
    REDO = enum.auto()
    FIND = enum.auto()
    FIND_NEXT = enum.auto()
    FIND_PREVIOUS = enum.auto()
    REPLACE = enum.auto()
    SET_TIME = enum.auto()
    SET_TIME_SHIFT = enum.auto()
    INSERT_HEADER = enum.auto()
    INSERT_LINE = enum.auto()
    DELETE_ROW = enum.auto()
    SPLIT = enum.auto()
    MERGE = enum.auto()
    NEXT_PROBLEM = enum.auto()
    PREVIOUS_PROBLEM = enum.auto()
    PLAY_PAUSE = enum.auto()
    PLAY_FROM_ROW = enum.auto()
    BACK_2 = enum.auto()
    FORWARD_2 = enum.auto()
    BACK_10 = enum.auto()
    FORWARD_10 = enum.auto()
    SLOWER = enum.auto()
    FASTER = enum.auto()
    FOLLOW = enum.auto()
    SHORTCUTS = enum.auto()


@dataclass(frozen=True)
class ActionSpec:
    """How one action is presented: menu text, default key (string or standard key), context, menu, checkable."""

    text: str
    shortcut: str | QKeySequence.StandardKey | None
    context: Qt.ShortcutContext
    menu: str
    checkable: bool = False
    fallback: str | None = None     # key used when the platform binds nothing to a standard key


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN: ActionSpec("&Open…", Std.Open, WINDOW, "File"),
    ActionId.OPEN_MEDIA: ActionSpec("Open &Media…", None, WINDOW, "File"),
    ActionId.SAVE: ActionSpec("&Save", Std.Save, WINDOW, "File"),
    ActionId.SAVE_AS: ActionSpec("Save &As…", Std.SaveAs, WINDOW, "File"),
    ActionId.QUIT: ActionSpec("&Quit", Std.Quit, WINDOW, "File", fallback="Ctrl+Q"),
    ActionId.UNDO: ActionSpec("&Undo", Std.Undo, WINDOW, "Edit"),
    ActionId.REDO: ActionSpec("&Redo", Std.Redo, WINDOW, "Edit"),
    ActionId.FIND: ActionSpec("&Find…", Std.Find, WINDOW, "Edit", fallback="Ctrl+F"),
    ActionId.FIND_NEXT: ActionSpec("Find Ne&xt", "Ctrl+G", WINDOW, "Edit"),          # not F3: that is Slower
    ActionId.FIND_PREVIOUS: ActionSpec("Find Pre&vious", "Ctrl+Shift+G", WINDOW, "Edit"),
    ActionId.REPLACE: ActionSpec("R&eplace…", Std.Replace, WINDOW, "Edit", fallback="Ctrl+H"),
    ActionId.SET_TIME: ActionSpec("Set Row &Time from Playhead", "Ctrl+T", WINDOW, "Edit"),
    ActionId.SET_TIME_SHIFT: ActionSpec("Set Row Time and &Shift Following Rows", "Ctrl+Shift+T", WINDOW, "Edit"),
    ActionId.INSERT_HEADER: ActionSpec("Insert Chapter &Header Above", "Ctrl+Shift+H", WINDOW, "Edit"),
    ActionId.INSERT_LINE: ActionSpec("Insert &Line Below", "Ctrl+Shift+Return", WINDOW, "Edit"),
    ActionId.DELETE_ROW: ActionSpec("&Delete Row", "Ctrl+Shift+Delete", WINDOW, "Edit"),
    ActionId.SPLIT: ActionSpec("Spl&it Line at Cursor", "Ctrl+Shift+K", WINDOW, "Edit"),
    ActionId.MERGE: ActionSpec("&Merge with Next Line", "Ctrl+Shift+M", WINDOW, "Edit"),
    ActionId.NEXT_PROBLEM: ActionSpec("&Next Problem", "F8", WINDOW, "Edit"),
    ActionId.PREVIOUS_PROBLEM: ActionSpec("&Previous Problem", "Shift+F8", WINDOW, "Edit"),
    ActionId.PLAY_PAUSE: ActionSpec("&Play / Pause", "Ctrl+Space", APP, "Playback"),
    ActionId.PLAY_FROM_ROW: ActionSpec("Play from &Row", "Ctrl+Return", APP, "Playback"),
    ActionId.BACK_2: ActionSpec("Back 2 s", "Alt+Left", APP, "Playback"),
    ActionId.FORWARD_2: ActionSpec("Forward 2 s", "Alt+Right", APP, "Playback"),
    ActionId.BACK_10: ActionSpec("Back 10 s", "Alt+Shift+Left", APP, "Playback"),
    ActionId.FORWARD_10: ActionSpec("Forward 10 s", "Alt+Shift+Right", APP, "Playback"),
    ActionId.SLOWER: ActionSpec("&Slower", "F3", APP, "Playback"),
    ActionId.FASTER: ActionSpec("&Faster", "F4", APP, "Playback"),
    ActionId.FOLLOW: ActionSpec("F&ollow Playback", "Ctrl+Shift+F", APP, "Playback", checkable=True),
    ActionId.SHORTCUTS: ActionSpec("&Keyboard Shortcuts", Std.HelpContents, WINDOW, "Help"),
}
MENUS = ("File", "Edit", "Playback", "Help")


class ActionRegistry:
    """The QActions of one window, built from SPECS and added to `parent` so their shortcuts work without menus."""

    def __init__(self, parent: QWidget):
        self._actions: dict[ActionId, QAction] = {}
        for action_id, spec in SPECS.items():
            action = QAction(spec.text, parent)
            action.setObjectName(action_id.name.lower())
            if isinstance(spec.shortcut, Std):
                keys = QKeySequence.keyBindings(spec.shortcut)
                action.setShortcuts(keys or ([QKeySequence(spec.fallback)] if spec.fallback else []))
            elif spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(spec.context)
            action.setCheckable(spec.checkable)
            parent.addAction(action)
            self._actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def all(self) -> list[tuple[ActionId, QAction]]:
        """Every action in declaration order."""
        return list(self._actions.items())

    def in_menu(self, menu: str) -> list[QAction]:
        """The actions declared for one menu, in order."""
        return [self._actions[i] for i, spec in SPECS.items() if spec.menu == menu]

    def key_sequences(self) -> list[QKeySequence]:
        """Every bound key sequence (cell editors let these through instead of typing them)."""
        return [seq for action in self._actions.values() for seq in action.shortcuts() if not seq.isEmpty()]
