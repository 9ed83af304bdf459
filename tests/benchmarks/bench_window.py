"""Window figures at 242, 20,000 and 100,000 entries: the first follow tick after each kind of edit, a save after
one edit, and cold start to first paint, each printed with its floor and the ratio to it.

Run: .venv/bin/python tests/benchmarks/bench_window.py [SIZES...] [--no-start]   (default 242 20000 100000)
     .venv/bin/python tests/benchmarks/bench_window.py 0     (cold start only)

The episodes are synthetic: real lines (the corpus in ../shared when present, else the sample episode), a chapter
header every 40 entries. A "tick" is one player position handed to the window (PlaybackFollower.on_position) right
after an edit, before the event loop turns; its floor is a tick with no edit before it. "Edit" is the edit itself
with the event loop turn after it (model, view, safety, repaint); its floor is a repaint of the table alone.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
REPO = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(Path(__file__).resolve().parent)]

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.document import Episode, format_time  # noqa: E402
from editor.document.savefile import write_atomic  # noqa: E402
from editor.ui.main_window import MainWindow  # noqa: E402
from editor.ui.safety.install import install_safety  # noqa: E402
from editor.ui.settings import Settings  # noqa: E402
from editor.ui.table.model import TEXT, TIME  # noqa: E402
from fakes import FakePlayer  # noqa: E402
from synthetic import SAMPLE, sample_lines, write_long_episode  # noqa: E402
from targets import record  # noqa: E402

SIZES = (242, 20_000, 100_000)
TICK_TARGET_MS = 2.0        # the first follow tick after any edit, at 100,000 entries
SAVE_TARGET = 3.0           # window.save after one edit, against a plain atomic write, at 100,000 entries
START_TARGET = 2.5          # cold start, against a bare PySide6 table
REPEAT = 15
SAVES = 5
STARTS = 15
CORPUS = Path(os.environ.get("TRANSCRIPT_EDITOR_CORPUS", REPO.parent / "shared" / "corpus"))


def real_lines():
    """Spoken lines of the corpus (a few episodes), else of the sample episode."""
    paths = sorted(CORPUS.glob("*.md"))[:8] if CORPUS.is_dir() else []
    for path in paths:
        try:
            return sample_lines([path])
        except Exception:   # noqa: BLE001 - a corpus file the editor refuses is simply not used here
            continue
    return sample_lines()


def settle(app, rounds=3):
    for _ in range(rounds):
        app.processEvents()


def median_ms(values):
    return statistics.median(values) * 1000


class Session:
    """A shown window with safety installed, following a FakePlayer over one synthetic episode."""

    def __init__(self, app, folder: Path, count: int, lines):
        self.app = app
        self.path = write_long_episode(folder / f"long-{count}.md", count, lines)
        self.settings = Settings(QSettings(str(folder / f"s-{count}.ini"), QSettings.Format.IniFormat))
        self.settings.follow_pause_ms = 0
        self.player = FakePlayer()
        self.window = MainWindow(self.settings, self.player)
        install_safety(self.window, self.settings, folder / f"data-{count}")
        self.window.resize(1200, 800)
        self.window.show()
        started = time.perf_counter()
        assert self.window.open_file(self.path)
        settle(app)
        self.opened = time.perf_counter() - started
        entries = self.window.episode.entries
        self.row = next(r for r in range(len(entries) // 2, len(entries)) if not entries[r].is_header)
        self.ms = entries[self.row].sec * 1000
        self.tick(self.ms)          # the index is built once, as when playback starts

    def tick(self, ms) -> float:
        started = time.perf_counter()
        self.window.follower.on_position(ms)
        return time.perf_counter() - started

    def measure(self, edit) -> tuple[list, list]:
        """Seconds of REPEAT edits with their event loop turn, and of the first tick after each (undone between)."""
        edits, ticks = [], []
        for step in range(REPEAT):
            started = time.perf_counter()
            edit(step)
            edits.append(time.perf_counter() - started)
            ticks.append(self.tick(self.ms + 100 + step))
            started = time.perf_counter()
            settle(self.app, 1)
            edits[-1] += time.perf_counter() - started
            self.window.undo()
            self.tick(self.ms)
            settle(self.app)
        return edits, ticks

    def floors(self) -> tuple[list, list]:
        """Seconds of a repaint of the table, and of a tick with no edit before it."""
        repaints, ticks = [], []
        for step in range(REPEAT):
            started = time.perf_counter()
            self.window.table.viewport().update()
            settle(self.app, 1)
            repaints.append(time.perf_counter() - started)
            ticks.append(self.tick(self.ms + 200 + step))
        return repaints, ticks

    def close(self):
        self.window.undo_stack.setClean()
        self.window.close()
        self.player.shutdown()


EDITS = ("a committed keystroke", "a time edit", "insert", "delete")


def tick_figures(session: Session) -> tuple[dict, list, list]:
    """{edit: (edit seconds, first tick seconds)}, and the floors."""
    window, row = session.window, session.row
    model, episode = window.model, window.episode
    original = episode.entries[row].text
    edits = (lambda step: model.edit(row, TEXT, original + "x" * (step + 1), merge_key=object()),
             lambda step: model.edit(row, TIME, format_time(episode.entries[row].sec + 1)),
             lambda step: window.run_edit("Insert line", lambda: episode.insert_line(row + 1, "", "Maya")),
             lambda step: window.run_edit("Delete row", lambda: episode.remove(row + 1)))
    figures = {label: session.measure(edit) for label, edit in zip(EDITS, edits)}
    repaints, ticks = session.floors()
    return figures, repaints, ticks


def save_figures(session: Session, folder: Path) -> tuple[list, list, list, float]:
    """Seconds of window.save after one edit, of the Episode.save inside it, of a plain atomic write of the same
    bytes, and of the first save (which also writes the backup copy)."""
    window, row = session.window, session.row
    model = window.model
    saves, inner, plain = [], [], []
    first = None
    document_save = Episode.save

    def timed_save(episode, *args, **kwargs):
        started = time.perf_counter()
        try:
            return document_save(episode, *args, **kwargs)
        finally:
            inner.append(time.perf_counter() - started)

    Episode.save = timed_save
    try:
        for _ in range(SAVES + 1):
            model.edit(row, TEXT, window.episode.entries[row].text + " y")
            started = time.perf_counter()
            assert window.save()
            elapsed = time.perf_counter() - started
            settle(session.app)
            if first is None:
                first = elapsed
                inner.clear()
                continue
            saves.append(elapsed)
            data = session.path.read_bytes()
            started = time.perf_counter()
            write_atomic(folder / "plain.md", data)
            plain.append(time.perf_counter() - started)
    finally:
        Episode.save = document_save
    return saves, inner, plain, first


FLOOR_CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QStandardItemModel, QStandardItem
from PySide6.QtWidgets import QApplication, QTableView
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            sys.stdout.flush(); os._exit(0)
        return False
app = QApplication([])
model = QStandardItemModel(14, 3)
for row in range(14):
    for column in range(3):
        model.setItem(row, column, QStandardItem(f"cell {row} {column}"))
view = QTableView()
view.setModel(model)
view.resize(1100, 720)
painted = Painted(view)
view.viewport().installEventFilter(painted)
view.show()
app.exec()
"""

APP_CHILD = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
class Painted(QObject):
    def eventFilter(self, obj, event):
        table = obj.parent() if event.type() == QEvent.Type.Paint else None
        if table is not None and table.objectName() == "transcript" and obj is table.viewport():
            sys.stdout.flush(); os._exit(0)
        return False
app = QApplication([sys.argv[0]])
painted = Painted(app)
app.installEventFilter(painted)     # the app imports its own modules, as when started from its command
from editor import app as editor_app
sys.exit(editor_app.main([sys.argv[1]]))
"""


def start_times(children, folder: Path) -> list[tuple[list, list]]:
    """Per child (code, args): wall and CPU seconds from launch to its first paint (it exits there); interleaved."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"),
               QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)      # an installed app runs from compiled bytecode
    times = [([], []) for _ in children]
    for code, args in children:                   # untimed: writes the bytecode caches
        subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(STARTS):
        for (code, args), (walls, cpus) in zip(children, times):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


def report(label, value_ms, floor_ms, floor_label):
    print(f"  {label:<40} {value_ms:9.2f} ms   floor {floor_ms:8.2f} ms ({floor_label})   {value_ms / floor_ms:6.2f}x")


def main(sizes=SIZES, cold_start=True) -> None:
    app = QApplication.instance() or QApplication([])
    lines = real_lines()
    print(f"median of {REPEAT} ticks, {SAVES} saves, {STARTS} starts (interleaved with the floor's); "
          f"{len(lines)} real lines, a header every 40 entries")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if cold_start:         # first, while this process is small: each child is forked from it
            (floor_wall, floor_cpu), (app_wall, app_cpu) = start_times(
                [(FLOOR_CHILD, ()), (APP_CHILD, (str(SAMPLE),))], folder)
            print("cold start (the sample episode, the app's own backend; the child exits at the table's first "
                  "paint)")
            report("to first paint of the table", median_ms(app_wall), median_ms(floor_wall),
                   "bare PySide6 QTableView")
            record("cold start to the first paint", 0, median_ms(app_wall), median_ms(floor_wall), "ms",
                   ratio_limit=START_TARGET)
            report("  CPU time of the same", median_ms(app_cpu), median_ms(floor_cpu), "bare PySide6 QTableView")
        for count in (size for size in sizes if size > 0):
            session = Session(app, folder, count, lines)
            print(f"{count:,} entries (opened in {session.opened:.1f} s)")
            figures, repaints, ticks = tick_figures(session)
            for label, (_, values) in figures.items():
                report(f"first tick after {label}", median_ms(values), median_ms(ticks), "tick, no edit")
                record(f"first tick after {label}", count, median_ms(values), median_ms(ticks), "ms",
                       limit=TICK_TARGET_MS if count == SIZES[-1] else None)
            for label, (values, _) in figures.items():
                report(f"{label} + event loop turn", median_ms(values), median_ms(repaints), "table repaint")
            saves, inner, plain, first = save_figures(session, folder)
            report("window.save after 1 edit", median_ms(saves), median_ms(plain), "write+fsync+rename")
            record("window.save after 1 edit", count, median_ms(saves), median_ms(plain), "ms",
                   ratio_limit=SAVE_TARGET if count == SIZES[-1] else None)
            report("  of which Episode.save", median_ms(inner), median_ms(plain), "write+fsync+rename")
            report("  the window's own part", median_ms(saves) - median_ms(inner), median_ms(plain),
                   "write+fsync+rename")
            print(f"  {'(first save, with the backup copy)':<34} {first * 1000:9.2f} ms")
            session.close()

if __name__ == "__main__":
    main(tuple(int(arg) for arg in sys.argv[1:] if arg.isdigit()) or SIZES, "--no-start" not in sys.argv)
