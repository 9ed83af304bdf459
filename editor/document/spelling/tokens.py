"""Split transcript text into the words a spell checker should look at, with their positions.

Skipped as not words: URLs, e-mail addresses, numbers and anything with a digit (2nd, the "4" of GPT-4),
code-ish tokens (snake_case, file.py, numpy.array), acronyms in capitals (SQL, LLMs, APIs) and single letters.
A token joined by hyphens or dots (ML-based, DataTalks.Club, a run-on "end.So") is looked up whole first and
then part by part; contractions and possessives (don't, Alexey's, the students') fold to their stem.
"""
import re
from typing import NamedTuple

APOSTROPHES = "'\u2019\u02bc"
_APOS = f"[{APOSTROPHES}]"
_WORD = rf"\w+(?:(?:{_APOS}|[-\u2010\u2011.])\w+)*(?:(?<=s){_APOS})?"
# Word characters joined by inner apostrophes, hyphens and dots; in a text that may hold URLs or addresses
# they are matched first, so they are consumed whole and skipped.
_TOKEN = re.compile(_WORD)
_TOKEN_OR_ADDRESS = re.compile(r"(?P<skip>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
                               rf"|(?P<word>{_WORD})")
_MAY_HOLD_ADDRESS = re.compile(r"://|www\.|@")
_JOINERS = re.compile(r"[-\u2010\u2011.]")
_CONTRACTION = re.compile(r"(?:'s|'ll|'ve|'re|'d|'m|n't)$")
_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def normal_key(word: str) -> str:
    """`word` lowercased with typographic apostrophes made straight: the form looked up in word lists."""
    return word.translate(_STRAIGHTEN).lower()


def stem_key(key: str) -> str:
    """The stem of a contracted or possessive key ("alexey's" -> "alexey", "students'" -> "students")."""
    if key.endswith("s'"):
        return key[:-1]
    return _CONTRACTION.sub("", key)


# A word to check: two or more letters (apostrophes inside), not an acronym in capitals (SQL, LLMs, SQL's).
_CHECKABLE = re.compile(rf"(?![A-Z]{{2,}}(?:e?s)?(?:{_APOS}|$))[^\W\d_]{{2,}}(?:{_APOS}[^\W\d_]*)*")


class Word(NamedTuple):
    """The word `text`, found at `text[start:end]` of the checked string; `pieces` are the checkable words
    between its hyphens and dots when it has any."""

    start: int
    end: int
    text: str
    pieces: tuple = ()

    @property
    def key(self) -> str:
        """Lowercase form with straight apostrophes."""
        return normal_key(self.text)

    def parts(self) -> tuple:
        """The words to check one by one when the whole is unknown: its pieces, or itself."""
        return self.pieces or (self,)


def checkable(part: str) -> bool:
    """True for a word to check: not a number, code, acronym or single letter."""
    return _CHECKABLE.fullmatch(part) is not None


def _parts(start: int, text: str) -> tuple:
    """The checkable pieces of the token `text` found at `start`."""
    if not _JOINERS.search(text):
        return (Word(start, start + len(text), text),) if checkable(text) else ()
    found, offset = [], start
    for part in _JOINERS.split(text):
        if checkable(part):
            found.append(Word(offset, offset + len(part), part))
        offset += len(part) + 1
    return tuple(found)


def _code_like(token: str) -> bool:
    """True for a file, module or host name (file.py, numpy.array) or dotted initials (e.g, U.S): all parts
    lowercase or single letters. A capital after a dot (DataTalks.Club, a run-on "end.So") is checked."""
    if "." not in token:
        return False
    parts = token.split(".")
    return all(len(p) <= 1 for p in parts) or all(p[:1].islower() for p in parts)


def tokens(text: str):
    """(start, token) for each run of word characters of `text` that is not part of a URL or address."""
    if not _MAY_HOLD_ADDRESS.search(text):
        for match in _TOKEN.finditer(text):
            yield match.start(), match.group()
        return
    for match in _TOKEN_OR_ADDRESS.finditer(text):
        if match.lastgroup == "word":
            yield match.start(), match.group()


def word_of(start: int, token: str) -> Word | None:
    """The Word a token found at `start` makes, or None when it holds nothing to check."""
    if _CHECKABLE.fullmatch(token):
        return Word(start, start + len(token), token)
    if _code_like(token):
        return None
    parts = _parts(start, token)
    if not parts:
        return None
    if len(parts) == 1 and parts[0].text == token:
        return parts[0]
    return Word(start, start + len(token), token, parts)


def words(text: str) -> list[Word]:
    """The words of `text` to spell-check, in order, with their character offsets."""
    found = []
    for start, token in tokens(text):
        word = word_of(start, token)
        if word is not None:
            found.append(word)
    return found
