"""The direct writer of simple entries: the emitter's exact output, read back as the entry by both YAML readers."""
import functools
import random

import pytest
import yaml

from editor.document import Entry, Episode
from editor.document.emit import emit_each, emit_entries
from editor.document.plain_emit import PlainWriter, ProvenText
from document_helpers import GOOD_FIXTURES, parseable_corpus
from support import SAMPLE

FILES = list(parseable_corpus()) + list(GOOD_FIXTURES) + [SAMPLE / "sample-episode.md"]
# Characters that decide styles and folds: indicators, quotes, spaces of both kinds, letters and digits; and, rarer,
# a line break YAML 1.1 knows, a tab and a character outside libyaml's printable set.
TRICKY = list(" ::##--??''\"\",.!&*|>%@`[]{}~=<\u00a0é") + list("abcXYZ019 ") * 6
RARE = ["\u2028", "\t", "\U0001F600"]


@functools.cache
def file_entries() -> list[Entry]:
    """Every entry of the test files and of the corpus, an edited variant of each spoken line and a long one of
    every tenth."""
    entries = []
    for path in FILES:
        try:
            episode = Episode.load(path)
        except Exception:   # noqa: BLE001 - the bad-input fixtures are tested elsewhere
            continue
        for index, entry in enumerate(episode.entries):
            entries.append(entry)
            if not entry.is_header:
                entries.append(entry.with_fields(text=entry.text + " (corrected)"))
            if index % 10 == 0 and not entry.is_header:
                entries.append(entry.with_fields(text=" ".join([entry.text] * 3), who="A B"))
    return entries


@functools.cache
def tricky_entries(count: int) -> list[Entry]:
    """Seeded random entries whose texts and speakers mix TRICKY characters, 0 to 240 of them, and now and then a
    RARE one."""
    generator = random.Random(1729)

    def tricky(length: int) -> str:
        return "".join(generator.choice(RARE) if generator.random() < 0.001 else generator.choice(TRICKY)
                       for _ in range(length))
    entries = []
    for _ in range(count):
        text = tricky(generator.randint(0, 240))
        who = tricky(generator.randint(1, 12))
        sec = generator.randint(0, 9999)
        entries.append(Entry.line(text, who, sec, f"{sec // 60}:{sec % 60:02d}"))
        entries.append(Entry.header(text))
    return entries


def read_back(text: str) -> tuple[list, list]:
    """(ruamel-based model entries, PyYAML items) of `transcript:` followed by `text`."""
    episode = Episode.loads("---\ntranscript:\n" + text + "---\n")
    return list(episode.entries), yaml.load("transcript:\n" + text, Loader=yaml.CSafeLoader)["transcript"]


def as_pyyaml_item(entry: Entry) -> dict:
    """The item PyYAML must read for an entry."""
    return {"header": entry.text} if entry.is_header else \
        {key: value for key, value in (("line", entry.text), ("sec", entry.sec), ("time", entry.time),
                                       ("who", entry.who)) if value is not None}


@pytest.mark.parametrize("source", ["files", "tricky"])
def test_simple_entries_are_written_exactly_as_the_emitter_writes_them(source):
    entries = file_entries() if source == "files" else tricky_entries(1500)
    writer = PlainWriter()
    written = [(entry, writer.entry(entry)) for entry in entries]
    direct = [(entry, text) for entry, text in written if text is not None]
    for entry, text in direct:
        assert text == emit_entries([entry]), entry
    if source == "files":
        assert len(direct) >= 0.99 * len(entries)       # the direct writer is the common path
    else:
        styles = [text.split(": ", 1)[1][:1] for _, text in direct]
        assert styles.count("'") > 100 and len(direct) - styles.count("'") > 100   # both styles tried
        assert sum("\n    " in text for _, text in direct) > 200                    # and many folds


@pytest.mark.parametrize("source", ["files", "tricky"])
def test_what_the_direct_writer_writes_reads_back_as_the_entry_in_both_readers(source):
    entries = file_entries() if source == "files" else tricky_entries(1500)
    writer = PlainWriter()
    direct = [(entry, text) for entry in entries if (text := writer.entry(entry)) is not None]
    model, items = read_back("".join(text for _, text in direct))
    assert model == [entry for entry, _ in direct]
    assert items == [as_pyyaml_item(entry) for entry, _ in direct]


def test_what_the_direct_writer_leaves_goes_to_the_emitter():
    writer = PlainWriter()
    for text in ["", "a\tb", "smile \U0001F600", "two\u2028lines", "line\nbreak", "bom\ufeff"]:
        assert writer.entry(Entry.line(text, "A", 1, "0:01")) is None
    assert writer.entry(Entry.line("ok", "A", 1, "61 seconds")) is None           # a time not in h:mm:ss
    assert writer.entry(Entry("line", "ok", "A", None, None, (("note", "x"),))) is None    # an unknown key
    assert writer.entry(Entry("header", "ok", "A")) is None                       # a header with a speaker
    entries = [Entry.line("a\tb", "A", 1, "0:01"), Entry.line("plain", "A", 1, "0:01")]
    texts = emit_each(entries, 2, "\r\n")
    assert [type(text) for text in texts] == [str, ProvenText]
    assert texts == [emit_entries([entry], 2, "\r\n") for entry in entries]


@pytest.mark.parametrize("word", ["yEs", "NULL", "oFF", "True", "no"])
def test_words_psych_reads_as_booleans_or_nil_are_quoted_by_both_paths(word):
    entry = Entry.line(word, word, 5, "0:05")
    expected = f"- line: '{word}'\n  sec: 5\n  time: '0:05'\n  who: '{word}'\n"
    assert emit_entries([entry]) == expected
    assert PlainWriter().entry(entry) == expected
    assert yaml.safe_load("transcript:\n" + expected)["transcript"][0]["line"] == word
