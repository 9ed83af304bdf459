"""Whole-app memory per entry at 242, 20,000 and 100,000 entries: the app's peak resident memory after opening a
synthetic episode (real corpus lines, a header every 40 entries), letting its deferred work run, one edit and a save.

Run: .venv/bin/python tests/benchmarks/bench_memory.py [SIZES...]   (skips when the corpus is absent)
Each size runs in a fresh process started as the app is (`editor.app.main`). Per entry: the peak minus the peak of
the same app opening an episode with an empty transcript, divided by the entries; floor: the file's bytes per entry.
Target at 100,000 entries: at most 4 KB per entry.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(HERE)]

from bench_document import SIZES, corpus_pieces, synthetic_text  # noqa: E402
from targets import record  # noqa: E402

TARGET = 4096
CHILD = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor import app as editor_app
from editor.ui import main_window
from editor.ui.table.model import TEXT

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024

class Measured(main_window.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        QTimer.singleShot(1500, self.edit_and_save)      # the deferred work after opening runs first

    def edit_and_save(self):
        entries = self.episode.entries
        row = next((r for r in range(len(entries) // 2, len(entries)) if not entries[r].is_header), None)
        if row is not None:
            self.model.edit(row, TEXT, entries[row].text + " (corrected)")
            self.save()
        QTimer.singleShot(1500, self.report)

    def report(self):
        print(peak(), flush=True)
        os._exit(0)

main_window.MainWindow = Measured
sys.exit(editor_app.main([sys.argv[1]]))
"""


def peak_bytes(path: Path, folder: Path) -> int:
    """The app's peak resident memory with `path` open, in a fresh process."""
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data"), "QT_LOGGING_RULES": "qt.multimedia.*=false",
           "PATH": "/usr/bin:/bin", "HOME": str(folder)}
    output = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=REPO, env=env, capture_output=True,
                            text=True, check=True).stdout
    return int(output.split()[-1])


def main(sizes=SIZES) -> int:
    """Measure and print; 0 also when the corpus is absent."""
    base, lines, headers = corpus_pieces()
    if not lines:
        print("bench_memory: corpus not found (set TRANSCRIPT_EDITOR_CORPUS); skipped")
        return 0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        empty = folder / "empty.md"
        empty.write_text(synthetic_text(0, base, lines, headers), encoding="utf-8")
        baseline = peak_bytes(empty, folder)
        print(f"whole-app peak memory (the app with an empty transcript: {baseline / 2 ** 20:.0f} MiB)")
        for size in sizes:
            path = folder / f"synthetic-{size}.md"
            path.write_text(synthetic_text(size, base, lines, headers), encoding="utf-8")
            peak = peak_bytes(path, folder)
            per_entry, per_file = (peak - baseline) / size, path.stat().st_size / size
            target = f"   target <= {TARGET} B/entry" if size == SIZES[-1] else ""
            print(f"  {size:>7,} entries  {per_entry:7.0f} B/entry   floor {per_file:5.0f} B/entry (file)   "
                  f"{per_entry / per_file:5.2f}x   (peak {peak / 2 ** 20:.0f} MiB){target}")
            record("memory, whole app", size, per_entry, per_file, "B/entry",
                   limit=TARGET if size == SIZES[-1] else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(tuple(int(arg) for arg in sys.argv[1:]) or SIZES))
