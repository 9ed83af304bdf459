"""LiveChecks keeps the problems of an episode equal to a full check() through random edits, undos and saves."""
import random

import pytest

from document_helpers import GOOD_FIXTURES, parseable_corpus
from editor.document import Episode
from editor.document.clips import KEY as CLIPS_KEY
from editor.document.clips import clip_problems
from editor.document.live_checks import LiveChecks


def full_problems(episode):
    return sorted(episode.check() + clip_problems(episode), key=lambda problem: problem.index)


def random_edit(episode: Episode, rng: random.Random):
    """One random operation of the kinds the editor performs; returns its inverse (None when it was refused)."""
    entries = episode.entries
    size = len(entries)
    row = rng.randrange(size) if size else 0
    other = rng.randrange(size) if size else 0
    names = episode.speakers() + ["Someone New", "X"]
    kind = rng.choice(["text", "copy", "name-as-text", "speaker", "time", "time", "line", "header", "remove",
                       "merge", "split", "move", "shift", "guests", "clips", "header-title"])
    try:
        if kind == "text":
            return episode.set_text(row, rng.choice(["", "Yes.", "hello there", "1:00", "no"]))
        if kind == "copy":
            return episode.set_text(row, entries[other].text)
        if kind == "name-as-text":
            return episode.set_text(row, rng.choice(names))
        if kind == "speaker":
            return episode.set_speaker(row, rng.choice(names + [None]))
        if kind == "time":
            return episode.set_time(row, rng.choice([None, 0, 5, 61, 600, 3000]))
        if kind == "line":
            return episode.insert_line(rng.randrange(size + 1), rng.choice(["", "Bye.", entries[other].text]),
                                       rng.choice(names + [None]), rng.choice([None, 30, 900]))
        if kind == "header":
            return episode.insert_header(rng.randrange(size + 1), rng.choice(["Intro", "Chapter"]))
        if kind == "header-title":
            return episode.set_text(row, "Renamed") if entries[row].is_header else None
        if kind == "remove":
            return episode.remove(row, min(rng.randint(1, 3), size - row))
        if kind == "merge":
            return episode.merge_with_next(row)
        if kind == "split":
            return episode.split(row, len(entries[row].text) // 2, rng.choice([None, 120]))
        if kind == "move":
            return episode.move(row, other)
        if kind == "shift":
            return episode.shift_times(row, rng.choice([-30, 7, 400]))
        if kind == "guests":
            return episode.set_value("guests", rng.sample(names, k=min(2, len(names))))
        if kind == "clips":
            return episode.set_value(CLIPS_KEY, [{"name": rng.choice(["Intro", "Renamed", "Other"])}])
    except (ValueError, IndexError):
        return None
    return None


def edit_and_compare(episode: Episode, seed: int, steps: int, tmp_path) -> None:
    live = LiveChecks(episode)
    rng = random.Random(seed)
    undo: list = []
    for step in range(steps):
        if undo and rng.random() < 0.25:
            episode.apply(undo.pop())
        elif rng.random() < 0.04:
            episode.save(tmp_path / f"saved-{step}.md")
            live.sources_changed()
        else:
            inverse = random_edit(episode, rng)
            if inverse is not None:
                undo.append(inverse)
        assert live.problems() == episode.check(), f"seed {seed}, step {step}"
        assert live.all_problems() == full_problems(episode), f"seed {seed}, step {step}"
    live.close()


@pytest.mark.parametrize("path", GOOD_FIXTURES, ids=lambda p: p.name)
def test_fixtures_stay_equal_to_a_full_check(path, tmp_path):
    edit_and_compare(Episode.load(path), seed=len(path.name), steps=90, tmp_path=tmp_path)


@pytest.mark.parametrize("number", range(8))
def test_corpus_episodes_stay_equal_to_a_full_check(number, tmp_path):
    files = parseable_corpus()
    if len(files) <= number:
        pytest.skip("corpus not available")
    path = files[number * len(files) // 8]
    edit_and_compare(Episode.load(path), seed=number, steps=100, tmp_path=tmp_path)


def test_an_edit_far_away_leaves_other_findings_alone_but_renumbers_them(tmp_path):
    episode = Episode.loads("---\ntranscript:\n- header: A\n- header: B\n- line: hi\n  who: Ann\n  sec: 5\n"
                            "  time: '0:05'\n- line: hi\n  who: Ann\n  sec: 3\n  time: '0:03'\n---\n")
    live = LiveChecks(episode)
    before = {(problem.code, problem.row) for problem in live.problems()}
    assert before == {("empty-chapter", 1), ("time-order", 4), ("duplicate-entry", 4)}
    episode.insert_line(0, "first", "Ann")
    after = [(problem.code, problem.row, problem.message) for problem in live.problems()]
    assert [(code, row) for code, row, _ in after] == [("empty-chapter", 2), ("time-order", 5),
                                                       ("duplicate-entry", 5)]
    assert "(row 3)" in after[0][2] and "row 4" in after[1][2] and "(row 4)" in after[2][2]
    assert live.problems() == episode.check()
