"""Finds an MP3's exact length on a worker thread and hands it to the GUI thread through a queued signal."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from editor.player.mp3scan import scan


class LengthScanner(QObject):
    """Scans MP3 frame headers off the GUI thread (an hour-long file takes about a second)."""

    found = Signal(int, int)  # the caller's generation, exact length in ms

    def start(self, path: str, generation: int) -> None:
        """Scan `path`; `found` follows when it is an MP3 that could be scanned."""
        threading.Thread(target=self._run, args=(path, generation), daemon=True, name="mp3-length").start()

    def _run(self, path: str, generation: int) -> None:
        try:
            facts = scan(path)
        except OSError:
            return
        if facts is not None:
            try:
                self.found.emit(generation, facts.duration_ms)
            except RuntimeError:  # the player was deleted meanwhile
                pass
