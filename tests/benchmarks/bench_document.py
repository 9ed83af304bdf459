"""Document-layer figures at 242, 20,000 and 100,000 entries: load, save, memory and checks, each beside its floor.

Run: .venv/bin/python tests/benchmarks/bench_document.py [SIZES...]   (skips when the corpus is absent)

The episodes are made at run time from the corpus (never stored): the largest corpus file with its transcript
replaced by real entry texts, taken in corpus order, a chapter header every 40 entries. For each size it prints:
  load          Episode.load(path); floor: a plain ruamel.yaml C `safe` load of the same text
  save, 1 edit  Episode.save() after one set_text (the edit not timed); floor: a plain atomic write (temp file,
                write, fsync, rename) of the same bytes
  save, 10%     Episode.save() after editing every tenth entry, inserting one and removing one; same floor
  check         Episode.check(); floor: one pass reading every entry's fields
  memory        growth of the resident memory of a fresh process loading the episode, per entry: kept after the
                load and peak during it; floor: the file's bytes per entry
Targets at 100,000 entries: load <= 0.5x, save after 1 edit <= 3x, after 10% <= 10x, and at most 4 KB per entry
of peak memory for the whole app (this measures the document's share: no window, no table model).
"""
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(Path(__file__).resolve().parent)]

from ruamel.yaml import YAML  # noqa: E402

from editor.document import Episode, ParseError  # noqa: E402
from targets import record  # noqa: E402
from tests.conftest import corpus_files  # noqa: E402

SIZES = (242, 20_000, 100_000)
HEADER_EVERY = 40
TARGETS = {"load": 0.5, "save, 1 edit": 3.0, "save, 10%": 10.0}
MEMORY_TARGET = 4096


def transcript_lines(lines: list[str]) -> tuple[int, int]:
    """(first, end) line indexes of the transcript's entries: after `transcript:`, up to the next key or `---`."""
    first = lines.index("transcript:") + 1
    end = next(i for i in range(first, len(lines)) if lines[i] == "---" or lines[i][:1] not in ("", " ", "-"))
    return first, end


def corpus_pieces() -> tuple[list[str], list[str], list[str]]:
    """(lines of the largest parseable corpus file, spoken-line chunks, header chunks) in corpus order."""
    episodes = []
    for path in corpus_files():
        try:
            episodes.append(Episode.load(path))
        except ParseError:
            continue
    if not episodes:
        return [], [], []
    spoken, headers = [], []
    for episode in episodes:
        lines = episode.dumps().split("\n")
        starts = [episode.entry_line(index) - 1 for index in range(len(episode.entries))] + [transcript_lines(lines)[1]]
        for index, entry in enumerate(episode.entries):
            chunk = "".join(line + "\n" for line in lines[starts[index]:starts[index + 1]])
            (headers if entry.is_header else spoken).append(chunk)
    largest = max(episodes, key=lambda episode: len(episode.dumps()))
    return largest.dumps().split("\n"), spoken, headers


def synthetic_text(size: int, base: list[str], spoken: list[str], headers: list[str]) -> str:
    """`base` with its transcript replaced by `size` real entries, a header every HEADER_EVERY entries."""
    chunks = [headers[(index // HEADER_EVERY) % len(headers)] if index % HEADER_EVERY == 0
              else spoken[(index - index // HEADER_EVERY - 1) % len(spoken)] for index in range(size)]
    first, end = transcript_lines(base)
    return "".join(line + "\n" for line in base[:first]) + "".join(chunks) + "\n".join(base[end:])


def paired_times(function, floor, repeat: int, setup=None) -> tuple[float, float]:
    """Median seconds of `function()` and of `floor()`, run alternately `repeat` times each (so that a busy moment
    of the machine weighs on both), `setup()` untimed before each `function()`."""
    times, floors = [], []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor()
        floors.append(time.perf_counter() - start)
    return statistics.median(times), statistics.median(floors)


def plain_atomic_write(path: Path, data: bytes) -> None:
    """The floor of a safe save: write a temp file beside the target, fsync it, rename it over the target."""
    temp = path.with_name(path.name + ".floor.tmp")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def front_matter(text: str) -> str:
    """The YAML between the `---` lines."""
    return text.split("\n---\n", 1)[0].removeprefix("---\n")


def line_indexes(episode: Episode) -> list[int]:
    """Indexes of the spoken lines."""
    return [index for index, entry in enumerate(episode.entries) if not entry.is_header]


def memory_figures(path: Path) -> tuple[int, int]:
    """(retained, peak) RSS growth in bytes of a fresh process that loads `path`."""
    code = (
        "import gc, sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from editor.document import Episode\n"
        "def rss(field):\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith(field):\n"
        "            return int(line.split()[1]) * 1024\n"
        "Episode.loads('---\\ntitle: warm up\\ntranscript:\\n- line: a\\n---\\n')\n"
        "gc.collect()\n"
        "before = rss('VmRSS:')\n"
        f"episode = Episode.load({str(path)!r})\n"
        "gc.collect()\n"
        "print(rss('VmRSS:') - before, rss('VmHWM:') - before)\n")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    retained, peak = output.split()
    return int(retained), int(peak)


def measure(size: int, text: str, folder: Path) -> dict:
    """Print and return (figure, floor) pairs for one synthetic episode."""
    repeat = 15 if size < 1000 else 5 if size <= 20_000 else 3
    path = folder / f"synthetic-{size}.md"
    path.write_text(text, encoding="utf-8")
    data = path.read_bytes()
    region = front_matter(text)
    figures = {"load": paired_times(lambda: Episode.load(path), lambda: YAML(typ="safe", pure=False).load(region),
                                    repeat)}
    gc.collect()

    episode = Episode.load(path)
    indexes = line_indexes(episode)
    middle = iter(indexes[len(indexes) // 2:])

    def write_floor():
        plain_atomic_write(folder / "floor.md", data)

    def edit_one():
        index = next(middle)
        episode.set_text(index, episode.entries[index].text + " (corrected)")
    # 11 runs: now and then the kernel holds a write of the whole file back (its dirty-page throttling), which
    # doubled one save in three here, old code and new alike; a median of 5 was at its mercy
    figures["save, 1 edit"] = paired_times(episode.save, write_floor, 11, edit_one)

    rounds = iter(range(100))

    def edit_tenth():
        offset = next(rounds)
        for index in indexes[offset % 10::10]:
            episode.set_text(index, episode.entries[index].text + " (corrected)")
        episode.insert_line(len(episode.entries) // 2, "An inserted line.", "Someone", 60)
        episode.remove(len(episode.entries) // 3)
    figures["save, 10%"] = paired_times(episode.save, write_floor, repeat, edit_tenth)

    def read_fields():
        for entry in episode.entries:
            (entry.kind, entry.text, entry.who, entry.sec, entry.time)
    figures["check"] = paired_times(episode.check, read_fields, repeat)
    del episode
    gc.collect()

    retained, peak = memory_figures(path)
    print(f"\n{size:,} entries, {len(data):,} bytes (median of {repeat})")
    for label, (seconds, floor) in figures.items():
        target = f"   target <= {TARGETS[label]}x" if label in TARGETS and size == SIZES[-1] else ""
        print(f"  {label:<14} {seconds * 1000:10.1f} ms   floor {floor * 1000:10.1f} ms   "
              f"{seconds / floor:7.2f}x{target}")
        if label in TARGETS:
            record(label, size, seconds * 1000, floor * 1000, "ms",
                   ratio_limit=TARGETS[label] if size == SIZES[-1] else None)
    per_file = len(data) / size
    for label, value in (("memory kept", retained), ("memory peak", peak)):
        target = f"   target <= {MEMORY_TARGET} B/entry (whole app)" if label == "memory peak" and size == SIZES[-1] \
            else ""
        print(f"  {label:<14} {value / size:10.0f} B/entry   floor {per_file:7.0f} B/entry (file)   "
              f"{value / size / per_file:7.2f}x   ({value / 2 ** 20:.0f} MiB){target}")
    return figures


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Front matter whose aliases expand to width ** levels values."""
    keys = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    keys += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "---\n" + "\n".join(keys) + "\ntranscript:\n- line: x\n---\n"


def hostile() -> None:
    """Bad input is refused at load in milliseconds."""
    def refuse(text):
        try:
            Episode.loads(text)
        except ParseError:
            return
        raise AssertionError("not refused")

    def median(function) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    print("\nhostile input (median of 5):")
    print(f"  refuse a 9x9 alias bomb at load:         {median(lambda: refuse(alias_bomb())) * 1000:9.2f} ms")
    recursive = "---\na: &r [*r]\ntranscript: []\n---\n"
    print(f"  refuse a recursive alias at load:        {median(lambda: refuse(recursive)) * 1000:9.2f} ms")


def main(sizes=SIZES) -> int:
    """Measure and print; 0 also when the corpus is absent."""
    base, lines, headers = corpus_pieces()
    if not lines:
        print("bench_document: corpus not found (set TRANSCRIPT_EDITOR_CORPUS); skipped")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            measure(size, synthetic_text(size, base, lines, headers), Path(folder))
    hostile()
    return 0


if __name__ == "__main__":
    sys.exit(main(tuple(int(arg) for arg in sys.argv[1:]) or SIZES))
