"""Guards against PySide6 6.12.0 on Python < 3.12, which drops a reference to None, True or False on each call
that returns one (every void method, every bool, every SignalInstance.emit()).

Its abi3 wheel assumes these singletons are immortal, as they are from Python 3.12 on. Under 3.11 a fresh
QApplication holds about 5,000 references to None and 600 to True, so an app or a test session that makes a few
thousand such calls aborts ("Fatal Python error: none_dealloc" / "bool_dealloc"). Where the bug is present,
make_singletons_immortal() gives the three singletons a reference count they cannot run out of, which is what
Python 3.12 does for them; elsewhere it changes nothing. The real fix is PySide6 < 6.12 or Python >= 3.12.
"""
import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_SINGLETONS = (None, True, False)
_PLENTY = 1 << 40  # references; each leaked one costs nothing, the objects are never freed anyway


class _Probe(QObject):
    """A private object whose calls measure PySide6's reference counting."""

    ping = Signal()


def calls_drop_references() -> bool:
    """Whether PySide6 calls returning None or True give back references they do not own (probe repaired)."""
    probe = _Probe()
    before = [sys.getrefcount(value) for value in _SINGLETONS]
    for _ in range(16):
        probe.setObjectName("probe")  # returns None
        probe.ping.emit()  # returns True
    lost = [b - sys.getrefcount(value) for b, value in zip(before, _SINGLETONS)]
    for value, count in zip(_SINGLETONS, lost):
        _add_references(value, max(count, 0))
    return any(count >= 8 for count in lost)  # one per call, give or take first-call caching


def _add_references(value, count: int) -> None:
    """Raise the reference count of a singleton (CPython: ob_refcnt is the object's first field)."""
    ctypes.c_ssize_t.from_address(id(value)).value += count


def make_singletons_immortal() -> bool:
    """Once per process, where needed: give None, True and False plenty of references. True when it was needed."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _PLENTY // 2:
        return sys.getrefcount(None) > _PLENTY // 2
    if not calls_drop_references():
        return False
    for value in _SINGLETONS:
        _add_references(value, _PLENTY)
    return True
