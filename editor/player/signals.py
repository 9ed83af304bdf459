"""Safe signal emission: PySide6 6.12.0's SignalInstance.emit() drops a reference to True on every call.

The interpreter starts with only a few hundred references to True, so a 25 Hz position signal emitted with the
plain .emit() aborts the process within a minute ("Fatal Python error: bool_dealloc"). emit() gives the
reference back where the installed PySide6 has the bug (checked once at import), and does nothing extra elsewhere.
"""
import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    """A private object whose signal measures emit()'s reference count behaviour."""

    ping = Signal()


def _emit_drops_a_reference() -> bool:
    """Whether SignalInstance.emit() returns a result it does not own (and repair the probe's own damage)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):
        _incref(True)
    return lost == 4


EMIT_DROPS_A_REFERENCE = _emit_drops_a_reference()


def emit(signal, *args) -> None:
    """signal.emit(*args), keeping the interpreter's reference counts intact."""
    result = signal.emit(*args)
    if EMIT_DROPS_A_REFERENCE:
        _incref(result)
