"""Runs the media analysis on a worker thread and hands its results to the GUI thread through queued signals.

The analysis and its libraries (numpy, PyAV, webrtcvad) are imported by the thread when it starts, so neither the
editor's start nor its GUI thread waits for them.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

if TYPE_CHECKING:
    from editor.audio import Progress

# Peaks reach the GUI at most this often: each delivery costs the GUI thread a concatenate and a repaint.
DELIVERY_INTERVAL_S = 0.15
# The decoding thread's niceness on Linux: on a busy machine the GUI thread gets the CPU first.
WORKER_NICENESS = 10


def _lower_this_threads_priority() -> None:
    """Renice the calling thread (Linux schedules threads as tasks; QThread priorities do nothing there)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
        except OSError:
            pass            # not allowed here: the decode only competes on equal terms


class AnalysisWorker(QThread):
    """Decodes one media file; peaks arrive in batches (peaksAdded), then succeeded(result) or failed(message)."""

    peaksAdded = Signal(int, object, object, float, float)   # first column, minimum, maximum, decoded s, estimate s
    succeeded = Signal(object)                                # AnalysisResult
    failed = Signal(str)

    def __init__(self, path, cache_dir=None, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.cache_dir = cache_dir
        self._batch: list[Progress] = []
        self._last_delivery = 0.0

    def run(self) -> None:
        _lower_this_threads_priority()
        from editor.audio.analysis import Cancelled, analyse
        from editor.audio.decode import DecodeError

        try:
            result = analyse(self.path, self.cache_dir, self._progress, self.isInterruptionRequested)
        except Cancelled:
            return
        except DecodeError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - any decoder failure must reach the strip, not kill the thread
            self.failed.emit(f"{self.path}: the audio cannot be analysed ({type(error).__name__}: {error})")
            return
        self._deliver()
        self.succeeded.emit(result)

    def _progress(self, progress: Progress) -> None:
        self._batch.append(progress)
        now = time.perf_counter()
        if now - self._last_delivery >= DELIVERY_INTERVAL_S:
            self._deliver()
            self._last_delivery = now

    def _deliver(self) -> None:
        if not self._batch:
            return
        import numpy as np             # loaded with the analysis by now: this only looks it up

        batch, self._batch = self._batch, []
        last = batch[-1]
        self.peaksAdded.emit(batch[0].first_column, np.concatenate([p.minimum for p in batch]),
                             np.concatenate([p.maximum for p in batch]), last.decoded_seconds,
                             last.estimated_duration or 0.0)
