"""Every user command of the window, declared once: id, text, keys, context, menu, handler and when it is enabled."""
import enum
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

APP = Qt.ShortcutContext.ApplicationShortcut
WINDOW = Qt.ShortcutContext.WindowShortcut
Std = QKeySequence.StandardKey
Key = str | QKeySequence.StandardKey

# What an action can depend on; the window re-evaluates each on the signals that change it.
CONDITIONS = ("document", "media", "undo", "redo")


@dataclass(frozen=True)
class ActionSpec:
    """One action: stable id ("menu.name"), menu text, default keys, context, handler, menu placement, condition.

    `handler` is an attribute path on the object the registry binds to (e.g. "edits.split_at_cursor") called with
    `args`; a checkable action's handler gets the checked state. A standard key expands to every platform binding;
    `fallback` is used when the platform binds nothing to it.
    """

    id: str
    text: str
    keys: tuple[Key, ...]
    context: Qt.ShortcutContext
    menu: str
    handler: str
    args: tuple = ()
    checkable: bool = False
    separator_after: bool = False
    enabled_when: str | None = None
    fallback: str | None = None

    @property
    def name(self) -> str:
        """The id's last part in capitals, the ActionId member name (e.g. "edit.split" -> "SPLIT")."""
        return self.id.rsplit(".", 1)[-1].upper()


def _spec(id_, text, keys, context, handler, **options) -> ActionSpec:
    keys = keys if isinstance(keys, tuple) else (() if keys is None else (keys,))
    return ActionSpec(id_, text, keys, context, id_.split(".", 1)[0].capitalize(), handler, **options)


ACTIONS: tuple[ActionSpec, ...] = (
    _spec("file.open", "&Open…", Std.Open, WINDOW, "ask_open"),
    _spec("file.open_media", "Open &Media…", None, WINDOW, "ask_open_media"),
    _spec("file.save", "&Save", Std.Save, WINDOW, "save", enabled_when="document"),
    _spec("file.save_as", "Save &As…", Std.SaveAs, WINDOW, "ask_save_as", enabled_when="document",
          separator_after=True),
    _spec("file.quit", "&Quit", Std.Quit, WINDOW, "close", fallback="Ctrl+Q"),
    _spec("edit.undo", "&Undo", Std.Undo, WINDOW, "undo", enabled_when="undo"),
    _spec("edit.redo", "&Redo", (Std.Redo, "Ctrl+Y"), WINDOW, "redo", enabled_when="redo", separator_after=True),
    _spec("edit.find", "&Find…", Std.Find, WINDOW, "find_bar.open_find", fallback="Ctrl+F"),
    _spec("edit.find_next", "Find Ne&xt", "Ctrl+G", WINDOW, "find_bar.find", args=(1,)),   # not F3: that is Slower
    _spec("edit.find_previous", "Find Pre&vious", "Ctrl+Shift+G", WINDOW, "find_bar.find", args=(-1,)),
    _spec("edit.replace", "R&eplace…", Std.Replace, WINDOW, "find_bar.open_replace", fallback="Ctrl+H"),
    _spec("edit.replace_all", "Replace &All…", "Ctrl+Alt+Return", WINDOW, "find_bar.replace_all",
          enabled_when="document", separator_after=True),
    _spec("edit.set_time", "Set Row &Time from Playhead", "Ctrl+T", WINDOW, "edits.set_time_from_playhead",
          enabled_when="document"),
    _spec("edit.set_time_shift", "Set Row Time and &Shift Following Rows", "Ctrl+Shift+T", WINDOW,
          "edits.set_time_and_shift", enabled_when="document"),
    _spec("edit.insert_header", "Insert Chapter &Header Above", "Ctrl+Shift+H", WINDOW, "edits.insert_header",
          enabled_when="document"),
    _spec("edit.insert_line", "Insert &Line Below", "Ctrl+Shift+Return", WINDOW, "edits.insert_line",
          enabled_when="document"),
    _spec("edit.delete_row", "&Delete Row", "Ctrl+Shift+Delete", WINDOW, "edits.delete_row", enabled_when="document"),
    _spec("edit.split", "Spl&it Line at Cursor", "Ctrl+Shift+K", WINDOW, "edits.split_at_cursor",
          enabled_when="document"),
    _spec("edit.merge", "&Merge with Next Line", "Ctrl+Shift+M", WINDOW, "edits.merge_with_next",
          enabled_when="document", separator_after=True),
    _spec("edit.next_problem", "&Next Problem", "F8", WINDOW, "edits.goto_problem", args=(1,),
          enabled_when="document"),
    _spec("edit.previous_problem", "&Previous Problem", "Shift+F8", WINDOW, "edits.goto_problem", args=(-1,),
          enabled_when="document", separator_after=True),
    # timeline: raw retime, nudges, snap all (Ctrl+T above snaps to speech once the waveform is read)
    _spec("edit.set_time_raw", "Set Row Time from Playhead, &Unsnapped", "Ctrl+Alt+T", WINDOW,
          "edits.set_time_from_playhead", args=(False,), enabled_when="document"),
    _spec("edit.nudge_earlier", "Row Time 1 s Earlier", "Alt+Up", WINDOW, "timeline_actions.nudge", args=(-1,),
          enabled_when="document"),
    _spec("edit.nudge_later", "Row Time 1 s Later", "Alt+Down", WINDOW, "timeline_actions.nudge", args=(1,),
          enabled_when="document"),
    _spec("edit.snap_all", "Snap All Times to Spee&ch…", None, WINDOW, "timeline_actions.snap_all",
          enabled_when="media", separator_after=True),
    # spelling
    _spec("edit.next_unknown_word", "Next &Unknown Word", "F7", WINDOW, "spelling.go_to_unknown",
          enabled_when="document"),
    _spec("edit.previous_unknown_word", "Previous Unknown Word", "Shift+F7", WINDOW, "spelling.go_to_unknown",
          args=(True,), enabled_when="document"),
    _spec("edit.spelling_suggestions", "Spelling Su&ggestions…", "Ctrl+.", WINDOW, "spelling.show_suggestions",
          enabled_when="document", separator_after=True),
    _spec("edit.preferences", "Pre&ferences…", Std.Preferences, WINDOW, "preferences.show", fallback="Ctrl+,"),
    _spec("playback.play_pause", "&Play / Pause", ("Ctrl+Space", "Media Play", "Toggle Media Play/Pause",
                                                     "Media Pause"), APP, "transport.play_pause", enabled_when="media"),
    _spec("playback.play_from_row", "Play from &Row", "Ctrl+Return", APP, "edits.play_from_row",
          enabled_when="media", separator_after=True),
    # the ids keep the default step sizes; the texts follow the skip_short_ms / skip_long_ms preferences
    _spec("playback.back_2", "Back 2 s", "Alt+Left", APP, "transport.skip_step", args=(-1, "short"),
          enabled_when="media"),
    _spec("playback.forward_2", "Forward 2 s", "Alt+Right", APP, "transport.skip_step", args=(1, "short"),
          enabled_when="media"),
    _spec("playback.back_10", "Back 10 s", ("Alt+Shift+Left", "Media Previous"), APP, "transport.skip_step",
          args=(-1, "long"), enabled_when="media"),
    _spec("playback.forward_10", "Forward 10 s", ("Alt+Shift+Right", "Media Next"), APP, "transport.skip_step",
          args=(1, "long"), enabled_when="media"),
    _spec("playback.slower", "&Slower", "F3", APP, "transport.change_rate", args=(-1,)),
    _spec("playback.faster", "&Faster", "F4", APP, "transport.change_rate", args=(1,), separator_after=True),
    _spec("playback.follow", "F&ollow Playback", "Ctrl+Shift+F", APP, "set_follow", checkable=True),
    # timeline: one row's stretch of media
    _spec("playback.play_row", "Play &Row and Stop", "Ctrl+R", WINDOW, "timeline_actions.play_row",
          enabled_when="media"),
    _spec("playback.loop_row", "&Loop Row", "Ctrl+Shift+R", WINDOW, "timeline_actions.play_row", args=(True,),
          enabled_when="media"),
    # timeline zoom
    _spec("view.zoom_in", "Zoom Timeline &In", ("Ctrl+=", "Ctrl++"), WINDOW, "timeline.zoom_in"),
    _spec("view.zoom_out", "Zoom Timeline &Out", "Ctrl+-", WINDOW, "timeline.zoom_out"),
    _spec("view.zoom_all", "&Whole Episode in Timeline", "Ctrl+0", WINDOW, "timeline.zoom_all"),
    _spec("view.problems", "&Problems", "Ctrl+Shift+P", WINDOW, "panels.show_problems", checkable=True),
    _spec("view.chapters", "&Chapters", "Ctrl+Shift+O", WINDOW, "panels.show_chapters", checkable=True),
    _spec("view.speakers", "&Speakers", "Ctrl+Shift+W", WINDOW, "panels.show_speakers", checkable=True),
    _spec("episode.import_chapters", "&Import Chapter List…", None, WINDOW, "panels.ask_import_chapters",
          enabled_when="document"),
    _spec("episode.export_chapters", "&Export Chapters…", None, WINDOW, "panels.ask_export_chapters",
          enabled_when="document"),
    _spec("episode.regenerate_clips", "Regenerate &Quotable Clips…", None, WINDOW, "panels.preview_clips",
          enabled_when="document", separator_after=True),
    _spec("episode.set_speaker_rows", "Set Speaker of Selected &Rows…", None, WINDOW, "panels.ask_speaker_rows",
          enabled_when="document"),
    _spec("episode.shift_rows", "S&hift Times of Selected Rows…", None, WINDOW, "panels.ask_shift_rows",
          enabled_when="document"),
    _spec("episode.delete_rows", "&Delete Selected Rows", None, WINDOW, "panels.delete_selected_rows",
          enabled_when="document", separator_after=True),
    *(_spec(f"episode.speaker_{n}", f"Speaker &{n}", f"Alt+{n}", WINDOW, "panels.set_speaker_number", args=(n,),
            enabled_when="document") for n in range(1, 10)),
    _spec("help.shortcuts", "&Keyboard Shortcuts", Std.HelpContents, WINDOW, "show_shortcuts"),
)
MENUS = ("File", "Edit", "View", "Episode", "Playback", "Help")

ActionId = enum.StrEnum("ActionId", [(spec.name, spec.id) for spec in ACTIONS])
ActionId.__doc__ = "One member per action, valued by its stable string id (ActionId.SAVE == \"file.save\")."
SPECS: dict[str, ActionSpec] = {ActionId(spec.id): spec for spec in ACTIONS}
# Actions whose keys a cell editor handles itself (its own text undo); every other action's keys pass through it.
CELL_EDITOR_OWN = (ActionId.UNDO, ActionId.REDO)


def default_keys(spec: ActionSpec) -> list[QKeySequence]:
    """The key sequences `spec` binds on this platform, without duplicates."""
    keys: list[QKeySequence] = []
    for key in spec.keys:
        bound = QKeySequence.keyBindings(key) if isinstance(key, Std) else [QKeySequence(key)]
        keys.extend(seq for seq in bound if not seq.isEmpty() and seq not in keys)
    if not keys and spec.fallback:
        keys.append(QKeySequence(spec.fallback))
    return keys


def resolve(target: object, path: str):
    """The attribute at a dotted `path` below `target` (e.g. "transport.skip")."""
    for part in path.split("."):
        target = getattr(target, part)
    return target


def portable(keys: list[QKeySequence]) -> list[str]:
    """Key sequences as the portable text they are stored in (e.g. ["Ctrl+Space", "Media Play"])."""
    return [seq.toString(QKeySequence.SequenceFormat.PortableText) for seq in keys]


def find_conflicts(bindings: dict[str, list[QKeySequence]]) -> dict[str, list[str]]:
    """{portable key: the ids of the actions bound to it} for every key bound to more than one action."""
    users: dict[str, list[str]] = {}
    for action_id, keys in bindings.items():
        for key in dict.fromkeys(portable(keys)):
            users.setdefault(key, []).append(action_id)
    return {key: ids for key, ids in users.items() if len(ids) > 1}


class ActionRegistry(QObject):
    """The QActions of one window, built from ACTIONS and added to `parent` so their shortcuts work without menus.

    Keys can be rebound by stable id (user overrides); `keysChanged` tells whoever copies keys (the cell editors'
    pass-through list, tooltips) to read them again.
    """

    keysChanged = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._conditions = dict.fromkeys(CONDITIONS, True)
        for spec in ACTIONS:
            action = QAction(spec.text, parent)
            action.setObjectName(spec.id)
            action.setShortcuts(default_keys(spec))
            action.setShortcutContext(spec.context)
            action.setCheckable(spec.checkable)
            parent.addAction(action)
            self._actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def all(self) -> list[tuple[ActionId, QAction]]:
        """Every action in declaration order."""
        return [(ActionId(action_id), action) for action_id, action in self._actions.items()]

    def in_menu(self, menu: str) -> list[tuple[ActionSpec, QAction]]:
        """The actions declared for one menu, in order, with their declarations."""
        return [(spec, self._actions[spec.id]) for spec in ACTIONS if spec.menu == menu]

    def bind(self, target: object) -> None:
        """Connect every action to its declared handler on `target`, looked up when triggered."""
        for spec in ACTIONS:
            action = self._actions[spec.id]
            if spec.checkable:
                action.toggled.connect(lambda checked, s=spec: resolve(target, s.handler)(checked, *s.args))
            else:
                action.triggered.connect(lambda _checked=False, s=spec: resolve(target, s.handler)(*s.args))

    def set_condition(self, condition: str, met: bool) -> None:
        """Record whether `condition` holds and enable exactly the actions that need it accordingly."""
        if condition not in self._conditions:
            raise KeyError(f"unknown action condition {condition!r}; known: {', '.join(CONDITIONS)}")
        self._conditions[condition] = met
        for spec in ACTIONS:
            if spec.enabled_when == condition:
                self._actions[spec.id].setEnabled(met)

    def key_sequences(self, exclude: tuple[str, ...] = ()) -> list[QKeySequence]:
        """Every bound key sequence except those of `exclude` (cell editors let these through instead of typing)."""
        return [seq for action_id, action in self._actions.items() if action_id not in exclude
                for seq in action.shortcuts() if not seq.isEmpty()]

    def keys(self, action_id: str) -> list[QKeySequence]:
        """The keys `action_id` is bound to now."""
        return [seq for seq in self._actions[action_id].shortcuts() if not seq.isEmpty()]

    def bindings(self) -> dict[str, list[QKeySequence]]:
        """{action id: its keys now} for every action, in declaration order."""
        return {action_id: self.keys(action_id) for action_id in self._actions}

    def set_bindings(self, bindings: dict[str, list[QKeySequence]]) -> None:
        """Bind the given actions to the given keys (others keep theirs), then announce keysChanged once."""
        for action_id, keys in bindings.items():
            self._actions[action_id].setShortcuts(list(keys))
        self.keysChanged.emit()

    def apply_overrides(self, overrides: dict[str, list[str]]) -> None:
        """Bind every action to its defaults, then to the user's keys (portable text) by id; unknown ids are skipped.

        A user's key wins over a default: an action whose default the user gave to another action loses it.
        """
        chosen = {action_id: [QKeySequence(text) for text in texts if text]
                  for action_id, texts in overrides.items() if action_id in self._actions}
        taken = set(portable([seq for keys in chosen.values() for seq in keys]))
        bindings = {}
        for spec in ACTIONS:
            if spec.id in chosen:
                bindings[spec.id] = chosen[spec.id]
            else:
                bindings[spec.id] = [seq for seq in default_keys(spec) if portable([seq])[0] not in taken]
        self.set_bindings(bindings)

    def overrides(self) -> dict[str, list[str]]:
        """{action id: keys in portable text} of every action bound otherwise than by default (what is stored)."""
        return {spec.id: portable(self.keys(spec.id)) for spec in ACTIONS
                if portable(self.keys(spec.id)) != portable(default_keys(spec))}
