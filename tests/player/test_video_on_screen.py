"""Video files show their picture in the player's surface on a real X server (Xvfb), with both backends."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.player import vlc_available

REPO = Path(__file__).resolve().parent.parent.parent
VLC_OK, VLC_REASON = vlc_available()

CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
app = QApplication([])
from editor.player import create_player
backend, media = sys.argv[1], sys.argv[2]
options = ("--aout=adummy", "--intf=dummy", "--quiet", "--no-video-title-show")
player = create_player(backend, vlc_options=options)
window = QWidget()
QVBoxLayout(window).addWidget(player.video_widget())
window.resize(320, 240)
window.show()
result = {"name": player.name, "errors": []}
player.errorOccurred.connect(result["errors"].append)
player.mediaLoaded.connect(lambda path: player.play())
player.open(media)
def done():
    surface = player.video_widget()
    corner = surface.mapToGlobal(surface.rect().topLeft())
    image = app.primaryScreen().grabWindow(0, corner.x(), corner.y(), surface.width(), surface.height()).toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, image.height(), 8)}
    result.update(has_video=player.has_video(), colours=len(colours), position=player.position())
    player.shutdown()
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
print(json.dumps(result))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (apt install xvfb xauth)")
@pytest.mark.parametrize(
    "backend",
    ["qt", pytest.param("vlc", marks=pytest.mark.skipif(not VLC_OK, reason=f"libvlc cannot load: {VLC_REASON}"))],
)
def test_video_picture_appears_in_the_surface(backend):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_LOGGING_RULES="qt.multimedia.*=false", PYTHONPATH=str(REPO))
    media = REPO / "tests" / "media" / "counter.mp4"
    run = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", CHILD, backend, str(media)], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=90)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["name"] == backend and result["errors"] == []
    assert result["has_video"] and result["position"] > 500
    assert result["colours"] > 20, "the video surface stayed blank"
