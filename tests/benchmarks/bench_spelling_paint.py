"""What underlining unknown words costs a full repaint of the table, on the corpus's largest episode.

Run: .venv/bin/python tests/benchmarks/bench_spelling_paint.py [EPISODE]   (default: the largest corpus file)
Prints ms per repaint of the visible rows without and with the spell checker, and their ratio.
"""
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.ui.main_window import MainWindow  # noqa: E402
from editor.ui.settings import Settings  # noqa: E402
from fakes import FakePlayer  # noqa: E402

REPAINTS = 30


def repaint_ms(window) -> float:
    """Median ms of repainting the table's viewport."""
    times = []
    for _ in range(REPAINTS):
        start = time.perf_counter()
        window.table.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def main() -> None:
    corpus = REPO.parent / "shared" / "corpus"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else max(corpus.glob("*.md"), key=lambda p: p.stat().st_size)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_DATA_HOME"] = scratch
        window = MainWindow(Settings(QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)),
                            FakePlayer())
        window.resize(1100, 900)
        window.show()
        window.open_file(path)
        app.processEvents()
        window.table.delegate.spell_checker = None
        without = repaint_ms(window)
        checker = window.spelling.ensure_checker()
        window.table.delegate.spell_checker = checker
        unknown = sum(len(checker.unknown_words(entry.text)) for entry in window.episode.entries)
        with_checker = repaint_ms(window)
        print(f"{path.name}: {len(window.episode.entries)} entries, {unknown} unknown words")
        print(f"repaint of the visible rows: {without:.1f} ms without spelling, {with_checker:.1f} ms with "
              f"({with_checker / without:.2f}x)")
        window.undo_stack.setClean()
        window.close()


if __name__ == "__main__":
    main()
