"""Choosing the backend: VLC when its probe passes, else Qt Multimedia with a reason, also where libvlc cannot load."""
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


@pytest.mark.parametrize("preferred", [None, "vlc"])
def test_failing_probe_falls_back_to_a_working_qt_player(qtbot, preferred):
    player = create_player(preferred, probe=failing_probe)
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


def test_asking_for_qt_needs_no_probe(qtbot):
    def probe_must_not_run():
        raise AssertionError("the VLC probe ran although Qt was asked for")

    player = create_player("qt", probe=probe_must_not_run)
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
