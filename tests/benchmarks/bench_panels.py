"""Live problem list figures on synthetic long episodes: full check against one incremental recheck, and one edit in
the window with the three docks open (the edit, its recheck and the docks' refresh).

Run: .venv/bin/python tests/benchmarks/bench_panels.py [ENTRIES...]   (default 20000 100000)
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_ui import settle, synthetic_episode  # noqa: E402
from editor.document import Episode  # noqa: E402
from editor.document.live_checks import LiveChecks  # noqa: E402
from editor.player import create_player  # noqa: E402
from editor.ui.main_window import MainWindow  # noqa: E402
from editor.ui.settings import Settings  # noqa: E402
from targets import record  # noqa: E402


def best(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def document_figures(path: Path) -> None:
    episode = Episode.load(path)
    middle = len(episode.entries) // 2 + 1
    full = best(episode.check, 3)
    live = LiveChecks(episode)
    texts = iter(f"edited {n}" for n in range(1000))

    def edit_and_read():
        episode.set_text(middle, next(texts))
        live.problems()

    def insert_and_read(who):
        episode.insert_line(middle, "new line", who, 10)
        live.problems()
        episode.remove(middle)
        live.problems()

    one = best(edit_and_read, 20)
    shift = best(lambda: insert_and_read(episode.speakers()[0]), 10) / 2
    newcomer = best(lambda: insert_and_read("Somebody New"), 5) / 2
    print(f"  full check():                         {full * 1000:9.1f} ms")
    print(f"  edit one text + live problems():      {one * 1000:9.2f} ms   ({full / one:6.1f}x faster than check)")
    print(f"  insert/remove a row + live problems(): {shift * 1000:8.2f} ms   ({full / shift:6.1f}x faster)")
    print(f"  the same with a speaker not yet in the episode (every line looked at for its name): "
          f"{newcomer * 1000:.2f} ms")
    record("live problems after an edit", len(episode.entries), one * 1000, full * 1000, "ms")
    live.close()


def window_figures(app, path: Path, folder: Path) -> None:
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    player = create_player()
    window = MainWindow(settings, player)
    window.resize(1400, 860)
    window.show()
    settle(app)
    started = time.perf_counter()
    assert window.open_file(path)
    settle(app)
    opened = time.perf_counter() - started
    middle = len(window.episode.entries) // 2 + 1
    texts = iter(f"typed {n}" for n in range(1000))

    def edit():
        window.run_edit("Typing", lambda: window.episode.set_text(middle, next(texts)))
        settle(app, 2)

    edited = best(edit, 10)
    print(f"  open with the three docks:            {opened * 1000:9.1f} ms")
    print(f"  one edit + recheck + docks refreshed:  {edited * 1000:8.1f} ms "
          f"({window.panels.counter.text()})")
    window.undo_stack.setClean()
    window.close()
    player.shutdown()


def main(counts: list[int]) -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in counts:
            path = folder / f"long-{count}.md"
            synthetic_episode(path, count)
            print(f"{count} entries:")
            document_figures(path)
            window_figures(app, path, folder)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20000, 100000])
