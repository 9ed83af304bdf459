"""Run as a script by test_qt_churn.py: many open/play/pause/seek/close/reopen/shutdown cycles on the Qt backend.

Each close and shutdown lands while QMediaPlayer's audio renderer thread is busy, which is when a QMediaPlayer call
made from Python (holding the GIL) could deadlock with that thread. Prints "done N" when every cycle finished.
"""
import gc
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from editor.player import PlaybackState, create_player  # noqa: E402

MEDIA = Path(__file__).resolve().parent.parent / "media"


def wait(ms: int) -> None:
    """Run the event loop for `ms` like the app does (QTest.qWait would hold the GIL meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def hold_gil(ms: float) -> None:
    """Keep Python busy (holding the GIL) for `ms`, as slow Python code between two player calls does."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


def wait_until(condition, ms: int = 5000) -> None:
    """Process events until `condition()` holds; exit with an error after `ms`."""
    for _ in range(ms // 5):
        if condition():
            return
        wait(5)
    sys.exit(f"timed out waiting for {condition}")


def main(cycles: int) -> None:
    """Churn players the way the app and its tests do: a shown video surface, reopen, then the surface goes first."""
    app = QApplication(sys.argv[:1])
    media = [str(MEDIA / "speech.mp3"), str(MEDIA / "speech.wav")]
    for i in range(cycles):
        player = create_player("qt")
        host = QWidget()
        QVBoxLayout(host).addWidget(player.video_widget())
        host.show()
        for j in range(2):
            player.open(media[(i + j) % 2])
            if (i + j) % 3 == 0:
                player.seek(2000 + i * 37)  # before the media is loaded
            wait_until(lambda: player.duration() > 0)
            player.set_volume(40 + i % 60)
            player.play()
            wait_until(lambda: player.position() > 0)
            wait(i % 30)
            if i % 2:
                player.set_rate(1.0 + (i % 4) / 4)
                hold_gil(i % 10)
                player.seek(6000)
            if i % 3 == 1:
                player.pause()
                hold_gil(i % 10)
                wait(i % 15)
                player.play()
            if (i + j) % 2:
                player.pause()
                wait(10)
        # The surface is deleted while the media is still open (this makes QMediaPlayer rebuild its renderers on
        # its threads), then Python is busy for a moment before it closes the player.
        host.close()
        host.deleteLater()
        wait(i % 5)
        hold_gil(5 + i % 20)
        player.close()
        assert player.state() is PlaybackState.STOPPED
        player.shutdown()
        del player, host
        gc.collect()
    wait(50)
    print(f"done {cycles}", flush=True)
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]))
