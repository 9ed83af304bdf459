"""Where known words come from: the general English dictionary, word lists, and the names an episode shows."""
import re
from functools import lru_cache
from pathlib import Path

from .tokens import normal_key, stem_key, tokens, word_of, words

DOMAIN_WORDS = Path(__file__).resolve().parents[3] / "resources" / "spelling" / "domain-words.txt"
_SENTENCE_OPENERS = ".!?:;\"\u201c\u2018\u2014([-"
NAME_REPEATS = 2                   # a capitalised mid-sentence word seen this often in an episode is a name
_NAME_KEYS = ("title", "short", "topics", "guests")


@lru_cache(maxsize=1)
def general_words() -> dict:
    """Lowercase word -> frequency of pyspellchecker's English dictionary (loaded once, about half a second)."""
    from spellchecker import SpellChecker as Dictionary
    return dict(Dictionary(language="en", distance=1).word_frequency.dictionary)


# British spellings the general dictionary (American) lacks, as rewrites to the American form.
_BRITISH = tuple((re.compile(pattern), american) for pattern, american in (
    (r"our(?=s?$|ed$|ing$|ite|ab|er)", "or"),             # colour(s), behaviour, favourite, honourable
    (r"is(?=e$|es$|ed$|ing$|ation|er$|ers$)", "iz"),       # organise, realised, optimisation
    (r"ys(?=e$|es$|ed$|ing$)", "yz"),                      # analyse, analysing
    (r"tre(?=s?$)", "ter"),                                # centre, metres
    (r"ence$", "ense"),                                    # defence, offence
    (r"mme(?=s?$)", "m"),                                  # programme
    (r"ogue(?=s?$)", "og"),                                # dialogue
))


def american_spellings(key: str) -> set:
    """American spellings of a British-spelt lowercase key (neighbours -> neighbors), each rule and all."""
    found, combined = set(), key
    for pattern, american in _BRITISH:
        changed = pattern.sub(american, key)
        if changed != key:
            found.add(changed)
        combined = pattern.sub(american, combined)
    if combined != key:
        found.add(combined)
    return found


def read_word_list(path) -> dict:
    """Lowercase key -> written form of a word list file: one word a line, `#` starts a comment."""
    found = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return found
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            found.setdefault(normal_key(word), word)
    return found


@lru_cache(maxsize=4)
def domain_words(path=DOMAIN_WORDS) -> dict:
    """The shipped list of the show's names and terms (see editor.document.spelling.build_wordlist)."""
    return read_word_list(path)


def _texts_of(value):
    """The strings inside a front-matter value (a string, or a list of them)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts_of(item)


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens the text, a sentence, a quote or a parenthesis."""
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


def mid_sentence_capitals(texts) -> dict:
    """Lowercase stem -> (times seen, first written form) of the words capitalised away from a sentence start."""
    found: dict = {}
    for text in texts:
        for start, token in tokens(text):
            word = None if token.islower() else word_of(start, token)
            for part in word.parts() if word else ():
                if part.text[:1].isupper() and not _starts_sentence(text, part.start):
                    key = stem_key(part.key)
                    count, form = found.get(key, (0, part.text[:len(key)]))
                    found[key] = (count + 1, form)
    return found


def episode_vocabulary(episode) -> dict:
    """Words an episode shows to be names: speakers, guests, title and topics, recurring mid-sentence capitals."""
    found = {}
    texts = list(_texts_of(episode.speakers()))
    for key in _NAME_KEYS:
        texts.extend(_texts_of(episode.get_meta(key)))
    for text in texts:
        for word in words(text):
            found.setdefault(word.key, word.text)
            for part in word.parts():
                found.setdefault(part.key, part.text)
    for key, (count, form) in mid_sentence_capitals(entry.text for entry in episode.entries).items():
        if count >= NAME_REPEATS:
            found.setdefault(key, form)
    return found
