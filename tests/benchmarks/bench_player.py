"""Seek accuracy of both player backends on generated speech: shown position minus heard onset, per format and speed.

For every backend, format and rate: random seeks to 0.5 s before a phrase, alternately while playing and while
paused (then play); prints mean and max |error| in ms, how many seeks heard no phrase within 4 s, and the mean time
from the seek (or the play after a paused seek) to the first audio rendered from the new place. See tests/player/truth.py for how "heard" is
measured without a sound device.

Run: .venv/bin/python tests/benchmarks/bench_player.py [--seeks 20] [--rates 1.0 1.5] [--backends vlc qt]
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
REPO = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "player")]

from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.player import create_player  # noqa: E402
from editor.player.vlc_backend import TEST_OPTIONS  # noqa: E402
from truth import LEAD_MS, seek_error, start_playing  # noqa: E402
from truth_media import build_hour, build_set  # noqa: E402


def run(backend: str, media, rate: float, seeks: int, seed: int) -> str:
    """One table row: seek `seeks` times in `media` with `backend` at `rate`."""
    player = create_player(backend, vlc_options=TEST_OPTIONS)
    errors, latencies = [], []
    try:
        truth = start_playing(player, str(media.path), rate)
        if truth is None:
            return f"{backend:4} {media.path.name:24} {rate:4}  did not play"
        rng = random.Random(seed)
        for index in range(seeks):
            onset = rng.randrange(1, len(media.onsets))
            error, latency = seek_error(player, truth, media.onsets, media.onsets[onset] - LEAD_MS, index % 2 == 1)
            errors.append(error)
            if latency is not None:
                latencies.append(latency)
        truth.stop()
    finally:
        player.shutdown()
    heard = [abs(e) for e in errors if e is not None]
    if not heard:
        return f"{backend:4} {media.path.name:24} {rate:4}  no phrase heard after any seek"
    return (f"{backend:4} {media.path.name:24} {rate:4}  mean {statistics.mean(heard):6.0f}  max {max(heard):6.0f}  "
            f"unresolved {errors.count(None):2}/{seeks}  to sound {statistics.mean(latencies):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeks", type=int, default=20)
    parser.add_argument("--rates", type=float, nargs="+", default=[1.0, 1.5])
    parser.add_argument("--backends", nargs="+", default=["vlc", "qt"])
    parser.add_argument("--formats", nargs="+", default=None, help="format names (default: all)")
    args = parser.parse_args()
    app = QApplication([])  # noqa: F841 - players need the application
    with tempfile.TemporaryDirectory() as folder:
        media = {**build_set(Path(folder) / "speech", seconds=43.0), **build_hour(Path(folder) / "hour")}
        print("shown minus heard onset, |ms|; errors over ~1.5 s are lower bounds (the nearest phrase is assumed)")
        for name in args.formats or list(media):
            for rate in args.rates:
                for backend in args.backends:
                    print(run(backend, media[name], rate, args.seeks, seed=14), flush=True)


if __name__ == "__main__":
    main()
