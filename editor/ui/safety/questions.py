"""One way to ask the user to choose among labelled answers (the safety dialogs' questions)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_choice(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
               choices: list[tuple[str, str, QMessageBox.ButtonRole]], *, default: str | None = None,
               informative: str | None = None, details: str | None = None, fallback: str) -> str:
    """Show a message box with one button per (answer, label, role); the answer clicked, or `fallback` (Esc)."""
    box = QMessageBox(icon, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    buttons = {box.addButton(label, role): answer for answer, label, role in choices}
    for button, answer in buttons.items():
        if answer == default:
            box.setDefaultButton(button)
    box.exec()
    return buttons.get(box.clickedButton(), fallback)
