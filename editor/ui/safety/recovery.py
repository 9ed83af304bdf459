"""Crash recovery: a journal of each open file's unsaved changes, and restoring it at the next start.

The journal is appended to: after the header and the text at load / last save (written once), each write adds
only the undo steps, merges and undo / redo moves made since the last one. Files are written and fsynced by one
writer thread, in order, so a write costs the GUI thread only the encoding of what is new.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLockFile, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from editor.document import Batch, Episode
from editor.document.diff import changes_between, unified_diff
from editor.document.errors import JournalError
from editor.document.journal import (SUFFIX, SUFFIXES, JournalInfo, header, index_record, line, lost_record,
                                     mark_record, step_record, text_record)
from editor.document.savefile import fingerprint

from ..table.commands import DocumentCommand
from .backup import read_bytes, write_atomically
from .questions import ask_choice

WRITE_TIMEOUT_S = 30.0          # how long a caller that needs the journal on disk waits for the writer thread


def change_count(stack) -> int:
    """Undo steps between the stack's state and its clean (saved) state."""
    clean = stack.cleanIndex()
    return abs(stack.index() - clean) if clean >= 0 else max(1, stack.index())


def append_durably(file: Path, data: bytes) -> None:
    """Append `data` to an existing journal file and fsync it."""
    with open(file, "r+b") as handle:
        handle.seek(0, os.SEEK_END)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class JournalFiles:
    """The writer thread's side: creates, appends to and removes journal files, one job at a time, in order.

    A file whose write failed takes no further appends until it is created again (the journal stays consistent).
    """

    def __init__(self):
        self._broken: set[Path] = set()     # touched by the writer thread only

    def create(self, file: Path, path: str, digest: str, base: str | None, written: float, tail: bytes) -> None:
        try:
            write_atomically(file, header(path, digest, base, written) + tail)
        except OSError:
            self._broken.add(file)
            raise
        self._broken.discard(file)

    def append(self, file: Path, data: bytes) -> None:
        if file in self._broken:
            raise OSError(f"{file} must be written again after an earlier failure")
        try:
            append_durably(file, data)
        except OSError:
            self._broken.add(file)
            raise

    def remove(self, file: Path) -> None:
        self._broken.discard(file)
        try:
            file.unlink()
        except OSError:
            pass


# ---- the journal writer of one window ----

class RecoveryJournal(QObject):
    """Journals the window's unsaved changes (debounced, and on focus loss) and offers to restore old journals."""

    def __init__(self, window, folder: Path, report=None, delay_ms: int = 1000, parent=None):
        super().__init__(parent or window)
        self._window = window
        self.folder = Path(folder)
        self._report = report or (lambda text: None)
        self.session = f"{os.getpid()}-{int(time.time() * 1000)}"
        self._lock = None
        self._episode = None
        self._baseline: tuple[str, str] | None = None   # (fingerprint, text) at load / last save
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
        self._files = JournalFiles()
        self._executor: ThreadPoolExecutor | None = None
        self._jobs: list[Future] = []   # writes handed to the writer thread and not yet reported
        self._poll = QTimer(self)       # reports them once done
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
            self._move_journal(self._journal_name(episode.path))
            self._start_writer()

    def _reset_history(self) -> None:
        episode = self._window.episode
        stack = self._window.undo_stack
        text = episode.dumps() if episode is not None else ""
        data = read_bytes(episode.path) if episode is not None and episode.path is not None else None
        if data is None or episode.disk_changed():
            data = text.encode("utf-8")
        self._baseline = (fingerprint(data), text)
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
    def _journal_name(self, path) -> Path:
        key = fingerprint(os.path.abspath(os.fspath(path)).encode("utf-8"))[:16]
        return self.folder / f"{self.session}-{key}{SUFFIX}"

    def _move_journal(self, name: Path) -> None:
        if self.journal_file is not None and self.journal_file != name:
            self._submit(self._files.remove, self.journal_file)
        self.journal_file = name

    def _ensure_lock(self) -> None:
        if self._lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(str(self.folder / f"{self.session}.lock"))
            self._lock.setStaleLockTime(0)
            self._lock.tryLock(0)

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
            self._submit(self._files.append, self.journal_file, b"".join(map(line, [*self._log, mark])))
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
            base, records = None, [text_record(episode.dumps())]
        else:
            base = self._baseline[1]
        self._submit(self._files.create, self.journal_file, path, self._baseline[0], base, mark["written"],
                     b"".join(map(line, [*records, mark])))
        self._created = True

    def _history_records(self) -> list[dict | None]:
        """Records that rebuild the mirrored history from the baseline."""
        steps = self._steps
        records = [step_record(number, step) for number, step in enumerate(steps, 1)]
        if self._lost_at is None:
            return records + [index_record(self._index - self._origin)]
        return records + [index_record(self._lost_at), lost_record(self._raw)]

    def _start_writer(self) -> None:
        """Start the writer thread before the first write needs it (starting one takes milliseconds)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery-journal")
            self._executor.submit(lambda: None)

    def _submit(self, job, *args) -> None:
        self._start_writer()
        self._jobs.append(self._executor.submit(job, *args))
        self._poll.start()

    def _check_jobs(self) -> None:
        """On the GUI thread: report the writer thread's finished jobs, failed or fine, in order."""
        while self._jobs and self._jobs[0].done():
            error = self._jobs.pop(0).exception()
            if error is not None:
                self._failed(str(error) or type(error).__name__)
            elif self.last_error is not None and not self._jobs:
                self.last_error = None
                self._report(None)
        if not self._jobs:
            self._poll.stop()

    def _failed(self, error: str) -> None:
        self._created = False           # the next write starts the file again from the mirrored history
        self._dirty = True
        if error != self.last_error:
            self.last_error = error
            self._report(f"Unsaved changes could not be written to the recovery journal ({error}).")

    def wait_written(self, timeout: float = WRITE_TIMEOUT_S) -> bool:
        """Block until every journal write asked for so far is on disk; False when one of them failed."""
        failed = False
        while self._jobs:
            future = self._jobs.pop(0)
            try:
                future.result(timeout)
            except Exception as error:  # the writer's OSError, or a timeout: reported like a failed write
                self._failed(str(error) or type(error).__name__)
                failed = True
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
            self._submit(self._files.remove, self.journal_file)

    @staticmethod
    def _remove(file: Path) -> None:
        try:
            file.unlink()
        except OSError:
            pass

    # finding and restoring old journals
    def orphaned_journals(self, path=None) -> list[JournalInfo]:
        """Journals left by sessions that are no longer running (newest first), optionally only for `path`."""
        if not self.folder.is_dir():
            return []
        wanted = None if path is None else os.path.abspath(os.fspath(path))
        found = []
        for file in sorted(f for suffix in SUFFIXES for f in self.folder.glob(f"*{suffix}")):
            session = file.name.rsplit("-", 1)[0]
            if session == self.session or self._session_alive(session):
                continue
            try:
                info = JournalInfo.read(file)
            except JournalError as error:
                if file not in self._offered:
                    self._offered.add(file)
                    self._report(f"A recovery journal could not be read: {error}")
                continue
            if info is not None and (wanted is None or info.path == wanted):
                found.append(info)
        return sorted(found, key=lambda info: info.written, reverse=True)

    def _session_alive(self, session: str) -> bool:
        lock_path = self.folder / f"{session}.lock"
        if not lock_path.exists():
            return False
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)            # stale only when its process is gone, never because it is old
        if lock.tryLock(0):
            lock.unlock()
            return False
        return lock.error() == QLockFile.LockFailedError

    def offer_recovery(self, path=None) -> bool:
        """Offer each orphaned journal (of `path`, or all) once per session; True when one was restored."""
        if self._restoring:
            return False
        for info in self.orphaned_journals(path):
            if info.file in self._offered:
                continue
            self._offered.add(info.file)
            answer = self.ask_restore(info)
            if answer == "restore" and self.restore(info):
                return True
            if answer == "discard" and self.confirm_discard(info):
                self._remove(info.file)
        return False

    def restore(self, info: JournalInfo) -> bool:
        """Bring the journal's state back into the window as unsaved changes; the journal file goes once done."""
        if self._window.episode is not None and not self._window.undo_stack.isClean():
            if not self._window.maybe_save():
                return False
        self._restoring = True
        try:
            restored = self._restore(info)
        finally:
            self._restoring = False
        if restored and self.flush(wait=True):
            self._remove(info.file)
        return restored

    def _restore(self, info: JournalInfo) -> bool:
        path = Path(info.path)
        disk = read_bytes(path)
        if disk is None:
            answer = self.ask_missing(info)
            if answer == "discard" and self.confirm_discard(info):
                self._remove(info.file)
            if answer != "recreate":
                return False
            try:
                write_atomically(path, info.text().encode("utf-8"))
            except OSError as error:
                self.show_error(f"{path} could not be recreated: {error}")
                return False
            if self._window.open_file(str(path)):
                self._remove(info.file)
            return False
        if not info.matches(disk):
            diff = unified_diff(disk.decode("utf-8", "replace"), info.text(), f"{path} (on disk now)",
                                f"{path} (your recovered version)")
            answer = self.ask_disk_changed(info, diff)
            if answer == "disk" and self.confirm_discard(info):
                self._remove(info.file)
            if answer != "mine":
                return False
            if not self._window.open_file(str(path)):
                return False
            return self._apply_text(info, "Recovered changes")
        if not self._window.open_file(str(path)):
            return False
        if info.steps is not None and info.base is not None and self._window.episode.dumps() == info.base:
            stack = self._window.undo_stack
            start = stack.index()
            for number, step in enumerate(info.steps, 1):
                stack.push(DocumentCommand(self._window.episode, f"Recovered change {number}",
                                           pending=Batch(tuple(step))))
            stack.setIndex(start + info.index)
            if info.version >= 3 or self._window.episode.dumps() == info.text():
                return True                 # version 3 records the changes themselves: replayed, they are the text
            stack.setIndex(start)
        return self._apply_text(info, "Recovered changes")

    def _apply_text(self, info: JournalInfo, label: str) -> bool:
        """Turn the open document into the journal's text with one undo step (no history available)."""
        try:
            target = Episode.loads(info.text(), path=info.path)
        except Exception as error:  # a journal of text the document layer no longer reads
            self.show_error(f"The recovered text of {info.path} cannot be read: {error}")
            return False
        changes, lost = changes_between(self._window.episode, target)
        if changes:
            self._window.undo_stack.push(DocumentCommand(self._window.episode, label, pending=Batch(tuple(changes))))
        if lost:
            self._report(f"Recovered changes to {', '.join(lost)} could not be restored; the recovery journal "
                         f"{info.file} keeps them.")
        return not lost

    # questions: replace these on an instance to answer them in tests
    def ask_restore(self, info: JournalInfo) -> str:
        """"restore", "later" (keep the journal) or "discard"."""
        return ask_choice(self._window, QMessageBox.Question, "Recover unsaved changes",
                          "Unsaved changes from an earlier session were found. Restore them?",
                          [("restore", "Restore", QMessageBox.AcceptRole), ("later", "Not now", QMessageBox.RejectRole),
                           ("discard", "Discard…", QMessageBox.DestructiveRole)],
                          default="restore", informative=info.summary(), fallback="later")

    def ask_disk_changed(self, info: JournalInfo, diff: str) -> str:
        """"mine" (restore my version over the changed file), "disk" (keep the file, discard mine) or "later"."""
        return ask_choice(self._window, QMessageBox.Warning, "File changed since your unsaved changes",
                          f"{info.path} changed on disk after your unsaved changes were recorded "
                          f"({info.changes} changes, {info.when()}).\n\nRestore your version (the next save "
                          "replaces the file on disk), keep the file on disk, or decide later?",
                          [("mine", "Restore mine", QMessageBox.AcceptRole),
                           ("disk", "Keep the file on disk…", QMessageBox.DestructiveRole),
                           ("later", "Later", QMessageBox.RejectRole)],
                          details=diff, fallback="later")

    def ask_missing(self, info: JournalInfo) -> str:
        """"recreate" (write the recovered text to the missing file), "later" or "discard"."""
        return ask_choice(self._window, QMessageBox.Warning, "Recovered file is missing",
                          f"{info.path} no longer exists. Recreate it from your recovered version "
                          f"({info.changes} changes, {info.when()})?",
                          [("recreate", "Recreate", QMessageBox.AcceptRole),
                           ("discard", "Discard…", QMessageBox.DestructiveRole),
                           ("later", "Later", QMessageBox.RejectRole)], fallback="later")

    def confirm_discard(self, info: JournalInfo) -> bool:
        """True when the user confirms throwing the recovered changes away for good."""
        answer = QMessageBox.warning(self._window, "Discard recovered changes",
                                     f"Discard {info.changes} recovered changes to {info.path} for good?",
                                     QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Discard

    def show_error(self, text: str) -> None:
        """Tell the user something went wrong while restoring."""
        QMessageBox.critical(self._window, "Recovery", text)
