"""The transcript view: header spans follow structural edits; visible rows get the height of their wrapped text."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from editor.ui.table.commands import DocumentCommand
from editor.ui.table.model import TEXT, TIME
from editor.ui.table.view import TranscriptView


def spans_match(view, model):
    return all((view.columnSpan(row, TIME) == 3) == model.is_header(row) for row in range(model.rowCount()))


def test_header_spans_follow_inserts_removes_undo_and_redo(qtbot, model):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)  # owned by the model
    episode, stack = model.episode, model.undo_stack
    for operation in (lambda: episode.insert_header(2, "New"), lambda: episode.remove(0, 1),
                      lambda: episode.insert_line(0, "first"), lambda: episode.move(3, 6),
                      lambda: episode.merge_with_next(0), lambda: episode.split(0, 3)):
        stack.push(DocumentCommand(episode, "op", operation()))
        assert spans_match(view, model)
    while stack.canUndo():
        stack.undo()
        assert spans_match(view, model)
    while stack.canRedo():
        stack.redo()
        assert spans_match(view, model)


def test_visible_rows_grow_to_fit_wrapped_text(qtbot, model):
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    one_line = view.rowHeight(1)
    model.setData(model.index(1, TEXT), "word " * 80)
    qtbot.waitUntil(lambda: view.rowHeight(1) > 3 * one_line, timeout=2000)
    view.resize(3400, 400)                          # the text column fills the width it gets
    qtbot.waitUntil(lambda: view.rowHeight(1) < 3 * one_line, timeout=2000)


def test_scrolling_to_the_end_shows_the_last_row_after_rows_grew(qtbot, model):
    for row in range(60):
        model.episode.insert_line(len(model.episode.entries), "a long line of words " * 6, "Maya", 100 + row)
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    last = model.rowCount() - 1

    def last_row_fully_visible():
        rect = view.visualRect(model.index(last, TEXT))
        return rect.isValid() and 0 <= rect.top() and rect.bottom() <= view.viewport().height()
    grown = view.verticalHeader().defaultSectionSize() * 2
    qtbot.waitUntil(lambda: view.rowHeight(last) > grown and last_row_fully_visible(), timeout=3000)


def test_enter_edits_the_text_after_a_speaker_edit_and_f2_the_current_cell(qtbot, window, episode_path):
    from PySide6.QtWidgets import QApplication, QLineEdit
    from support import open_sample
    from editor.ui.table.delegates import TextCellEditor
    from editor.ui.table.model import WHO
    open_sample(qtbot, window, episode_path)
    table = window.table
    table.setFocus()
    table.setCurrentIndex(window.model.index(2, WHO))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=3000)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Ria")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=3000)
    assert window.episode.entries[2].who == "Ria"
    table.select_row(3)
    assert table.currentIndex().column() == WHO, "the cursor stays in the speaker column"
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState, timeout=3000)
    editor = QApplication.focusWidget()
    table.close_editor()
    assert isinstance(editor, TextCellEditor) and table.currentIndex().column() == TEXT
    table.setCurrentIndex(window.model.index(3, WHO))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState, timeout=3000)
    editor = QApplication.focusWidget()
    table.close_editor()
    assert isinstance(editor, QLineEdit) and table.currentIndex().column() == WHO


def test_the_current_cell_is_outlined_within_the_selected_row(qtbot, window, episode_path):
    from PySide6.QtGui import QColor
    from support import open_sample
    from editor.ui.table.model import WHO
    open_sample(qtbot, window, episode_path)
    table = window.table
    table.setFocus()
    table.setCurrentIndex(window.model.index(3, WHO))
    qtbot.wait(30)
    image = table.viewport().grab().toImage()

    def top_edge(column):
        rect = table.visualRect(window.model.index(3, column))
        return {QColor(image.pixel(x, rect.top() + 1)).name() for x in range(rect.left() + 4, rect.right() - 4)}

    outline = table.palette().color(table.palette().ColorRole.HighlightedText).name()
    assert outline in top_edge(WHO) and outline not in top_edge(TEXT)


def test_a_saved_text_width_wider_than_the_view_never_scrolls_sideways(qtbot, window, episode_path, settings):
    import json
    from support import open_sample
    from editor.ui.settings import UiState
    open_sample(qtbot, window, episode_path)
    state = UiState(settings.store)
    state.save(window)
    settings.store.setValue("ui/main/columns/transcript", json.dumps([90, 110, 4000]))
    assert state.restore(window)
    table = window.table
    qtbot.waitUntil(lambda: table.columnWidth(TIME) == 90)
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(TEXT) + header.sectionSize(TEXT) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible() and table.horizontalScrollBar().maximum() == 0
