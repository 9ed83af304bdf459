"""Bad input: each kind gives a ParseError naming file, line and column, and nothing is written."""
import pytest

from editor.document import DocumentError, Episode, ParseError

from document_helpers import BAD_FIXTURES

EXPECTED = {
    "bad-yaml.md": (6, "did not find expected"),
    "entry-not-mapping.md": (6, "not a mapping"),
    "no-front-matter.md": (1, "no front matter"),
    "no-text-key.md": (3, "neither 'line' nor 'header'"),
    "not-mapping.md": (2, "not a mapping"),
    "python-tag.md": (2, "python/object"),
    "template.md": (5, "template"),
    "text-before.md": (1, "text before the opening '---'"),
    "transcript-not-list.md": (4, "must be a list"),
    "unclosed.md": (3, "not closed"),
}


def test_every_bad_fixture_has_an_expectation():
    assert sorted(p.name for p in BAD_FIXTURES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", BAD_FIXTURES, ids=lambda p: p.name)
def test_bad_file_raises_parse_error_with_position_and_writes_nothing(path, tmp_path):
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    before = sorted(tmp_path.iterdir()), target.read_bytes(), target.stat().st_mtime_ns
    with pytest.raises(ParseError) as info:
        Episode.load(target)
    line, words = EXPECTED[path.name]
    error = info.value
    assert (error.path, error.line) == (str(target), line)
    assert error.column is not None and error.column >= 1
    assert words in error.message
    assert str(error) == f"{target}:{error.line}:{error.column}: {error.message}"
    assert (sorted(tmp_path.iterdir()), target.read_bytes(), target.stat().st_mtime_ns) == before


def test_not_utf8_names_line_and_column(tmp_path):
    target = tmp_path / "latin1.md"
    target.write_bytes("---\ntitle: ok\ntranscript:\n- line: caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(ParseError) as info:
        Episode.load(target)
    assert (info.value.line, info.value.column) == (4, 12)
    assert "UTF-8" in info.value.message


def test_missing_file_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError) as info:
        Episode.load(tmp_path / "nope.md")
    assert info.value.path == str(tmp_path / "nope.md")


def test_loads_reports_without_path():
    with pytest.raises(ParseError) as info:
        Episode.loads("---\ntitle: [\n---\n")
    assert info.value.path is None and str(info.value).startswith(f"{info.value.line}:")


def test_unsafe_tag_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\ntranscript: []\n---\n"
    with pytest.raises(ParseError):
        Episode.loads(text)
    assert not marker.exists()


def test_error_str_leaves_out_missing_parts():
    assert str(DocumentError("boom")) == "boom"
    assert str(DocumentError("boom", "f.md")) == "f.md: boom"
    assert str(DocumentError("boom", "f.md", 3)) == "f.md:3: boom"
    assert str(DocumentError("boom", "f.md", 3, 7)) == "f.md:3:7: boom"


def test_real_template_is_refused(corpus):
    template = corpus / "_template.md"
    if not template.exists():
        pytest.skip("no _template.md in this corpus")
    with pytest.raises(ParseError) as info:
        Episode.load(template)
    assert "template" in info.value.message and info.value.line > 1


def test_an_error_in_an_entry_is_reported_after_an_error_in_an_earlier_key():
    text = "---\ntitle: {{ title }}\ntranscript:\n- line: {{ text }}\n---\n"
    with pytest.raises(ParseError) as info:
        Episode.loads(text, "template.md")
    assert info.value.line == 2


def test_a_syntax_error_is_reported_before_an_earlier_entry_that_cannot_be_built():
    text = "---\ntranscript:\n- line: {{ text }}\n- line: ok\n  who: Maya: extra\n---\n"
    with pytest.raises(ParseError) as info:
        Episode.loads(text, "bad.md")
    assert info.value.line == 5
