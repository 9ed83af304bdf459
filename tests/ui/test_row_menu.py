"""The table's context menu is built from the entries each feature's menu provider adds for the clicked row."""
from PySide6.QtCore import QPoint

from editor.ui.table.view import TranscriptView


def test_row_menu_holds_what_each_provider_adds_for_the_row(qtbot, model):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    seen = []
    view.menu_providers.append(lambda row, pos, menu: (seen.append(("first", row, pos)), menu.addAction("One")))
    view.menu_providers.append(lambda row, pos, menu: (seen.append(("second", row, pos)), menu.addAction("Two")))
    menu = view.row_menu(3, QPoint(10, 20))
    assert [action.text() for action in menu.actions()] == ["One", "Two"]
    assert seen == [("first", 3, QPoint(10, 20)), ("second", 3, QPoint(10, 20))]


def test_without_providers_the_menu_is_empty(qtbot, model):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    assert view.row_menu(0, QPoint(0, 0)).isEmpty()
