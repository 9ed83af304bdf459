"""The spell checker of one open episode: which words are unknown, what to suggest, what the user teaches it."""
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .tokens import normal_key, stem_key, tokens, word_of
from .vocabulary import american_spellings, domain_words, episode_vocabulary, general_words, read_word_list

_LETTERS = "abcdefghijklmnopqrstuvwxyz'-"
SUGGESTIONS = 8


def one_edit_away(word: str) -> set:
    """Strings one deletion, swap, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | swaps | replaces | inserts


def distance(a: str, b: str, limit: int = 2) -> int | None:
    """Edits (insert, delete, replace, swap of neighbours) from `a` to `b`; None when more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return None
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return None
        before, row = row, current
    return row[-1] if row[-1] <= limit else None


@lru_cache(maxsize=1)
def _general_by_start() -> dict:
    """The general dictionary's words grouped by (first letter, length), for two-edit suggestions."""
    groups: dict = {}
    for word in general_words():
        groups.setdefault((word[:1], len(word)), []).append(word)
    return groups


def shaped_like(suggestion: str, word: str) -> str:
    """`suggestion` in the capitalisation of `word` (a capitalised word gets capitalised suggestions)."""
    if suggestion != suggestion.lower():
        return suggestion                                 # a list's own form: MLOps, Kubernetes
    if word.isupper() and len(word) > 1:
        return suggestion.upper()
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class SpellChecker:
    """Known words: the general English dictionary, the shipped domain list, the episode's names, the user's
    dictionary file and the words ignored in this episode; everything else in a text is reported unknown."""

    def __init__(self, episode=None, user_dictionary=None, domain=None):
        """`user_dictionary`: the user's word file (read now, appended to); `domain`: a word list file or a
        key -> written form mapping in place of the shipped list."""
        self._general = general_words()
        if domain is None:
            domain = domain_words()
        self._domain = domain if isinstance(domain, Mapping) else read_word_list(domain)
        self.user_dictionary = Path(user_dictionary) if user_dictionary is not None else None
        self._user = read_word_list(self.user_dictionary) if self.user_dictionary else {}
        self._episode: dict = {}
        self._ignored: set = set()
        if episode is not None:
            self.use_episode(episode)

    def use_episode(self, episode) -> None:
        """Take the names an episode shows (speakers, guests, title, recurring capitals) from its current text."""
        self._episode = episode_vocabulary(episode)

    def _known_key(self, key: str) -> bool:
        """True when a lowercase key, or its stem without a contraction or possessive, is a known word; the
        plural of a listed word (hackathons, leaderboards) and the British spelling of a dictionary word
        (neighbours, organisation) are known too."""
        stem = stem_key(key)
        for candidate in (key, stem):
            if (candidate in self._general or candidate in self._domain or candidate in self._episode
                    or candidate in self._user or candidate in self._ignored):
                return True
        if stem.endswith("s") and not stem.endswith("ss") and len(stem) > 3:
            single = stem[:-1]
            if single in self._domain or single in self._episode or single in self._user or single in self._ignored:
                return True
        return any(american in self._general for american in american_spellings(stem))

    def is_known(self, word: str) -> bool:
        """True when `word` (one word, any case) is known."""
        return self._known_key(normal_key(word))

    def unknown_words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every unknown word in `text`, in order."""
        found = []
        general = self._general
        for start, token in tokens(text):
            if token.lower() in general:
                continue                                   # most words: known without looking closer
            word = word_of(start, token)
            if word is None or self._known_key(word.key):
                continue
            for part in word.parts():
                if not self._known_key(part.key):
                    found.append((part.start, part.end, part.text))
        return found

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Known words close to `word`, likeliest first: one edit away, else two; computed only when asked."""
        key = normal_key(word)
        stem = stem_key(key)
        suffix = key[len(stem):]
        found = self._known_candidates(one_edit_away(stem)) or self._two_edits_away(stem)
        ranked = sorted(found, key=lambda c: (-(c in self._episode or c in self._domain or c in self._user),
                                              -self._general.get(c, 0), c))
        shaped = [shaped_like(self._written(c) + suffix, word) for c in ranked if c != stem]
        return list(dict.fromkeys(shaped))[:limit]

    def _two_edits_away(self, key: str) -> set:
        """Known words two edits from `key` that start with its letter (comparing with all would be slow)."""
        groups = _general_by_start()
        pool = [w for size in range(len(key) - 2, len(key) + 3) for w in groups.get((key[:1], size), ())]
        pool.extend(k for source in (self._domain, self._episode, self._user) for k in source if k[:1] == key[:1])
        letters = set(key)
        return {word for word in pool
                if len(letters.symmetric_difference(word)) <= 4 and distance(key, word) is not None}

    def _known_candidates(self, keys: set) -> set:
        """The keys of `keys` that are known words."""
        return {k for k in keys if k in self._general or k in self._domain or k in self._episode or k in self._user}

    def _written(self, key: str) -> str:
        """How a known key is written: as a dictionary word in lowercase, else as its list gives it (MLOps)."""
        if key in self._general:
            return key
        return self._user.get(key) or self._domain.get(key) or self._episode.get(key) or key

    def add_to_dictionary(self, word: str) -> None:
        """Know `word` from now on, in every episode: append it to the user's dictionary file."""
        key = normal_key(word)
        if key in self._user:
            return
        self._user[key] = word
        if self.user_dictionary is None:
            return
        self.user_dictionary.parent.mkdir(parents=True, exist_ok=True)
        existing = self.user_dictionary.read_text(encoding="utf-8") if self.user_dictionary.exists() else ""
        separator = "" if not existing or existing.endswith("\n") else "\n"
        with self.user_dictionary.open("a", encoding="utf-8") as handle:
            handle.write(f"{separator}{word}\n")

    def ignore(self, word: str) -> None:
        """Know `word` for this episode only (not saved)."""
        self._ignored.add(normal_key(word))
