"""Search and replace on entries, by field name: literal, match case, whole word, regex with groups."""
import pytest

from editor.document import Entry, Episode
from editor.document.search import (Match, SearchError, SearchOptions, find_matches, replace_all, replace_match)

ENTRIES = [Entry.line("The bees, the Bees and beeswax.", "Bee"), Entry.header("Bees"),
           Entry.line("No match here.", "Ann")]


def spans(options):
    return [(m.row, m.field, m.start, m.end) for m in find_matches(ENTRIES, options)]


def test_literal_search_ignores_case_and_names_fields():
    assert spans(SearchOptions("bees")) == [(0, "line", 4, 8), (0, "line", 14, 18), (0, "line", 23, 27),
                                            (1, "header", 0, 4)]
    assert spans(SearchOptions("bee", scope="all"))[0] == (0, "who", 0, 3)


def test_match_case_whole_word_and_regex():
    assert spans(SearchOptions("Bees", match_case=True)) == [(0, "line", 14, 18), (1, "header", 0, 4)]
    assert spans(SearchOptions("bees", whole_word=True)) == [(0, "line", 4, 8), (0, "line", 14, 18),
                                                             (1, "header", 0, 4)]
    assert spans(SearchOptions(r"b\w+x", regex=True)) == [(0, "line", 23, 30)]
    assert spans(SearchOptions(".", regex=False)) == [(0, "line", 30, 31), (2, "line", 13, 14)]
    assert spans(SearchOptions("x*", regex=True)) == [(0, "line", 29, 30)]      # empty matches are left out


def test_matches_sort_in_reading_order():
    matches = find_matches(ENTRIES, SearchOptions("b", scope="all"))
    assert [m.key for m in matches] == sorted(m.key for m in matches) and matches[0].field == "who"


def test_replace_all_plans_new_entries_and_counts():
    plan = replace_all(ENTRIES, SearchOptions(r"(b)ees", regex=True, whole_word=True, scope="all"), r"\1ugs")
    assert [(item.row, item.entry.text, item.count) for item in plan] == [
        (0, "The bugs, the Bugs and beeswax.", 2), (1, "Bugs", 1)]
    literal = replace_all(ENTRIES, SearchOptions("bee", scope="all"), r"\1")
    assert literal[0].entry.who == r"\1" and literal[0].count == 4


def test_replacing_a_speaker_with_blanks_clears_it():
    [item] = replace_all(ENTRIES[:1], SearchOptions("Bee", match_case=True, whole_word=True, scope="all"), "  ")
    assert item.entry.who is None and item.entry.text == ENTRIES[0].text


def test_replace_match_checks_the_match_is_still_there():
    options = SearchOptions(r"(\w+)wax", regex=True)
    [match] = find_matches(ENTRIES, options)
    assert replace_match(ENTRIES[0], match, r"\1-wax", options) == "The bees, the Bees and bees-wax."
    assert replace_match(ENTRIES[0], Match(0, "line", 0, 3), "x", options) is None


@pytest.mark.parametrize("options, replacement", [(SearchOptions("(unclosed", regex=True), ""),
                                                  (SearchOptions("(unclosed", regex=True, whole_word=True), ""),
                                                  (SearchOptions("x(?i)", regex=True, whole_word=True), ""),
                                                  (SearchOptions("bees", regex=True), r"\2")])
def test_invalid_expressions_are_search_errors(options, replacement):
    with pytest.raises(SearchError) as error:
        replace_all(ENTRIES, options, replacement)
    assert str(error.value).startswith(("regex error at 1:", "regex error at 2:", "regex error:", "replacement error:"))


def test_episode_replace_all_is_one_batch_undone_exactly():
    text = "---\ntranscript:\n- line: bees and bees\n  who: Ann\n- header: Bees\n- line: none\n  who: Bees\n---\n"
    episode = Episode.loads(text)
    heard = []

    class Listener:
        def about_to_apply(self, change):
            pass

        def applied(self, change):
            heard.append(change)

    episode.add_listener(Listener())
    undo = episode.replace_all(SearchOptions("bees", scope="all"), "wasps")
    assert [e.text for e in episode.entries] == ["wasps and wasps", "wasps", "none"]
    assert episode.entries[2].who == "wasps" and len(heard) == 3
    episode.apply(undo)
    assert episode.dumps() == text


def test_a_failing_replace_all_changes_nothing():
    episode = Episode.loads("---\ntranscript:\n- line: a\n- line: b\n---\n")
    with pytest.raises(SearchError):
        episode.replace_all(SearchOptions("[", regex=True), "x")
    assert episode.dumps() == "---\ntranscript:\n- line: a\n- line: b\n---\n"
