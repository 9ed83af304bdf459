"""The find / replace bar below the table: searches entry text (and speakers), replaces through undo commands."""
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QToolButton, QWidget)

from editor.document.search import WHO as WHO_FIELD
from editor.document.search import (Match, SearchError, SearchOptions, field_text, find_matches, replace_all,
                                    replace_match)

from ..table.model import TEXT, WHO, TranscriptModel
from ..table.view import TranscriptView

NOT_FOUND_STYLE = "background: #ffd6d6; color: #8a0000;"


class FindBar(QWidget):
    """Find field with next/previous, match case and speaker toggles, a status, and a replace row shown on demand."""

    navigated = Signal()        # a match was selected in the table (a user move: playback following pauses)

    def __init__(self, model: TranscriptModel, view: TranscriptView, push, parent=None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.model = model
        self.view = view
        self._push = push           # push(text, operation) -> bool: runs an episode operation as one undo step
        self._current: Match | None = None
        self._cursor: tuple[int, int, int] | None = None   # where "next" continues (end of the match or replacement)
        self._build()
        model.modelReset.connect(self._forget)
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
        self.speakers = QCheckBox("Speakers", self)
        self.speakers.setToolTip("Also search the speaker names")
        self.status = QLabel(self)
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance("999 of 999 (wrapped to the top)"))
        self.close_button = self._tool_button("✕", "Close (Esc)", self.close_bar)
        self.close_button.setAutoRaise(True)
        self.replace_button = QPushButton("Replace", self)
        self.replace_button.setToolTip("Replace this match and go to the next (Enter in the replace field)")
        self.replace_all_button = QPushButton("Replace All", self)
        self.replace_all_button.setToolTip("Replace every match, as one undo step")
        self.replace_label = QLabel("Replace:", self)

        find_row = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.match_case, self.whole_word, self.regex,
                       self.speakers):
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

        self.find_field.textChanged.connect(lambda _text: self.find(0))
        for box in (self.match_case, self.whole_word, self.regex, self.speakers):
            box.toggled.connect(lambda _on: self.find(0))
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
                             speakers=self.speakers.isChecked())

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

    def find(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping; 0: the first match at or after the current one."""
        if not self.find_field.text():
            self._forget()
            if direction:
                self.open_find()        # Find Next with nothing to find asks what to find
            return
        if direction and self.isHidden():
            self.show()                 # the status ("wrapped", "not found") must be visible; focus stays put
        try:
            matches = self.matches()
        except SearchError as error:
            self._current = None
            self._show_status(str(error), found=False)
            return
        if not matches:
            self._current = None
            self._show_status("Not found", found=False)
            return
        start, end = self._positions()
        if direction > 0:
            after = [m for m in matches if m.key >= end]
            target, wrapped = (after[0], False) if after else (matches[0], True)
        elif direction < 0:
            before = [m for m in matches if m.key < start]
            target, wrapped = (before[-1], False) if before else (matches[-1], True)
        else:
            after = [m for m in matches if m.key >= start]
            target, wrapped = (after[0], False) if after else (matches[0], True)
        self._select(target)
        status = f"{matches.index(target) + 1} of {len(matches)}"
        if wrapped and direction:
            status += " (wrapped to the top)" if direction > 0 else " (wrapped to the bottom)"
        self._show_status(status, found=True)

    def _positions(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Where the current match starts and where "next" continues; the selected row's start after a user move."""
        match = self.current_match()
        if match is not None and self._cursor is not None:
            return match.key, self._cursor
        row_start = (self.view.current_row(), -1, 0)        # before the row's first field
        return row_start, row_start

    def _select(self, match: Match) -> None:
        self.view.close_editor()
        self._current = match
        self._cursor = (match.row, match.key[1], match.end)
        self.view.select_row(match.row, WHO if match.field == WHO_FIELD else TEXT)
        self.navigated.emit()

    def _show_status(self, text: str, found: bool) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)        # the whole reason, should a long one not fit
        self.find_field.setStyleSheet("" if found else NOT_FOUND_STYLE)
        self.status.setStyleSheet("" if found else "color: #8a0000;")

    def _forget(self) -> None:
        self._current = None
        self._cursor = None
        self._show_status("", found=True)

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
        """Replace every match in the episode as ONE undo step (Episode.replace_all: one Batch)."""
        self.view.close_editor()
        episode, options = self.model.episode, self.options()
        if not options.text or episode is None:
            return
        try:
            plan = replace_all(episode.entries, options, self.replace_field.text())
        except SearchError as error:
            self._show_status(str(error), found=False)
            return
        if not plan:
            self._show_status("Not found", found=False)
            return
        edited = sum(1 for item in plan if item.entry != episode.entries[item.row])
        if not edited:
            self._show_status("Nothing to change", found=True)
            return
        count = sum(item.count for item in plan)
        if self._push("Replace all", lambda: episode.replace_all(options, self.replace_field.text())):
            self._current = self._cursor = None
            self._show_status(f"Replaced {count} in {edited} {'entry' if edited == 1 else 'entries'}", found=True)

    def _set_field(self, row: int, field: str, text: str):
        """The episode operation changing one field; returns its inverse Change."""
        episode = self.model.episode
        if field == WHO_FIELD:
            return episode.set_speaker(row, text.strip() or None)
        return episode.set_text(row, text)
