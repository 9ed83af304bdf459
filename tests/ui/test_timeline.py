"""The timeline strip on real media and real players: waveform, markers, drag to retime, nudge, snap, zoom, cache."""
import difflib
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from editor.player import create_player, vlc_available
from support import on_real_backends
from editor.ui.table.model import TIME
from editor.ui.timeline import worker as worker_module
from editor.ui.timeline.snap_dialog import SnapPreviewDialog, describe_plan
from editor.audio.timeline_model import MIN_SPAN_S
from editor.ui.timeline.widget import NO_MEDIA, TimelineWidget

MEDIA = Path(__file__).resolve().parent.parent / "media"
BACKENDS = ["qt"] + (["vlc"] if vlc_available()[0] else [])


@pytest.fixture(params=BACKENDS)
def any_player(request):
    player = create_player(request.param)
    assert player.name == request.param
    yield player
    player.shutdown()


@pytest.fixture
def timeline(qtbot, model, player, tmp_path):
    widget = TimelineWidget(model, player, cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.resize(1000, 120)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.markers_ready)
    yield widget
    widget.shutdown()


def open_media(qtbot, widget, path):
    """Open `path` in the widget's player and wait for the analysis to finish."""
    with qtbot.waitSignal(widget.analysisReady, timeout=20000) as ready:
        widget.player.open(str(path))
    qtbot.waitUntil(lambda: widget.player.duration() > 0, timeout=10000)
    return ready.args[0]


def time_cell(model, row):
    return model.data(model.index(row, TIME))


def diff_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_without_media_the_strip_says_so_and_shows_the_rows(qtbot, timeline, model):
    assert timeline.message() == NO_MEDIA
    assert timeline.peak_count() == 0
    image = timeline.grab().toImage()
    first = model.episode.entries[1]
    x = round(timeline.x_for(first.sec))
    assert image.pixelColor(x, 60) != timeline.palette().base().color()   # the marker of the first timed row
    assert model.edit(1, TIME, "0:03")                                    # the editor works as before
    assert time_cell(model, 1) == "0:03"


@on_real_backends
def test_waveform_arrives_with_exact_duration_and_onsets(qtbot, timeline, media_path, sentence_starts):
    with qtbot.waitSignal(timeline.durationKnown, timeout=20000) as known:
        result = open_media(qtbot, timeline, media_path)
    assert known.args[0] == timeline.exact_duration_ms == round(result.duration * 1000)
    assert abs(timeline.exact_duration_ms - timeline.player.duration()) < 200
    assert timeline.message() is None
    assert timeline.peak_count() == math.ceil(result.duration * 100)
    for _row, start in sentence_starts:
        assert min(abs(onset - start) for onset in timeline.onsets()) <= 0.05
    timeline.set_view(5.0, 8.0)                                            # 6.38 s: a sentence starts
    image = timeline.grab().toImage()
    background = timeline.palette().base().color()

    def drawn(begin, end):
        """Pixels painted in the upper part of the waveform between two times."""
        return sum(image.pixelColor(x, y) != background
                   for x in range(round(timeline.x_for(begin)), round(timeline.x_for(end)))
                   for y in range(20, 50))
    assert drawn(6.1, 6.35) == 0                   # the pause before the sentence
    assert drawn(6.45, 6.7) > 20                   # the sentence


def test_corrupt_media_leaves_a_message_and_a_working_editor(qtbot, timeline, model):
    with qtbot.waitSignal(timeline.analysisFailed, timeout=10000) as failed:
        timeline.player.open(str(MEDIA / "not-audio.mp3"))
    assert "not-audio.mp3" in failed.args[0]
    assert timeline.message().startswith("No waveform:") and "not-audio.mp3" in timeline.message()
    assert timeline.grab().toImage().width() == timeline.width()
    assert model.edit(2, TIME, "0:09") and time_cell(model, 2) == "0:09"
    with qtbot.waitSignal(timeline.analysisFailed, timeout=10000) as failed:
        timeline.player.open(str(MEDIA / "missing.mp3"))
    assert "missing.mp3" in timeline.message() and "not found" in timeline.message()
    timeline.load_media(None)
    assert timeline.message() == NO_MEDIA


def test_reopening_the_media_uses_the_cache(qtbot, timeline, media_path):
    first = open_media(qtbot, timeline, media_path)
    assert not first.from_cache
    timeline.player.close()
    again = open_media(qtbot, timeline, media_path)
    assert again.from_cache and again.duration == first.duration
    assert timeline.peak_count() == len(first.peaks)


def drag(qtbot, widget, from_x, to_x, steps=6):
    """Press at from_x, move in steps to to_x, release; returns the time cell readings seen while dragging."""
    y = widget.height() // 2
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(from_x), y))
    for i in range(1, steps + 1):
        x = from_x + (to_x - from_x) * i / steps
        qtbot.mouseMove(widget, QPoint(round(x), y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(to_x), y))


def test_dragging_a_marker_retimes_the_row_live_as_one_undo_step(qtbot, timeline, model, episode_path):
    timeline.set_view(0.0, 20.0)
    before = episode_path.read_text(encoding="utf-8")
    row = 2                                        # 0:06
    seen = []
    model.dataChanged.connect(lambda *_: seen.append(time_cell(model, row)))
    drag(qtbot, timeline, timeline.x_for(6.0), timeline.x_for(9.4))
    assert time_cell(model, row) == "0:09"
    assert "0:07" in seen and "0:08" in seen       # the table showed the time while dragging
    assert model.undo_stack.count() == 1
    model.episode.save()
    changed = diff_lines(before, episode_path.read_text(encoding="utf-8"))
    assert changed == ["-  sec: 6", "-  time: '0:06'", "+  sec: 9", "+  time: '0:09'"]
    model.undo_stack.undo()
    assert time_cell(model, row) == "0:06"
    model.episode.save()
    assert episode_path.read_text(encoding="utf-8") == before
    model.undo_stack.redo()
    assert time_cell(model, row) == "0:09"


def test_a_drag_back_to_where_it_started_or_cancelled_leaves_no_step(qtbot, timeline, model):
    timeline.set_view(0.0, 20.0)
    drag(qtbot, timeline, timeline.x_for(6.0), timeline.x_for(6.5))
    assert model.undo_stack.count() == 0 and time_cell(model, 2) == "0:06"
    y = timeline.height() // 2
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(6.0)), y))
    qtbot.mouseMove(timeline, QPoint(round(timeline.x_for(10.2)), y))
    assert time_cell(model, 2) == "0:10"
    qtbot.keyClick(timeline, Qt.Key.Key_Escape)
    assert time_cell(model, 2) == "0:06" and model.undo_stack.count() == 0
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(10.2)), y))
    assert model.undo_stack.count() == 0


def test_clicking_seeks_and_clicking_a_marker_activates_its_row(qtbot, timeline, media_path):
    open_media(qtbot, timeline, media_path)
    timeline.set_view(0.0, 20.0)
    y = timeline.height() // 2
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(14.5)), y))
    qtbot.waitUntil(lambda: abs(timeline.player.position() - 14500) < 60, timeout=5000)
    with qtbot.waitSignal(timeline.rowActivated) as activated:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(11.0)), y))
    assert activated.args == [3]
    qtbot.waitUntil(lambda: abs(timeline.player.position() - 11000) < 60, timeout=5000)


def test_nudges_move_the_current_row_a_second_with_undo(qtbot, timeline, model, episode_path):
    before = episode_path.read_text(encoding="utf-8")
    timeline.set_current_row(3)                    # 0:11
    assert timeline.nudge_current_row(-1) and timeline.nudge_current_row(-1)
    assert time_cell(model, 3) == "0:09" and model.undo_stack.count() == 2
    assert timeline.nudge_current_row(+1)
    model.episode.save()
    assert diff_lines(before, episode_path.read_text(encoding="utf-8")) == [
        "-  sec: 11", "-  time: '0:11'", "+  sec: 10", "+  time: '0:10'"]
    for _ in range(3):
        model.undo_stack.undo()
    assert time_cell(model, 3) == "0:11"
    timeline.set_current_row(0)                    # a chapter header: nothing to nudge
    assert not timeline.nudge_current_row(1) and model.undo_stack.count() == 3


def test_zoom_goes_from_the_whole_episode_to_five_seconds_and_follows_the_playhead(qtbot, timeline, media_path):
    open_media(qtbot, timeline, media_path)
    assert timeline.view() == (0.0, pytest.approx(timeline.duration()))
    for _ in range(20):
        qtbot.keyClick(timeline, Qt.Key.Key_Plus)
    assert timeline.view()[1] == pytest.approx(MIN_SPAN_S)
    timeline.player.seek(40000)
    qtbot.waitUntil(lambda: timeline.view()[0] <= 40 <= sum(timeline.view()), timeout=3000)
    qtbot.keyClick(timeline, Qt.Key.Key_Minus)
    assert timeline.view()[1] == pytest.approx(MIN_SPAN_S * 1.5)
    position = QPointF(500, 50)
    anchor = timeline.seconds_at(position.x())
    event = QWheelEvent(position, timeline.mapToGlobal(position), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(timeline, event)
    assert timeline.view()[1] == pytest.approx(MIN_SPAN_S * 1.5 ** 2)
    assert timeline.seconds_at(position.x()) == pytest.approx(anchor, abs=0.05)   # zoomed around the mouse
    qtbot.keyClick(timeline, Qt.Key.Key_0)
    assert timeline.view()[1] == pytest.approx(timeline.duration())


def test_ctrl_t_snaps_to_the_speech_start_just_before_the_playhead_on_each_backend(
        qtbot, model, any_player, tmp_path, sentence_starts):
    timeline = TimelineWidget(model, any_player, cache_dir=tmp_path)
    qtbot.addWidget(timeline)
    open_media(qtbot, timeline, Path(__file__).resolve().parents[2] / "resources/sample/sample-episode.mp3")
    row, start = sentence_starts[3]                                  # 17.48 s, written 0:17
    model.edit(row, TIME, "0:30")
    timeline.set_current_row(row)
    any_player.seek(round((start + 0.7) * 1000))                      # pressed 0.7 s after hearing it
    qtbot.waitUntil(lambda: abs(any_player.position() - (start + 0.7) * 1000) < 60, timeout=5000)
    assert timeline.retime_current_row(snap=True)
    assert model.episode.entries[row].sec == math.floor(start)
    any_player.seek(round((start + 1.6) * 1000))                      # too late to snap: the raw time
    qtbot.waitUntil(lambda: abs(any_player.position() - (start + 1.6) * 1000) < 60, timeout=5000)
    assert timeline.retime_current_row(snap=True)
    assert model.episode.entries[row].sec == math.floor(start + 1.6)
    any_player.seek(round((start + 0.7) * 1000))
    qtbot.waitUntil(lambda: abs(any_player.position() - (start + 0.7) * 1000) < 60, timeout=5000)
    assert timeline.retime_current_row(snap=False)                   # Ctrl+Alt+T: the raw playhead
    assert model.episode.entries[row].sec == math.floor(start + 0.7)
    assert timeline.snap_seconds(start + 0.7) == pytest.approx(start, abs=0.05)
    timeline.snap_window_s = 0.5
    assert timeline.snap_seconds(start + 0.7) == start + 0.7
    timeline.shutdown()


def test_snap_all_previews_and_applies_as_one_step(qtbot, timeline, model, media_path, sentence_starts,
                                                    episode_path):
    open_media(qtbot, timeline, media_path)
    truth = dict(sentence_starts)
    moved = {2: truth[2] + 1.5, 5: truth[5] - 1.3, 9: truth[9] + 1.8, 12: truth[12] + 4.0}
    for row, seconds in moved.items():
        model.episode.set_time(row, seconds)
    model.episode.save()
    before = episode_path.read_text(encoding="utf-8")
    plan = timeline.snap_plan(max_shift=2.0)
    assert [move.row for move in plan.moves] == [2, 5, 9]
    assert [left.row for left in plan.leftovers] == [12]
    moves, leftovers = describe_plan(plan)
    assert moves[0].startswith("Row 3: 0:07 → 0:06") and leftovers[0].startswith("Row 13 stays at 0:44")
    dialog = SnapPreviewDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.moves.count() == 3 and dialog.leftovers.count() == 1
    assert timeline.apply_snap_plan(plan)
    assert [model.episode.entries[row].sec for row in (2, 5, 9)] == [math.floor(truth[row]) for row in (2, 5, 9)]
    assert model.undo_stack.count() == 1
    model.episode.save()
    assert len(diff_lines(before, episode_path.read_text(encoding="utf-8"))) == 4 * 3
    model.undo_stack.undo()
    model.episode.save()
    assert episode_path.read_text(encoding="utf-8") == before


def test_markers_take_their_speakers_colour_and_chapters_their_band(qtbot, timeline, model):
    timeline.set_view(0.0, 20.0)
    image = timeline.grab().toImage()
    maya = model.episode.entries[1]                # 0:01, Maya
    tomas = model.episode.entries[3]               # 0:11, Tomas
    colour = lambda seconds: image.pixelColor(round(timeline.x_for(seconds)), 80)
    assert colour(maya.sec) != colour(tomas.sec)
    assert colour(maya.sec) != QColor(timeline.palette().base().color())


def test_the_worker_delivers_peaks_in_order_before_it_finishes(qtbot, media_path, monkeypatch):
    monkeypatch.setattr(worker_module, "DELIVERY_INTERVAL_S", 0.0)     # every decoded chunk, not every 150 ms
    worker = worker_module.AnalysisWorker(media_path)
    events = []
    worker.peaksAdded.connect(lambda first, low, high, decoded, estimate: events.append(("peaks", first, low.size)))
    worker.succeeded.connect(lambda result: events.append(("done", result)))
    worker.start()
    qtbot.waitUntil(lambda: bool(events) and events[-1][0] == "done", timeout=20000)
    worker.wait()
    batches, result = events[:-1], events[-1][1]
    assert len(batches) >= 10 and all(kind == "peaks" for kind, *_ in batches)
    columns = [first for _, first, _ in batches]
    assert columns == [sum(size for *_, size in batches[:i]) for i in range(len(batches))]
    assert sum(size for *_, size in batches) == len(result.peaks)


def test_a_replaced_analysis_never_shows(qtbot, timeline, media_path):
    with qtbot.waitSignal(timeline.analysisReady, timeout=20000) as ready:
        timeline.load_media(MEDIA / "noisy-speech.mp3")
        timeline.load_media(media_path)                 # another file before the first one finished
    assert ready.args[0].path == media_path
    QApplication.processEvents()                        # what the first worker emitted before it stopped
    assert timeline.peak_count() == len(ready.args[0].peaks)
    assert timeline.exact_duration_ms == round(ready.args[0].duration * 1000)


def test_closing_the_media_clears_the_strip(qtbot, timeline, media_path):
    open_media(qtbot, timeline, media_path)
    timeline.player.close()
    assert timeline.message() == NO_MEDIA and timeline.peak_count() == 0 and timeline.onsets() == []


def test_it_follows_the_tables_current_row(qtbot, timeline, model):
    from PySide6.QtCore import QItemSelectionModel

    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(model.index(5, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    timeline.set_selection_model(selection)
    assert timeline.current_row() == 5
    selection.setCurrentIndex(model.index(8, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert timeline.current_row() == 8


def test_a_deleted_timeline_leaves_the_player_working(qtbot, model, player, media_path):
    import gc

    def analyse_once(path):
        widget = TimelineWidget(model, player)
        with qtbot.waitSignal(widget.analysisReady, timeout=20000):
            player.open(str(path))
        widget.shutdown()
        player.close()
    analyse_once(media_path)                       # the widget goes away with this call
    gc.collect()
    analyse_once(MEDIA / "noisy-speech.mp3")
    player.open(str(media_path))
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10000)


def test_undo_in_the_middle_of_a_drag_leaves_a_consistent_document(qtbot, timeline, model, episode_path):
    timeline.set_view(0.0, 20.0)
    before = episode_path.read_text(encoding="utf-8")
    y = timeline.height() // 2
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(6.0)), y))
    qtbot.mouseMove(timeline, QPoint(round(timeline.x_for(9.3)), y))
    assert time_cell(model, 2) == "0:09" and model.undo_stack.count() == 1     # the window shows it modified
    model.undo_stack.undo()                                                    # Ctrl+Z with the button held
    assert time_cell(model, 2) == "0:06"
    model.episode.save()
    assert episode_path.read_text(encoding="utf-8") == before
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.x_for(9.3)), y))
    model.undo_stack.redo()
    assert time_cell(model, 2) == "0:09"


def test_after_shutdown_a_late_media_signal_starts_no_analysis(qtbot, timeline, media_path):
    timeline.shutdown()                                   # the window is closing
    timeline.load_media(media_path)                       # a mediaLoaded queued before the close arrives
    assert not timeline.is_analysing()                    # a running thread would abort when the window goes
