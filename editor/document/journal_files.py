"""Recovery journal files on disk: their names, durable writes on one writer thread, and finding orphaned ones.

A journal is named SESSION-KEY.jsonl in the recovery folder, where SESSION is the writing process's session and
KEY is derived from the episode's path; a session that is running holds SESSION.lock beside its journals.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import JournalError
from .journal import SUFFIX, SUFFIXES, JournalInfo, header
from .savefile import fingerprint, write_atomically

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


def change_count(stack) -> int:
    """Undo steps between the stack's state and its clean (saved) state (the count a journal mark records)."""
    clean = stack.cleanIndex()
    return abs(stack.index() - clean) if clean >= 0 else max(1, stack.index())


def journal_name(folder: Path, session: str, path) -> Path:
    """The journal file of episode `path` written by `session`."""
    key = fingerprint(os.path.abspath(os.fspath(path)).encode("utf-8"))[:16]
    return folder / f"{session}-{key}{SUFFIX}"


def session_of(file: Path) -> str:
    """The session that wrote the journal `file`."""
    return file.name.rsplit("-", 1)[0]


def lock_name(folder: Path, session: str) -> Path:
    """The lock file a running `session` holds in the recovery folder."""
    return folder / f"{session}.lock"


def append_durably(file: Path, data: bytes) -> None:
    """Append `data` to an existing journal file and fsync it."""
    with open(file, "r+b") as handle:
        handle.seek(0, os.SEEK_END)
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def remove_quietly(file: Path) -> None:
    """Remove `file` if it can be removed (a journal already gone needs no removing)."""
    try:
        file.unlink()
    except OSError:
        pass


class JournalFiles:
    """The writer thread's side: creates, appends to and removes journal files, one job at a time, in order.

    A file whose write failed takes no further appends until it is created again (the journal stays consistent).
    """

    def __init__(self):
        self._broken: set[Path] = set()     # touched by the writer thread only

    def create(self, file: Path, path: str, digest: str, base: str | None, written: float, tail: bytes) -> None:
        """Write the journal anew: its header, then `tail` (the records)."""
        try:
            write_atomically(file, header(path, digest, base, written) + tail)
        except OSError:
            self._broken.add(file)
            raise
        self._broken.discard(file)

    def create_from(self, file: Path, path: str, baseline: bytes, with_base: bool, written: float,
                    tail: bytes) -> None:
        """create() with the digest of the file's bytes as loaded or last saved, and those bytes as the base text
        when `with_base`: hashing and decoding the whole file happen here, on the writer thread."""
        base = baseline.decode("utf-8", "surrogatepass") if with_base else None
        self.create(file, path, fingerprint(baseline), base, written, tail)

    def append(self, file: Path, data: bytes) -> None:
        """Append records to a journal written whole before (refused after a failed write until created again)."""
        if file in self._broken:
            raise OSError(f"{file} must be written again after an earlier failure")
        try:
            append_durably(file, data)
        except OSError:
            self._broken.add(file)
            raise

    def remove(self, file: Path) -> None:
        """Remove the journal (a later create starts it afresh)."""
        self._broken.discard(file)
        remove_quietly(file)


class JournalWriter:
    """One writer thread running journal file jobs in order, and the jobs handed to it that are not yet reported."""

    def __init__(self):
        self.files = JournalFiles()
        self._executor: ThreadPoolExecutor | None = None
        self._jobs: list[Future] = []

    def start(self) -> None:
        """Start the thread before the first write needs it (a few milliseconds, once: at the first edit, not when
        a file opens, so that the window shows sooner)."""
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery-journal")
            self._executor.submit(lambda: None)

    def submit(self, job: Callable, *args) -> None:
        """Queue `job(*args)` (one of `files`' methods) after the jobs queued before it."""
        self.start()
        self._jobs.append(self._executor.submit(job, *args))

    @property
    def pending(self) -> bool:
        """Some queued job is not yet reported."""
        return bool(self._jobs)

    def take_done(self) -> Future | None:
        """The oldest queued job when it has finished (it is then reported), else None."""
        if self._jobs and self._jobs[0].done():
            return self._jobs.pop(0)
        return None

    def wait(self, timeout: float) -> list[Exception]:
        """Wait for every queued job (each up to `timeout` seconds); the errors of those that failed, in order."""
        errors = []
        while self._jobs:
            future = self._jobs.pop(0)
            try:
                future.result(timeout)
            except Exception as error:  # the job's OSError, or a timeout
                errors.append(error)
        return errors


def orphaned_journals(folder: Path, session: str, alive: Callable[[str], bool],
                      unreadable: Callable[[Path, JournalError], None], path=None) -> list[JournalInfo]:
    """Journals in `folder` left by sessions other than `session` that are not `alive` (newest first).

    Only those of episode `path` when given; each journal that cannot be read is passed to `unreadable`.
    """
    if not folder.is_dir():
        return []
    wanted = None if path is None else os.path.abspath(os.fspath(path))
    found = []
    for file in sorted(f for suffix in SUFFIXES for f in folder.glob(f"*{suffix}")):
        writer = session_of(file)
        if writer == session or alive(writer):
            continue
        try:
            info = JournalInfo.read(file)
        except JournalError as error:
            unreadable(file, error)
            continue
        if info is not None and (wanted is None or info.path == wanted):
            found.append(info)
    return sorted(found, key=lambda info: info.written, reverse=True)
