"""Split transcript text into the words a spell checker should look at, with their positions.

Skipped as not words: URLs, e-mail addresses, numbers and anything with a digit (2nd, the "4" of GPT-4),
code-ish tokens (snake_case, file.py, numpy.array), acronyms in capitals (SQL, LLMs, APIs) and single letters.
A token joined by hyphens or dots (ML-based, DataTalks.Club, a run-on "end.So") is looked up whole first and
then part by part; contractions and possessives (don't, Alexey's, the students') fold to their stem.
"""
import re
from dataclasses import dataclass

APOSTROPHES = "'\u2019\u02bc"
_APOS = f"[{APOSTROPHES}]"
# Word characters joined by inner apostrophes, hyphens and dots; URLs and addresses are matched first so
# they are consumed whole and skipped.
_TOKEN = re.compile(
    r"(?P<skip>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    rf"|(?P<word>\w+(?:(?:{_APOS}|[-\u2010\u2011.])\w+)*(?:(?<=s){_APOS})?)"
)
_JOINERS = re.compile(r"[-\u2010\u2011.]")
_ACRONYM = re.compile(r"[A-Z]{2,}(?:s|es)?")
_FILE_SUFFIX = re.compile(r"[a-z]{1,4}")
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


@dataclass(frozen=True)
class Word:
    """The word `text`, found at `text[start:end]` of the checked string."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """Lowercase form with straight apostrophes."""
        return normal_key(self.text)

    def parts(self) -> list["Word"]:
        """The checkable parts of a hyphenated or dotted word (itself for a simple word)."""
        if not _JOINERS.search(self.text):
            return [self] if checkable(self.text) else []
        found, offset = [], self.start
        for part in _JOINERS.split(self.text):
            if checkable(part):
                found.append(Word(offset, offset + len(part), part))
            offset += len(part) + 1
        return found


def checkable(part: str) -> bool:
    """True for a word to check: not a number, code, acronym or single letter."""
    if len(part) < 2 or "_" in part or any(ch.isdigit() for ch in part):
        return False
    head = re.split(_APOS, part, maxsplit=1)[0]
    return len(head) >= 2 and not _ACRONYM.fullmatch(head)


def _code_like(token: str) -> bool:
    """True for a file, module or host name (file.py, numpy.array, e.g.): lowercase first part, short tail."""
    if "." not in token:
        return False
    parts = token.split(".")
    if all(len(p) <= 1 for p in parts):
        return True                                   # e.g, i.e, U.S
    return parts[0][:1].islower() and bool(_FILE_SUFFIX.fullmatch(parts[-1]))


def words(text: str) -> list[Word]:
    """The words of `text` to spell-check, in order, with their character offsets."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "skip" or _code_like(match.group()):
            continue
        word = Word(match.start(), match.end(), match.group())
        if word.parts():
            found.append(word)
    return found
