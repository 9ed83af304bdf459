"""Restoring an orphaned recovery journal: asking the user, then bringing its changes back as unsaved edits."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from editor.document import Batch, Episode, SetValue
from editor.document.diff import changes_between, unified_diff
from editor.document.journal import JournalInfo
from editor.document.journal_files import remove_quietly
from editor.document.savefile import write_atomically

from ..table.commands import DocumentCommand
from .backup import read_bytes
from .questions import ask_choice


class JournalRestore:
    """RecoveryJournal's restoring half: offers old journals, restores one, and asks the user what to do.

    Relies on the journal's `_window`, `_report`, `_offered`, `_restoring`, `orphaned_journals` and `flush`.
    """

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
                remove_quietly(info.file)
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
            remove_quietly(info.file)
        return restored

    def _restore(self, info: JournalInfo) -> bool:
        path = Path(info.path)
        disk = read_bytes(path)
        if disk is None:
            answer = self.ask_missing(info)
            if answer == "discard" and self.confirm_discard(info):
                remove_quietly(info.file)
            if answer != "recreate":
                return False
            try:
                write_atomically(path, info.text().encode("utf-8"))
            except OSError as error:
                self.show_error(f"{path} could not be recreated: {error}")
                return False
            if self._window.open_file(str(path)):
                remove_quietly(info.file)
            return False
        if not info.matches(disk):
            diff = unified_diff(disk.decode("utf-8", "replace"), info.text(), f"{path} (on disk now)",
                                f"{path} (your recovered version)")
            answer = self.ask_disk_changed(info, diff)
            if answer == "disk" and self.confirm_discard(info):
                remove_quietly(info.file)
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
        changes += [SetValue(key, target.get_meta(key)) for key in lost if key in target.meta_keys()]   # lists, maps
        lost = [key for key in lost if key not in target.meta_keys()]
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
