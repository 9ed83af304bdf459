"""A folder of analysis results keyed by the media file's identity (size, mtime, hash of its head)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from .peaks import Peaks

HEAD_BYTES = 1 << 20
FORMAT_VERSION = 1
MAX_ENTRIES = 200           # about 1.4 MB per hour of media each; the least recently used go first


def media_key(path) -> str:
    """Identity of a media file: changes when its size, modification time or first megabyte change."""
    path = Path(path)
    status = path.stat()
    with path.open("rb") as handle:
        head = hashlib.sha1(handle.read(HEAD_BYTES)).hexdigest()
    identity = f"v{FORMAT_VERSION}:{status.st_size}:{status.st_mtime_ns}:{head}"
    return hashlib.sha1(identity.encode()).hexdigest()


class PeaksCache:
    """Stores peaks, exact duration and onsets as one .npz per media file in `folder` (created on first store)."""

    def __init__(self, folder, max_entries: int = MAX_ENTRIES) -> None:
        self.folder = Path(folder).expanduser()
        self.max_entries = max_entries

    def file_for(self, key: str) -> Path:
        return self.folder / f"{key}.npz"

    def load(self, key: str):
        """(peaks, duration seconds, onsets) stored under `key`, or None when absent or unreadable."""
        path = self.file_for(key)
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["version"]) != FORMAT_VERSION:
                    return None
                peaks = Peaks(data["minimum"].astype(np.int16), data["maximum"].astype(np.int16),
                              int(data["columns_per_second"]))
                found = peaks, float(data["duration"]), [float(t) for t in data["onsets"]]
        except (OSError, ValueError, KeyError, EOFError):
            return None
        try:
            os.utime(path)          # recently used: pruned last
        except OSError:
            pass
        return found

    def store(self, key: str, peaks: Peaks, duration: float, onsets: list[float]) -> None:
        """Write atomically (temp file, rename): a crash leaves either the old entry or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, version=FORMAT_VERSION, minimum=peaks.minimum, maximum=peaks.maximum,
                         columns_per_second=peaks.columns_per_second, duration=duration,
                         onsets=np.asarray(onsets, dtype=np.float64))
            os.replace(temp, self.file_for(key))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._prune()

    def _prune(self) -> None:
        """Delete the least recently used entries beyond max_entries."""
        entries = sorted(self.folder.glob("*.npz"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in entries[self.max_entries:]:
            stale.unlink(missing_ok=True)
