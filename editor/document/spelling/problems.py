"""Spelling over a whole episode: problems for `check --spelling`, stepping between unknown words, and
corrections of one word or of a misspelling everywhere, each one undo step."""
from ..changes import Batch
from ..checks import Problem
from .checker import SpellChecker, shaped_like
from .tokens import normal_key, words

CODE = "spelling"


def spelling_problems(episode, checker=None) -> list[Problem]:
    """One `spelling` Problem per unknown word of the transcript, in order; messages name the row (1-based).
    Without a `checker`, one for the episode with the shipped list and no user dictionary is made."""
    if checker is None:
        checker = SpellChecker(episode)
    problems = []
    for index, entry in enumerate(episode.entries):
        unknown = checker.unknown_words(entry.text)
        if unknown:
            line = episode.entry_line(index)
            problems.extend(Problem(index, line, CODE, f"row {index + 1}: unknown word {word!r}")
                            for _start, _end, word in unknown)
    return problems


def next_unknown(episode, checker, row: int, position: int, backwards: bool = False):
    """(row, start, end, word) of the unknown word after (before) `position` in entry `row`, wrapping around
    the episode; None when the transcript has none. Rows are entry indexes."""
    texts = [entry.text for entry in episode.entries]
    if not texts:
        return None
    count = len(texts)
    row = min(max(row, 0), count - 1)
    order = [(row + step * (-1 if backwards else 1)) % count for step in range(count + 1)]
    for visit, current in enumerate(order):
        found = checker.unknown_words(texts[current])
        if visit == 0:
            found = [w for w in found if w[0] >= position] if not backwards else [w for w in found
                                                                                   if w[1] <= position]
        elif visit == count:
            found = [w for w in found if w[0] < position] if not backwards else [w for w in found
                                                                                  if w[1] > position]
        if found:
            start, end, word = found[-1] if backwards else found[0]
            return current, start, end, word
    return None


def occurrences(episode, word: str) -> list[tuple[int, int, int]]:
    """(row, start, end) of every occurrence of `word` (any case) as a word of the transcript."""
    key = normal_key(word)
    found = []
    for index, entry in enumerate(episode.entries):
        for token in words(entry.text):
            found.extend((index, part.start, part.end) for part in token.parts() if part.key == key)
    return found


def replace_everywhere(episode, word: str, correction: str) -> list[tuple[int, str]]:
    """(row, new text) for every entry where `word` occurs, each occurrence replaced by `correction` in the
    occurrence's own capitalisation; apply them as one undo step."""
    by_row: dict = {}
    for row, start, end in occurrences(episode, word):
        by_row.setdefault(row, []).append((start, end))
    changed = []
    for row, spans in by_row.items():
        text = episode.entries[row].text
        for start, end in reversed(spans):
            text = text[:start] + shaped_like(correction, text[start:end]) + text[end:]
        changed.append((row, text))
    return changed


def correct(episode, row: int, start: int, end: int, correction: str):
    """Replace `text[start:end]` of entry `row` with `correction`; returns the inverse change (one undo step)."""
    text = episode.entries[row].text
    return episode.set_text(row, text[:start] + correction + text[end:])


def correct_everywhere(episode, word: str, correction: str):
    """Replace `word` by `correction` in every entry (see replace_everywhere); returns the inverse change, one
    Batch for all rows, or None when the word occurs nowhere."""
    inverses = [episode.set_text(row, text) for row, text in replace_everywhere(episode, word, correction)]
    return Batch(tuple(reversed(inverses))) if inverses else None
