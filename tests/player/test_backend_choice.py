"""Choosing the backend: Qt Multimedia by default, VLC when asked for and its probe passes, else the other one with a
reason (also where libvlc or Qt Multimedia cannot load); a NoPlayer saying why when neither works."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.player import create_player, vlc_available
from editor.player.factory import NoPlayer

REPO = Path(__file__).resolve().parent.parent.parent
SPEECH = REPO / "tests" / "media" / "speech.wav"


def failing_probe():
    return False, "simulated: libvlc.so.5 not found"


def test_failing_probe_falls_back_to_a_working_qt_player(qtbot):
    player = create_player("vlc", probe=failing_probe)
    try:
        assert player.name == "qt"
        assert "simulated: libvlc.so.5 not found" in player.fallback_reason
        assert "Qt Multimedia" in player.fallback_reason
        with qtbot.waitSignal(player.mediaLoaded, timeout=5000):
            player.open(SPEECH)
        player.play()
        qtbot.waitUntil(lambda: player.position() > 200, timeout=5000)
    finally:
        player.shutdown()


@pytest.mark.parametrize("preferred", [None, "qt"])
def test_qt_is_the_default_and_needs_no_probe(qtbot, preferred):
    def probe_must_not_run():
        raise AssertionError("the VLC probe ran although Qt was chosen")

    player = create_player(preferred, probe=probe_must_not_run)
    try:
        assert player.name == "qt" and player.fallback_reason is None
    finally:
        player.shutdown()


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown player backend"):
        create_player("mplayer")


def test_without_any_backend_opening_media_reports_why(qtbot):
    player = NoPlayer("VLC is not available: simulated; Qt Multimedia is not available: simulated")
    with qtbot.waitSignal(player.errorOccurred) as blocker:
        player.open(SPEECH)
    assert str(SPEECH) in blocker.args[0] and "no media backend" in blocker.args[0]
    player.play()
    assert player.state().name == "STOPPED"
    player.shutdown()


def test_probe_reports_a_version_or_a_reason():
    ok, reason = vlc_available()
    assert isinstance(ok, bool) and reason
    if ok:
        assert reason.startswith("libvlc ")


CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.player import create_player, vlc_available
from editor.player.factory import NoPlayer
ok, reason = vlc_available()
player = create_player("vlc")
result = {"probe": [ok, reason], "name": player.name, "fallback_reason": player.fallback_reason, "errors": []}
player.errorOccurred.connect(result["errors"].append)
player.mediaLoaded.connect(lambda path: player.play())
player.open(sys.argv[1])
def done():
    result["position"] = player.position()
    player.shutdown()
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
print(json.dumps(result))
"""


def test_where_libvlc_cannot_load_the_app_still_gets_a_qt_player():
    env = dict(os.environ, PYTHON_VLC_LIB_PATH="/nonexistent/libvlc.so.5", QT_QPA_PLATFORM="offscreen",
               QT_LOGGING_RULES="qt.multimedia.*=false", PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", CHILD, str(SPEECH)], env=env, cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["probe"][0] is False and "SystemExit" in result["probe"][1]
    assert result["name"] == "qt"
    assert "VLC is not available" in result["fallback_reason"]
    assert result["errors"] == []
    assert result["position"] > 300


BLOCK_QT_MULTIMEDIA = """
import importlib.abc, sys
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError("libpulse.so.0: cannot open shared object file (simulated)")
sys.meta_path.insert(0, Blocker())
"""


def run_child(code: str, *args, env_extra=None) -> dict:
    """Run `code` in a fresh headless Python at the repository root; its last stdout line as JSON."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="qt.multimedia.*=false",
               PYTHONPATH=str(REPO), **(env_extra or {}))
    run = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=env, cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_vlc_plays_without_qt_multimedia():
    """A machine with libvlc but without libpulse: the VLC backend never imports Qt Multimedia."""
    if not vlc_available()[0]:
        pytest.skip("libvlc cannot load here")
    result = run_child(BLOCK_QT_MULTIMEDIA + CHILD.replace('create_player("vlc")', 'create_player(sys.argv[2])')
                       .replace("result = {", "result = {'video': type(player.video_widget()).__name__, "), SPEECH,
                       "vlc")
    assert result["name"] == "vlc" and result["errors"] == [] and result["position"] > 300
    assert result["video"] == "NativeVideoSurface"
    auto = run_child(BLOCK_QT_MULTIMEDIA + CHILD.replace('create_player("vlc")', "create_player(None)"), SPEECH)
    assert auto["name"] == "vlc" and "libpulse.so.0" in auto["fallback_reason"] and auto["position"] > 300


def test_without_any_backend_noplayer_says_why():
    env = {"PYTHON_VLC_LIB_PATH": "/nonexistent/libvlc.so.5"}
    result = run_child(BLOCK_QT_MULTIMEDIA + CHILD.replace('create_player("vlc")', "create_player(None)"), SPEECH,
                       env_extra=env)
    assert result["name"] == "none"
    assert "libpulse.so.0" in result["errors"][0] and "libvlc" in result["errors"][0]


NO_SURFACE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from editor.player import create_player
player = create_player("vlc")
result = {"errors": []}
player.errorOccurred.connect(result["errors"].append)
player.mediaLoaded.connect(lambda path: player.play())
player.open(sys.argv[1])
def done():
    result["position"] = player.position()
    player.shutdown()
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
print(json.dumps(result))
"""


def test_vlc_without_a_video_surface_plays_video_files_without_a_window_of_its_own():
    """With the app's options (no --no-video) and no video_widget() call, libvlc must not pick an output itself."""
    if not vlc_available()[0]:
        pytest.skip("libvlc cannot load here")
    result = run_child(NO_SURFACE, REPO / "tests" / "media" / "counter.mp4", env_extra={"DISPLAY": ""})
    assert result["errors"] == [] and result["position"] > 300
