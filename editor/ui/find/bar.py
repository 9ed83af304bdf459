"""The find / replace bar below the table: finds as you type (debounced, counted in slices of bounded time),
highlights the match inside its cell, and replaces through undo commands, Replace All after a preview."""
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QToolButton, QWidget)

from editor.document import Batch, Replace
from editor.document.search import WHO as WHO_FIELD
from editor.document.search import (ALL_SCOPE, HEADERS_SCOPE, SPEAKERS_SCOPE, TEXT_SCOPE, FieldChange, Match,
                                    MatchScan, SearchError, SearchOptions, apply_field_changes, field_text,
                                    find_matches, narrower, preview_changes, replace_match)

from ..table.model import TEXT, WHO, TranscriptModel
from ..table.view import TranscriptView

NOT_FOUND_STYLE = "background: #ffd6d6; color: #8a0000;"
DEBOUNCE_MS = 150           # typing pauses this long before the search runs
SLICE_S = 0.008             # about the longest the search holds the GUI thread at a time
REPLACE_ALL_KEY = "Ctrl+Alt+Return"
SCOPE_CHOICES = ((TEXT_SCOPE, "Text", "The Text column: spoken lines and chapter headers"),
                 (SPEAKERS_SCOPE, "Speakers", "The speakers of the lines"),
                 (HEADERS_SCOPE, "Headers", "Chapter headers only"),
                 (ALL_SCOPE, "All", "Text, headers and speakers"))


class FindBar(QWidget):
    """Find field with next/previous, match options and scope, a status, and a replace row shown on demand."""

    navigated = Signal()        # a match was selected in the table (a user move: playback following pauses)

    def __init__(self, model: TranscriptModel, view: TranscriptView, push, parent=None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.model = model
        self.view = view
        self._push = push           # push(text, operation) -> bool: runs an episode operation as one undo step
        self._current: Match | None = None
        self._cursor: tuple[int, int, int] | None = None   # where "next" continues (end of the match or replacement)
        self._scan: MatchScan | None = None     # the counted matches of the last search
        self._stale = False                     # rows were inserted or removed since: the scan must start again
        self._waiting = False                   # a find(0) waits for the scan to finish
        self._repaint_turn = False              # the next slicer turn only lets the window repaint
        self.debounce_ms = DEBOUNCE_MS
        self.preview = None         # the open Replace All preview (a ReplacePreview)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.debounce_ms)
        self._debounce.timeout.connect(lambda: self.find(0))
        self._slicer = QTimer(self)             # runs the scan one slice per event-loop turn
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._continue_scan)
        self._build()
        model.modelReset.connect(self._document_reset)
        model.rowsInserted.connect(self._rows_moved)
        model.rowsRemoved.connect(self._rows_moved)
        model.rowsMoved.connect(self._rows_moved)
        model.layoutChanged.connect(self._rows_moved)
        model.dataChanged.connect(self._data_changed)
        self.hide()

    def _build(self) -> None:
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText("Find in transcript")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText("Replace with")
        self.previous_button = self._tool_button("▲", "Previous match (Shift+Enter)", lambda: self.find(-1))
        self.next_button = self._tool_button("▼", "Next match (Enter)", lambda: self.find(1))
        self.match_case = QCheckBox("Match case", self)
        self.whole_word = QCheckBox("Whole word", self)
        self.regex = QCheckBox("Regex", self)
        self.regex.setToolTip("Search with a regular expression; \\1 in the replacement inserts the first group")
        self.scope = QComboBox(self)
        for value, label, tip in SCOPE_CHOICES:
            self.scope.addItem(label, value)
            self.scope.setItemData(self.scope.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.scope.setToolTip("Where to search")
        self.scope_label = QLabel("In:", self)
        self.scope_label.setBuddy(self.scope)
        self.status = QLabel(self)
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance("999 of 999 (wrapped to the top)"))
        self.close_button = self._tool_button("✕", "Close (Esc)", self.close_bar)
        self.close_button.setAutoRaise(True)
        self.replace_button = QPushButton("Replace", self)
        self.replace_button.setToolTip("Replace this match and go to the next (Enter in the replace field)")
        self.replace_all_button = QPushButton("Replace All…", self)
        self.replace_all_button.setToolTip("Preview every replacement, then replace the checked ones as one undo "
                                           f"step ({QKeySequence(REPLACE_ALL_KEY).toString()})")
        self.replace_label = QLabel("Replace:", self)

        find_row = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.match_case, self.whole_word, self.regex,
                       self.scope_label, self.scope):
            find_row.addWidget(widget)
        find_row.addSpacing(12)
        find_row.addWidget(self.status)
        find_row.addStretch(1)
        find_row.addWidget(self.close_button)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 0, 6, 4)
        grid.setVerticalSpacing(4)
        line = QFrame(self)             # a hairline between the table above and the bar
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 0, 0, 1, 3)
        grid.addWidget(QLabel("Find:", self), 1, 0)
        grid.addWidget(self.find_field, 1, 1)
        grid.addLayout(find_row, 1, 2)
        grid.addWidget(self.replace_label, 2, 0)
        grid.addWidget(self.replace_field, 2, 1)
        grid.addLayout(replace_row, 2, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)

        self.find_field.textChanged.connect(self._typed)
        for box in (self.match_case, self.whole_word, self.regex):
            box.toggled.connect(lambda _on: self.find(0))
        self.scope.currentIndexChanged.connect(lambda _index: self.find(0))
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)

    def _tool_button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- opening and closing ----------------------------------------------------------------------------------
    def open_find(self) -> None:
        """Ctrl+F: show the bar without the replace row and put the cursor in the find field."""
        self._open(replace=False)

    def open_replace(self) -> None:
        """Ctrl+H: show the bar with the replace row."""
        self._open(replace=True)

    def replace_visible(self) -> bool:
        """Whether the replace row is shown."""
        return self.replace_field.isVisibleTo(self)

    def _open(self, replace: bool) -> None:
        selected = self._editor_selection()
        for widget in (self.replace_label, self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        if selected:
            self.find_field.setText(selected)
            self.find(0)                # no pause: nothing is being typed
        field = self.replace_field if replace and self.find_field.text() else self.find_field
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def _editor_selection(self) -> str:
        """Text selected inside an open cell editor (one line only), to search for."""
        editor = self.view.text_editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        return "" if "\u2029" in selected else selected

    def close_bar(self) -> None:
        """Esc: hide the bar and give the keyboard back to the table."""
        self._debounce.stop()
        self._stop_scan()
        self._show_match(None)
        self.hide()
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.close_bar()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if QKeySequence(mods.value | Qt.Key.Key_Return.value) == QKeySequence(REPLACE_ALL_KEY):
                self.replace_all()
                return True
            if mods == Qt.KeyboardModifier.NoModifier or mods == Qt.KeyboardModifier.ShiftModifier:
                if watched is self.replace_field:
                    self.replace_current()
                else:
                    self.find(-1 if mods else 1)
                return True
        return super().eventFilter(watched, event)

    # -- searching --------------------------------------------------------------------------------------------
    def options(self) -> SearchOptions:
        """The search as the bar's fields and boxes set it."""
        return SearchOptions(self.find_field.text(), match_case=self.match_case.isChecked(),
                             whole_word=self.whole_word.isChecked(), regex=self.regex.isChecked(),
                             scope=self.scope.currentData())

    def matches(self) -> list[Match]:
        """Every match of the current search in the open episode; SearchError for an invalid expression."""
        if self.model.episode is None:
            return []
        return find_matches(self.model.episode.entries, self.options())

    def current_match(self) -> Match | None:
        """The match shown in the table, while it is still the selected row."""
        if self._current is not None and self.view.current_row() == self._current.row:
            return self._current
        return None

    @property
    def scan(self) -> MatchScan | None:
        """The counted matches of the last search (None before one)."""
        return self._scan

    def searching(self) -> bool:
        """Whether a search is still to run or to finish (typing pauses first; long searches run in slices)."""
        return self._debounce.isActive() or self._waiting

    def _typed(self, _text: str) -> None:
        self._debounce.setInterval(self.debounce_ms)
        self._debounce.start()
        self._waiting = bool(self.find_field.text())

    def find(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping; 0: the first match at or after the current one.

        0 (typing, a changed option) counts in slices while the window stays responsive; 1 and -1 finish at once.
        """
        self._debounce.stop()
        if not self.find_field.text() or self.model.episode is None:
            self._stop_scan()
            self._forget()
            if direction and not self.find_field.text():
                self.open_find()        # Find Next with nothing to find asks what to find
            return
        if direction and self.isHidden():
            self.show()                 # the status ("wrapped", "not found") must be visible; focus stays put
        start, end = self._positions()
        try:
            scan = self._scan_for(self.options(), start)
        except SearchError as error:
            self._stop_scan()
            self._current = None
            self._show_match(None)
            self._show_status(str(error), found=False)
            return
        if direction == 0 and not scan.done:
            self._waiting = True
            self._repaint_turn = False
            self._slicer.start()
            return
        self._stop_scan()
        scan.advance()
        self._show_result(scan, start, end, direction)

    def _scan_for(self, options: SearchOptions, start: tuple[int, int, int]) -> MatchScan:
        """The scan of `options`: the last one while still valid, else a new one (over fewer rows when it can)."""
        scan = self._scan
        if scan is not None and not self._stale and scan.options == options:
            return scan
        rows = None if self._stale else narrower(scan, options)
        self._scan = MatchScan(self.model.episode.entries, options, start, rows)
        self._stale = False
        return self._scan

    def _continue_scan(self) -> None:
        """One step of a running count per event-loop turn: a slice of rows; showing the first match met; a turn
        left to the repaint that causes (the table and the timeline), without a slice beside it; the result."""
        scan = self._scan
        if scan is None or not self._waiting:
            return
        if self._repaint_turn:
            self._repaint_turn = False
        elif scan.done:
            self._waiting = False
            self._show_result(scan, scan.start, scan.start, 0)
            return
        elif scan.found is not None and scan.found != self._current:
            self._select(scan.found)            # shown as soon as met; numbered once all are counted
            self._show_status("Counting…", found=True)
            self._repaint_turn = True
        else:
            scan.advance(SLICE_S)
        self._slicer.start()

    def _stop_scan(self) -> None:
        self._slicer.stop()
        self._waiting = False
        self._repaint_turn = False

    def _show_result(self, scan: MatchScan, start, end, direction: int) -> None:
        target, wrapped = scan.step(start, end, direction)
        if target is None:
            self._current = None
            self._show_match(None)
            self._show_status("Not found", found=False)
            return
        self._select(target)
        status = f"{scan.ordinal(target)} of {scan.total}"
        if wrapped and direction:
            status += " (wrapped to the top)" if direction > 0 else " (wrapped to the bottom)"
        self._show_status(status, found=True)

    def _positions(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Where the current match starts and where "next" continues; the selected row's start after a user move."""
        match = self.current_match()
        if match is not None and self._cursor is not None:
            return match.key, self._cursor
        row_start = (max(self.view.current_row(), 0), -1, 0)        # before the row's first field
        return row_start, row_start

    def _select(self, match: Match) -> None:
        self.view.close_editor()
        self._current = match
        self._cursor = (match.row, match.key[1], match.end)
        self.view.select_row(match.row, WHO if match.field == WHO_FIELD else TEXT)
        self._show_match(match)
        self.navigated.emit()

    def _show_match(self, match: Match | None) -> None:
        """Highlight `match` inside its cell (None: no highlight)."""
        column = WHO if match is not None and match.field == WHO_FIELD else TEXT
        span = None if match is None else (match.row, column, match.start, match.end)
        self.view.itemDelegate().set_find_match(span)
        self.view.viewport().update()

    def _show_status(self, text: str, found: bool) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)        # the whole reason, should a long one not fit
        self.find_field.setStyleSheet("" if found else NOT_FOUND_STYLE)
        self.status.setStyleSheet("" if found else "color: #8a0000;")

    def _forget(self) -> None:
        self._current = None
        self._cursor = None
        self._show_match(None)
        self._show_status("", found=True)

    # -- following the document -------------------------------------------------------------------------------
    def _document_reset(self) -> None:
        self._stop_scan()
        self._scan = None
        self._stale = False
        self._forget()

    def _rows_moved(self, *_args) -> None:
        """Rows came, went or moved: counted matches and the shown match no longer hold."""
        self._stale = True
        self._current = None
        self._show_match(None)
        if self._waiting:                       # a count under way read rows by their old numbers: start again
            self._stop_scan()
            self._waiting = True
            self._debounce.start()

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        """An edit changed rows: count them again, and drop the highlight of a match in them."""
        if roles and Qt.ItemDataRole.DisplayRole not in roles and Qt.ItemDataRole.EditRole not in roles:
            return
        first, last = top_left.row(), bottom_right.row()
        if self._scan is not None and not self._stale:
            self._scan.update_rows(first, last)     # finished or not: rows still to read are read as they are
        if self._current is not None and first <= self._current.row <= last:
            self._show_match(None)

    # -- replacing --------------------------------------------------------------------------------------------
    def replace_current(self) -> None:
        """Replace the match shown and go to the next; with no match shown, find one first."""
        self.view.close_editor()            # an open cell editor commits first, so the text compared is current
        match, episode = self.current_match(), self.model.episode
        if not self.find_field.text() or episode is None:
            return
        try:
            new_text = replace_match(episode.entries[match.row], match, self.replace_field.text(), self.options()) \
                if match is not None else None
        except SearchError as error:
            self._show_status(str(error), found=False)
            return
        if new_text is None:
            self.find(0)
            return
        end = match.end + len(new_text) - len(field_text(episode.entries[match.row], match.field))
        if self._push("Replace", lambda: self._set_field(match.row, match.field, new_text)):
            self._current = Match(match.row, match.field, match.start, end)
            self._cursor = (match.row, match.key[1], end)
            self.find(1)

    def replace_all(self) -> None:
        """Replace All (also Ctrl+Alt+Enter in the bar): preview every change, then apply the checked ones."""
        if not self.replace_visible():
            self.open_replace()
            return
        self.view.close_editor()
        episode, options = self.model.episode, self.options()
        if not options.text or episode is None:
            return
        try:
            changes = preview_changes(episode.entries, options, self.replace_field.text())
            found = bool(changes) or bool(find_matches(episode.entries, options))
        except SearchError as error:
            self._show_status(str(error), found=False)
            return
        if not changes:
            self._show_status("Nothing to change" if found else "Not found", found=found)
            return
        from .preview import ReplacePreview      # loaded with the first Replace All, not at start

        self.preview = ReplacePreview(changes, options.text, self.replace_field.text(), self.window())
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.accepted.connect(lambda dialog=self.preview: self.apply_replacements(dialog.chosen()))
        self.preview.destroyed.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self) -> None:
        self.preview = None

    def apply_replacements(self, changes: list[FieldChange]) -> bool:
        """Apply the chosen changes of a preview as ONE undo step ("Replace all"); False when nothing changed."""
        episode = self.model.episode
        if not changes or episode is None:
            self._show_status("Nothing replaced", found=True)
            return False

        def operation():
            rows = apply_field_changes(episode.entries, changes)
            return episode.apply(Batch(tuple(Replace(row, entry) for row, entry in rows)))

        count, edited = sum(change.count for change in changes), len({change.row for change in changes})
        if not self._push("Replace all", operation):
            return False
        self._current = self._cursor = None
        self._show_match(None)
        self._show_status(f"Replaced {count} in {edited} {'entry' if edited == 1 else 'entries'}", found=True)
        return True

    def _set_field(self, row: int, field: str, text: str):
        """The episode operation changing one field; returns its inverse Change."""
        episode = self.model.episode
        if field == WHO_FIELD:
            return episode.set_speaker(row, text.strip() or None)
        return episode.set_text(row, text)
