"""Spell checking measured on the real episodes: few false alarms, most typos found, and the shipped word
list is what its build script makes of the corpus."""
import random

import pytest

from editor.document import Episode
from editor.document.spelling import SpellChecker
from editor.document.spelling.build_wordlist import (ACCEPTED, REJECTED, count_words, domain_list,
                                                     load_episodes, main, unknown_rate)
from editor.document.spelling.tokens import words
from editor.document.spelling.vocabulary import DOMAIN_WORDS, general_words, read_word_list
from tests.conftest import corpus_dir

MAX_UNKNOWN_PER_1000 = 3
MIN_TYPOS_FOUND = 0.90
TYPO_EPISODE = "solopreneur-developer-and-data-professional"
TYPO_MIN_LETTERS = 5


@pytest.fixture(scope="module")
def corpus_folder():
    folder = corpus_dir()
    if folder is None:
        pytest.skip("episode corpus not found (set TRANSCRIPT_EDITOR_CORPUS or put it at ../shared/corpus)")
    return folder


@pytest.fixture(scope="module")
def episodes(corpus_folder):
    return load_episodes(corpus_folder)


def test_corpus_has_at_most_3_unknown_words_per_1000_with_the_shipped_lists(episodes):
    unknown, total = unknown_rate(episodes, read_word_list(DOMAIN_WORDS))
    rate = 1000 * unknown / total
    print(f"unknown words on the corpus: {unknown} of {total} = {rate:.2f} per 1,000")
    assert total > 300_000
    assert rate <= MAX_UNKNOWN_PER_1000


def test_shipped_list_is_what_the_build_script_makes_of_the_corpus(episodes):
    listed, unreviewed = domain_list(count_words(episodes))
    assert unreviewed == {}, "words to review: add them to accepted-words.txt or rejected-words.txt"
    assert listed == read_word_list(DOMAIN_WORDS)
    assert not set(read_word_list(REJECTED)) & set(listed)
    assert set(read_word_list(ACCEPTED)) <= set(listed)


def _typo(word: str, rng: random.Random) -> str:
    """`word` with two adjacent letters swapped, a letter dropped or a letter doubled."""
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        at = rng.randrange(len(word) - 1)
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    at = rng.randrange(len(word))
    return word[:at] + (word[at] * 2 if kind == "double" else "") + word[at + 1:]


def test_at_least_90_percent_of_typos_injected_into_a_real_episode_are_found(corpus_folder):
    episode = Episode.load(corpus_folder / f"{TYPO_EPISODE}.md")
    rng = random.Random(12)
    general = general_words()
    injected, real_words = {}, 0
    for index, entry in enumerate(episode.entries):
        candidates = [part for word in words(entry.text) for part in word.parts()
                      if part.text.isalpha() and len(part.text) >= TYPO_MIN_LETTERS]
        if not candidates:
            continue
        target = rng.choice(candidates)
        typo = _typo(target.text, rng)
        if typo.lower() in general:
            real_words += 1                           # a real word: no spell checker can flag it
            continue
        episode.set_text(index, entry.text[:target.start] + typo + entry.text[target.end:])
        injected[index] = (target.start, target.start + len(typo), typo)
    checker = SpellChecker(episode)
    found = sum(injected[index] in checker.unknown_words(episode.entries[index].text) for index in injected)
    print(f"typos found: {found} of {len(injected)} = {found / len(injected):.1%} "
          f"({real_words} more made real words and were not injected)")
    assert len(injected) > 150
    assert found / len(injected) >= MIN_TYPOS_FOUND


def _write_episodes(folder, texts: dict) -> None:
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.md").write_text(f"---\ntranscript:\n- line: {text}\n  who: Ann\n---\n",
                                           encoding="utf-8")


SYNTHETIC = {
    "one": "We deploy with Kubeflowz and grafanic dashboards. The intro was long, then zibberish. " + "Into it. " * 10,
    "two": "Kubeflowz again, and grafanic too. My intro is short. " + "Into it. " * 10,
    "three": "Only here an outro.",
}


def test_word_list_takes_words_of_two_episodes_and_holds_back_likely_mishearings(tmp_path):
    _write_episodes(tmp_path / "episodes", SYNTHETIC)
    found = count_words(load_episodes(tmp_path / "episodes"))
    listed, unreviewed = domain_list(found, accepted={}, rejected={})
    assert listed == {"kubeflowz": "Kubeflowz", "grafanic": "grafanic"}
    assert unreviewed == {"intro": "into"}
    listed, unreviewed = domain_list(found, accepted={"intro": "intro"}, rejected={"grafanic": "grafanic"})
    assert listed == {"kubeflowz": "Kubeflowz", "intro": "intro"} and unreviewed == {}
    assert domain_list(found, min_episodes=3, accepted={}, rejected={}) == ({}, {})


def test_build_script_writes_the_list_and_reports_its_figure(tmp_path, capsys):
    _write_episodes(tmp_path / "episodes", SYNTHETIC)
    output = tmp_path / "words.txt"
    assert main([str(tmp_path / "episodes"), "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# ") and "build_wordlist" in text
    assert {"kubeflowz", "grafanic"} <= set(read_word_list(output))
    assert "per 1,000" in capsys.readouterr().out
    assert main([str(tmp_path / "nothing-here")]) == 2
