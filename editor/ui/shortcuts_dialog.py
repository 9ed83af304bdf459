"""Help > Keyboard shortcuts: every action of the registry with its keys, grouped by menu, and a way to change them."""
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from .actions import MENUS, ActionRegistry


def action_label(text: str) -> str:
    """A menu text without its mnemonic marker and ellipsis."""
    return text.replace("&", "").rstrip("…")


class ShortcutsDialog(QDialog):
    """A read-only list of the window's actions and their shortcuts; `customize` (if given) opens the key editor."""

    def __init__(self, registry: ActionRegistry, parent=None, customize=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        for menu in MENUS:
            group = QTreeWidgetItem(self.tree, [menu])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for _spec, action in registry.in_menu(menu):
                keys = ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts())
                QTreeWidgetItem(group, [action_label(action.text()), keys or "—"])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if customize is not None:
            change = buttons.addButton("&Change Keys…", QDialogButtonBox.ButtonRole.ActionRole)
            change.clicked.connect(lambda: (self.accept(), customize()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(520, 620)

    def rows(self) -> list[tuple[str, str]]:
        """(action, keys) of every listed action, in order."""
        return [(group.child(i).text(0), group.child(i).text(1))
                for group in (self.tree.topLevelItem(g) for g in range(self.tree.topLevelItemCount()))
                for i in range(group.childCount())]
