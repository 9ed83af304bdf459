"""Drives the real app (editor.app.main) in a subprocess for the safety tests: `python safety_driver.py SCENARIO ARGS...`.

It creates the QApplication first, answers the safety questions (our own overridable methods, not Qt's dialogs),
schedules the scenario on the event loop and then runs the app's own main(); lines it prints on stdout
("STATE {json}", "READY", "DIALOG {json}", ...) are what the test reads back.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import app as editor_app
from editor.document.errors import JournalError
from editor.document.journal import SUFFIXES, JournalInfo
from editor.ui.safety import recovery
from editor.ui.main_window import MainWindow

HEADER_TEXT = "Chapter added before the crash"
TYPED_TEXT = "Typed before the crash: nothing is lost."


def say(kind: str, payload=None) -> None:
    """One line for the test on stdout."""
    print(kind if payload is None else f"{kind} {json.dumps(payload)}", flush=True)


def state(window) -> dict:
    """What the test compares: the model's entries, the full text, and the undo stack."""
    episode = window.episode
    stack = window.undo_stack
    return {
        "path": None if episode is None else str(episode.path),
        "entries": [] if episode is None else [[e.kind, e.text, e.who, e.sec, e.time] for e in episode.entries],
        "text": None if episode is None else episode.dumps(),
        "rows": window.model.rowCount(),
        "index": stack.index(), "count": stack.count(), "clean": stack.isClean(),
        "title": window.windowTitle(),
    }


def wait_until(predicate, timeout_ms: int = 10000) -> bool:
    """Process events until `predicate()` holds (False on timeout)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if predicate():
            return True
        pause = QEventLoop()  # not QTest.qWait: it keeps the GIL while the Qt player's queued calls run
        QTimer.singleShot(20, pause.quit)
        pause.exec()
    return predicate()


def the_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))


def safety_of(window):
    """The Safety that app.py installed on the window."""
    return window._safety


def focus_widget():
    return QApplication.focusWidget()


def activate(window) -> None:
    """Make the window active and the table focused, as a user's first click would."""
    window.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is window, 5000)
    window.table.setFocus()
    wait_until(lambda: focus_widget() is not None, 5000)


def press(key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus_widget(), key, modifiers)


def type_text(text: str) -> None:
    QTest.keyClicks(focus_widget(), text)


def journals() -> list[Path]:
    folder = data_dir() / "recovery"
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES) if folder.is_dir() else []


def journal_text(file: Path) -> str | None:
    """The text a journal file recovers, None while it cannot be read."""
    try:
        info = JournalInfo.read(file)
    except JournalError:
        return None
    return None if info is None else info.text()


def edit_and_wait(window) -> None:
    """Keyboard edits: retype a line, add a chapter header, make and undo a third edit; then wait for the journal."""
    safety_of(window)
    activate(window)
    window.table.select_row(1, 2)
    press(Qt.Key.Key_Return)                              # open the text editor of row 1
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(TYPED_TEXT)
    press(Qt.Key.Key_Return)                              # commit
    window.table.select_row(4, 2)
    press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    type_text(HEADER_TEXT)
    press(Qt.Key.Key_Return)
    window.table.select_row(7, 2)
    press(Qt.Key.Key_Return)
    type_text(" (undone)")
    press(Qt.Key.Key_Return)
    window.table.setFocus()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the third edit: it stays as a redo step
    expected = state(window)
    wait_until(lambda: any(journal_text(p) == expected["text"] for p in journals()))
    say("STATE", expected)
    say("READY")                                          # the test kills us now


def recover_and_save(window) -> None:
    """After the restore (answered by the class patch below): report the model, redo/undo once, save with Ctrl+S."""
    safety_of(window)
    say("STATE", state(window))
    stack = window.undo_stack
    can_redo = stack.canRedo()
    stack.redo()
    redone = state(window)
    stack.undo()
    say("REDO", {"could": can_redo, "text": redone["text"]})
    activate(window)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: window.undo_stack.isClean())
    say("SAVED", {**state(window), "journals": [str(p) for p in journals()]})
    leave(0)


def disk_full(window) -> None:
    """Edit, then limit file size below the file's size and save: the save must fail and keep the edits."""
    safety_of(window)
    activate(window)
    window.table.select_row(1, 2)
    press(Qt.Key.Key_Return)
    type_text(" and then the disk filled up")
    press(Qt.Key.Key_Return)
    size = Path(window.episode.path).stat().st_size
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, hard))
    try:
        saved = window.save()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    say("SAVE", {"result": saved, **state(window), "dialogs": DIALOGS})
    leave(0)


def read_only(window) -> None:
    """Report the banner; then Save As into the folder given as the scenario argument."""
    safety = safety_of(window)
    window.table.select_row(1, 2)
    activate(window)
    press(Qt.Key.Key_Return)
    type_text(" (edited read-only)")
    press(Qt.Key.Key_Return)
    say("BANNER", {"visible": safety.banner.isVisibleTo(window), "text": safety.banner.text()})
    saved = window.save()
    say("SAVE", {"result": saved, **state(window), "dialogs": DIALOGS})
    target = os.environ["DRIVER_SAVE_AS"]
    saved_as = window.save_as(target)
    say("SAVE_AS", {"result": saved_as, **state(window), "banner": safety.banner.text()})
    leave(0)


def bad_input(window) -> None:
    """app.py opened a bad file: report the dialog the window showed (caught by the modal watcher) and the state."""
    wait_until(lambda: bool(DIALOGS), 5000)
    say("STATE", {**state(window), "dialogs": DIALOGS})
    leave(0)


DIALOGS: list[dict] = []


def leave(code: int) -> None:
    """End the process now: no exit questions, and possibly inside a dialog's loop before app.exec()."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def close_modal_dialogs() -> None:
    """Record and close any modal message box the app shows (error dialogs), so nothing blocks."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            DIALOGS.append({"title": widget.windowTitle(), "text": widget.text(),
                            "informative": widget.informativeText(), "detailed": widget.detailedText()})
            widget.done(QMessageBox.StandardButton.Ok)


SCENARIOS = {"edit": edit_and_wait, "recover": recover_and_save, "disk-full": disk_full,
             "read-only": read_only, "bad-input": bad_input}


def main() -> int:
    scenario, app_args = sys.argv[1], sys.argv[2:]
    app = QApplication([sys.argv[0]])
    recovery.RecoveryJournal.ask_restore = lambda self, info: (say("ASKED", {"summary": info.summary()}),
                                                              "restore")[1]
    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(close_modal_dialogs)
    watcher.start()

    def run():
        try:
            SCENARIOS[scenario](the_window())
        except Exception as error:  # report, then exit non-zero: the test shows stderr
            import traceback
            traceback.print_exc()
            say("ERROR", str(error))
            leave(3)

    QTimer.singleShot(0, run)
    return editor_app.main(app_args)


if __name__ == "__main__":
    sys.exit(main())
