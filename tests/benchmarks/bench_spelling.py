"""Benchmark and honest figures of the spell checker on the corpus.

Run: .venv/bin/python tests/benchmarks/bench_spelling.py   (skips when the corpus is absent)
Prints: the dictionary load; building the checker of the largest episode (its names) and checking every line
of it, also per 1,000 words; suggestions for a few misspellings (one and two edits away); the unknown-word
rate over the corpus with the shipped list, and leave-one-out: each episode checked with a list built by the
same rules (same review files) from the other episodes only, as a new episode would meet it.
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor.document.spelling import SpellChecker, spelling_problems  # noqa: E402
from editor.document.spelling.build_wordlist import (CorpusWords, count_words, domain_list,  # noqa: E402
                                                     load_episodes, unknown_rate)
from editor.document.spelling.tokens import words  # noqa: E402
from editor.document.spelling.vocabulary import DOMAIN_WORDS, general_words, read_word_list  # noqa: E402
from tests.conftest import corpus_dir  # noqa: E402

MISSPELLINGS = ("recieve", "experiance", "Kuberntes", "monitorng", "prodictionizing", "aproximatly", "technolgoy")


def median_seconds(function, repeat: int = 5) -> float:
    """Median seconds of `function()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def without(parts: dict, left_out: str) -> CorpusWords:
    """The counts of every episode but `left_out`, merged."""
    merged = CorpusWords()
    for name, found in parts.items():
        if name == left_out:
            continue
        merged.counts.update(found.counts)
        for key, names in found.episodes.items():
            merged.episodes[key] |= names
        for key, forms in found.forms.items():
            merged.forms[key].update(forms)
    return merged


def main() -> int:
    folder = corpus_dir()
    if folder is None:
        print("corpus not found: skipped")
        return 0
    start = time.perf_counter()
    general_words()
    print(f"general dictionary load: {time.perf_counter() - start:.3f} s ({len(general_words())} words)")
    episodes = load_episodes(folder)
    name, largest = max(episodes, key=lambda pair: sum(len(e.text) for e in pair[1].entries))
    count = sum(len(words(e.text)) for e in largest.entries)
    texts = [e.text for e in largest.entries]
    build = median_seconds(lambda: SpellChecker(largest))
    checker = SpellChecker(largest)
    check = median_seconds(lambda: [checker.unknown_words(text) for text in texts])
    problems = median_seconds(lambda: spelling_problems(largest, checker))
    print(f"largest episode {name}: {len(texts)} entries, {count} words")
    print(f"  checker for the episode (its names): {build * 1000:.1f} ms")
    print(f"  unknown_words on every entry: {check * 1000:.1f} ms ({check * 1e6 / count * 1000:.0f} us per 1,000 "
          f"words, {check * 1e6 / len(texts):.0f} us per entry)")
    print(f"  spelling_problems (check --spelling): {problems * 1000:.1f} ms, "
          f"{len(spelling_problems(largest, checker))} problems")
    for word in MISSPELLINGS:
        seconds = median_seconds(lambda: checker.suggestions(word), repeat=3)
        print(f"  suggestions({word!r}): {seconds * 1000:.1f} ms -> {checker.suggestions(word)[:3]}")

    unknown, total = unknown_rate(episodes, read_word_list(DOMAIN_WORDS))
    print(f"corpus, shipped list: {unknown} unknown of {total} words = {1000 * unknown / total:.2f} per 1,000")
    parts = {episode_name: count_words([(episode_name, episode)]) for episode_name, episode in episodes}
    unknown = total = 0
    worst = []
    for episode_name, episode in episodes:
        listed, _unreviewed = domain_list(without(parts, episode_name))
        one_unknown, one_total = unknown_rate([(episode_name, episode)], listed)
        unknown, total = unknown + one_unknown, total + one_total
        worst.append((1000 * one_unknown / one_total, episode_name))
    print(f"corpus, leave-one-out list: {unknown} unknown of {total} words = {1000 * unknown / total:.2f} per 1,000")
    rates = sorted(worst)
    print(f"  per episode: median {rates[len(rates) // 2][0]:.2f}, worst {rates[-1][0]:.2f} ({rates[-1][1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
