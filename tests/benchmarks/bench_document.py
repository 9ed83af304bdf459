"""Benchmark of editor.document on the largest corpus episode and a synthetic 20,000-entry episode.

Run: .venv/bin/python tests/benchmarks/bench_document.py   (skips when the corpus is absent)
Prints, for each file: load, save untouched, save after 1 edit, save after editing 10% of entries plus an insert
and a delete, each also as a ratio to a plain ruamel.yaml C `safe` load of the same text (the floor).
"save" is the full save: splice (dumps), read-back verification with ruamel.yaml and PyYAML, atomic write + fsync.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ruamel.yaml import YAML  # noqa: E402

from editor.document import Episode, ParseError  # noqa: E402
from tests.conftest import corpus_files  # noqa: E402

SYNTHETIC_ENTRIES = 20_000


def best_of(function, repeat: int, setup=None) -> float:
    """Median seconds of `function(setup())` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        argument = setup() if setup else None
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def front_matter(text: str) -> str:
    """The YAML between the `---` lines."""
    return text.split("\n---\n", 1)[0].removeprefix("---\n")


def synthetic_text(episodes: list[Episode], largest: Episode) -> str:
    """The largest episode with its transcript replaced by 20,000 entries taken, in order, from the corpus."""
    chunks = [slot.source + slot.gap for episode in episodes for slot in episode._slots if slot.source]
    entries = [chunks[i % len(chunks)] for i in range(SYNTHETIC_ENTRIES)]
    start, end = largest._layout.items_span
    return largest._layout.text[:start] + "".join(entries) + largest._layout.text[end:]


def edit_one(episode: Episode) -> None:
    """Change the text of one line in the middle."""
    index = next(i for i in range(len(episode.entries) // 2, len(episode.entries)) if not episode.entries[i].is_header)
    episode.set_text(index, episode.entries[index].text + " (corrected)")


def edit_tenth(episode: Episode) -> None:
    """Change every tenth entry, insert a line and remove one."""
    count = len(episode.entries)
    for index in range(0, count, 10):
        episode.set_text(index, episode.entries[index].text + " (corrected)")
    episode.insert_line(count // 2, "An inserted line.", "Someone", 60)
    episode.remove(count // 3)


def measure(name: str, text: str, folder: Path, repeat: int) -> dict:
    """Print and return the figures for one text."""
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    yaml = YAML(typ="safe", pure=False)
    region = front_matter(text)
    floor = best_of(lambda _: yaml.load(region), repeat)
    load = best_of(lambda _: Episode.loads(text, path), repeat)

    def fresh(edit=None):
        def make():
            episode = Episode.loads(text, path)
            if edit:
                edit(episode)
            return episode
        return make

    figures = {"ruamel C safe load (floor)": floor, "load": load}
    for label, edit in (("save untouched", None), ("save after 1 edit", edit_one),
                        ("save after 10% edits + insert + delete", edit_tenth)):
        figures[label] = best_of(lambda episode: episode.save(force=True), repeat, fresh(edit))
        figures[label.replace("save", "dumps")] = best_of(lambda episode: episode.dumps(), repeat, fresh(edit))
    entries = len(Episode.loads(text).entries)
    print(f"\n{name}: {len(text):,} characters, {entries:,} entries (median of {repeat})")
    for label, seconds in figures.items():
        print(f"  {label:<44} {seconds * 1000:9.2f} ms   {seconds / floor:6.2f}x floor")
    return figures


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Front matter whose aliases expand to width ** levels values."""
    keys = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    keys += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "---\n" + "\n".join(keys) + "\ntranscript:\n- line: x\n---\n"


def hostile(largest: Episode) -> None:
    """Bad input is refused at load in milliseconds; checking the largest file."""
    def refuse(text):
        try:
            Episode.loads(text)
        except ParseError:
            return
        raise AssertionError("not refused")
    print("\nhostile input and checks (median of 5):")
    print(f"  refuse a 9x9 alias bomb at load:         {best_of(lambda _: refuse(alias_bomb()), 5) * 1000:9.2f} ms")
    recursive = "---\na: &r [*r]\ntranscript: []\n---\n"
    print(f"  refuse a recursive alias at load:        {best_of(lambda _: refuse(recursive), 5) * 1000:9.2f} ms")
    print(f"  check() of the largest corpus file:      {best_of(lambda _: largest.check(), 5) * 1000:9.2f} ms")


def main() -> int:
    """Measure and print; 0 also when the corpus is absent."""
    files = corpus_files()
    episodes = []
    for path in files:
        try:
            episodes.append(Episode.load(path))
        except ParseError:
            continue
    if not episodes:
        print("bench_document: corpus not found (set TRANSCRIPT_EDITOR_CORPUS); skipped")
        return 0
    largest = max(episodes, key=lambda episode: len(episode.dumps()))
    with tempfile.TemporaryDirectory() as folder:
        big = measure(f"largest corpus file ({largest.path.name})", largest.dumps(), Path(folder), 30)
        synthetic = measure("synthetic 20,000 entries", synthetic_text(episodes, largest), Path(folder), 5)
    hostile(largest)
    floor = big["ruamel C safe load (floor)"]
    print("\ntargets:")
    print(f"  largest load <= 2x floor:          {big['load'] / floor:.2f}x")
    print(f"  largest save of one edit <= 5 ms:  {big['save after 1 edit'] * 1000:.2f} ms "
          f"(splice alone {big['dumps after 1 edit'] * 1000:.2f} ms)")
    print(f"  20,000 entries load <= 1.5 s:      {synthetic['load']:.3f} s")
    print(f"  20,000 entries 10% save <= 1 s:    {synthetic['save after 10% edits + insert + delete']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
