"""The Qt backend survives many open/play/close/reopen/shutdown cycles without deadlocking (run in a subprocess)."""
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "qt_churn.py"
CYCLES = 40
TIMEOUT_S = 120  # the cycles take a few seconds; a hang fails here instead of blocking the suite


def test_many_qt_player_cycles_finish(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="qt.multimedia.*=false")
    try:
        result = subprocess.run(
            [sys.executable, str(SCRIPT), str(CYCLES)], env=env, cwd=tmp_path,
            capture_output=True, text=True, timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"Qt player cycles hung (deadlock?) after {TIMEOUT_S} s:\n{error.stdout}") from None
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"done {CYCLES}" in result.stdout
