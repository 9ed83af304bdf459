"""ask_choice shows real buttons and returns the answer of the one clicked (Esc gives the fallback)."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from support import when_next_message_box
from editor.ui.safety.questions import ask_choice

CHOICES = [("mine", "Restore mine", QMessageBox.AcceptRole),
           ("disk", "Keep the file on disk", QMessageBox.DestructiveRole),
           ("later", "Later", QMessageBox.RejectRole)]


def click(label):
    return lambda box: next(b for b in box.buttons() if b.text() == label).click()


def test_returns_the_answer_of_the_clicked_button(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    when_next_message_box(click("Keep the file on disk"))
    assert ask_choice(parent, QMessageBox.Warning, "T", "text", CHOICES, fallback="later") == "disk"
    when_next_message_box(click("Restore mine"))
    assert ask_choice(parent, QMessageBox.Warning, "T", "text", CHOICES, fallback="later") == "mine"


def test_escape_gives_the_fallback_and_details_are_shown(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def escape(box):
        seen["details"] = box.detailedText()
        seen["informative"] = box.informativeText()
        seen["default"] = box.defaultButton().text()
        QTest.keyClick(box, Qt.Key_Escape)

    when_next_message_box(escape)
    answer = ask_choice(parent, QMessageBox.Warning, "T", "text", CHOICES, default="mine",
                        informative="3 changes", details="--- a\n+++ b", fallback="later")
    assert answer == "later"
    assert seen == {"details": "--- a\n+++ b", "informative": "3 changes", "default": "Restore mine"}
