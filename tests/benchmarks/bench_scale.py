"""Every figure of staying instant at scale, at 242, 20,000 and 100,000 entries, in one run, then the targets.

Run: .venv/bin/python tests/benchmarks/bench_scale.py [SIZES...]   (about 10 minutes here; needs the corpus)
It runs each benchmark below in its own process (so that one's memory and garbage do not weigh on the next), shows
what each prints (every figure beside its floor and the ratio), and ends with the targets: figure, floor, ratio,
target and whether it is met. Run it on a quiet machine: the floors are measured in the same run, but two cores
shared with other work still move the ratios.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from targets import TARGETS_FILE  # noqa: E402

SIZES = ("242", "20000", "100000")
BENCHMARKS = (
    ("bench_document.py", "load, save, check and the document's memory"),
    ("bench_window.py", "ticks after edits, the window's save, cold start"),
    ("bench_journal_find.py", "journal flush, find as you type"),
    ("bench_panels.py", "live problem checks"),
    ("bench_memory.py", "whole-app memory"),
)


def verdict(figure: dict) -> str:
    """'met', 'NOT MET' or '' (no target at this size) for one recorded figure."""
    if figure["ratio_limit"] is not None:
        return "met" if figure["value"] / figure["floor"] <= figure["ratio_limit"] else "NOT MET"
    if figure["limit"] is not None:
        return "met" if figure["value"] <= figure["limit"] else "NOT MET"
    return ""


def summary(figures: list[dict]) -> int:
    """Print the targets table; the number of targets not met."""
    print("\n=== targets " + "=" * 100)
    print(f"{'figure':<52} {'entries':>8} {'value':>18} {'floor':>18}  {'ratio':>7}  {'target':<18} verdict")
    missed = 0
    for figure in figures:
        target = (f"<= {figure['ratio_limit']:g}x" if figure["ratio_limit"] is not None
                  else f"<= {figure['limit']:g} {figure['unit']}" if figure["limit"] is not None else "")
        result = verdict(figure)
        missed += result == "NOT MET"
        ratio = figure["value"] / figure["floor"] if figure["floor"] else float("nan")
        size = f"{figure['size']:>8,}" if figure["size"] else f"{'sample':>8}"
        print(f"{figure['label']:<52} {size} {figure['value']:>10.2f} {figure['unit']:<7} "
              f"{figure['floor']:>10.2f} {figure['unit']:<7} {ratio:>7.2f}x  {target:<18} {result}")
    return missed


def main(sizes) -> int:
    """Run every benchmark, then print the targets; exit status 1 when one is not met."""
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "targets.jsonl"
        record.touch()
        env = dict(os.environ, **{TARGETS_FILE: str(record)})
        for script, what in BENCHMARKS:
            print(f"\n=== {script}: {what} " + "=" * 40, flush=True)
            subprocess.run([sys.executable, str(HERE / script), *sizes], env=env, check=True)
        figures = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
    missed = summary(figures)
    print(f"\n{len([f for f in figures if verdict(f)]) - missed} targets met, {missed} not met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or SIZES))
