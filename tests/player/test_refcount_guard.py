"""Qt calls from Python cannot exhaust the references to None/True/False (PySide6 6.12.0 on Python < 3.12)."""
from PySide6.QtCore import QObject, QTimer, Signal

import editor.player  # noqa: F401  (importing the package applies the guard where needed)
from editor.player.refcount_guard import make_singletons_immortal


class Source(QObject):
    value = Signal(int)
    flag = Signal(bool)


def test_many_calls_returning_none_and_bools_do_not_abort():
    source = Source()
    received = []
    source.value.connect(received.append)
    timer = QTimer()
    for i in range(20000):  # far more than the ~5,000 references to None a fresh QApplication holds
        source.value.emit(i)
        source.flag.emit(i % 2 == 0)
        timer.setInterval(i % 50 + 1)  # returns None
        source.signalsBlocked()  # returns False
    assert len(received) == 20000


def test_guard_is_idempotent():
    first = make_singletons_immortal()
    assert make_singletons_immortal() == first
