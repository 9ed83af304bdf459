"""Episode.check(): each problem code on the quirks fixture, and no false alarms on clean entries."""
import re

import pytest
import yaml

from editor.document import Episode, Problem
from document_helpers import FIXTURES, GOOD_FIXTURES, parseable_corpus, read_text

EXPECTED_QUIRKS = [
    (0, "time-unquoted"), (1, "empty-chapter"), (3, "time-unquoted"), (4, "time-unquoted"), (6, "missing-speaker"),
    (8, "time-unquoted"), (9, "time-missing"), (10, "time-missing"), (11, "time-malformed"), (12, "time-malformed"),
    (13, "time-malformed"), (14, "time-order"), (15, "time-mismatch"), (17, "duplicate-entry"),
    (18, "missing-speaker"),
]
CODES = {"time-order", "time-mismatch", "time-malformed", "time-unquoted", "time-missing", "empty-chapter",
         "missing-speaker", "duplicate-entry", "speaker-as-text", "non-text", "field-type"}


def test_quirks_fixture_problems():
    episode = Episode.load(FIXTURES / "quirks.md")
    problems = episode.check()
    assert [(p.index, p.code) for p in problems] == EXPECTED_QUIRKS
    assert all(isinstance(p, Problem) and p.message for p in problems)
    lines = read_text(FIXTURES / "quirks.md").split("\n")
    assert all(lines[p.line - 1].startswith("- ") for p in problems)


def test_a_short_reply_in_the_same_words_is_no_duplicate_but_a_repeated_passage_is():
    episode = Episode.loads("---\ntranscript:\n- line: Bye.\n  who: Ann\n- line: Bye.\n  who: Bob\n"
                            "- line: A whole passage said twice.\n  who: Ann\n"
                            "- line: A whole passage said twice.\n  who: Bob\n---\n")
    assert [(p.index, p.code) for p in episode.check()] == [(3, "duplicate-entry")]


def test_clean_fixtures_have_no_problems():
    for name in ("escapes.md", "plain.yaml", "no-transcript.md"):
        assert Episode.load(FIXTURES / name).check() == [], name


def test_fixing_problems_clears_them():
    episode = Episode.load(FIXTURES / "quirks.md")
    for index in (0, 3, 4, 8, 9, 11, 15):
        episode.set_time(index, episode.entries[index].sec)   # rewritten quoted and consistent
    episode.set_time(10, 85)
    episode.set_speaker(6, "Bob")
    episode.set_time(12, 2300)
    episode.set_time(13, 2400)                # now before the line that was out of order
    episode.remove(2)                         # the empty chapter
    episode.set_text(16, "Said twice, differently.")
    episode.set_speaker(17, "Bob")
    assert episode.check() == []


def independent_problems(path) -> set[tuple[int, str]]:
    """The problems a YAML 1.1 reading of the file shows, computed without editor.document."""
    text = read_text(path)
    front = text.split("\n---\n", 1)[0] if not str(path).endswith((".yaml", ".yml")) else text
    data = yaml.load(front.removeprefix("---\n") if front.startswith("---\n") else front, Loader=yaml.CSafeLoader)
    items = data.get("transcript") or []
    speakers = {item["who"] for item in items if isinstance(item.get("who"), str)}
    speakers |= {guest for guest in data.get("guests") or [] if isinstance(guest, str)}
    raw_times = iter(re.findall(r"^(?:- |  )time: (.*)$", text, re.M))
    found, previous = set(), None
    for index, item in enumerate(items):
        text_key = "header" if "header" in item else "line"
        if not isinstance(item[text_key], str):
            found.add((index, "non-text"))
        if "header" in item:
            if index + 1 < len(items) and "header" in items[index + 1]:
                found.add((index, "empty-chapter"))
        else:
            time, sec = item.get("time"), item.get("sec")
            if "time" in item:
                raw = next(raw_times)
                if not raw.startswith(("'", '"')) and re.fullmatch(r"\d+:\d\d", raw):
                    found.add((index, "time-unquoted"))
                time = str(time) if not isinstance(time, int) else raw
                match = re.fullmatch(r"(?:(\d+):)?(\d+):(\d\d)", time)
                valid = match and int(match[3]) < 60 and (int(match[2]) < 60)
                if not valid:
                    found.add((index, "time-malformed"))
                else:
                    seconds = int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
                    if sec is not None and seconds != sec:
                        found.add((index, "time-mismatch"))
                    sec = sec if sec is not None else seconds
            if sec is not None:
                if previous is not None and sec < previous:
                    found.add((index, "time-order"))
                previous = sec
            if not isinstance(item.get("who"), str) or not item["who"]:
                found.add((index, "missing-speaker"))
            if ("who" in item and not isinstance(item["who"], str)) or ("sec" in item and type(item["sec"]) is not int):
                found.add((index, "field-type"))
            if ("sec" in item) != ("time" in item):
                found.add((index, "time-missing"))
            if str(item["line"]).strip() in speakers:
                found.add((index, "speaker-as-text"))
        words = str(item.get("line") or item.get("header") or "").split()
        keys = ("line", "header") if len(words) > 3 or "header" in item else ("line", "header", "who")
        if index and words and {k: v for k, v in items[index - 1].items() if k in keys} == \
                {k: v for k, v in item.items() if k in keys}:
            found.add((index, "duplicate-entry"))
    return found


@pytest.mark.parametrize("path", list(GOOD_FIXTURES) + list(parseable_corpus()), ids=lambda p: p.name)
def test_problems_match_an_independent_reading(path):
    problems = Episode.load(path).check()
    assert {p.code for p in problems} <= CODES
    assert {(p.index, p.code) for p in problems} == independent_problems(path)
