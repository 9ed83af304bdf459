"""Crash recovery: a journal of each open file's unsaved changes, and restoring it at the next start."""
from __future__ import annotations

import dataclasses
import difflib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLockFile, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoCommand
from PySide6.QtWidgets import QMessageBox

from editor.document import Batch, Entry, Episode, Insert, Remove, Replace, SetMeta

from .backup import read_bytes, sha256_bytes, write_atomically
from .questions import ask_choice

FORMAT = "transcript-editor-recovery"
VERSION = 1
_TYPES = {cls.__name__: cls for cls in (Entry, Replace, Insert, Remove, SetMeta, Batch)}


# ---- change serialization: the undo history as plain JSON values ----

def encode(value):
    """A JSON-ready form of a change, entry or YAML scalar; TypeError for anything else."""
    if dataclasses.is_dataclass(value) and type(value).__name__ in _TYPES:
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": type(value).__name__, **fields}
    if isinstance(value, tuple):
        return {"$t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$d": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot journal a {type(value).__name__}")


def decode(value):
    """The value `encode` was given."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if isinstance(value, dict):
        if "$t" in value:
            return tuple(decode(item) for item in value["$t"])
        if "$d" in value:
            return {decode(k): decode(v) for k, v in value["$d"]}
        fields = {k: decode(v) for k, v in value.items() if k != "$"}
        return _TYPES[value["$"]](**fields)
    return value


def encode_history(steps: list[list]) -> list | None:
    """The steps as JSON values, or None when some value does not survive the round trip exactly."""
    try:
        encoded = [[encode(change) for change in step] for step in steps]
        text = json.dumps(encoded)
    except (TypeError, ValueError):
        return None
    if [[decode(change) for change in step] for step in json.loads(text)] != steps:
        return None
    return encoded


# ---- the journal file ----

@dataclass
class JournalInfo:
    """One recovery journal as read from disk."""

    file: Path            # the journal file itself
    path: str             # the episode file it belongs to
    sha256: str           # the episode file's bytes when loaded / last saved
    written: float        # time.time() of the write
    changes: int          # undo steps since load / last save
    text: str             # the full document text, episode.dumps()
    base: str | None      # the text at load / last save, which `steps` start from
    steps: list | None    # undo history: one list of primitive changes per undo step, or None
    index: int            # how many of `steps` are done (the rest are redo steps)

    @classmethod
    def read(cls, file: Path) -> "JournalInfo | None":
        """The journal in `file`, or None when it is not a readable journal."""
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            history = data.get("history")
            steps = None
            if history is not None:
                steps = [[decode(change) for change in step] for step in history["steps"]]
            return cls(Path(file), data["path"], data["sha256"], float(data["written"]), int(data["changes"]),
                       data["text"], data.get("base"), steps, int(history["index"]) if history else 0)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def when(self) -> str:
        """The write time for people, e.g. 2026-11-28 14:32:05."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.written))

    def summary(self) -> str:
        """File, number of changes and time, as the restore question shows them."""
        plural = "change" if self.changes == 1 else "changes"
        return f"{self.path}\n{self.changes} unsaved {plural}, last recorded {self.when()}"


def change_count(stack) -> int:
    """Undo steps between the stack's state and its clean (saved) state."""
    clean = stack.cleanIndex()
    return abs(stack.index() - clean) if clean >= 0 else max(1, stack.index())


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts, split on \\n only (texts contain NEL and U+2028)."""
    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), old_name, new_name, lineterm="")
    return "".join(line + "\n" for line in lines)


def changes_between(current: Episode, target: Episode) -> tuple[list, list[str]]:
    """Changes that turn `current`'s entries and scalar metadata into `target`'s, and keys it cannot carry over."""
    old = [repr(entry) for entry in current.entries]
    new = [repr(entry) for entry in target.entries]
    changes = []
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            changes.extend(Replace(i1 + k, target.entries[j1 + k]) for k in range(i2 - i1))
            continue
        if i2 > i1:
            changes.append(Remove(i1, i2 - i1))
        if j2 > j1:
            changes.append(Insert(i1, tuple(target.entries[j1:j2])))
    lost = []
    for key in dict.fromkeys(list(current.meta_keys()) + list(target.meta_keys())):
        if key == "transcript":
            continue
        mine, wanted = current.get_meta(key), target.get_meta(key)
        if mine == wanted:
            continue
        if key in target.meta_keys() and isinstance(wanted, (str, int, float, bool)):
            changes.append(SetMeta(key, wanted))
        else:
            lost.append(key)
    return changes, lost


class ReplayedStep(QUndoCommand):
    """An undo step rebuilt from a journal: redo applies its changes, undo their inverse."""

    def __init__(self, window, changes, text: str):
        super().__init__(text)
        self._window = window
        self._redo = Batch(tuple(changes))
        self._undo = None

    def redo(self):
        self._undo = self._window.episode.apply(self._redo)

    def undo(self):
        self._redo = self._window.episode.apply(self._undo)


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
        self._baseline: tuple[str, str] | None = None   # (sha256, text) at load / last save
        self._origin = 0                # undo stack index of the baseline
        self._steps: list[list] | None = []
        self._pending: list = []
        self._index = 0
        self._dirty = False
        self._offered: set[Path] = set()
        self._restoring = False
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
        if window.episode is not None:
            self._opened()

    # episode listener protocol
    def about_to_apply(self, change) -> None:
        """Part of the episode listener protocol; nothing to do before a change."""

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

    def _reset_history(self) -> None:
        episode = self._window.episode
        stack = self._window.undo_stack
        text = episode.dumps() if episode is not None else ""
        data = read_bytes(episode.path) if episode is not None and episode.path is not None else None
        if data is None or episode.disk_changed():
            data = text.encode("utf-8")
        self._baseline = (sha256_bytes(data), text)
        self._origin = stack.index()
        self._index = stack.index()
        self._steps = []
        self._pending = []

    def _saved(self, path: str) -> None:
        self._attach()
        self.discard_journal()

    def _closed(self) -> None:
        self.timer.stop()
        self.discard_journal()
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
        """Mirror the undo stack as lists of primitive changes relative to the baseline (None once impossible)."""
        pending, self._pending = self._pending, []
        previous, self._index = self._index, index
        steps = self._steps
        if steps is None:
            return
        done = index - self._origin
        if done < 0 or (index > previous + 1 and not self._is_redo(steps, previous, index, pending)):
            self._steps = None
        elif index < previous:
            return
        elif index > previous:
            if index == previous + 1 and not self._is_redo(steps, previous, index, pending):
                self._steps = steps[: done - 1] + [pending]
        elif pending:
            if done == 0:
                self._steps = None
            else:
                self._steps = steps[: done - 1] + [steps[done - 1] + pending]

    def _is_redo(self, steps, previous: int, index: int, pending: list) -> bool:
        done_before, done = previous - self._origin, index - self._origin
        if done > len(steps):
            return False
        return [change for step in steps[done_before:done] for change in step] == pending

    # writing
    def _journal_name(self, path) -> Path:
        key = sha256_bytes(os.path.abspath(os.fspath(path)).encode("utf-8"))[:16]
        return self.folder / f"{self.session}-{key}.json"

    def _move_journal(self, name: Path) -> None:
        if self.journal_file is not None and self.journal_file != name:
            self._remove(self.journal_file)
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

    def flush(self) -> bool:
        """Write (or, when nothing is unsaved, remove) the journal; False with `last_error` set when it failed."""
        self.timer.stop()
        self._dirty = False
        episode, stack = self._window.episode, self._window.undo_stack
        if episode is None or episode.path is None or self._baseline is None or self.journal_file is None:
            return True
        if stack.isClean():
            self.discard_journal()
            return True
        history = encode_history(self._steps) if self._steps is not None else None
        data = {
            "format": FORMAT, "version": VERSION,
            "path": os.path.abspath(os.fspath(episode.path)),
            "sha256": self._baseline[0],
            "written": time.time(),
            "changes": change_count(stack),
            "text": episode.dumps(),
            "base": self._baseline[1] if history is not None else None,
            "history": None if history is None else {"steps": history, "index": stack.index() - self._origin},
        }
        try:
            self._ensure_lock()
            write_atomically(self.journal_file, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            self.last_error = str(error)
            self._report(f"Unsaved changes could not be written to the recovery journal ({error}).")
            return False
        if self.last_error is not None:
            self.last_error = None
            self._report(None)
        return True

    def discard_journal(self) -> None:
        """Remove this window's journal (after a clean save or a discard)."""
        if self.journal_file is not None:
            self._remove(self.journal_file)

    @staticmethod
    def _remove(file: Path) -> None:
        try:
            file.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass

    # finding and restoring old journals
    def orphaned_journals(self, path=None) -> list[JournalInfo]:
        """Journals left by sessions that are no longer running (newest first), optionally only for `path`."""
        if not self.folder.is_dir():
            return []
        wanted = None if path is None else os.path.abspath(os.fspath(path))
        found = []
        for file in self.folder.glob("*.json"):
            session = file.name.rsplit("-", 1)[0]
            if session == self.session or self._session_alive(session):
                continue
            info = JournalInfo.read(file)
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
        if restored:
            if self.flush():
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
                write_atomically(path, info.text.encode("utf-8"))
            except OSError as error:
                self.show_error(f"{path} could not be recreated: {error}")
                return False
            if self._window.open_file(str(path)):
                self._remove(info.file)
            return False
        if sha256_bytes(disk) != info.sha256:
            diff = unified_diff(disk.decode("utf-8", "replace"), info.text, f"{path} (on disk now)",
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
                stack.push(ReplayedStep(self._window, step, f"Recovered change {number}"))
            stack.setIndex(start + info.index)
            if self._window.episode.dumps() == info.text:
                return True
            stack.setIndex(start)
        return self._apply_text(info, "Recovered changes")

    def _apply_text(self, info: JournalInfo, label: str) -> bool:
        """Turn the open document into the journal's text with one undo step (no history available)."""
        try:
            target = Episode.loads(info.text, path=info.path)
        except Exception as error:  # a journal of text the document layer no longer reads
            self.show_error(f"The recovered text of {info.path} cannot be read: {error}")
            return False
        changes, lost = changes_between(self._window.episode, target)
        if changes:
            self._window.undo_stack.push(ReplayedStep(self._window, changes, label))
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
