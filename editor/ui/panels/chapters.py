"""The chapters dock: the outline as the site shows it, editing headers, chapter lists in and out, quotable clips."""
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QPlainTextEdit,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from editor.document import DocumentError, format_time
from editor.document.chapters import (SITE, YOUTUBE, chapters, delete_chapter, export_chapters, find_chapter_lists,
                                      import_chapters, insert_chapter_at, read_chapter_list,
                                      rename_chapter)
from editor.document.clips import KEY, clip_update, regenerate_clips

from .watch import ChangeWatch

TITLE, TIME, LENGTH = range(3)
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_COLOR = QColor("#8a8a8a")
WARNING_COLOR = QColor("#b00020")


def _changes_outline(old, new) -> bool:
    """True when replacing entry `old` by `new` can change a header's title or time, or a chapter's length."""
    return old.is_header or new.is_header or old.seconds != new.seconds


class ChaptersPanel(QWidget):
    """Chapters of the model's episode; `run_edit(label, operation)` records each edit as one undo step.

    `playhead()` gives the player's position in seconds (None when nothing plays) for inserting a chapter there.
    """

    rowActivated = Signal(int)

    def __init__(self, model, run_edit: Callable, playhead: Callable = lambda: None, parent=None):
        super().__init__(parent)
        self.model = model
        self._run_edit = run_edit
        self._playhead = playhead
        self.outline = QTreeWidget()
        self.outline.setHeaderLabels(["Chapter", "Time", "Length"])
        self.outline.setRootIsDecorated(False)
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (TIME, LENGTH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.insert_button = QPushButton("Insert")
        self.insert_button.setToolTip("Insert a chapter at the playhead, above the row being played")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        self.import_button = QPushButton("Import")
        self.site_button = QPushButton("Copy list")
        self.site_button.setToolTip("Copy the chapter list in the site's format (HH:MM:SS Topic)")
        self.youtube_button = QPushButton("Copy YouTube")
        self.youtube_button.setToolTip("Copy the chapters for a YouTube description (m:ss Topic)")
        self.clips_button = QPushButton("Clips…")
        self.clips_button.setToolTip("Show how regenerating quotableClips from the chapters changes them")
        self.apply_clips_button = QPushButton("Apply")
        self.clips_preview = QPlainTextEdit(readOnly=True)
        self.clips_preview.setMaximumHeight(140)
        self.clips_preview.hide()
        self.apply_clips_button.hide()
        edit_row, list_row = QHBoxLayout(), QHBoxLayout()
        for button in (self.insert_button, self.rename_button, self.delete_button):
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        for button in (self.import_button, self.site_button, self.youtube_button, self.clips_button):
            list_row.addWidget(button)
        list_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.outline, 1)
        layout.addLayout(edit_row)
        layout.addLayout(list_row)
        layout.addWidget(self.status)
        layout.addWidget(self.clips_preview)
        layout.addWidget(self.apply_clips_button, 0, Qt.AlignmentFlag.AlignRight)
        self.watch = ChangeWatch(self, model, _changes_outline)
        self.outline.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                     | QAbstractItemView.EditTrigger.SelectedClicked)
        self.outline.itemClicked.connect(lambda item: self.rowActivated.emit(item.data(TITLE, INDEX_ROLE)))
        self.outline.itemActivated.connect(lambda item: self.rowActivated.emit(item.data(TITLE, INDEX_ROLE)))
        self.outline.itemChanged.connect(self._renamed_in_place)
        self.outline.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.insert_button.clicked.connect(lambda: self.insert_at_playhead("New chapter"))
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self._import_found_list)
        self.site_button.clicked.connect(lambda: self.copy_export(SITE))
        self.youtube_button.clicked.connect(lambda: self.copy_export(YOUTUBE))
        self.clips_button.clicked.connect(self.preview_clips)
        self.apply_clips_button.clicked.connect(self.apply_clips)
        self.refresh()

    # -- contents ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the outline from the episode's headers."""
        selected = self.selected_row()
        self.outline.blockSignals(True)
        self.outline.clear()
        episode = self.model.episode
        for chapter in chapters(episode) if episode is not None else []:
            time = format_time(chapter.seconds) if chapter.seconds is not None else "–"
            length = format_time(chapter.length) if chapter.length is not None else ""
            item = QTreeWidgetItem([chapter.title, time, length])
            item.setData(TITLE, INDEX_ROLE, chapter.index)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(TIME, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(LENGTH, Qt.AlignmentFlag.AlignRight)
            if chapter.empty:
                for column in range(3):
                    item.setForeground(column, EMPTY_COLOR)
                font = item.font(TITLE)
                font.setItalic(True)
                item.setFont(TITLE, font)
                item.setToolTip(TITLE, "Empty chapter: another header follows directly; the site drops this one")
            self.outline.addTopLevelItem(item)
            if chapter.index == selected:
                self.outline.setCurrentItem(item)
        self.outline.blockSignals(False)
        lists = self.site_lists()
        self.import_button.setEnabled(bool(lists))
        self.import_button.setToolTip(f"Replace the headers by {lists[0].name}" if lists else
                                      "No chapter list found in ../podcast-timestamps/")
        self.clips_button.setEnabled(episode is not None and episode.get_meta(KEY) is not None)
        self._update_buttons()

    def selected_row(self) -> int:
        """The selected chapter's row in the table, or -1."""
        item = self.outline.currentItem()
        return item.data(TITLE, INDEX_ROLE) if item is not None else -1

    def select_row(self, row: int) -> bool:
        """Select the chapter whose header is table row `row`."""
        for position in range(self.outline.topLevelItemCount()):
            item = self.outline.topLevelItem(position)
            if item.data(TITLE, INDEX_ROLE) == row:
                self.outline.setCurrentItem(item)
                return True
        return False

    def site_lists(self) -> list:
        """The site's chapter lists for this episode found beside its folder."""
        return find_chapter_lists(self.model.episode) if self.model.episode is not None else []

    def _update_buttons(self) -> None:
        """Enable what applies to the selection."""
        has_episode, selected = self.model.episode is not None, self.selected_row() >= 0
        self.insert_button.setEnabled(has_episode)
        self.rename_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.site_button.setEnabled(has_episode)
        self.youtube_button.setEnabled(has_episode)

    def _say(self, text: str, warning: bool = False) -> None:
        """Show a result or warning under the buttons."""
        self.status.setStyleSheet(f"color: {WARNING_COLOR.name()}" if warning else "")
        self.status.setText(text)

    # -- editing ----------------------------------------------------------------------------------------------
    def rename_selected(self, title: str) -> bool:
        """Rename the selected chapter."""
        row, episode = self.selected_row(), self.model.episode
        return row >= 0 and bool(self._run_edit("Rename chapter", lambda: rename_chapter(episode, row, title)))

    def _ask_rename(self) -> None:
        """Ask for the selected chapter's new title."""
        item = self.outline.currentItem()
        if item is None:
            return
        title, ok = QInputDialog.getText(self, "Rename chapter", "Title:", text=item.text(TITLE))
        if ok and title.strip():
            self.rename_selected(title.strip())

    def _renamed_in_place(self, item, column) -> None:
        """A title edited in the outline renames that chapter (an emptied title is put back)."""
        if column != TITLE:
            return
        self.outline.setCurrentItem(item)
        title = item.text(TITLE).strip()
        if not title or not self.rename_selected(title):
            self.watch.refresh_soon()

    def delete_selected(self) -> bool:
        """Delete the selected chapter's header."""
        row, episode = self.selected_row(), self.model.episode
        return row >= 0 and bool(self._run_edit("Delete chapter", lambda: delete_chapter(episode, row)))

    def insert_at_playhead(self, title: str) -> bool:
        """Insert a header above the row being played (the playing row, else the first row)."""
        episode = self.model.episode
        if episode is None:
            return False
        seconds = self._playhead()
        if seconds is not None:
            return bool(self._run_edit("Insert chapter", lambda: insert_chapter_at(episode, seconds, title)))
        row = max(0, self.model.playing_row)
        return bool(self._run_edit("Insert chapter", lambda: episode.insert_header(row, title)))

    # -- chapter lists and clips ------------------------------------------------------------------------------
    def import_list(self, path) -> bool:
        """Replace the headers by the list in `path`; a bad list is reported with its line numbers, nothing changes."""
        episode = self.model.episode
        try:
            listed = read_chapter_list(path)
        except DocumentError as error:
            self._say(str(error), warning=True)
            return False
        done = self._run_edit(f"Import chapters from {Path(path).name}", lambda: import_chapters(episode, listed))
        if done:
            self._say(f"{len(listed)} chapters imported from {Path(path).name}.")
        return bool(done)

    def _import_found_list(self) -> None:
        """Import the site's chapter list found beside the episode."""
        lists = self.site_lists()
        if lists:
            self.import_list(lists[0])

    def copy_export(self, fmt: str) -> str:
        """Put the chapter list in `fmt` on the clipboard and say what, if anything, is wrong with it."""
        result = export_chapters(self.model.episode, fmt)
        QGuiApplication.clipboard().setText(result.text)
        lines = len(result.text.split("\n")) if result.text else 0
        self._say(f"Copied {lines} chapters." + "".join(f"\n{warning}" for warning in result.warnings),
                  warning=bool(result.warnings))
        return result.text

    def save_export(self, fmt: str, path: Path) -> bool:
        """Write the chapter list in `fmt` to `path` and say what, if anything, is wrong with it."""
        result = export_chapters(self.model.episode, fmt)
        try:
            path.write_text(result.text + "\n" if result.text else "", encoding="utf-8")
        except OSError as error:
            self._say(f"Could not write {path}: {error.strerror or error}", warning=True)
            return False
        lines = len(result.text.split("\n")) if result.text else 0
        self._say(f"Saved {lines} chapters to {path.name}." + "".join(f"\n{warning}" for warning in result.warnings),
                  warning=bool(result.warnings))
        return True

    def preview_clips(self) -> bool:
        """Show how regenerating quotableClips would change them; Apply does it."""
        try:
            update = clip_update(self.model.episode)
        except ValueError as error:
            self._say(str(error), warning=True)
            return False
        self.clips_preview.setPlainText(update.diff if update.changed else "")
        self.clips_preview.setVisible(update.changed)
        self.apply_clips_button.setVisible(update.changed)
        self._say("The quotable clips would change like this:" if update.changed else
                  "The quotable clips match the chapters.")
        return update.changed

    def apply_clips(self) -> bool:
        """Regenerate quotableClips as one undo step."""
        episode = self.model.episode
        done = self._run_edit("Regenerate quotable clips", lambda: regenerate_clips(episode))
        self.clips_preview.hide()
        self.apply_clips_button.hide()
        if done:
            self._say("Quotable clips regenerated from the chapters.")
        return bool(done)
