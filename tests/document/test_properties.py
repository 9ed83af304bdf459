"""Property tests: random operation sequences with adversarial text stay local, read back exactly and undo exactly."""
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from editor.document import Episode
from editor.document.entries import entry_to_data
from editor.document.splice import render

ADVERSARIAL = ["yes", "No", "on", "off", "null", "~", "true", "1:04", "0:45", "1:03:01", "12", "-3", "1e3", "0x1F",
               "0o17", ".inf", ".NaN", "2021-02-23", "#x", " # c", "a: b", "- item", "key:", "? q", "'", '"', "''",
               "\\", "\\n", "\x85", "\u2028", "\u2029", "\x0b", "\x00", "\xa0", "\u200b", "\ufeff", "\t", "\r", "\r\n",
               "\n", "\n\n", " ", "  ", "&a", "*a", "!t", "%d", "@", "`", "{a: 1}", "[1, 2]", "|", ">", "---", "...",
               "<<", "=", "é", "“quotes”", "x" * 90, "word " * 30, "a-very-long-unbreakable-" * 5]
TEXT = st.lists(st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=12)), max_size=5).map("".join)
SPEAKER = st.one_of(st.none(), st.sampled_from(["Ann", "yes", "1:04", "a: b", "#x", "O'Neil", " Bo "]), TEXT)
SECONDS = st.one_of(st.none(), st.floats(min_value=0, max_value=40000, allow_nan=False))
OPS = ["set_text", "set_speaker", "set_time", "shift_times", "insert_line", "insert_header", "remove", "move", "split",
       "merge_with_next"]


def base_text() -> str:
    """A clean episode written for these tests (all times quoted), with a body after the front matter."""
    entries = []
    for index in range(8):
        if index in (0, 5):
            entries.append({"header": f"Chapter {index}"})
        entries.append({"line": f"Sentence number {index}, with enough words to be folded by the dumper when it "
                                f"goes past the eightieth column of the line.", "sec": index * 70,
                        "time": f"{index * 70 // 60}:{index * 70 % 60:02d}", "who": ["Ann", "Bob"][index % 2]})
    front = yaml.dump({"title": "Property test", "season": 1, "transcript": entries}, default_flow_style=False,
                      allow_unicode=True, sort_keys=False, width=80)
    front = re.sub(r"time: (\d+:\d\d)$", r"time: '\1'", front, flags=re.M)
    return f"---\n{front}---\nBody text\nwithout a final newline"


BASE = base_text()


def front_matter(text: str) -> str:
    """The YAML between the `---` lines."""
    return text.split("\n---\n", 1)[0].removeprefix("---\n")


def apply_random(episode: Episode, shadow: list, data) -> object:
    """Apply one random operation to the episode and mirror it in `shadow` [(entry, kept source text or None)]."""
    size = len(episode.entries)
    name = data.draw(st.sampled_from(OPS if size else ["insert_line", "insert_header"]))
    index = data.draw(st.integers(0, max(0, size - 1)))
    entry = episode.entries[index] if size else None
    if name in ("set_speaker", "set_time", "split", "merge_with_next") and entry.is_header:
        name = "set_text"
    if name == "merge_with_next" and (index + 1 >= size or episode.entries[index + 1].is_header):
        name = "set_text"
    if name == "set_text":
        undo = episode.set_text(index, data.draw(TEXT))
        shadow[index] = (episode.entries[index], None)
    elif name == "set_speaker":
        undo = episode.set_speaker(index, data.draw(SPEAKER))
        shadow[index] = (episode.entries[index], None)
    elif name == "set_time":
        undo = episode.set_time(index, data.draw(SECONDS))
        shadow[index] = (episode.entries[index], None)
    elif name == "shift_times":
        before = list(episode.entries)
        undo = episode.shift_times(index, data.draw(st.integers(-4000, 4000)))
        for i, (old, new) in enumerate(zip(before, episode.entries)):
            if old != new:
                shadow[i] = (new, None)
    elif name in ("insert_line", "insert_header"):
        at = data.draw(st.integers(0, size))
        if name == "insert_line":
            undo = episode.insert_line(at, data.draw(TEXT), data.draw(SPEAKER), data.draw(SECONDS))
        else:
            undo = episode.insert_header(at, data.draw(TEXT))
        shadow.insert(at, (episode.entries[at], None))
    elif name == "remove":
        count = data.draw(st.integers(1, size - index))
        undo = episode.remove(index, count)
        del shadow[index:index + count]
    elif name == "move":
        to = data.draw(st.integers(0, size - 1))
        undo = episode.move(index, to)
        shadow.insert(to, shadow.pop(index))
    elif name == "split":
        undo = episode.split(index, data.draw(st.integers(0, len(entry.text))), data.draw(SECONDS))
        shadow[index] = (episode.entries[index], None)
        shadow.insert(index + 1, (episode.entries[index + 1], None))
    else:
        undo = episode.merge_with_next(index)
        shadow[index] = (episode.entries[index], None)
        del shadow[index + 1]
    return undo


def layout_state(episode: Episode) -> tuple:
    """The episode's internal picture of its file: spans, lines and entry chunks (must match a fresh parse)."""
    layout = episode._layout
    assert all(slot.file is layout.file and layout.data[slot.start:slot.end].decode() == slot.source
               for slot in episode._slots), "every entry points at its text in the file's bytes"
    slots = [(slot.entry, slot.source, slot.gap, slot.start, slot.end, episode.entry_line(index))
             for index, slot in enumerate(episode._slots)]
    spans = dict(layout.key_spans)
    lines = {key: layout.key_line(key) for key in spans}
    items, transcript = layout.items_span, layout.transcript_span
    if slots and slots[-1][2]:          # text after the last entry: kept with it in memory, tail when parsed
        tail = len(slots[-1][2].encode())
        slots[-1] = slots[-1][:2] + ("",) + slots[-1][3:]
        items, transcript = (items[0], items[1] - tail), (transcript[0], transcript[1] - tail)
        spans["transcript"] = (*transcript, False)
    return (layout.data, layout.yaml_start, layout.yaml_end, spans, lines, transcript, items,
            layout.indent, slots, episode._meta)


def assert_splices_like_a_full_render(episode: Episode, text: str) -> None:
    """Splicing only around the tracked edits gives the text of a render that re-checks every entry's neighbour."""
    every = set(range(len(episode._slots)))
    full = render(episode._layout, episode._slots, every, episode._meta, episode._meta_sources, episode._touched,
                  episode._original_entries, episode._keyless, "surrogatepass")
    assert full.data.decode() == text


def assert_reads_back(episode: Episode, text: str) -> None:
    """PyYAML (YAML 1.1) and ruamel.yaml both read every entry exactly as the model has it."""
    items = yaml.safe_load(front_matter(text))["transcript"] or []
    wanted = [entry_to_data(entry) for entry in episode.entries]
    assert [[(k, type(v), v) for k, v in item.items()] for item in items] == \
           [[(k, type(v), v) for k, v in item.items()] for item in wanted]
    ruamel_items = YAML(typ="safe", pure=False).load(front_matter(text))["transcript"] or []
    assert ruamel_items == wanted
    assert list(Episode.loads(text).entries) == list(episode.entries)


def assert_local(original: str, text: str, shadow: list) -> None:
    """Text outside the transcript is unchanged and every untouched entry keeps its exact text, in order."""
    items_start = original.index("transcript:\n") + len("transcript:\n")
    items_end = original.index("---\nBody")
    if not shadow:
        assert text == original[:items_start - 1] + " []\n" + original[items_end:]
        return
    assert text.startswith(original[:items_start]) and text.endswith(original[items_end:])
    position = items_start
    for _, source in shadow:
        if source is not None:
            found = text.find(source, position)
            assert found >= 0
            position = found + len(source)
    for quoted in re.findall(r"^  time: (.*)$", text, re.M):
        assert quoted[0] in "'\"", "times are always written quoted"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_are_local_read_back_and_undo_exactly(data, tmp_path_factory):
    episode = Episode.loads(BASE)
    shadow = [(slot.entry, slot.source) for slot in episode._slots]
    undos, snapshots = [], []
    for _ in range(data.draw(st.integers(1, 8))):
        snapshots.append((list(episode.entries), episode.dumps()))
        undos.append(apply_random(episode, shadow, data))
    final = (list(episode.entries), episode.dumps())
    text = final[1]
    assert_splices_like_a_full_render(episode, text)
    assert [entry for entry, _ in shadow] == final[0]
    assert_local(BASE, text, shadow)
    assert_reads_back(episode, text)
    target = tmp_path_factory.mktemp("prop") / "episode.md"
    episode.save(target)
    assert target.read_bytes().decode("utf-8") == text
    assert layout_state(episode) == layout_state(Episode.load(target))
    redos = []
    for undo, snapshot in zip(reversed(undos), reversed(snapshots)):
        redos.append(episode.apply(undo))
        assert (list(episode.entries), episode.dumps()) == snapshot
    assert episode.dumps() == BASE
    for redo in reversed(redos):
        episode.apply(redo)
    assert (list(episode.entries), episode.dumps()) == final
    episode.apply(undos[-1])                     # the last edit undone after the save, then saved again
    episode.save()
    assert target.read_bytes().decode("utf-8") == snapshots[-1][1]
    assert layout_state(episode) == layout_state(Episode.load(target))


@settings(max_examples=100, deadline=None)
@given(title=TEXT, season=st.one_of(st.integers(-5, 10**6), st.booleans(), st.none(), TEXT))
def test_meta_edits_read_back_and_touch_only_their_line(title, season, tmp_path_factory):
    episode = Episode.loads(BASE)
    episode.set_meta("title", title)
    episode.set_meta("season", season)
    text = episode.dumps()
    data = yaml.safe_load(front_matter(text))
    assert (data["title"], data["season"]) == (title, season) and type(data["season"]) is type(season)
    ruamel_data = YAML(typ="safe", pure=False).load(front_matter(text))
    assert (ruamel_data["title"], ruamel_data["season"]) == (title, season)
    assert text[text.index("transcript:\n"):] == BASE[BASE.index("transcript:\n"):]
    episode.set_text(1, "Edited too.")
    episode.save(tmp_path_factory.mktemp("meta") / "meta.md")
    assert layout_state(episode) == layout_state(Episode.load(episode.path))
