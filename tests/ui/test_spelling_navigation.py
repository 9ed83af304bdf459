"""F7 / Shift+F7 in the transcript view: the next unknown word opens in its cell, selected."""
from editor.document.spelling import SpellChecker
from editor.ui.table.model import TEXT
from editor.ui.table.spell_navigation import go_to_unknown
from editor.ui.table.view import TranscriptView


def open_view(qtbot, model):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def selected(view) -> str:
    return view.text_editor().textCursor().selectedText()


def test_f7_steps_through_unknown_words_and_shift_f7_back(qtbot, model):
    model.setData(model.index(2, TEXT), "Today I am tlaking with Tomas about beehvies.")
    model.setData(model.index(6, TEXT), "I carried it up the fire escpae.")
    checker = SpellChecker(model.episode, domain={})
    view = open_view(qtbot, model)
    view.select_row(0)
    assert go_to_unknown(view, checker)[:2] == (2, 11)
    assert view.current_row() == 2 and selected(view) == "tlaking"
    go_to_unknown(view, checker)
    assert view.current_row() == 2 and selected(view) == "beehvies"
    go_to_unknown(view, checker)
    assert view.current_row() == 6 and selected(view) == "escpae"
    go_to_unknown(view, checker)
    assert view.current_row() == 2 and selected(view) == "tlaking"          # wrapped around
    go_to_unknown(view, checker, backwards=True)
    assert view.current_row() == 6 and selected(view) == "escpae"
    go_to_unknown(view, checker, backwards=True)
    assert view.current_row() == 2 and selected(view) == "beehvies"


def test_f7_with_every_word_known_does_nothing(qtbot, model):
    view = open_view(qtbot, model)
    view.select_row(3)
    assert go_to_unknown(view, SpellChecker(model.episode, domain={})) is None
    assert view.current_row() == 3 and view.text_editor() is None
