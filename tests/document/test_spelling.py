"""Spell checking: which words a text has, which are unknown, what is suggested, and the episode-wide helpers."""
import pytest

from editor.document import Episode
from editor.document.checks import Problem
from editor.document.spelling import (SpellChecker, correct, correct_everywhere, next_unknown, occurrences,
                                      replace_everywhere, spelling_problems)
from editor.document.spelling.checker import distance
from editor.document.spelling.tokens import words

EPISODE = """\
---
title: 'Shipping models with Kubeflow and Weaviate'
guests:
- marthaquist
transcript:
- header: Introductions
- line: Welcome Martha Quist. Today we talk about Kubeflow and data pipelines.
  sec: 0
  time: '0:00'
  who: Alexey
- line: Thanks! At Zorblax we use Kubeflow, and Zorblax pays for the clusters.
  sec: 5
  time: '0:05'
  who: Martha Quist
- line: Grumbleton said the recieve step fails. Recieve it again?
  sec: 9
  time: '0:09'
  who: Alexey
- line: Zorblax is where I learned this, and Zorblax's team too.
  sec: 12
  time: '0:12'
  who: Martha Quist
---
"""


def spans(text: str) -> list[str]:
    return [text[w.start:w.end] for w in words(text)]


@pytest.fixture
def episode() -> Episode:
    return Episode.loads(EPISODE)


@pytest.fixture
def checker(episode, tmp_path) -> SpellChecker:
    return SpellChecker(episode, user_dictionary=tmp_path / "data" / "dictionary.txt", domain={})


def test_words_skip_urls_addresses_numbers_code_acronyms_and_single_letters():
    text = ("See https://example.com/a?b=1 or mail me@example.org: snake_case, train.py, numpy.array, "
            "GPT-4, 2nd, 1990s, LLMs, SQL's, e.g. and i.e. a x")
    assert spans(text) == ["See", "or", "mail", "and"]


def test_words_keep_contractions_possessives_hyphens_and_dotted_names_with_offsets():
    text = "Don\u2019t miss Alexey's DataTalks.Club talk, the students' ML-based end.So it's fine"
    assert spans(text) == ["Don\u2019t", "miss", "Alexey's", "DataTalks.Club", "talk", "the", "students'",
                           "ML-based", "end.So", "it's", "fine"]
    by_text = {w.text: [p.text for p in w.parts()] for w in words(text)}
    assert by_text["DataTalks.Club"] == ["DataTalks", "Club"]
    assert by_text["ML-based"] == ["based"]
    assert by_text["end.So"] == ["end", "So"]
    assert words(text)[0].key == "don't"


def test_unknown_words_gives_spans_of_misspellings_only(checker):
    text = "We don't recieve the Alexey's payload, it\u2019s teh end.So the modle works"
    found = checker.unknown_words(text)
    assert [word for _s, _e, word in found] == ["recieve", "teh", "modle"]
    assert all(text[start:end] == word for start, end, word in found)


def test_british_spellings_of_dictionary_words_are_known(checker):
    text = "Our neighbours' favourite colour: organisation, analysing the centre programme"
    assert checker.unknown_words(text) == []
    assert [w for _s, _e, w in checker.unknown_words("the coluor of the centere")] == ["coluor", "centere"]


def test_episode_names_are_known_but_a_capital_seen_once_or_only_at_sentence_start_is_not(checker):
    # speaker, guest slug, title words, and Zorblax (capitalised mid-sentence in two lines)
    assert checker.unknown_words("Martha Quist and marthaquist use Kubeflow, Weaviate and Zorblax") == []
    # Grumbleton starts its only sentence: no evidence that it is a name
    assert [w for _s, _e, w in checker.unknown_words("Grumbleton again")] == ["Grumbleton"]


def test_a_name_seen_in_possessives_is_known_alone(episode):
    episode.set_text(2, "Thanks! At Zorblax's office we work.")
    checker = SpellChecker(episode, domain={})
    assert checker.is_known("Zorblax") and checker.suggestions("Zorblx")[0] == "Zorblax"


def test_use_episode_follows_edits(episode, checker):
    assert checker.is_known("Zorblax")
    episode.set_text(2, "Thanks! We use Kubeflow.")
    episode.set_text(4, "Where I learned this.")
    checker.use_episode(episode)
    assert not checker.is_known("Zorblax")


def test_domain_list_file_is_read_with_comments(episode, tmp_path):
    listed = tmp_path / "words.txt"
    listed.write_text("# terms\nMLOps\ndbt   # a tool\n\n", encoding="utf-8")
    checker = SpellChecker(episode, domain=listed)
    assert checker.unknown_words("MLOps with dbt and mlops, and dbts") == []
    assert [w for _s, _e, w in checker.unknown_words("MLOpss")] == ["MLOpss"]   # a doubled s is a typo
    assert SpellChecker(episode, domain={}).unknown_words("dbt") == [(0, 3, "dbt")]


def test_shipped_list_knows_the_show_terms(episode):
    checker = SpellChecker(episode)
    assert checker.unknown_words("MLOps on Kubernetes with dbt at DataTalks.Club") == []


def test_add_to_dictionary_persists_in_the_user_file(episode, checker, tmp_path):
    path = tmp_path / "data" / "dictionary.txt"
    checker.add_to_dictionary("Grumbleton")
    checker.add_to_dictionary("frobnicate")
    checker.add_to_dictionary("FROBNICATE")
    assert checker.unknown_words("Grumbleton will frobnicate") == []
    assert path.read_text(encoding="utf-8") == "Grumbleton\nfrobnicate\n"
    fresh = SpellChecker(episode, user_dictionary=path, domain={})
    assert fresh.is_known("grumbleton") and fresh.is_known("Frobnicate")


def test_add_to_dictionary_appends_to_a_file_without_final_newline(episode, tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_text("alpha", encoding="utf-8")
    SpellChecker(episode, user_dictionary=path, domain={}).add_to_dictionary("beta")
    assert path.read_text(encoding="utf-8") == "alpha\nbeta\n"


def test_ignore_holds_for_this_checker_only(episode, checker, tmp_path):
    checker.ignore("Grumbleton")
    assert checker.is_known("grumbleton")
    assert not (tmp_path / "data" / "dictionary.txt").exists()
    assert not SpellChecker(episode, domain={}).is_known("Grumbleton")


def test_suggestions_rank_likely_words_and_keep_the_capitals(checker):
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("Recieve")[0] == "Receive"
    assert checker.suggestions("modle")[0] == "model"
    assert checker.suggestions("Kubeflwo")[0] == "Kubeflow"       # the episode's own word
    assert checker.suggestions("recieve's")[0] == "receive's"
    assert checker.suggestions("experiance")[0] == "experience"
    assert "recieve" not in checker.suggestions("recieve")


def test_suggestions_use_the_written_form_of_the_domain_list(episode):
    checker = SpellChecker(episode, domain={"mlops": "MLOps", "kubernetes": "Kubernetes"})
    assert checker.suggestions("mlosp")[0] == "MLOps"
    assert checker.suggestions("kubrenets")[0] == "Kubernetes"     # two edits away


def test_spelling_problems_name_row_and_word(episode, checker):
    problems = spelling_problems(episode, checker)
    assert [(p.index, p.code) for p in problems] == [(3, "spelling"), (3, "spelling"), (3, "spelling")]
    assert all(isinstance(p, Problem) for p in problems)
    assert [p.message for p in problems] == ["row 4: unknown word 'Grumbleton'", "row 4: unknown word 'recieve'",
                                             "row 4: unknown word 'Recieve'"]
    assert problems[0].line == EPISODE.split("\n").index("- line: Grumbleton said the recieve step fails. "
                                                         "Recieve it again?") + 1


def test_spelling_problems_without_a_checker_use_the_shipped_lists(episode):
    assert [p.message for p in spelling_problems(episode)] == [p.message for p in spelling_problems(
        episode, SpellChecker(episode))]


def test_next_unknown_steps_forward_and_back_and_wraps(episode, checker):
    text = episode.entries[3].text
    first = next_unknown(episode, checker, 0, 0)
    assert first == (3, 0, 10, "Grumbleton")
    second = next_unknown(episode, checker, 3, first[2])
    assert second[3] == "recieve" and text[second[1]:second[2]] == "recieve"
    third = next_unknown(episode, checker, 3, second[2])
    assert third[3] == "Recieve"
    assert next_unknown(episode, checker, 3, third[2]) == first                 # wraps to the start
    assert next_unknown(episode, checker, 3, third[1], backwards=True) == second
    assert next_unknown(episode, checker, 1, 0, backwards=True) == third       # wraps to the end
    checker.ignore("Grumbleton")
    checker.ignore("recieve")
    assert next_unknown(episode, checker, 0, 0) is None


def test_replace_everywhere_keeps_each_occurrence_capitals(episode):
    text = episode.entries[3].text
    first, second = text.index("recieve"), text.index("Recieve")
    assert occurrences(episode, "RECIEVE") == [(3, first, first + 7), (3, second, second + 7)]
    assert replace_everywhere(episode, "recieve", "receive") == [
        (3, "Grumbleton said the receive step fails. Receive it again?")]
    assert replace_everywhere(episode, "nothing", "else") == []


def test_distance_counts_edits_up_to_the_limit():
    assert distance("receive", "receive") == 0
    assert distance("recieve", "receive") == 1                     # neighbours swapped
    assert distance("aproximatly", "approximately") == 2
    assert distance("kubrenets", "kubernetes") == 2
    assert distance("banana", "bandana") == 1
    assert distance("abc", "xyz") is None
    assert distance("short", "shortest") is None


def test_correct_one_word_and_undo(episode):
    before = episode.entries[3].text
    start = before.index("recieve")
    inverse = correct(episode, 3, start, start + 7, "receive")
    assert episode.entries[3].text == before.replace("recieve", "receive", 1)
    episode.apply(inverse)
    assert episode.entries[3].text == before


def test_correct_everywhere_is_one_change_to_undo(episode):
    episode.set_text(1, "We recieve guests.")
    texts = [entry.text for entry in episode.entries]
    inverse = correct_everywhere(episode, "recieve", "receive")
    assert [entry.text for entry in episode.entries][1:4] == [
        "We receive guests.", texts[2], "Grumbleton said the receive step fails. Receive it again?"]
    episode.apply(inverse)
    assert [entry.text for entry in episode.entries] == texts
    assert correct_everywhere(episode, "nowhere", "else") is None
