"""install_safety: attach crash recovery, disk watching, first-save backups and the message strip to a MainWindow."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject

from ..message_strip import MessageStrip
from .backup import FirstSaveBackup
from .disk_watch import DiskWatcher
from .recovery import RecoveryJournal

READ_ONLY_TOPIC = "read-only"


def read_only_reason(path) -> str | None:
    """Why saving over `path` in place will fail (read-only file or folder), or None."""
    path = Path(os.path.abspath(path))
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path.name} is read-only: your changes can be saved with File > Save As."
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return (f"The folder of {path.name} is read-only, so the file cannot be replaced there: "
                "your changes can be saved with File > Save As.")
    return None


class Safety(QObject):
    """What keeps one window's work safe; `recovery`, `disk_watch`, `backup` and `banner` (a MessageStrip) are its parts."""

    def __init__(self, window, settings, data_dir: Path):
        super().__init__(window)
        self.window = window
        self.data_dir = Path(data_dir)
        self.banner = MessageStrip()
        window.add_top_widget(self.banner)
        # the backup connects to aboutToSave first: it copies the file before anything writes it
        self.backup = FirstSaveBackup(window, settings, self.data_dir / "backups",
                                      report=lambda text: self._show("backup", text), parent=self)
        self.recovery = RecoveryJournal(window, self.data_dir / "recovery",
                                        report=lambda text: self._show("recovery", text), parent=self)
        self.disk_watch = DiskWatcher(window, report=self._show, parent=self)
        window.documentOpened.connect(self._check_read_only)
        window.documentSaved.connect(self._check_read_only)
        window.documentClosed.connect(lambda: self.banner.clear_message(READ_ONLY_TOPIC))
        if window.episode is not None:
            self._check_read_only()

    def _show(self, topic: str, text: str | None) -> None:
        if text:
            self.banner.show_message(topic, text)
        else:
            self.banner.clear_message(topic)

    def _check_read_only(self, *_args) -> None:
        episode = self.window.episode
        reason = None if episode is None or episode.path is None else read_only_reason(episode.path)
        self._show(READ_ONLY_TOPIC, reason)

    def offer_recovery(self) -> bool:
        """Offer every journal left by a crashed session; True when one was restored into the window."""
        return self.recovery.offer_recovery()


def install_safety(window, settings, data_dir: Path) -> Safety:
    """Attach crash recovery, disk watching, backups and the banner to `window` (once); returns the Safety."""
    existing = getattr(window, "_safety", None)
    if existing is not None:
        return existing
    safety = Safety(window, settings, data_dir)
    window._safety = safety
    return safety
