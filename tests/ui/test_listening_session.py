"""The end-to-end listening session, driven only by key presses on the real player and the real sample media."""
import difflib
import math
import shutil

import yaml
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from support import SAMPLE, open_sample
from editor.document import Episode
from editor.player import PlaybackState
from editor.ui.actions import ActionId
from editor.ui.table.delegates import TextCellEditor
from support import on_real_backends

RETIMED = 2                    # "Today I am talking with Tomas..." spoken from 6.38 s; the copy times it wrongly
FIXED = 9                      # "...land on the lavender pots." transcribed as "lavendar" in the copy
HEADER_BEFORE = 8              # "Do the neighbours worry about stings?" gets a chapter header above it


def press(qtbot, sequence):
    """Press one key sequence (text like "Ctrl+T" or a QKeySequence) on whatever has keyboard focus."""
    combo = QKeySequence(sequence)[0]
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def go_to_row(qtbot, window, row):
    """Arrow keys up or down until `row` is current."""
    while window.current_row() != row:
        press(qtbot, "Down" if window.current_row() < row else "Up")


def mistranscribed_copy(tmp_path):
    """The sample episode with one wrong time and one misheard word, as a first-draft transcript has."""
    text = (SAMPLE / "sample-episode.md").read_text(encoding="utf-8")
    draft = text.replace("  sec: 6\n  time: '0:06'\n", "  sec: 9\n  time: '0:09'\n", 1).replace(
        "lavender", "lavendar", 1)
    assert draft.count("lavendar") == 1 and "sec: 9\n" in draft
    folder = tmp_path / "draft"
    folder.mkdir()
    path = folder / "sample-episode.md"
    path.write_text(draft, encoding="utf-8")
    shutil.copy(SAMPLE / "sample-episode.mp3", folder / "sample-episode.mp3")
    return path


@on_real_backends
def test_listening_session_by_keyboard(qtbot, window, tmp_path, sentence_starts):
    path = mistranscribed_copy(tmp_path)
    original = path.read_text(encoding="utf-8")
    before = Episode.load(path)
    start = dict(sentence_starts)[RETIMED]
    open_sample(qtbot, window, path, path.with_suffix(".mp3"))
    player = window.player
    window.table.setFocus()

    # listen: skip ahead 4 s, play, and wait until the sentence of the mistimed row has started
    press(qtbot, "Alt+Right")
    press(qtbot, "Alt+Right")
    qtbot.waitUntil(lambda: player.position() >= 3900, timeout=5000)
    press(qtbot, "Ctrl+Space")
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: player.position() >= start * 1000, timeout=15000)
    qtbot.waitUntil(lambda: window.current_row() == window.model.playing_row >= 0, timeout=3000)  # follow is on
    go_to_row(qtbot, window, RETIMED)
    press(qtbot, "Ctrl+T")
    heard_until = player.position()
    retimed = window.episode.entries[RETIMED]
    assert math.floor(start) <= retimed.sec <= heard_until // 1000
    assert retimed.time == f"0:{retimed.sec:02d}"

    # pause, fix the misheard word inside its cell
    press(qtbot, "Ctrl+Space")
    qtbot.waitUntil(lambda: player.state() != PlaybackState.PLAYING, timeout=5000)
    go_to_row(qtbot, window, FIXED)
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextCellEditor), timeout=3000)
    misheard = window.episode.entries[FIXED].text
    press(qtbot, "Ctrl+Home")
    for _ in range(misheard.index("lavendar") + 7):
        press(qtbot, "Right")
    press(qtbot, "Backspace")
    qtbot.keyClicks(QApplication.focusWidget(), "e")
    press(qtbot, "Return")
    assert window.episode.entries[FIXED].text == misheard.replace("lavendar", "lavender")

    # add a chapter header above a row; its title editor opens at once
    go_to_row(qtbot, window, HEADER_BEFORE)
    press(qtbot, "Ctrl+Shift+H")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextCellEditor), timeout=3000)
    qtbot.keyClicks(QApplication.focusWidget(), "Neighbours")
    press(qtbot, "Return")
    assert window.episode.entries[HEADER_BEFORE].is_header
    assert window.episode.entries[HEADER_BEFORE].text == "Neighbours"
    edited = window.episode.dumps()

    # undo the title and the header, then redo both
    undo = window.actions[ActionId.UNDO].shortcut()
    redo = window.actions[ActionId.REDO].shortcut()
    press(qtbot, undo)
    assert window.episode.entries[HEADER_BEFORE].text == ""
    press(qtbot, undo)
    assert not window.episode.entries[HEADER_BEFORE].is_header
    press(qtbot, redo)
    press(qtbot, redo)
    assert window.episode.dumps() == edited

    press(qtbot, "Ctrl+S")
    assert not window.isWindowModified()
    saved = path.read_text(encoding="utf-8")
    assert saved == edited

    # exactly the retimed entry, the fixed entry and the new header differ from the original
    lines = original.splitlines(keepends=True)
    touched = {line for index in (RETIMED, FIXED)
               for line in range(before.entry_line(index), before.entry_line(index + 1))}
    inserted = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=lines, b=saved.splitlines(keepends=True)).get_opcodes():
        if tag == "equal":
            continue
        assert set(range(i1 + 1, i2 + 1)) <= touched, f"unexpected change of original lines {i1 + 1}-{i2}"
        inserted += saved.splitlines(keepends=True)[j1:j2]
    assert "- header: Neighbours\n" in inserted

    data = yaml.safe_load(saved.split("---\n")[1])
    transcript = data["transcript"]
    assert transcript[HEADER_BEFORE] == {"header": "Neighbours"}
    assert transcript[RETIMED]["sec"] == retimed.sec and transcript[RETIMED]["time"] == retimed.time
    assert "lavender pots" in transcript[FIXED + 1]["line"]
    untouched = [i for i in range(len(before.entries)) if i not in (RETIMED, FIXED)]
    reread = Episode.load(path)
    for index in untouched:
        assert reread.entries[index + (index >= HEADER_BEFORE)] == before.entries[index]
