"""First-save backup: before the first save of a session, keep a copy of the file as it was opened."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject

from editor.document.savefile import fingerprint, write_atomically


def read_bytes(path) -> bytes | None:
    """The bytes of the file at `path`, or None when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def loaded_bytes(episode) -> bytes:
    """The bytes the episode was loaded from: the file itself when unchanged on disk, else its untouched dumps()."""
    if episode.path is not None and not episode.disk_changed():
        data = read_bytes(episode.path)
        if data is not None:
            return data
    return episode.dumps().encode("utf-8")


def orig_path(path: Path, data: bytes) -> Path | None:
    """FILE.orig (or FILE.orig.2, ...) that is free or already holds `data`; None when that copy exists already."""
    candidate = path.with_name(path.name + ".orig")
    number = 1
    while candidate.exists():
        if read_bytes(candidate) == data:
            return None
        number += 1
        candidate = path.with_name(f"{path.name}.orig.{number}")
    return candidate


def datadir_path(folder: Path, path: Path, data: bytes) -> Path | None:
    """backups/NAME.YYYYmmdd-HHMMSS.HASH8.SUFFIX in the data dir; None when a copy of these bytes is kept already."""
    digest = fingerprint(data)[:8]
    if folder.is_dir() and any(folder.glob(f"{path.stem}.*.{digest}{path.suffix}")):
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return folder / f"{path.stem}.{stamp}.{digest}{path.suffix}"


class FirstSaveBackup(QObject):
    """Hooks window.aboutToSave: the first save of each opened file writes the copy, then never again that session."""

    def __init__(self, window, settings, folder: Path, report=None, parent=None):
        super().__init__(parent or window)
        self._window = window
        self._settings = settings
        self._folder = Path(folder)
        self._report = report or (lambda text: None)
        self._source: Path | None = None
        self._original: bytes | None = None
        self.last_backup: Path | None = None
        window.documentOpened.connect(self.remember_opened)
        window.aboutToSave.connect(self.before_save)
        if window.episode is not None:
            self.remember_opened()

    def remember_opened(self) -> None:
        """Keep the bytes of the file just opened (in memory) until its first save."""
        episode = self._window.episode
        if episode is None or episode.path is None:
            self._source, self._original = None, None
            return
        self._source = Path(episode.path)
        self._original = loaded_bytes(episode)

    def before_save(self, path: str) -> None:
        """Write the backup before the first save of the opened file; a failure is reported, never blocks the save."""
        if self._original is None or self._source is None:
            return
        data, source = self._original, self._source
        if self._settings.backup_mode == "orig":
            target = orig_path(source, data)
        else:
            target = datadir_path(self._folder, source, data)
        try:
            if target is not None:
                write_atomically(target, data)
                self.last_backup = target
        except OSError as error:
            self._report(f"The backup copy of {source.name} could not be written ({error}).")
            return
        self._original = None
