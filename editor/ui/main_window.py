"""The main window: composes table, transport, actions, undo stack and playback follow around one Episode."""
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from editor.document import DiskChangedError, DocumentError, Episode, SaveError
from editor.player import Player

from .actions import MENUS, ActionId, ActionRegistry
from .edit_actions import EditActions
from .find.bar import FindBar
from .panels.install import install_panels
from .playback.media_lookup import MEDIA_EXTENSIONS, find_media
from .playback.transport import TransportBar, clock_text
from .preferences import Preferences
from .recent_files import RecentFilesMenu
from .settings import Settings
from .table.commands import DocumentCommand
from .table.follow import PlaybackFollower
from .table.model import TEXT, TranscriptModel
from .table.spelling_install import install_spelling
from .table.view import TranscriptView
from .timeline.install import install_timeline

APP_TITLE = "Transcript Editor"
EPISODE_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
EPISODE_FILTER = "Episode files (*.md *.markdown *.yaml *.yml);;All files (*)"
MEDIA_FILTER = "Media (*.mp3 *.m4a *.mp4 *.webm *.wav *.ogg *.opus *.flac *.mkv);;All files (*)"
MEDIA_LENGTH_TOPIC = "media-length"
MEDIA_LENGTH_SLACK_MS = 2000     # a last line timed this far past the media's end is still believable
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
        self.table.delegate.passthrough = self.actions.key_sequences(exclude=(ActionId.UNDO, ActionId.REDO))
        self.transport = TransportBar(player, settings, self)
        self.transport.bind_actions(self.actions)
        self.follower = PlaybackFollower(self.model, self.table, lambda: self.settings.follow_pause_ms, parent=self)
        self.follower.watch_selection()
        self.find_bar = FindBar(self.model, self.table, self.run_edit, self)
        self.edits = EditActions(self)
        self.preferences = Preferences(self)        # user key bindings, pause while typing, Edit > Preferences
        self._build_layout()
        self._build_menus()
        self._connect()
        install_timeline(self)
        install_spelling(self)
        self._update_title()
        self.setAcceptDrops(True)
        self.panels = install_panels(self)

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
            for spec, action in self.actions.in_menu(menu_name):
                menu.addAction(action)
                if spec.id == ActionId.OPEN:
                    RecentFilesMenu(menu.addMenu("Open &Recent"), self.settings, self.open_file)
                if spec.separator_after:
                    menu.addSeparator()

    def _connect(self) -> None:
        self.actions.bind(self)
        self.actions[ActionId.FOLLOW].setChecked(self.settings.follow_playback)
        self.follower.enabled = self.settings.follow_playback
        self.undo_stack.canUndoChanged.connect(lambda can: self.actions.set_condition("undo", can))
        self.undo_stack.canRedoChanged.connect(lambda can: self.actions.set_condition("redo", can))
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._edited)
        self.player.positionChanged.connect(self._on_position)
        self.player.mediaLoaded.connect(self._media_loaded)
        for signal in (self.player.mediaLoaded, self.player.durationChanged, self.player.errorOccurred):
            signal.connect(self._update_media_condition)
        self.player.durationChanged.connect(self._check_media_length)
        self.documentOpened.connect(self._check_media_length)
        self.model.editRefused.connect(self.show_status)
        self.find_bar.navigated.connect(self.follower.pause)
        self.table.delegate.problem.connect(self.show_status)
        for condition in ("undo", "redo", "document"):
            self.actions.set_condition(condition, False)
        self._update_media_condition()

    def _update_media_condition(self, *_args) -> None:
        self.actions.set_condition("media", self.transport.has_media())

    def _check_media_length(self, *_args) -> None:
        """Warn when the transcript's last time lies past the end of the media (probably the wrong file)."""
        duration, text = self.transport.duration_ms(), None
        if self.episode is not None and duration > 0 and self.player.media_path():
            timed = [(entry.sec, row) for row, entry in enumerate(self.episode.entries)
                     if entry.sec is not None and not entry.is_header]
            if timed:
                last_sec, row = max(timed)
                if last_sec * 1000 > duration + MEDIA_LENGTH_SLACK_MS:
                    text = (f"{Path(self.player.media_path()).name} is only {clock_text(duration)} long, but row "
                            f"{row + 1} of the transcript is timed at {clock_text(last_sec * 1000)}: "
                            "is this the episode's media?")
        if text:
            self.transport.show_message(text, topic=MEDIA_LENGTH_TOPIC)
        else:
            self.transport.messages.clear_message(MEDIA_LENGTH_TOPIC)

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

    def run_edit(self, label: str, change) -> bool:
        """Run `change` (a document operation returning its inverse) as one undo step named `label`.

        A refused operation (ValueError, IndexError, DocumentError) changes nothing and says why in the status bar.
        """
        try:
            inverse = change()
        except (ValueError, IndexError, DocumentError) as error:
            self.show_status(str(error))
            return False
        self.undo_stack.push(DocumentCommand(self.episode, label, inverse))
        return True

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
        self.actions.set_condition("document", episode is not None)
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
            return self.ask_save_as()
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
        self.timeline.shutdown()
        event.accept()

    def ask_open(self) -> None:
        """File > Open: choose an episode file."""
        path, _ = QFileDialog.getOpenFileName(self, "Open Episode", self._folder(), EPISODE_FILTER)
        if path:
            self.open_file(path)

    def ask_open_media(self) -> None:
        """File > Open Media: choose the audio or video to play."""
        path, _ = QFileDialog.getOpenFileName(self, "Open Media", self._folder(), MEDIA_FILTER)
        if path:
            self.open_media(path)

    def ask_save_as(self) -> bool:
        """File > Save As: choose where to save; True when saved."""
        path, _ = QFileDialog.getSaveFileName(self, "Save Episode As", self._folder(), EPISODE_FILTER)
        return bool(path) and self.save_as(path)

    def _folder(self) -> str:
        return str(self.episode.path.parent) if self.episode is not None and self.episode.path else ""

    # -- history and playback ---------------------------------------------------------------------------------
    def undo(self) -> None:
        """Edit > Undo, after committing an open cell editor."""
        self.table.close_editor()
        self.undo_stack.undo()

    def redo(self) -> None:
        """Edit > Redo, after committing an open cell editor."""
        self.table.close_editor()
        self.undo_stack.redo()

    def set_follow(self, on: bool) -> None:
        """Playback > Follow Playback: keep the spoken row current while playing; remembered."""
        self.follower.enabled = on
        self.settings.follow_playback = on

    def _on_position(self, position_ms: int) -> None:
        if self.episode is not None:
            self.follower.on_position(position_ms)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts (its module is loaded on first use, not at start)."""
        from .shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.actions, self, customize=lambda: self.preferences.show("shortcuts")).exec()
