"""The shortcut editor: every action's keys by menu, rebindable, with conflicts shown and defaults restorable."""
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QKeySequenceEdit, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..actions import ACTIONS, MENUS, SPECS, ActionRegistry, default_keys, find_conflicts, portable
from ..shortcuts_dialog import action_label
from ..table.colors import suspect_color

ID_ROLE = Qt.ItemDataRole.UserRole
NATIVE = QKeySequence.SequenceFormat.NativeText


def keys_text(keys: list[QKeySequence]) -> str:
    """Keys as the user reads them, e.g. "Ctrl+Space, Media Play"; a dash for none."""
    return ", ".join(seq.toString(NATIVE) for seq in keys) or "—"


class ShortcutEditor(QWidget):
    """Edits a pending copy of the registry's bindings; `bindings()` is what OK applies. Labels are the actions'."""

    conflictsChanged = Signal(bool)

    def __init__(self, registry: ActionRegistry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self._pending: dict[str, list[QKeySequence]] = registry.bindings()
        self._items: dict[str, QTreeWidgetItem] = {}

        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcut_filter")
        self.filter.setPlaceholderText("Find an action or a key")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find an action or a key")
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcut_tree")
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Actions and their keys")
        for menu in MENUS:
            group = QTreeWidgetItem(self.tree, [menu])
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for spec, action in registry.in_menu(menu):
                item = QTreeWidgetItem(group, [action_label(action.text()), ""])
                item.setData(0, ID_ROLE, spec.id)
                self._items[spec.id] = item
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.currentItemChanged.connect(self._show_current)

        self.caption = QLabel(self)
        self.keys_list = QListWidget(self)
        self.keys_list.setObjectName("action_keys")
        self.keys_list.setAccessibleName("Keys of the chosen action")
        self.keys_list.setMaximumHeight(self.keys_list.fontMetrics().height() * 5)
        self.recorder = QKeySequenceEdit(self)
        self.recorder.setObjectName("key_recorder")
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.setToolTip("Click here, then press the new key (a media key or a foot pedal works too)")
        self.recorder.setAccessibleName("New key")
        self.recorder.editingFinished.connect(self._recorded)
        self.remove_button = QPushButton("&Remove Key", self)
        self.remove_button.clicked.connect(self._remove_selected)
        self.reset_button = QPushButton("Reset to &Default", self)
        self.reset_button.clicked.connect(lambda: self.reset(self.current_id()))
        self.reset_all_button = QPushButton("Reset &All", self)
        self.reset_all_button.setToolTip("Every action back to its default keys")
        self.reset_all_button.clicked.connect(self.reset_all)
        self.conflict_label = QLabel(self)
        self.conflict_label.setObjectName("conflicts")
        self.conflict_label.setWordWrap(True)

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Add key:", self))
        add_row.addWidget(self.recorder, 1)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.keys_list)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.conflict_label)
        self._refresh()
        self.select(ACTIONS[0].id)

    # -- the pending bindings -----------------------------------------------------------------------------------
    def bindings(self) -> dict[str, list[QKeySequence]]:
        """The keys of every action as edited so far."""
        return {action_id: list(keys) for action_id, keys in self._pending.items()}

    def conflicts(self) -> dict[str, list[str]]:
        """{portable key: ids of the actions sharing it} in the edited bindings."""
        return find_conflicts(self._pending)

    def shown_ids(self) -> list[str]:
        """The ids of the actions the filter leaves in the list, in order."""
        return [action_id for action_id, item in self._items.items() if not item.isHidden()]

    def current_id(self) -> str | None:
        """The id of the chosen action, or None when a menu heading is chosen."""
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, action_id: str) -> None:
        """Choose an action to edit its keys."""
        self.tree.setCurrentItem(self._items[action_id])
        self.tree.scrollToItem(self._items[action_id])

    def add_key(self, action_id: str, key: QKeySequence) -> None:
        """Give `action_id` one more key (a key it has already is ignored); a conflict is shown, not prevented."""
        if key.isEmpty() or portable([key])[0] in portable(self._pending[action_id]):
            return
        self._pending[action_id].append(key)
        self._refresh()

    def remove_key(self, action_id: str, key: QKeySequence) -> None:
        """Take one key away from `action_id`."""
        self._pending[action_id] = [seq for seq in self._pending[action_id] if seq != key]
        self._refresh()

    def reset(self, action_id: str | None) -> None:
        """Give `action_id` its default keys back."""
        if action_id is not None:
            self._pending[action_id] = default_keys(SPECS[action_id])
            self._refresh()

    def reset_all(self) -> None:
        """Every action back to its default keys."""
        self._pending = {spec.id: default_keys(spec) for spec in ACTIONS}
        self._refresh()

    # -- display ------------------------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        """Show only the actions whose label or keys contain `text` (and their menu headings)."""
        needle = text.strip().casefold()
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            shown = 0
            for row in range(group.childCount()):
                item = group.child(row)
                hidden = bool(needle) and needle not in f"{item.text(0)} {item.text(1)}".casefold()
                if item.isHidden() != hidden:
                    item.setHidden(hidden)
                shown += not hidden
            if group.isHidden() != (shown == 0):
                group.setHidden(shown == 0)
        if self.tree.currentItem() is not None:
            self.tree.scrollToItem(self.tree.currentItem())

    def _recorded(self) -> None:
        key, action_id = self.recorder.keySequence(), self.current_id()
        self.recorder.clear()
        if action_id is not None:
            self.add_key(action_id, key)

    def _remove_selected(self) -> None:
        item, action_id = self.keys_list.currentItem(), self.current_id()
        if item is not None and action_id is not None:
            self.remove_key(action_id, QKeySequence(item.data(ID_ROLE)))

    def _label(self, action_id: str) -> str:
        return action_label(self.registry[action_id].text())

    def _refresh(self) -> None:
        conflicts = self.conflicts()
        clashing = {action_id for ids in conflicts.values() for action_id in ids}
        warn = suspect_color(self.palette())
        for action_id, item in self._items.items():
            keys = self._pending[action_id]
            changed = portable(keys) != portable(default_keys(SPECS[action_id]))
            item.setText(1, keys_text(keys) + ("  (changed)" if changed else ""))
            item.setForeground(1, warn if action_id in clashing else self.palette().text())
            item.setToolTip(1, self._conflict_text(action_id, conflicts) if action_id in clashing else "")
        lines = [f"{QKeySequence(key).toString(NATIVE)} is bound to both "
                 + " and ".join(f"“{self._label(i)}”" for i in ids) + ": remove it from one."
                 for key, ids in conflicts.items()]
        self.conflict_label.setText("\n".join(lines))
        self.conflict_label.setStyleSheet(f"color: {warn.name()};")
        self.conflict_label.setVisible(bool(lines))
        self._filter(self.filter.text())
        self._show_current()
        self.conflictsChanged.emit(bool(conflicts))

    def _conflict_text(self, action_id: str, conflicts: dict[str, list[str]]) -> str:
        return "\n".join(f"{QKeySequence(key).toString(NATIVE)} is also bound to "
                         + ", ".join(f"“{self._label(i)}”" for i in ids if i != action_id)
                         for key, ids in conflicts.items() if action_id in ids)

    def _show_current(self, *_args) -> None:
        action_id = self.current_id()
        self.keys_list.clear()
        for widget in (self.keys_list, self.recorder, self.remove_button, self.reset_button):
            widget.setEnabled(action_id is not None)
        if action_id is None:
            self.caption.setText("Choose an action to change its keys.")
            return
        self.caption.setText(f"Keys of “{self._label(action_id)}”:")
        for key in self._pending[action_id]:
            item = QListWidgetItem(key.toString(NATIVE), self.keys_list)
            item.setData(ID_ROLE, portable([key])[0])
        if self.keys_list.count():
            self.keys_list.setCurrentRow(0)
