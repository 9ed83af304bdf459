"""Spell checking of transcripts against English, the show's vocabulary, the episode's names and the user's words.

    checker = SpellChecker(episode, user_dictionary=data_folder / "dictionary.txt")
    checker.unknown_words("We run it on Kuberntes")    # [(13, 22, "Kuberntes")]
    checker.suggestions("Kuberntes")                   # ["Kubernetes"], computed when asked
    spelling_problems(episode, checker)                # Problem(index, line, "spelling", message) per word
"""
from .checker import SpellChecker
from .problems import (correct, correct_everywhere, next_unknown, occurrences, replace_everywhere,
                       spelling_problems)

__all__ = ["SpellChecker", "spelling_problems", "next_unknown", "occurrences", "replace_everywhere", "correct",
           "correct_everywhere"]
