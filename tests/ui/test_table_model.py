"""The transcript model over the real sample episode: Qt's model tester, display, edits through the undo stack."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from PySide6.QtGui import QUndoStack

from editor.document import Episode
from editor.ui.table.colors import playing_color
from editor.ui.table.model import HEADER_ROLE, TEXT, TIME, WHO, TranscriptModel


def test_model_passes_qt_model_tester_through_edits(model):
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)  # owned by the model
    episode = model.episode
    assert model.edit(1, TEXT, "Changed text")
    episode.insert_header(2, "New chapter")
    episode.insert_line(0, "first", "Maya", 0)
    episode.remove(3, 2)
    episode.merge_with_next(2)
    model.set_playing_row(4)
    model.set_episode(None)
    assert model.rowCount() == 0
    assert model.findChild(QAbstractItemModelTester) is not None, "the tester watched all of it"


def test_rows_show_time_speaker_text_and_headers(model):
    episode = model.episode
    assert model.rowCount() == len(episode.entries)
    assert model.columnCount() == 3
    assert model.index(0, TEXT).data() == "Welcome" and model.index(0, TIME).data(HEADER_ROLE)
    assert model.index(1, TIME).data() == "0:01"
    assert model.index(1, WHO).data() == "Maya"
    untimed = next(i for i, e in enumerate(episode.entries) if not e.is_header and e.sec is None)
    assert model.index(untimed, TIME).data() == ""
    assert not model.flags(model.index(0, WHO)) & Qt.ItemFlag.ItemIsEditable


def test_edits_go_through_the_undo_stack_and_undo_exactly(model):
    before = model.episode.dumps()
    assert model.setData(model.index(1, WHO), "Tomas")
    assert model.setData(model.index(1, TIME), "0:02")
    assert model.setData(model.index(1, TEXT), "Hello there")
    assert model.undo_stack.count() == 3
    entry = model.episode.entries[1]
    assert (entry.who, entry.sec, entry.time, entry.text) == ("Tomas", 2, "0:02", "Hello there")
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    assert model.episode.dumps() == before


def test_bad_time_is_refused_with_a_reason(qtbot, model):
    with qtbot.waitSignal(model.editRefused) as refused:
        assert not model.setData(model.index(1, TIME), "1:2x")
    assert "m:ss" in refused.args[0]
    assert model.undo_stack.count() == 0


def test_empty_time_clears_sec_and_time(model):
    assert model.setData(model.index(1, TIME), "")
    entry = model.episode.entries[1]
    assert entry.sec is None and entry.time is None


def test_playing_row_is_highlighted(model):
    model.set_playing_row(2)
    assert model.index(2, TEXT).data(Qt.ItemDataRole.BackgroundRole) == playing_color()
    assert model.index(1, TEXT).data(Qt.ItemDataRole.BackgroundRole) is None


def test_suspect_times_are_marked_with_the_reason(model):
    from editor.document import Entry, Replace
    from editor.ui.table.colors import suspect_color
    model.episode.apply(Replace(1, Entry.line("x", "Maya", 1, "37:567")))
    model.episode.apply(Replace(2, Entry.line("y", "Maya", 6, "0:07")))
    assert model.index(1, TIME).data(Qt.ItemDataRole.ForegroundRole) == suspect_color()
    assert "not a valid time" in model.index(1, TIME).data(Qt.ItemDataRole.ToolTipRole)
    assert "disagrees" in model.index(2, TIME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(3, TIME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_retyping_the_same_time_is_no_undo_step(model):
    assert model.setData(model.index(1, TIME), "00:01")
    assert model.undo_stack.count() == 0


def test_retyping_an_unquoted_time_quotes_it_and_quoted_input_is_a_time(qtbot):
    episode = Episode.loads("---\ntranscript:\n- line: A.\n  sec: 64\n  time: 1:04\n  who: Ann\n"
                            "- line: B.\n  sec: 70\n  time: '1:10'\n  who: Ann\n---\n")
    model = TranscriptModel(QUndoStack())
    model.set_episode(episode)
    assert model.setData(model.index(0, TIME), "1:04")
    assert model.undo_stack.count() == 1 and "  time: '1:04'\n" in episode.dumps()
    assert model.setData(model.index(1, TIME), "'1:10'")
    assert model.undo_stack.count() == 1, "the same, already quoted time is no undo step"
    assert model.setData(model.index(1, TIME), "'0:56'")
    assert (episode.entries[1].sec, episode.entries[1].time) == (56, "0:56")
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert "  time: 1:04\n" in episode.dumps()
    model.set_episode(None)
