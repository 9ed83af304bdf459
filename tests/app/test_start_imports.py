"""What the editor leaves unloaded until after its first paint: the audio analysis libraries (loaded by the
analysis thread), the spelling code (loaded with the word lists), the Preferences dialog (loaded when opened),
PyYAML (loaded by the first save), numpy (loaded for the timeline's markers), the Replace All preview, the
spelling menu and navigation, and the journal writer's thread pool (started from the event loop)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "resources" / "sample" / "sample-episode.md"
LATER = ("numpy", "av", "webrtcvad", "editor.audio.analysis", "editor.document.spelling",
         "editor.ui.preferences.dialog", "yaml", "editor.ui.find.preview", "editor.ui.table.spell_menu",
         "editor.ui.table.spell_navigation", "concurrent.futures")

# The app as users start it; at the table's first paint the child prints which of LATER are loaded, and exits.
CHILD = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
LATER = %r
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            import gc
            from PySide6.QtCore import QTimer
            loaded = [name for name in LATER if name in sys.modules]
            collecting = gc.isenabled()
            def report():
                print(json.dumps({"loaded": loaded, "collecting": [collecting, gc.isenabled()]}))
                sys.stdout.flush(); os._exit(0)
            QTimer.singleShot(100, report)
            obj.removeEventFilter(self)
        return False
app = QApplication([sys.argv[0]])
painted = Painted(app)
from editor import app as editor_app
from editor.ui import main_window
class FirstPaint(main_window.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table.viewport().installEventFilter(painted)
main_window.MainWindow = FirstPaint
sys.exit(editor_app.main([sys.argv[1]]))
""" % (LATER,)


def test_the_first_paint_comes_before_what_it_does_not_need_and_before_the_garbage_collector(tmp_path):
    episode = tmp_path / SAMPLE.name            # without its media beside it: no analysis starts
    shutil.copy(SAMPLE, episode)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               QT_LOGGING_RULES="qt.multimedia.*=false")
    run = subprocess.run([sys.executable, "-c", CHILD, str(episode)], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert report["collecting"] == [False, True]      # the garbage collector is off until the paint, on after it
