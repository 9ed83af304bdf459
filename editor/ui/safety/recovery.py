"""Crash recovery: a journal of each open file's unsaved changes, kept in step with the window and its undo stack.

The journal is appended to: after the header and the text at load / last save (written once), each write adds
only the undo steps, merges and undo / redo moves made since the last one. Files are written and fsynced by one
writer thread, in order (editor.document.journal_files), so a write costs the GUI thread only the encoding of what
is new. Restoring a journal at the next start is JournalRestore's part (restore.py).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from editor.document.errors import JournalError
from editor.document.journal import JournalInfo, index_record, line, lost_record, mark_record, step_record, text_record
from editor.document.journal_files import JournalWriter, change_count, journal_name, orphaned_journals

from .restore import JournalRestore
from .session_lock import lock_session, session_alive

WRITE_TIMEOUT_S = 30.0          # how long a caller that needs the journal on disk waits for the writer thread


class RecoveryJournal(JournalRestore, QObject):
    """Journals the window's unsaved changes (debounced, and on focus loss) and offers to restore old journals."""

    def __init__(self, window, folder: Path, report=None, delay_ms: int = 1000, parent=None):
        super().__init__(parent or window)
        self._window = window
        self.folder = Path(folder)
        self._report = report or (lambda text: None)
        self.session = f"{os.getpid()}-{int(time.time() * 1000)}"
        self._lock = None
        self._episode = None
        self._baseline: bytes | None = None     # the file's bytes at load / last save (hashed by the writer thread)
        self._origin = 0                # undo stack index of the baseline
        self._steps: list[list] = []    # the undo history since the baseline, as lists of primitive changes
        self._index = 0
        self._lost_at: int | None = None    # steps done when the history could no longer be followed
        self._raw: list = []            # changes applied since then, in order
        self._pending: list = []        # changes applied since the last undo stack move
        self._log: list[dict | None] = []   # records made since the last write (None: one cannot be kept exactly)
        self._created = False           # the journal file holds the baseline and every record up to `_log`
        self._text_only = False         # some change cannot be recorded exactly: write the whole text instead
        self._dirty = False
        self._offered: set[Path] = set()
        self._restoring = False
        self._writer = JournalWriter()
        self._poll = QTimer(self)       # reports the writer thread's jobs once done
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_jobs)
        self.journal_file: Path | None = None
        self.last_error: str | None = None
        self.timer = QTimer(self)            # the debounce: the journal is written this long after the last edit
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        window.documentOpened.connect(self._opened)
        window.documentSaved.connect(self._saved)
        window.documentClosed.connect(self._closed)
        window.undo_stack.indexChanged.connect(self._stack_moved)
        window.undo_stack.cleanChanged.connect(self._stack_cleaned)
        app = QGuiApplication.instance()
        app.applicationStateChanged.connect(self._app_state_changed)
        app.focusWindowChanged.connect(self._focus_window_changed)

    # EpisodeListener
    def about_to_apply(self, change) -> None:
        """Nothing to do before a change."""

    def applied(self, change) -> None:
        """Record each primitive change, to rebuild the undo history on restore."""
        self._pending.append(change)

    # window signals
    def _opened(self) -> None:
        self._attach()
        episode = self._window.episode
        if episode is None or episode.path is None or self._restoring:
            return
        path = Path(episode.path)
        QTimer.singleShot(0, lambda: self.offer_recovery(path))

    def _attach(self) -> None:
        """Listen to the window's current episode and take its loaded text as the baseline."""
        episode = self._window.episode
        if self._episode is not None and self._episode is not episode:
            self._episode.remove_listener(self)
        if episode is not None and episode is not self._episode:
            episode.add_listener(self)
        self._episode = episode
        self._reset_history()
        if episode is not None and episode.path is not None:
            self._move_journal(journal_name(self.folder, self.session, episode.path))

    def _reset_history(self) -> None:
        episode = self._window.episode
        stack = self._window.undo_stack
        self._baseline = episode.saved_bytes if episode is not None else b""
        self._origin = stack.index()
        self._index = stack.index()
        self._steps = []
        self._lost_at = None
        self._raw = []
        self._pending = []
        self._log = []
        self._created = False
        self._text_only = False

    def _saved(self, path: str) -> None:
        self._attach()
        self.discard_journal()

    def _closed(self) -> None:
        self.timer.stop()
        self.discard_journal()
        self.wait_written()
        if self._episode is not None:
            self._episode.remove_listener(self)
        self._episode = None
        self._baseline = None

    def _stack_moved(self, index: int) -> None:
        if not shiboken6.isValid(self._window.undo_stack):
            return
        if self._window.episode is not self._episode:
            self._attach()
            return
        self._follow_history(index)
        self._changed()

    def _stack_cleaned(self, clean: bool) -> None:
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self.timer.start()
        self._writer.start()        # the thread is ready before the flush that follows (once, at the first edit)

    def _app_state_changed(self, state) -> None:
        if state != Qt.ApplicationActive:
            self.flush_if_dirty()

    def _focus_window_changed(self, focus) -> None:
        """The editor window lost the keyboard focus (to another program, or a dialog): write now."""
        if focus is None or focus is not self._window.windowHandle():
            self.flush_if_dirty()

    def _follow_history(self, index: int) -> None:
        """Mirror the undo stack as lists of primitive changes relative to the baseline, and record each move."""
        pending, self._pending = self._pending, []
        previous, self._index = self._index, index
        if self._lost_at is not None:
            if pending:
                self._raw += pending
                self._log.append(lost_record(pending))
            return
        steps = self._steps
        done = index - self._origin
        if done < 0 or (index > previous + 1 and not self._is_redo(steps, previous, index, pending)):
            self._lose(previous - self._origin, pending)
        elif index < previous:
            self._log.append(index_record(done))
        elif index > previous:
            if self._is_redo(steps, previous, index, pending):
                self._log.append(index_record(done))
            else:
                del steps[done - 1:]
                steps.append(pending)
                self._log.append(step_record(done, pending))
        elif pending:
            if done == 0:
                self._lose(done, pending)
            else:
                del steps[done:]
                steps[done - 1] = steps[done - 1] + pending
                self._log.append(step_record(done, pending, merged=True))

    def _lose(self, done: int, pending: list) -> None:
        """The undo history can no longer be mirrored (e.g. undone past the baseline): record changes as applied."""
        self._lost_at = done
        self._raw = list(pending)
        self._log.append(lost_record(pending))

    def _is_redo(self, steps, previous: int, index: int, pending: list) -> bool:
        done_before, done = previous - self._origin, index - self._origin
        if done > len(steps):
            return False
        return [change for step in steps[done_before:done] for change in step] == pending

    # writing
    def _move_journal(self, name: Path) -> None:
        if self.journal_file is not None and self.journal_file != name:
            self._submit(self._writer.files.remove, self.journal_file)
        self.journal_file = name

    def _ensure_lock(self) -> None:
        if self._lock is None:
            self._lock = lock_session(self.folder, self.session)

    def flush_if_dirty(self) -> None:
        """Write the journal now when something changed since the last write."""
        if self._dirty:
            self.flush()

    def flush(self, wait: bool = False) -> bool:
        """Write (or, when nothing is unsaved, remove) the journal; False with `last_error` set when it failed.

        The writing itself happens on the writer thread; with `wait`, return once it is on disk.
        """
        self.timer.stop()
        self._dirty = False
        episode, stack = self._window.episode, self._window.undo_stack
        if episode is None or episode.path is None or self._baseline is None or self.journal_file is None:
            return True
        if stack.isClean():
            self.discard_journal()
            return self.wait_written() if wait else True
        try:
            self._ensure_lock()
        except OSError as error:
            self._failed(str(error))
            return False
        mark = mark_record(time.time(), change_count(stack))
        if self._created and not self._text_only and None not in self._log:
            self._submit(self._writer.files.append, self.journal_file, b"".join(map(line, [*self._log, mark])))
        else:
            self._submit_whole(episode, mark)
        self._log = []
        return self.wait_written() if wait else True

    def _submit_whole(self, episode, mark: dict) -> None:
        """Write the journal anew: the baseline and the whole mirrored history (or, failing that, the whole text)."""
        path = os.path.abspath(os.fspath(episode.path))
        records = None if self._text_only else self._history_records()
        if records is None or None in records:
            self._text_only = True
            records = [text_record(episode.dumps())]
        self._submit(self._writer.files.create_from, self.journal_file, path, self._baseline, not self._text_only,
                     mark["written"], b"".join(map(line, [*records, mark])))
        self._created = True

    def _history_records(self) -> list[dict | None]:
        """Records that rebuild the mirrored history from the baseline."""
        steps = self._steps
        records = [step_record(number, step) for number, step in enumerate(steps, 1)]
        if self._lost_at is None:
            return records + [index_record(self._index - self._origin)]
        return records + [index_record(self._lost_at), lost_record(self._raw)]

    def _submit(self, job, *args) -> None:
        self._writer.submit(job, *args)
        self._poll.start()

    def _check_jobs(self) -> None:
        """On the GUI thread: report the writer thread's finished jobs, failed or fine, in order."""
        while (job := self._writer.take_done()) is not None:
            error = job.exception()
            if error is not None:
                self._failed(str(error) or type(error).__name__)
            elif self.last_error is not None and not self._writer.pending:
                self.last_error = None
                self._report(None)
        if not self._writer.pending:
            self._poll.stop()

    def _failed(self, error: str) -> None:
        self._created = False           # the next write starts the file again from the mirrored history
        self._dirty = True
        if error != self.last_error:
            self.last_error = error
            self._report(f"Unsaved changes could not be written to the recovery journal ({error}).")

    def wait_written(self, timeout: float = WRITE_TIMEOUT_S) -> bool:
        """Block until every journal write asked for so far is on disk; False when one of them failed."""
        errors = self._writer.wait(timeout)
        for error in errors:            # the writer's OSError, or a timeout: reported like a failed write
            self._failed(str(error) or type(error).__name__)
        failed = bool(errors)
        self._poll.stop()
        if not failed and self.last_error is not None:
            self.last_error = None
            self._report(None)
        return not failed

    def discard_journal(self) -> None:
        """Remove this window's journal (after a clean save or a discard)."""
        self._created = False
        self._log = []
        if self.journal_file is not None:
            self._submit(self._writer.files.remove, self.journal_file)

    # finding old journals (restoring them: JournalRestore)
    def orphaned_journals(self, path=None) -> list[JournalInfo]:
        """Journals left by sessions that are no longer running (newest first), optionally only for `path`."""
        return orphaned_journals(self.folder, self.session, lambda session: session_alive(self.folder, session),
                                 self._unreadable, path)

    def _unreadable(self, file: Path, error: JournalError) -> None:
        """Tell the user once per session about a journal that cannot be read."""
        if file not in self._offered:
            self._offered.add(file)
            self._report(f"A recovery journal could not be read: {error}")
