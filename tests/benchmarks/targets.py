"""The targets of staying instant at scale, recorded by each benchmark for bench_scale.py's summary."""
import json
import os

TARGETS_FILE = "BENCH_TARGETS"      # environment variable: the file bench_scale.py reads the figures from


def record(label: str, size: int, value: float, floor: float, unit: str, *, ratio_limit: float | None = None,
           limit: float | None = None) -> None:
    """Keep one figure for the summary (when bench_scale.py runs this benchmark): `value` and `floor` in `unit`, met
    when value / floor <= ratio_limit or value <= limit."""
    name = os.environ.get(TARGETS_FILE)
    if not name:
        return
    with open(name, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"label": label, "size": size, "value": value, "floor": floor, "unit": unit,
                                 "ratio_limit": ratio_limit, "limit": limit}) + "\n")
