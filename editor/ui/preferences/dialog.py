"""Edit > Preferences: the listening preferences and the shortcut editor; OK stores both, Cancel changes nothing."""
from dataclasses import dataclass

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QTabWidget, QVBoxLayout, QWidget)

from ..actions import ActionId, ActionRegistry
from ..settings import Settings
from .shortcut_editor import ShortcutEditor, keys_text


@dataclass(frozen=True)
class Field:
    """One number preference as the dialog shows it: label, range and step in shown units, and what it does."""

    name: str
    label: str
    minimum: float
    maximum: float
    step: float
    help: str
    scale: int = 1000          # stored ms shown as seconds; 1 for a value shown as stored
    suffix: str = " s"
    keys: tuple[str, ...] = ()   # actions whose keys the help names


FIELDS = (
    Field("resume_rewind_ms", "Rewind on &resume", 0, 10, 0.5,
          "Playing again after a pause starts this much earlier, to hear the last words again; "
          "0 resumes where it paused."),
    Field("skip_short_ms", "&Short skip", 0.5, 60, 0.5, "Step back or forward by", keys=(ActionId.BACK_2,
                                                                                          ActionId.FORWARD_2)),
    Field("skip_long_ms", "&Long skip", 1, 600, 1, "Step back or forward by", keys=(ActionId.BACK_10,
                                                                                     ActionId.FORWARD_10)),
    Field("rate_step", "Speed s&tep", 0.05, 0.5, 0.05, "Slower and Faster change the speed by", scale=1,
          suffix="×", keys=(ActionId.SLOWER, ActionId.FASTER)),
    Field("snap_window_ms", "S&nap window", 0, 3, 0.1,
          "Set Row Time moves the playhead's time back to a speech start heard at most this long before it; "
          "0 takes the playhead as it is.", keys=(ActionId.SET_TIME,)),
    Field("follow_pause_ms", "&Follow pause", 0, 60, 1,
          "After you move to another row or scroll, Follow Playback waits this long before it moves the row again."),
)
TYPING_RESUME = Field("typing_resume_ms", "Resume &after", 0.5, 10, 0.5,
                      "Playback resumes once you have not typed for this long.")


class PreferencesDialog(QDialog):
    """Two pages, Listening and Shortcuts; `accept()` writes the preferences and key bindings and applies them."""

    def __init__(self, settings: Settings, registry: ActionRegistry, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        self.registry = registry
        self.tabs = QTabWidget(self)
        self.fields: dict[str, QDoubleSpinBox] = {}
        self.tabs.addTab(self._listening_page(), "&Listening")
        self.shortcuts = ShortcutEditor(registry, self)
        self.tabs.addTab(self.shortcuts, "&Shortcuts")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setToolTip("Listening preferences back to their defaults (keys: Reset All on the Shortcuts page)")
        restore.clicked.connect(self.restore_defaults)
        self.shortcuts.conflictsChanged.connect(self._conflicts_changed)
        self._conflicts_changed(bool(self.shortcuts.conflicts()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(640, 620)

    def _listening_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for field in FIELDS:
            form.addRow(field.label, self._spin(field))
            form.addRow("", self._help(field))
        self.pause_while_typing = QCheckBox("&Pause while typing in a cell", page)
        self.pause_while_typing.setObjectName("pause_while_typing")
        self.pause_while_typing.setChecked(self.settings.pause_while_typing)
        form.addRow(self.pause_while_typing)
        resume = self._spin(TYPING_RESUME)
        form.addRow(TYPING_RESUME.label, resume)
        form.addRow("", self._help(TYPING_RESUME))
        resume.setEnabled(self.pause_while_typing.isChecked())
        self.pause_while_typing.toggled.connect(resume.setEnabled)
        return page

    def _spin(self, field: Field) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setObjectName(field.name)
        spin.setRange(field.minimum, field.maximum)
        spin.setSingleStep(field.step)
        spin.setDecimals(2 if field.step < 0.1 else 1)
        spin.setSuffix(field.suffix)
        spin.setAccessibleName(field.label.replace("&", ""))
        spin.setValue(getattr(self.settings, field.name) / field.scale)
        self.fields[field.name] = spin
        return spin

    def _help(self, field: Field) -> QLabel:
        text = field.help
        if field.keys:
            text = f"{text} this much ({' / '.join(keys_text(self.registry.keys(k)) for k in field.keys)})."
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def _conflicts_changed(self, conflicting: bool) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not conflicting)
        ok.setToolTip("Two actions share a key: see the Shortcuts page" if conflicting else "")

    def value(self, name: str) -> float | int | bool:
        """The value a field shows, in the units it is stored in."""
        if name == "pause_while_typing":
            return self.pause_while_typing.isChecked()
        field = next(f for f in (*FIELDS, TYPING_RESUME) if f.name == name)
        shown = self.fields[name].value()
        return round(shown * field.scale) if field.scale != 1 else round(shown, 2)

    def set_value(self, name: str, value) -> None:
        """Show `value` (in stored units) in a field, as if typed."""
        if name == "pause_while_typing":
            self.pause_while_typing.setChecked(bool(value))
            return
        field = next(f for f in (*FIELDS, TYPING_RESUME) if f.name == name)
        self.fields[name].setValue(value / field.scale)

    def restore_defaults(self) -> None:
        """Show every listening preference's default (stored on OK)."""
        for name in (*self.fields, "pause_while_typing"):
            self.set_value(name, Settings.default(name))

    def accept(self) -> None:
        """Store the preferences and the key bindings (only keys differing from defaults are kept), then close."""
        if self.shortcuts.conflicts():
            self.tabs.setCurrentWidget(self.shortcuts)
            return
        for name in (*self.fields, "pause_while_typing"):
            setattr(self.settings, name, self.value(name))
        self.registry.set_bindings(self.shortcuts.bindings())
        self.settings.set_key_overrides(self.registry.overrides())
        self.settings.sync()
        super().accept()
