"""The main window: composes table, transport, actions, undo stack and playback follow around one Episode."""
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from editor.document import Batch, DiskChangedError, DocumentError, Episode, SaveError, parse_time
from editor.player import PlaybackState, Player

from .actions import MENUS, ActionId, ActionRegistry
from .table.commands import DocumentCommand
from .find.bar import FindBar
from .table.follow import PlaybackFollower
from .playback.media_lookup import MEDIA_EXTENSIONS, find_media
from .recent_files import RecentFilesMenu
from .settings import Settings
from .shortcuts_dialog import ShortcutsDialog
from .table.model import TEXT, TranscriptModel
from .table.view import TranscriptView
from .playback.transport import TransportBar

APP_TITLE = "Transcript Editor"
EPISODE_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
EPISODE_FILTER = "Episode files (*.md *.markdown *.yaml *.yml);;All files (*)"
MEDIA_FILTER = "Media (*.mp3 *.m4a *.mp4 *.webm *.wav *.ogg *.opus *.flac *.mkv);;All files (*)"
Button = QMessageBox.StandardButton


class MainWindow(QMainWindow):
    """One episode, its media and its undo history; every edit goes through the undo stack."""

    documentOpened = Signal()
    aboutToSave = Signal(str)
    documentSaved = Signal(str)
    documentClosed = Signal()

    def __init__(self, settings: Settings, player: Player, parent=None):
        super().__init__(parent)
        self.setObjectName("main")
        self.settings = settings
        self.player = player
        self.episode: Episode | None = None
        self.overwrite_allowed = False  # set when the user keeps their version of a file changed on disk
        self.undo_stack = QUndoStack(self)
        self.actions = ActionRegistry(self)
        self.model = TranscriptModel(self.undo_stack, self)
        self.table = TranscriptView(self)
        self.table.setObjectName("transcript")
        self.table.setModel(self.model)
        self.table.delegate.passthrough = [seq for action_id, action in self.actions.all()
                                           if action_id not in (ActionId.UNDO, ActionId.REDO)
                                           for seq in action.shortcuts()]
        self.transport = TransportBar(player, settings, self)
        self.transport.bind_actions(self.actions)
        self.follower = PlaybackFollower(self.model, self.table, lambda: self.settings.follow_pause_ms, parent=self)
        self.follower.watch_selection()
        self.find_bar = FindBar(self.model, self.table, self._push, self)
        self._build_layout()
        self._build_menus()
        self._connect()
        self._update_title()
        self.setAcceptDrops(True)

    # -- composition ------------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._top = QVBoxLayout()
        layout.addLayout(self._top)
        self.splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.splitter.setObjectName("main_splitter")
        table_pane = QWidget(self.splitter)          # the table with the find bar below it
        pane_layout = QVBoxLayout(table_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self.table)
        pane_layout.addWidget(self.find_bar)
        self.splitter.addWidget(table_pane)
        self.splitter.addWidget(self.transport)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.statusBar()

    def _build_menus(self) -> None:
        for menu_name in MENUS:
            menu = self.menuBar().addMenu(f"&{menu_name}")
            for action in self.actions.in_menu(menu_name):
                if action is self.actions[ActionId.QUIT]:
                    menu.addSeparator()
                menu.addAction(action)
                if action is self.actions[ActionId.OPEN]:
                    RecentFilesMenu(menu.addMenu("Open &Recent"), self.settings, self.open_file)
                if action in (self.actions[ActionId.REDO], self.actions[ActionId.REPLACE],
                              self.actions[ActionId.MERGE], self.actions[ActionId.FASTER],
                              self.actions[ActionId.PLAY_FROM_ROW]):
                    menu.addSeparator()

    def _connect(self) -> None:
        a = self.actions
        handlers = {
            ActionId.OPEN: self._ask_open, ActionId.OPEN_MEDIA: self._ask_open_media, ActionId.SAVE: self.save,
            ActionId.SAVE_AS: self._ask_save_as, ActionId.QUIT: self.close,
            ActionId.UNDO: self._undo, ActionId.REDO: self._redo,
            ActionId.FIND: self.find_bar.open_find, ActionId.REPLACE: self.find_bar.open_replace,
            ActionId.FIND_NEXT: lambda: self.find_bar.find(1), ActionId.FIND_PREVIOUS: lambda: self.find_bar.find(-1),
            ActionId.SET_TIME: self.set_time_from_playhead, ActionId.SET_TIME_SHIFT: self.set_time_and_shift,
            ActionId.INSERT_HEADER: self.insert_header, ActionId.INSERT_LINE: self.insert_line,
            ActionId.DELETE_ROW: self.delete_row, ActionId.SPLIT: self.split_at_cursor,
            ActionId.MERGE: self.merge_with_next,
            ActionId.NEXT_PROBLEM: lambda: self.goto_problem(1), ActionId.PREVIOUS_PROBLEM: lambda: self.goto_problem(-1),
            ActionId.PLAY_PAUSE: self.transport.play_pause, ActionId.PLAY_FROM_ROW: self.play_from_row,
            ActionId.BACK_2: lambda: self.transport.skip(-2000), ActionId.FORWARD_2: lambda: self.transport.skip(2000),
            ActionId.BACK_10: lambda: self.transport.skip(-10000),
            ActionId.FORWARD_10: lambda: self.transport.skip(10000),
            ActionId.SLOWER: lambda: self.transport.change_rate(-1), ActionId.FASTER: lambda: self.transport.change_rate(1),
            ActionId.SHORTCUTS: self.show_shortcuts,
        }
        for action_id, handler in handlers.items():
            a[action_id].triggered.connect(lambda _checked=False, h=handler: h())
        a[ActionId.FOLLOW].setChecked(self.settings.follow_playback)
        self.follower.enabled = self.settings.follow_playback
        a[ActionId.FOLLOW].toggled.connect(self._set_follow)
        a[ActionId.UNDO].setEnabled(False)
        a[ActionId.REDO].setEnabled(False)
        self.undo_stack.canUndoChanged.connect(a[ActionId.UNDO].setEnabled)
        self.undo_stack.canRedoChanged.connect(a[ActionId.REDO].setEnabled)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._edited)
        self.player.positionChanged.connect(self._on_position)
        self.player.mediaLoaded.connect(self._media_loaded)
        self.player.videoAvailableChanged.connect(self._video_available)
        self.model.editRefused.connect(self.show_status)
        self.find_bar.navigated.connect(self.follower.pause)
        self.table.delegate.problem.connect(self.show_status)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _edited(self, _index: int) -> None:
        self.follower.pause()

    # -- helpers ----------------------------------------------------------------------------------------------
    def add_top_widget(self, widget: QWidget) -> None:
        """Put `widget` (a banner) above the table."""
        self._top.addWidget(widget)

    def current_row(self) -> int:
        """The selected row, or -1."""
        return self.table.current_row()

    def show_status(self, text: str) -> None:
        """A short message in the status bar."""
        self.statusBar().showMessage(text, 6000)

    def show_error(self, title: str, text: str) -> None:
        """A modal error message."""
        QMessageBox.critical(self, title, text)

    def ask(self, title: str, text: str, buttons, default) -> Button:
        """A modal question; returns the button chosen."""
        return QMessageBox.question(self, title, text, buttons, default)

    def _update_title(self) -> None:
        name = self.episode.path.name if self.episode is not None and self.episode.path else "untitled"
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}" if self.episode is not None else APP_TITLE)
        self.setWindowModified(not self.undo_stack.isClean())

    def _push(self, text: str, operation) -> bool:
        """Run a document operation and record it as one undo step; a refused operation shows why."""
        try:
            inverse = operation()
        except (ValueError, IndexError, DocumentError) as error:
            self.show_status(str(error))
            return False
        self.undo_stack.push(DocumentCommand(self.episode, text, inverse))
        return True

    def _line_row(self) -> int:
        """The current row when it is a spoken line, else -1 (with a status message)."""
        row = self.current_row()
        if self.episode is None or row < 0:
            return -1
        if self.model.is_header(row):
            self.show_status("This is a chapter header; choose a spoken line.")
            return -1
        return row

    # -- documents --------------------------------------------------------------------------------------------
    def open_file(self, path, media=None) -> bool:
        """Open an episode (asking about unsaved changes first); errors show a dialog naming file:line:col."""
        if not self.maybe_save():
            return False
        try:
            episode = Episode.load(path)
        except DocumentError as error:
            self.show_error("Cannot open file", str(error))
            return False
        self._set_episode(episode)
        self.settings.add_recent_file(path)
        media = media or find_media(path, self._youtube_id(), self.settings.media_for(path))
        if media:
            self.open_media(media)
        return True

    def _youtube_id(self) -> str | None:
        ids = self.episode.get_meta("ids")
        value = ids.get("youtube") if hasattr(ids, "get") else None
        return value if isinstance(value, str) else None

    def _set_episode(self, episode: Episode | None) -> None:
        self.table.close_editor()
        if self.episode is not None:
            self.documentClosed.emit()
        self.episode = episode
        self.overwrite_allowed = False
        self.model.set_episode(episode)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._update_title()
        if episode is not None:
            first_line = next((i for i, entry in enumerate(episode.entries) if not entry.is_header), 0)
            if len(episode.entries):
                self.table.select_row(first_line, TEXT)
            self.follower.resume()
            self.documentOpened.emit()

    def open_media(self, path) -> None:
        """Load media for the open episode (errors appear in the transport bar)."""
        self.player.open(str(path))

    def _media_loaded(self, path: str) -> None:
        if self.episode is not None and self.episode.path is not None:
            self.settings.remember_media(self.episode.path, path)

    def _video_available(self, available: bool) -> None:
        """Give the picture room when the media has one; the table takes it all back otherwise."""
        total = sum(self.splitter.sizes())
        transport = self.transport.sizeHint().height()
        self.splitter.setSizes([total - transport, transport] if not available else [total * 3 // 5, total * 2 // 5])

    def dragEnterEvent(self, event):
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event):
        path = self._dropped_path(event)
        if path is None:
            return
        event.acceptProposedAction()
        if path.suffix.lower() in EPISODE_SUFFIXES:
            self.open_file(path)
        else:
            self.open_media(path)

    @staticmethod
    def _dropped_path(event) -> Path | None:
        """The one local episode or media file being dragged, else None."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        suffix = path.suffix.lower()
        return path if suffix in EPISODE_SUFFIXES or suffix.lstrip(".") in MEDIA_EXTENSIONS else None

    def reload_from_disk(self) -> bool:
        """Load the file again, keeping the selected row and playback position; clears the undo history."""
        if self.episode is None or self.episode.path is None:
            return False
        row, column = self.current_row(), max(0, self.table.currentIndex().column())
        try:
            episode = Episode.load(self.episode.path)
        except DocumentError as error:
            self.show_error("Cannot reload file", str(error))
            return False
        self._set_episode(episode)
        self.table.select_row(min(max(row, 0), len(episode.entries) - 1), column)
        return True

    def save(self) -> bool:
        """Save to the episode's file (Save As when it has none)."""
        if self.episode is None:
            return False
        if self.episode.path is None:
            return self._ask_save_as()
        return self._write(self.episode.path)

    def save_as(self, path) -> bool:
        """Save to `path`, which becomes the episode's file."""
        return self.episode is not None and self._write(Path(path))

    def allow_overwrite(self, allowed: bool = True) -> None:
        """Let the next save replace the file even though it changed on disk (the user chose to keep their version)."""
        self.overwrite_allowed = allowed

    def _write(self, path: Path, force: bool = False) -> bool:
        self.table.close_editor()
        self.aboutToSave.emit(str(path))
        try:
            self.episode.save(path, force=force or self.overwrite_allowed)
        except DiskChangedError as error:
            answer = self.ask("File changed on disk", f"{error}\n\nOverwrite it with your version?",
                              Button.Save | Button.Cancel, Button.Cancel)
            return answer == Button.Save and self._write(path, force=True)
        except SaveError as error:
            self.show_error("Could not save", f"{error}\n\nYour edits are still here; try Save As.")
            return False
        self.overwrite_allowed = False
        self.undo_stack.setClean()
        self.settings.add_recent_file(path)
        self._update_title()
        self.show_status(f"Saved {path}")
        self.documentSaved.emit(str(path))
        return True

    def maybe_save(self) -> bool:
        """With unsaved changes, ask Save / Discard / Cancel; True when it is fine to go on."""
        self.table.close_editor()
        if self.episode is None or self.undo_stack.isClean():
            return True
        name = self.episode.path.name if self.episode.path else "this episode"
        answer = self.ask("Unsaved changes", f"Save the changes to {name}?",
                          Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        if self.episode is not None:
            self.documentClosed.emit()
        event.accept()

    def _ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Episode", self._folder(), EPISODE_FILTER)
        if path:
            self.open_file(path)

    def _ask_open_media(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Media", self._folder(), MEDIA_FILTER)
        if path:
            self.open_media(path)

    def _ask_save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, "Save Episode As", self._folder(), EPISODE_FILTER)
        return bool(path) and self.save_as(path)

    def _folder(self) -> str:
        return str(self.episode.path.parent) if self.episode is not None and self.episode.path else ""

    # -- editing actions --------------------------------------------------------------------------------------
    def _undo(self) -> None:
        self.table.close_editor()
        self.undo_stack.undo()

    def _redo(self) -> None:
        self.table.close_editor()
        self.undo_stack.redo()

    def _playhead_seconds(self) -> float | None:
        if self.player.media_path() is None:
            self.show_status("No media is open: File > Open Media.")
            return None
        return self.player.position() / 1000

    def _close_field_editor(self) -> None:
        """Commit an open speaker/time editor (it would write its stale value back later); text editors stay."""
        if self.table.text_editor() is None:
            self.table.close_editor()

    def set_time_from_playhead(self) -> None:
        """Ctrl+T: the current line gets sec and time from the playhead (floored), one undo step."""
        self._close_field_editor()
        row, seconds = self._line_row(), self._playhead_seconds()
        if row >= 0 and seconds is not None:
            self._push("Set time", lambda: self.episode.set_time(row, seconds))

    def set_time_and_shift(self) -> None:
        """Ctrl+Shift+T: retime the current line and move every later timed line by the same delta, one step."""
        self._close_field_editor()
        row, seconds = self._line_row(), self._playhead_seconds()
        if row < 0 or seconds is None:
            return
        entry = self.episode.entries[row]
        old = entry.sec if entry.sec is not None else parse_time(entry.time or "")

        def operation():
            first = self.episode.set_time(row, seconds)
            delta = self.episode.entries[row].sec - old if old is not None else 0
            return Batch((self.episode.shift_times(row + 1, delta), first)) if delta else first
        self._push("Set time and shift following", operation)

    def insert_header(self) -> None:
        """Ctrl+Shift+H: a chapter header above the current row, its title editor open at once."""
        row = max(0, self.current_row())
        if self.episode is None:
            return
        self.table.close_editor()
        if self._push("Insert chapter header", lambda: self.episode.insert_header(row, "")):
            self.table.edit_row(row)

    def insert_line(self) -> None:
        """Ctrl+Shift+Return: an empty line below the current row (same speaker), its text editor open."""
        if self.episode is None:
            return
        row = self.current_row()
        who = self.episode.entries[row].who if row >= 0 else None
        self.table.close_editor()
        if self._push("Insert line", lambda: self.episode.insert_line(row + 1, "", who)):
            self.table.edit_row(row + 1)

    def delete_row(self) -> None:
        """Ctrl+Shift+Delete: remove the current row."""
        row = self.current_row()
        if self.episode is None or row < 0:
            return
        self.table.close_editor()
        if self._push("Delete row", lambda: self.episode.remove(row)) and len(self.episode.entries):
            self.table.select_row(min(row, len(self.episode.entries) - 1))

    def split_at_cursor(self) -> None:
        """Ctrl+Shift+K: split the line at the text cursor; the second half is timed at the playhead."""
        row, editor = self._line_row(), self.table.text_editor()
        if row < 0:
            return
        if editor is None:
            self.show_status("Open the text (Enter) and put the cursor where the line should split.")
            return
        offset = editor.textCursor().position()
        seconds = self.player.position() / 1000 if self.player.media_path() is not None else None
        self.table.close_editor()
        if self._push("Split line", lambda: self.episode.split(row, offset, seconds)):
            self.table.edit_row(row + 1)
            editor = self.table.text_editor()
            if editor is not None:
                editor.moveCursor(editor.textCursor().MoveOperation.Start)

    def merge_with_next(self) -> None:
        """Ctrl+Shift+M: append the next line's text to this one."""
        row = self._line_row()
        if row < 0:
            return
        self.table.close_editor()
        if self._push("Merge lines", lambda: self.episode.merge_with_next(row)):
            self.table.select_row(row)

    def goto_problem(self, direction: int) -> None:
        """F8 / Shift+F8: select the next / previous problem the checks find, and say what it is."""
        if self.episode is None:
            return
        problems = sorted(self.episode.check(), key=lambda p: p.index)
        if not problems:
            self.show_status("No problems found.")
            return
        row = self.current_row()
        after = [p for p in problems if (p.index > row if direction > 0 else p.index < row)]
        problem = (after[0] if direction > 0 else after[-1]) if after else problems[0 if direction > 0 else -1]
        self.table.select_row(problem.index)
        self.show_status(f"Line {problem.line}: {problem.code}: {problem.message}")

    # -- playback ---------------------------------------------------------------------------------------------
    def play_from_row(self) -> None:
        """Ctrl+Return: play from the current row's time (or the nearest timed row above it)."""
        row = self.current_row()
        if self.episode is None or row < 0 or self.player.media_path() is None:
            return
        for index in range(row, -1, -1):
            sec = self.episode.entries[index].sec
            if sec is not None:
                self.player.seek(sec * 1000)
                break
        if self.player.state() != PlaybackState.PLAYING:
            self.player.play()

    def _set_follow(self, on: bool) -> None:
        self.follower.enabled = on
        self.settings.follow_playback = on

    def _on_position(self, position_ms: int) -> None:
        if self.episode is not None:
            self.follower.on_position(position_ms)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts."""
        ShortcutsDialog(self.actions, self).exec()
