"""Parsing details: the transcript fast path constructs exactly what ruamel.yaml's safe loader does."""
import pytest
import yaml
from ruamel.yaml import YAML

from editor.document import Episode, ParseError
from editor.document.frontmatter import yaml_region
from editor.document.layout import construct, new_yaml
from editor.document.reader import NeedsTree, read
from editor.document.verify import pyyaml_transcript
from document_helpers import GOOD_FIXTURES, parseable_corpus, read_text

ODD_ITEMS = """title: odd
transcript:
- line: !!str 12
  sec: 1_000
  time: '0:01'
  who: ~
- line: plain
  sec: 0x10
  flag: yes
  nested: {a: [1, 2]}
- line: "x"
  sec: -3
  when: 2024-05-01
- header: H
"""


def safe_load(region: str):
    """A plain ruamel.yaml C safe load, the reference."""
    return YAML(typ="safe", pure=False).load(region)


@pytest.mark.parametrize("path", list(GOOD_FIXTURES) + list(parseable_corpus()), ids=lambda p: p.name)
def test_construct_equals_ruamel_safe_load(path):
    text = read_text(path)
    start, end = (0, len(text)) if path.suffix == ".yaml" else yaml_region(text)
    yaml = new_yaml()
    data = construct(yaml, yaml.compose(text[start:end]))
    expected = safe_load(text[start:end])
    assert data == expected and list(data) == list(expected)


def test_odd_items_fall_back_to_the_full_constructor():
    yaml = new_yaml()
    data = construct(yaml, yaml.compose(ODD_ITEMS))
    assert data == safe_load(ODD_ITEMS)
    assert [type(item["sec"]) for item in data["transcript"][:3]] == [int, int, int]
    entries = Episode.loads(ODD_ITEMS, "odd.yaml").entries
    assert entries[0].text == "12" and entries[0].sec == 1000 and entries[1].sec == 16
    assert dict(entries[1].extra) == {"flag": "yes", "nested": {"a": [1, 2]}}


def test_unsafe_tag_inside_an_entry_is_refused():
    with pytest.raises(ParseError) as info:
        Episode.loads("---\ntranscript:\n- line: x\n  who: !!python/name:os.system ''\n---\n", "x.md")
    assert (info.value.line, info.value.column) == (4, 8)


def test_duplicate_key_in_an_entry_is_refused():
    with pytest.raises(ParseError) as info:
        Episode.loads("---\ntranscript:\n- line: x\n  line: y\n---\n")
    assert info.value.line in (3, 4) and "duplicate" in info.value.message


def read_by_entry(region: str):
    """The data of a YAML text as the entry-by-entry reader builds it; None when it needs the whole tree."""
    try:
        _, _, data, items = read(new_yaml(), region.encode("utf-8"))
    except NeedsTree:
        return None
    if items is not None:
        data["transcript"] = [item.data for item in items]
    return data


@pytest.mark.parametrize("path", list(GOOD_FIXTURES) + list(parseable_corpus()), ids=lambda p: p.name)
def test_reading_entry_by_entry_equals_ruamel_safe_load(path):
    text = read_text(path)
    start, end = (0, len(text)) if path.suffix == ".yaml" else yaml_region(text)
    data = read_by_entry(text[start:end])
    if data is None:
        assert "&" in text[start:end] or "*" in text[start:end]
        return
    expected = safe_load(text[start:end])
    assert data == expected and list(data) == list(expected)
    assert [list(item) for item in data.get("transcript") or []] == \
           [list(item) for item in expected.get("transcript") or []]


def test_odd_items_read_entry_by_entry_equal_ruamel_safe_load():
    data = read_by_entry(ODD_ITEMS)
    assert data == safe_load(ODD_ITEMS)
    assert [type(item["sec"]) for item in data["transcript"][:3]] == [int, int, int]


def test_anchors_and_aliases_are_read_from_the_whole_tree():
    text = "a: &x 1\ntranscript:\n- line: t\n  who: *x\n"
    with pytest.raises(NeedsTree):
        read(new_yaml(), text.encode())
    assert Episode.loads(text, "x.yaml").entries[0].extra == (("who", 1),)     # an int is no speaker


@pytest.mark.parametrize("text", [ODD_ITEMS.replace("title: odd\n", ""),
                                  "transcript:\n- line: a\n  line: b\n- line: 0o17\n  sec: 1:04\n- {header: x}\n"])
def test_read_back_of_edited_entries_equals_pyyaml_safe_load(text):
    assert pyyaml_transcript(text) == yaml.load(text, Loader=yaml.CSafeLoader)["transcript"]


def test_read_back_of_corpus_transcripts_equals_pyyaml_safe_load(corpus):
    for path in parseable_corpus()[:10]:
        text = read_text(path)
        start, end = yaml_region(text)
        region = text[start:end]
        transcript = region[region.index("\ntranscript:\n") + 1:]
        expected = yaml.load(transcript, Loader=yaml.CSafeLoader)
        if list(expected) == ["transcript"]:
            assert pyyaml_transcript(transcript) == expected["transcript"], path.name


def test_a_document_the_entry_reader_gives_up_on_is_read_whole_from_the_start():
    text = "---\ntranscript:\n- line: a\ntitle: t\ntranscript:\n- line: b\n---\n"
    with pytest.raises(ParseError) as info:
        Episode.loads(text, "two.md")
    assert "duplicate" in info.value.message
