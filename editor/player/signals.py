"""Repairs SignalInstance.emit() of PySide6 6.12.0, which drops a reference to True on every call.

The interpreter holds only about 600 references to True, so a 25 Hz position signal emitted from Python aborts
the process within a minute ("Fatal Python error: bool_dealloc"); any .emit() from Python (models, windows, VLC
threads) counts down the same way. repair_signal_emit() detects the bug once and gives the reference back after
each emit; on a PySide6 without the bug it changes nothing.
"""
import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    """A private object whose signal measures emit()'s reference counting."""

    ping = Signal()


def emit_drops_a_reference() -> bool:
    """Whether SignalInstance.emit() returns a result it does not own (repairing the probe's own damage)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        _incref(True)
    return lost == 4


def repair_signal_emit() -> bool:
    """Make SignalInstance.emit() keep reference counts intact (once per process); True when a repair was needed."""
    if getattr(SignalInstance.emit, "repaired_refcount", False):
        return True
    if not emit_drops_a_reference():
        return False
    broken_emit = SignalInstance.emit

    def emit(self, *args):
        result = broken_emit(self, *args)
        _incref(result)
        return result

    emit.repaired_refcount = True
    SignalInstance.emit = emit
    return True
