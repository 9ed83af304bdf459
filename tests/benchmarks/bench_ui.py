"""Window figures for a synthetic 20,000-entry episode built from the sample entries: open, scroll, follow ticks.

Run: .venv/bin/python tests/benchmarks/bench_ui.py [ENTRIES]
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

import yaml  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.document import Episode, format_time  # noqa: E402
from editor.player import create_player  # noqa: E402
from editor.ui.main_window import MainWindow  # noqa: E402
from editor.ui.settings import Settings  # noqa: E402

SAMPLE = REPO / "resources" / "sample" / "sample-episode.md"


def synthetic_episode(path: Path, count: int) -> None:
    """Write an episode of `count` entries: the sample's entries repeated, times running on, in house style."""
    sample = Episode.load(SAMPLE)
    entries, offset, span = [], 0, (max(e.sec or 0 for e in sample.entries) + 5)
    while len(entries) < count:
        for entry in sample.entries:
            if entry.is_header:
                entries.append({"header": entry.text})
                continue
            item = {"line": entry.text}
            if entry.sec is not None:
                item["sec"] = entry.sec + offset
                item["time"] = format_time(entry.sec + offset)
            if entry.who:
                item["who"] = entry.who
            entries.append(item)
        offset += span
    front = {"title": "Synthetic long episode", "transcript": entries[:count]}
    text = yaml.dump(front, default_flow_style=False, allow_unicode=True, sort_keys=False, width=80)
    path.write_text(f"---\n{text}---\n", encoding="utf-8")


def settle(app, rounds=3):
    for _ in range(rounds):
        app.processEvents()


def main(count: int = 20000) -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.md"
        synthetic_episode(path, count)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        player = create_player()
        window = MainWindow(settings, player)
        window.resize(1200, 800)
        window.show()
        settle(app)

        started = time.perf_counter()
        load_only = time.perf_counter()
        Episode.load(path)
        load_only = time.perf_counter() - load_only
        started = time.perf_counter()
        assert window.open_file(path)
        settle(app)
        window.repaint()
        opened = time.perf_counter() - started
        rows = window.model.rowCount()

        bar = window.table.verticalScrollBar()
        steps = 400
        started = time.perf_counter()
        for step in range(steps + 1):
            bar.setValue(bar.maximum() * step // steps)
            settle(app, 1)
            window.table.viewport().repaint()
        scrolled = time.perf_counter() - started

        started = time.perf_counter()
        for _ in range(30):
            bar.triggerAction(bar.SliderAction.SliderPageStepSub)
            settle(app, 1)
            window.table.viewport().repaint()
        paged = (time.perf_counter() - started) / 30

        last_sec = max(e.sec or 0 for e in window.episode.entries)
        ticks = 2000
        started = time.perf_counter()
        for tick in range(ticks):
            window.follower.on_position(tick * last_sec * 1000 // ticks)
            settle(app, 1)
        ticked = (time.perf_counter() - started) / ticks
        followed = window.current_row()

        window.undo_stack.setClean()
        window.close()
        player.shutdown()
    print(f"entries:                         {rows}")
    print(f"document load alone:             {load_only * 1000:8.1f} ms")
    print(f"open in window (load+model+spans+layout): {opened * 1000:8.1f} ms  ({opened / load_only:.2f}x load)")
    print(f"scroll top to bottom, {steps} jumps: {scrolled * 1000:8.1f} ms ({scrolled * 1000 / steps:.2f} ms/jump)")
    print(f"page up with repaint:            {paged * 1000:8.2f} ms/page")
    print(f"follow tick (bisect + move + paint): {ticked * 1000:8.3f} ms/tick (ended on row {followed})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
