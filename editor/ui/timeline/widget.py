"""The timeline strip: waveform, playhead, a marker per timed row, chapter bands; click, zoom, drag to retime.

Peaks are numpy arrays from the analysis; until the first ones arrive the strip holds NO_PEAKS and needs no numpy,
which the analysis thread loads (see worker.py), so the editor starts without it. The bands and markers to paint
come from editor.audio.strip_marks (no Qt), loaded with numpy just after the strip's first paint.
"""
from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QLineF, QPointF, QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from editor.audio import COLUMNS_PER_SECOND
from editor.audio.timeline_model import TimedRow, TimelineRows, TimelineView, total_seconds
from editor.document import DocumentError, Replace, format_time
from editor.document.snap import MAX_SHIFT, SNAP_WINDOW_BEFORE, SnapPlan, snap_all, snap_time, timed_rows
from editor.player.base import Player

from ..table.commands import DocumentCommand
from ..table.colors import playing_accent
from ..first_paint import AfterFirstPaint
from ..table.model import TEXT, TranscriptModel
from .commands import DragTimeCommand
from .drawing import pixel_peaks, speaker_color
from .worker import AnalysisWorker

if TYPE_CHECKING:
    from editor.audio import AnalysisResult
    from editor.audio.strip_marks import StripMarks

ZOOM_STEP = 1.5
LABEL_HEIGHT = 16             # chapter band labels along the top
HANDLE = 5                    # px either side of a marker that grab it
FOLLOW_PAUSE_S = 4.0          # after the user scrolls the view, it stops following the playhead this long
ONSET_MARKS_MAX_SPAN_S = 300.0
ONSET_COLOR = "#2e9e44"
NO_PEAKS = ()                 # the strip's peaks before the analysis delivers any
NO_MEDIA = "No media open: File > Open Media shows its waveform here. The editor works without it."


class TimelineWidget(QWidget):
    """The strip between the table and the transport bar; edits go through the model's undo stack."""

    analysisReady = Signal(object)      # AnalysisResult: peaks, exact duration, onsets
    onsetsReady = Signal(list)          # speech onsets in seconds
    durationKnown = Signal(int)         # exact media duration in ms, from the decode
    rowActivated = Signal(int)          # the user clicked a row's marker: select that row
    analysisFailed = Signal(str)

    def __init__(self, model: TranscriptModel, player: Player, cache_dir=None, parent=None):
        super().__init__(parent)
        self.model = model
        self.player = player
        self.cache_dir = cache_dir
        self.snap_window_s = SNAP_WINDOW_BEFORE   # Ctrl+T looks this far back for a speech onset
        self.follow = True                        # while zoomed in, page the view to keep the playhead in it
        self.setObjectName("timeline")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(60)
        self._worker: AnalysisWorker | None = None
        self._shut_down = False              # after shutdown() no analysis thread may start
        self._media: Path | None = None
        self._minimum = self._maximum = NO_PEAKS
        self._cps = COLUMNS_PER_SECOND
        self._duration = 0.0              # seconds: exact once decoded, else the best estimate
        self._exact = False
        self._onsets: list[float] = []
        self._message: str | None = NO_MEDIA
        self._shown = TimelineView()
        self._playhead = 0.0
        self._follow_paused_until = 0.0
        self._current_row = -1
        self._rows: TimelineRows | None = None           # the timed rows; None: rebuild at the next use
        self._marks: StripMarks | None = None             # bands and markers of the current rows and length
        self._marks_class = None    # StripMarks (with numpy), loaded just after the strip's first paint
        self._drag: dict | None = None
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._rows_changed)
        model.dataChanged.connect(self._data_changed)
        player.positionChanged.connect(self._on_position)
        player.durationChanged.connect(self._on_player_duration)
        player.mediaLoaded.connect(self.load_media)
        player.errorOccurred.connect(self._on_player_error)
        AfterFirstPaint(self, self._load_numpy)

    # -- wiring -----------------------------------------------------------------------------------------------
    def set_selection_model(self, selection: QItemSelectionModel) -> None:
        """Highlight and act on the table's current row (call after the view got its model)."""
        selection.currentRowChanged.connect(self._current_changed)
        self.set_current_row(selection.currentIndex().row())

    def _current_changed(self, current, _previous) -> None:
        self.set_current_row(current.row())

    def set_current_row(self, row: int) -> None:
        """The row the table has as current (-1: none)."""
        if row != self._current_row:
            self._current_row = row
            self.update()

    def current_row(self) -> int:
        """The row the strip highlights and acts on (-1: none)."""
        return self._current_row

    def sizeHint(self) -> QSize:
        return QSize(800, 110)

    # -- analysis ---------------------------------------------------------------------------------------------
    def load_media(self, path) -> None:
        """Analyse `path` in the background (peaks appear as they decode); None clears the strip."""
        self._stop_worker()
        self._minimum = self._maximum = NO_PEAKS
        self._onsets = []
        self._exact = False
        self._media = Path(path) if path else None
        self._duration = self.player.duration() / 1000 if path else 0.0
        self._shown = TimelineView()
        if self._media is None:
            self._message = NO_MEDIA
            self.update()
            return
        if self._shut_down:                # a media signal queued before the window closed: start no thread
            return
        self._message = f"Reading the audio of {self._media.name}…"
        worker = AnalysisWorker(self._media, self.cache_dir, self)
        # bound methods, not lambdas holding self: a cycle through a lambda lets the garbage collector delete the
        # widget at a random moment; results still queued from a replaced worker are dropped in the slots
        worker.peaksAdded.connect(self._peaks_added)
        worker.succeeded.connect(self._analysis_done)
        worker.failed.connect(self._analysis_failed)
        self._worker = worker
        worker.start(QThread.Priority.LowPriority)
        self.update()

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.requestInterruption()
            self._worker.wait()
            self._worker.deleteLater()
            self._worker = None

    def shutdown(self) -> None:
        """Stop a running analysis and start no other (call before the window closes)."""
        self._shut_down = True
        self._stop_worker()

    def is_analysing(self) -> bool:
        """Whether a decode is still running."""
        return self._worker is not None and not self._worker.isFinished()

    def _from_current_worker(self) -> bool:
        return self._worker is not None and self.sender() is self._worker

    def _peaks_added(self, first: int, minimum, maximum, decoded: float, estimate: float) -> None:
        if not self._from_current_worker() or first != len(self._minimum):
            return
        if len(self._minimum):
            import numpy as np             # loaded by the analysis that sent these peaks: this only looks it up

            minimum, maximum = np.concatenate((self._minimum, minimum)), np.concatenate((self._maximum, maximum))
        self._minimum, self._maximum = minimum, maximum
        if not self._exact:
            self._duration = max(self._duration, estimate, decoded)
        self._message = None
        self.update()

    def _analysis_done(self, result: AnalysisResult) -> None:
        if not self._from_current_worker():
            return
        self._minimum, self._maximum = result.peaks.minimum, result.peaks.maximum
        self._cps = result.peaks.columns_per_second
        self._duration = result.duration
        self._exact = True
        self._onsets = list(result.onsets)
        self._message = None
        self.update()
        self.durationKnown.emit(self.exact_duration_ms)
        self.onsetsReady.emit(self._onsets)
        self.analysisReady.emit(result)

    def _analysis_failed(self, message: str) -> None:
        if not self._from_current_worker():
            return
        self._message = f"No waveform: {message}. Playback and editing work as usual."
        self.update()
        self.analysisFailed.emit(message)

    def _on_player_error(self, message: str) -> None:
        """The player refused the media: read it anyway, so the strip says what is wrong (or still shows it)."""
        path = self.player.media_path()
        if path is not None and (self._media is None or Path(path) != self._media):
            self.load_media(path)

    def _on_player_duration(self, ms: int) -> None:
        if ms == 0 and self.player.media_path() is None and self._media is not None:
            self.load_media(None)                 # the player closed its media
            return
        if not self._exact and ms > 0:
            self._duration = max(self._duration, ms / 1000)
            self.update()

    @property
    def exact_duration_ms(self) -> int:
        """The media's length in ms as decoded (0 until the analysis has finished)."""
        return round(self._duration * 1000) if self._exact else 0

    def onsets(self) -> list[float]:
        """Speech onsets in seconds (empty until the analysis has finished)."""
        return list(self._onsets)

    def message(self) -> str | None:
        """What the strip says instead of (or before) a waveform; None when it shows one."""
        return self._message

    def peak_count(self) -> int:
        """How many 10 ms columns of waveform are known so far."""
        return len(self._minimum)

    # -- snapping and retiming (one undo step each) ------------------------------------------------------------
    def snap_seconds(self, raw_seconds: float) -> float:
        """The speech onset within snap_window_s before `raw_seconds`, else `raw_seconds`."""
        return snap_time(raw_seconds, self._onsets, self.snap_window_s)

    def retime_current_row(self, snap: bool = True) -> bool:
        """Ctrl+T (snap) / Ctrl+Alt+T (raw): the current line gets the playhead's time, floored, one undo step."""
        if self.player.media_path() is None:
            return False
        seconds = self.player.position() / 1000
        return self._set_time(self._current_row, self.snap_seconds(seconds) if snap else seconds, "Set time")

    def nudge_current_row(self, delta_seconds: int) -> bool:
        """Alt+Up / Alt+Down: move the current line's time by `delta_seconds`, one undo step."""
        row = self._current_row
        seconds = self._row_seconds(row)
        if seconds is None:
            return False
        return self._set_time(row, max(0.0, seconds + delta_seconds), "Nudge time")

    def snap_plan(self, max_shift: float = MAX_SHIFT) -> SnapPlan | None:
        """What snapping every timed line to its nearest onset within ±max_shift would do (None: no onsets yet)."""
        if self.model.episode is None or not self._exact:
            return None
        return snap_all(timed_rows(self.model.episode.entries), self._onsets, max_shift)

    def apply_snap_plan(self, plan: SnapPlan) -> bool:
        """Apply every move of `plan` as one undo step."""
        episode = self.model.episode
        if episode is None or not plan.moves:
            return False
        try:
            inverse = episode.apply_all(lambda move=move: episode.set_time(move.row, move.new) for move in plan.moves)
        except (ValueError, IndexError, DocumentError):
            return False
        self.model.undo_stack.push(DocumentCommand(episode, "Snap times to speech", inverse))
        return True

    def ask_snap_all(self, parent=None, max_shift: float = MAX_SHIFT) -> bool:
        """Show the snap-all preview; apply it when the user accepts."""
        from .snap_dialog import SnapPreviewDialog

        plan = self.snap_plan(max_shift)
        if plan is None:
            return False
        dialog = SnapPreviewDialog(plan, parent or self)
        return bool(dialog.exec()) and self.apply_snap_plan(plan)

    def _row_seconds(self, row: int) -> float | None:
        episode = self.model.episode
        if episode is None or not 0 <= row < len(episode.entries):
            return None
        entry = episode.entries[row]
        return None if entry.is_header or entry.sec is None else float(entry.sec)

    def _set_time(self, row: int, seconds: float, text: str) -> bool:
        episode = self.model.episode
        if episode is None or not 0 <= row < len(episode.entries) or episode.entries[row].is_header:
            return False
        entry = episode.entries[row]
        if entry.sec == max(0, math.floor(seconds)) and entry.time == format_time(entry.sec):
            return True
        self.model.undo_stack.push(DocumentCommand(episode, text, episode.set_time(row, seconds)))
        return True

    # -- view -------------------------------------------------------------------------------------------------
    def duration(self) -> float:
        """Seconds the strip spans when zoomed out (exact after the decode)."""
        return total_seconds(self._duration, len(self._minimum) / self._cps, self._timed_rows())

    def view(self) -> tuple[float, float]:
        """(start, span) in seconds of what the strip shows."""
        return self._shown.shown(self.duration())

    def set_view(self, start: float, span: float) -> None:
        """Show [start, start + span) seconds; span is clamped between about 5 s and the whole episode."""
        self._shown.set(start, span, self.duration())
        self.update()

    def zoom(self, factor: float, anchor: float | None = None) -> None:
        """Zoom in (factor < 1) or out around `anchor` seconds (default: the playhead when visible, else the centre)."""
        total = self.duration()
        self._shown.zoom(factor, self._shown.anchor(self._playhead, total) if anchor is None else anchor, total)
        self.update()

    def zoom_in(self) -> None:
        """+ : show 1.5 times less time."""
        self.zoom(1 / ZOOM_STEP)

    def zoom_out(self) -> None:
        """- : show 1.5 times more time."""
        self.zoom(ZOOM_STEP)

    def zoom_all(self) -> None:
        """0 : the whole episode."""
        self.set_view(0.0, self.duration())

    def x_for(self, seconds: float) -> float:
        """The x coordinate of a time in the current view."""
        return self._shown.x_for(seconds, self.duration(), self.width())

    def seconds_at(self, x: float) -> float:
        """The time under x, within the media."""
        return self._shown.seconds_at(x, self.duration(), self.width())

    def _on_position(self, ms: int) -> None:
        old_x = self.x_for(self._playhead)
        self._playhead = ms / 1000
        start, span = self.view()
        if (self.follow and self._drag is None and self._shown.zoomed_in
                and time.monotonic() >= self._follow_paused_until
                and not start <= self._playhead <= start + span * 0.95):
            self.set_view(self._playhead - span * 0.1, span)
            return
        new_x = self.x_for(self._playhead)
        self.update(int(min(old_x, new_x)) - 2, 0, int(abs(new_x - old_x)) + 5, self.height())

    # -- rows -------------------------------------------------------------------------------------------------
    def _rows_changed(self, *_args) -> None:
        self._rows = None
        self.update()

    def _data_changed(self, top_left, _bottom_right, roles=()) -> None:
        text_only = top_left.column() == TEXT and not self.model.is_header(top_left.row())
        if list(roles) != [Qt.ItemDataRole.BackgroundRole] and not text_only:
            self._rows = None            # a time, speaker or header changed, not only a line's words
        self.update()

    def _timed_rows(self) -> TimelineRows:
        """The timed lines by row and by time; rebuilt only after a change of times or rows."""
        if self._rows is None:
            episode = self.model.episode
            self._rows = TimelineRows(() if episode is None else episode.entries)
        return self._rows

    def markers_ready(self) -> bool:
        """Whether markers and chapter bands are drawn yet: from the event loop turn after the first paint on."""
        return self._marks_class is not None

    def _load_numpy(self) -> None:
        """Load the marks (and numpy, which thins them) and draw them."""
        from editor.audio.strip_marks import StripMarks

        self._marks_class = StripMarks
        self.update()

    def _current_marks(self) -> StripMarks | None:
        """The bands and markers of the current rows and length, made again only after those changed; None before
        they are loaded or without an episode."""
        episode = self.model.episode
        if self._marks_class is None or episode is None:
            return None
        rows, duration = self._timed_rows(), self.duration()
        if self._marks is None or not self._marks.is_of(rows, duration):
            self._marks = self._marks_class(episode.entries, episode.speakers(), rows, duration)
        return self._marks

    def _rows_between(self, first: float, last: float) -> list[TimedRow]:
        """The timed rows whose time lies in [first, last], in row order (a bisect, not a walk of every row)."""
        return self._timed_rows().between(first, last)

    def row_span(self, row: int) -> tuple[float, float] | None:
        """(start, end) seconds of a timed row: its time to the next later time below it (or the end)."""
        start = self._row_seconds(row)
        if start is None:
            return None
        later = self._timed_rows().next_later(row, start)
        return start, (later if later is not None else self.duration())

    def marker_at(self, x: float) -> int:
        """The timed row whose marker is nearest to `x` within HANDLE px (the current row wins ties), else -1."""
        start, span = self.view()
        return self._timed_rows().nearest(x, start, span, self.width(), HANDLE, self._current_row)

    # -- mouse and keys ---------------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x = event.position().x()
        row = self.marker_at(x)
        if row >= 0:
            entry = self.model.episode.entries[row]
            self._drag = {"row": row, "x": x, "original": entry, "session": object(), "moved": False}
        else:
            self._seek_to(self.seconds_at(x))
        event.accept()

    def mouseMoveEvent(self, event):
        x = event.position().x()
        if self._drag is None:
            self.setCursor(Qt.CursorShape.SizeHorCursor if self.marker_at(x) >= 0 else Qt.CursorShape.ArrowCursor)
            return
        if not self._drag["moved"] and abs(x - self._drag["x"]) < 3:
            return
        self._drag["moved"] = True
        row, episode = self._drag["row"], self.model.episode
        seconds = self.seconds_at(x)
        if episode.entries[row].sec != math.floor(seconds):
            self._push_drag(episode.set_time(row, seconds))     # live: the table shows the new time at once
        self.update()

    def _push_drag(self, inverse) -> None:
        """Record one move of the current drag; the moves of one drag merge into a single undo step."""
        drag = self._drag
        self.model.undo_stack.push(DragTimeCommand(self.model.episode, inverse, drag["row"], drag["original"],
                                                   drag["session"]))

    def mouseReleaseEvent(self, event):
        if self._drag is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        drag, self._drag = self._drag, None
        if not drag["moved"]:
            self.rowActivated.emit(drag["row"])
            self._seek_to(float(drag["original"].sec))
        self.update()

    def _cancel_drag(self) -> None:
        """Escape while dragging: the row goes back to its original entry and the drag leaves no undo step."""
        drag = self._drag
        episode = self.model.episode
        if drag["moved"] and episode.entries[drag["row"]] != drag["original"]:
            self._push_drag(episode.apply(Replace(drag["row"], drag["original"])))
        self._drag = None
        self.update()

    def keyPressEvent(self, event):
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._cancel_drag()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.zoom_all()
        else:
            return super().keyPressEvent(event)
        event.accept()

    def wheelEvent(self, event):
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if not steps:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP ** -steps, self.seconds_at(event.position().x()))
        else:
            start, span = self.view()
            self.set_view(start - steps * span * 0.1, span)
            self._follow_paused_until = time.monotonic() + FOLLOW_PAUSE_S
        event.accept()

    def _seek_to(self, seconds: float) -> None:
        if self.player.media_path() is not None:
            self.player.seek(round(seconds * 1000))
        self._playhead = seconds
        self.update()

    # -- painting ---------------------------------------------------------------------------------------------
    def paintEvent(self, event):
        painter = QPainter(self)
        palette = self.palette()
        width, height = self.width(), self.height()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        start, span = self.view()
        top, bottom = LABEL_HEIGHT, height - 1
        self._paint_row_highlights(painter, top, bottom)
        self._paint_chapters(painter, palette)
        self._paint_waveform(painter, palette, start, span, top, bottom)
        self._paint_onsets(painter, start, span, bottom)
        self._paint_markers(painter, top, bottom)
        self._paint_ticks(painter, palette, start, span, bottom)
        if self.player.media_path() is not None or len(self._minimum):
            x = self.x_for(self._playhead)
            painter.setPen(QPen(QColor("#e00000"), 1.5))
            painter.drawLine(QLineF(x, 0, x, height))
        if self._message:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRectF(8, top, width - 16, bottom - top),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
        painter.end()

    def _paint_row_highlights(self, painter, top, bottom) -> None:
        for row, color in ((self.model.playing_row, playing_accent(self.palette())),
                           (self._current_row, self.palette().color(QPalette.ColorRole.Highlight))):
            span = self.row_span(row) if row >= 0 else None
            if span is None:
                continue
            color.setAlpha(90)
            left, right = self.x_for(span[0]), self.x_for(span[1])
            painter.fillRect(QRectF(left, top, max(right - left, 2), bottom - top), color)

    def _paint_chapters(self, painter, palette) -> None:
        marks = self._current_marks()
        if marks is None:
            return
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 6))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        shades = (palette.color(QPalette.ColorRole.AlternateBase), palette.color(QPalette.ColorRole.Button))
        start, span = self.view()
        scale = self.width() / span if span else 0.0
        fills: tuple[list, list] = ([], [])
        lines, labels = [], []
        for i, left, right, title in marks.bands_in_view(start, scale, self.width()):
            fills[i % 2].append(QRectF(left, 0, max(right - left, 1), LABEL_HEIGHT))
            lines.append(QLineF(left, 0, left, self.height()))
            text_left = max(left, 0) + 4
            if right - text_left - 4 >= 1:                                   # room for a letter
                labels.append((text_left, right, title))
        painter.setPen(Qt.PenStyle.NoPen)
        for shade, rects in zip(shades, fills):
            painter.setBrush(shade)
            painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLines(lines)
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        for text_left, right, title in labels:
            text = metrics.elidedText(title or "(untitled chapter)", Qt.TextElideMode.ElideRight,
                                      int(max(right - text_left - 4, 0)))
            painter.drawText(QRectF(text_left, 0, max(right - text_left, 0), LABEL_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_waveform(self, painter, palette, start, span, top, bottom) -> None:
        if not len(self._minimum):
            return
        xs, low, high = pixel_peaks(self._minimum, self._maximum, self._cps, start, span, self.width())
        middle = (top + bottom) / 2
        scale = (bottom - top) / 2 / 32768
        color = palette.color(QPalette.ColorRole.Text)
        color.setAlpha(150)
        painter.setPen(QPen(color, 1))
        if xs.size:
            ys_top = middle - high.astype("float32") * scale
            ys_bottom = middle - low.astype("float32") * scale + 0.5
            painter.drawLines([QLineF(x, a, x, b) for x, a, b in zip(xs.tolist(), ys_top.tolist(),
                                                                       ys_bottom.tolist())])
        if self._minimum.size / self._cps < self.duration():
            done = self.x_for(self._minimum.size / self._cps)
            painter.drawLine(QLineF(max(done, 0), middle, self.width(), middle))

    def _paint_onsets(self, painter, start, span, bottom) -> None:
        """Small marks where speech starts (what Ctrl+T and snap-all snap to), when zoomed in enough to tell."""
        if span > ONSET_MARKS_MAX_SPAN_S or not self._onsets:
            return
        painter.setPen(QPen(QColor(ONSET_COLOR), 2))
        middle = (LABEL_HEIGHT + bottom) / 2
        painter.drawLines([QLineF(x, middle - 7, x, middle + 7) for x in
                           (self.x_for(t) for t in self._onsets if start <= t <= start + span)])

    def _paint_markers(self, painter, top, bottom) -> None:
        marks = self._current_marks()
        if marks is None:
            return
        dragged = self._drag["row"] if self._drag is not None else -1
        start, span = self.view()
        scale = self.width() / span if span else 0.0
        margin = HANDLE / scale if scale else 0.0
        # markers hidden under others go; dense ones (zoomed far out) are drawn as handles, so the waveform shows
        visible, dense = marks.markers_in_view(start, scale, self.width(), margin, {self._current_row, dragged} - {-1})
        for row, x, who in visible:
            color = speaker_color(marks.speakers, who)
            emphasised = row in (self._current_row, dragged)
            painter.setPen(QPen(color, 3 if emphasised else 1.5))
            if emphasised or not dense:
                painter.drawLine(QLineF(x, top, x, bottom))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygonF([QPointF(x - HANDLE, top), QPointF(x + HANDLE, top),
                                           QPointF(x, top + HANDLE + 2)]))
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_ticks(self, painter, palette, start, span, bottom) -> None:
        step = next((s for s in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
                     if s / span * self.width() >= 70), 3600)
        muted = QColor(palette.color(QPalette.ColorRole.Text))
        muted.setAlpha(150)                        # readable on light and dark bases, quieter than the text
        painter.setPen(muted)
        first = math.ceil(start / step) * step
        for tick in range(int(first), int(start + span) + 1, step):
            x = self.x_for(tick)
            painter.drawLine(QLineF(x, bottom - 4, x, bottom))
            painter.drawText(QPointF(x + 2, bottom - 3), format_time(tick))

