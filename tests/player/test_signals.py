"""Signals emitted from Python keep the interpreter's reference counts intact (PySide6 6.12.0 emit() bug repaired)."""
import sys

from PySide6.QtCore import QObject, Signal

import editor.player  # noqa: F401  (importing the package repairs SignalInstance.emit where needed)
from editor.player.signals import emit_drops_a_reference, repair_signal_emit


class Source(QObject):
    value = Signal(int)
    flag = Signal(bool)


def test_emitting_many_times_keeps_true_alive():
    source = Source()
    received = []
    source.value.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(5000):  # more than the ~600 references to True a fresh interpreter holds
        source.value.emit(i)
        source.flag.emit(i % 2 == 0)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert len(received) == 5000


def test_repair_is_idempotent_and_leaves_emit_correct():
    repair_signal_emit()
    repair_signal_emit()
    assert not emit_drops_a_reference()
