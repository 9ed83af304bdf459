"""Find as you type, narrowed: each longer text searched only among the rows a shorter one's scan left (finished or
not, with edits between and during keystrokes) finds exactly what a fresh search of every row finds."""
import dataclasses
import random
import re

import pytest

from document_helpers import parseable_corpus
from editor.document import Episode
from editor.document.search import (ALL_SCOPE, SCOPES, TEXT_SCOPE, MatchScan, SearchError, SearchOptions,
                                    find_matches, narrower)

SEQUENCES = 40          # typing sequences per episode


@pytest.fixture(scope="module")
def episodes():
    files = parseable_corpus()
    if not files:
        pytest.skip("episode corpus not found")
    return [files[0], files[len(files) // 2], files[-1]]


def words_of(episode: Episode) -> list[str]:
    """Words and two-word phrases of the episode's text and speakers, to type."""
    words = []
    for entry in episode.entries:
        tokens = re.findall(r"\w[\w'’-]*", entry.text)
        words += tokens
        words += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])][:2]
        if entry.who:
            words.append(entry.who)
    return [word for word in words if len(word) >= 2]


def fresh(episode: Episode, options: SearchOptions) -> list:
    return find_matches(episode.entries, options)


def assert_equal_to_fresh(scan: MatchScan, episode: Episode, options: SearchOptions, start) -> None:
    expected = fresh(episode, options)
    assert scan.total == len(expected), options
    assert sorted(scan.counts) == sorted({m.row for m in expected}), options
    sample = sorted({0, len(expected) - 1, *range(0, len(expected), max(1, len(expected) // 12))}) \
        if expected else []                       # numbering each match of a one-letter text would be slow
    assert [scan.ordinal(expected[i]) for i in sample] == [i + 1 for i in sample], options
    later = [m for m in expected if m.key >= start]
    assert scan.found == (later[0] if later else expected[0] if expected else None), options
    if not options.regex:                         # the rows a longer text may be in: every row holding this one
        literal = SearchOptions(options.text, match_case=options.match_case, scope=options.scope)
        assert scan.literal_rows == sorted({m.row for m in fresh(episode, literal)}), options


def edit(episode: Episode, generator: random.Random, word: str) -> int:
    """Change one row as a user might: put (part of) the typed word into a row, take it out, or change a speaker."""
    row = generator.randrange(len(episode.entries))
    entry = episode.entries[row]
    choice = generator.random()
    if choice < 0.4:
        cut = generator.randrange(len(entry.text) + 1)
        piece = word[:generator.randrange(1, len(word) + 1)]
        episode.set_text(row, entry.text[:cut] + (piece.upper() if generator.random() < 0.3 else piece)
                         + entry.text[cut:])
    elif choice < 0.7:
        episode.set_text(row, re.sub(re.escape(word[:3]), "", entry.text, flags=re.IGNORECASE))
    elif not entry.is_header:
        episode.set_speaker(row, word if generator.random() < 0.5 else None)
    else:
        episode.set_text(row, word)
    return row


def type_sequence(episode: Episode, generator: random.Random, word: str) -> int:
    """Type `word` a character at a time as the find bar does, with options changing, a backspace now and then,
    keystrokes arriving before a count finished, and edits between and during keystrokes; returns how many
    keystrokes read fewer rows than a fresh search would."""
    options = SearchOptions("", match_case=generator.random() < 0.3, whole_word=generator.random() < 0.3,
                            regex=generator.random() < 0.15, scope=generator.choice(SCOPES))
    scan, narrowed, typed = None, 0, ""
    while len(typed) < len(word):
        if typed and generator.random() < 0.1:
            typed = typed[:-1]                                                  # backspace: a shorter text
        else:
            typed = word[:len(typed) + 1]
        if not typed:
            continue                                                            # nothing to find
        changes = {}
        if generator.random() < 0.15:
            changes["match_case"] = not options.match_case
        if generator.random() < 0.1:
            changes["whole_word"] = not options.whole_word
        if generator.random() < 0.05:
            changes["scope"] = generator.choice((TEXT_SCOPE, ALL_SCOPE))
        options = dataclasses.replace(options, text=typed, **changes)
        if scan is not None and generator.random() < 0.3:                     # an edit between keystrokes
            row = edit(episode, generator, word)
            scan.update_rows(row, row)
        start = (generator.randrange(len(episode.entries)), -1, 0)
        rows = narrower(scan, options)
        try:
            new = MatchScan(episode.entries, options, start, rows)
        except SearchError:
            continue                                                            # the bar shows why; scan kept
        scan = new
        narrowed += rows is not None and len(rows) < len(episode.entries)
        finish = generator.random() < 0.8                                       # else the next key comes first
        while not scan.advance(0):
            if generator.random() < 0.05:                                       # an edit while counting
                row = edit(episode, generator, word)
                scan.update_rows(row, row)
            if not finish and generator.random() < 0.2:
                break
        if scan.done:
            assert_equal_to_fresh(scan, episode, options, start)
    return narrowed


def test_typing_narrowed_finds_what_a_fresh_search_finds(episodes):
    generator = random.Random(20261201)
    narrowed = 0
    for path in episodes:
        episode = Episode.load(path)
        words = words_of(episode)
        for _ in range(SEQUENCES):
            narrowed += type_sequence(episode, generator, generator.choice(words))
    assert narrowed > SEQUENCES          # the narrowing was used, not only fresh searches


def test_a_row_ruled_out_then_edited_to_hold_the_text_is_read_again(episodes):
    episode = Episode.load(episodes[0])
    word = "zyxw"                                               # in no episode: every row read is ruled out
    short = MatchScan(episode.entries, SearchOptions(word[:2]))
    for _ in range(5):
        short.advance(0)                                        # one batch of rows per call, from the top
    assert not short.done
    read = range(5 * MatchScan.BATCH)
    ruled_out, later = read[-1], len(episode.entries) - 1      # one row read, one still to read
    for row in (ruled_out, later):
        episode.set_text(row, episode.entries[row].text + " " + word.upper())
        short.update_rows(row, row)
    rows = narrower(short, SearchOptions(word))
    assert rows is not None and ruled_out in rows and later in rows and read[0] not in rows
    longer = MatchScan(episode.entries, SearchOptions(word), rows=rows)
    longer.advance()
    assert longer.total == 2
    assert_equal_to_fresh(longer, episode, SearchOptions(word), (0, -1, 0))


def test_only_provable_narrowing_is_used():
    short = MatchScan([], SearchOptions("bee"))
    assert narrower(short, SearchOptions("bees")) == []
    assert narrower(short, SearchOptions("bees", match_case=True)) == []         # stricter about case
    assert narrower(MatchScan([], SearchOptions("bee", match_case=True)), SearchOptions("bees")) is None
    assert narrower(short, SearchOptions("Bees")) is None                       # not the typed text extended
    assert narrower(short, SearchOptions("bees", regex=True)) is None
    assert narrower(MatchScan([], SearchOptions("bee", regex=True)), SearchOptions("bees")) is None
    assert narrower(short, SearchOptions("bees", scope=ALL_SCOPE)) is None
