"""The lock file that tells other instances a session is still running, so they leave its journals alone."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from editor.document.journal_files import lock_name


def lock_session(folder: Path, session: str) -> QLockFile:
    """Create the recovery folder and take `session`'s lock (held as long as the returned lock lives)."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_name(folder, session)))
    lock.setStaleLockTime(0)
    lock.tryLock(0)
    return lock


def session_alive(folder: Path, session: str) -> bool:
    """True when the process of `session` still holds its lock."""
    lock_path = lock_name(folder, session)
    if not lock_path.exists():
        return False
    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)            # stale only when its process is gone, never because it is old
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockFailedError
