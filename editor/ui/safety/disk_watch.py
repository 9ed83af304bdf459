"""Notice when the open file changes on disk: reload silently when nothing is unsaved, otherwise ask."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit, QVBoxLayout

from editor.document.diff import unified_diff
from editor.document.savefile import fingerprint

from .backup import read_bytes
from .questions import ask_choice

DISK_TOPIC = "disk"


class DiffDialog(QDialog):
    """A read-only unified diff in a monospace text view."""

    def __init__(self, title: str, diff: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 600)
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.NoWrap)
        font = view.font()
        font.setFamily("monospace")
        view.setFont(font)
        view.setPlainText(diff or "(no difference in the text)")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.view = view


class DiskWatcher(QObject):
    """QFileSystemWatcher on the file and its folder (editors replace files by rename) plus a content hash."""

    def __init__(self, window, report=None, delay_ms: int = 150, parent=None):
        super().__init__(parent or window)
        self._window = window
        self._report = report or (lambda topic, text: None)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check)
        self._handled: str | None = None    # fingerprint of the disk version the user already answered about
        self._asking = False
        window.documentOpened.connect(self._opened)
        window.documentSaved.connect(self._saved)
        window.documentClosed.connect(self._closed)
        if window.episode is not None:
            self._opened()

    def _path(self) -> Path | None:
        episode = self._window.episode
        return None if episode is None or episode.path is None else Path(os.path.abspath(episode.path))

    def _opened(self) -> None:
        self._forget()
        self._arm()

    def _saved(self, path: str) -> None:
        self._forget()
        self._arm()

    def _closed(self) -> None:
        self._forget()
        self._disarm()

    def _forget(self) -> None:
        self._handled = None
        self._report(DISK_TOPIC, None)

    def _disarm(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _arm(self) -> None:
        """Watch the file (again: a rename-replace drops the watch) and its folder."""
        path = self._path()
        if path is None:
            self._disarm()
            return
        wanted = [str(path), str(path.parent)]
        stale = [p for p in self._watcher.files() + self._watcher.directories() if p not in wanted]
        if stale:
            self._watcher.removePaths(stale)
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))
        if str(path.parent) not in self._watcher.directories() and path.parent.is_dir():
            self._watcher.addPath(str(path.parent))

    def _schedule(self, _path: str = "") -> None:
        self._timer.start()

    def watched(self) -> list[str]:
        """The paths being watched (for tests and diagnostics)."""
        return self._watcher.files() + self._watcher.directories()

    def check(self) -> None:
        """Compare the disk with what was loaded / last saved and act on a real change."""
        self._arm()
        episode, path = self._window.episode, self._path()
        if path is None or self._asking:
            return
        if not episode.disk_changed():
            self._handled = None
            self._report(DISK_TOPIC, None)
            return
        data = read_bytes(path)
        digest = "missing" if data is None else fingerprint(data)
        if digest == self._handled:
            return
        self._handled = digest
        if data is None:
            self._report(DISK_TOPIC, f"{path.name} was deleted or moved away on disk. Your version is still here: "
                                     "use Save or Save As to write it.")
            return
        if self._window.undo_stack.isClean():
            self._window.reload_from_disk()
            return
        self._asking = True
        try:
            self._ask_about(path, data)
        finally:
            self._asking = False

    def _ask_about(self, path: Path, data: bytes) -> None:
        while True:
            answer = self.ask_external_change(path)
            if answer == "diff":
                self.show_difference(path, self.difference(path, data))
            elif answer == "reload":
                if self.confirm_reload(path):
                    self._window.reload_from_disk()
                    return
            else:
                self._window.allow_overwrite()
                self._report(DISK_TOPIC, f"{path.name} changed on disk. You kept your version: your next save "
                                         "will replace the file on disk.")
                return

    def difference(self, path: Path, data: bytes) -> str:
        """Unified diff from the file on disk now to the editor's version."""
        return unified_diff(data.decode("utf-8", "replace"), self._window.episode.dumps(),
                            f"{path.name} (on disk)", f"{path.name} (in the editor)")

    # questions: replace these on an instance to answer them in tests
    def ask_external_change(self, path: Path) -> str:
        """"reload", "keep" or "diff"."""
        return ask_choice(self._window, QMessageBox.Warning, "File changed on disk",
                          f"{path} was changed by another program, and you have unsaved changes.\n\n"
                          "Reload it (your unsaved changes are lost), keep your version (your next save "
                          "replaces the file on disk), or look at the difference first?",
                          [("reload", "Reload…", QMessageBox.DestructiveRole),
                           ("keep", "Keep mine", QMessageBox.AcceptRole),
                           ("diff", "Show difference", QMessageBox.HelpRole)], default="keep", fallback="keep")

    def confirm_reload(self, path: Path) -> bool:
        """True when the user confirms losing the unsaved changes."""
        answer = QMessageBox.warning(self._window, "Reload from disk",
                                     f"Reload {path.name} and lose your unsaved changes?",
                                     QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Discard

    def show_difference(self, path: Path, diff: str) -> None:
        """Show the unified diff in a dialog."""
        DiffDialog(f"Changes on disk: {path.name}", diff, self._window).exec()
