"""A 100,000-entry episode through the real window: type while following, time edit, insert, delete, save, undo."""
import os

from PySide6.QtCore import Qt

from editor.document import format_time
from editor.ui.safety.install import install_safety
from editor.ui.table.model import TIME
from synthetic import write_long_episode

ENTRIES = int(os.environ.get("TRANSCRIPT_EDITOR_LONG_ENTRIES", "100000"))


def spoken_row(episode, position_ms):
    """The row spoken at `position_ms`, read from every entry: the last start at or before it, ties to the later."""
    best = (-1, -1)
    for row, entry in enumerate(episode.entries[:]):
        if entry.sec is not None and not entry.is_header and entry.sec * 1000 <= position_ms:
            best = max(best, (entry.sec * 1000, row))
    return best[1]


def changed_lines(before: str, after: str) -> tuple[list, list]:
    """The lines of `before` and `after` between their common beginning and common end."""
    old, new = before.splitlines(), after.splitlines()
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return old[start:len(old) - end], new[start:len(new) - end]


def play_at(window, player, row):
    """Play from a row's time and let 200 ms pass, so the window follows to it."""
    player.seek(window.episode.entries[row].sec * 1000)
    player.play()
    player.advance(200)


def test_long_episode_edits_while_following(qtbot, window, player, tmp_path, media_path):
    path = write_long_episode(tmp_path / "long.md", ENTRIES)
    original = path.read_text(encoding="utf-8")
    safety = install_safety(window, window.settings, tmp_path / "data")
    window.settings.follow_pause_ms = 0
    player.media_duration_ms = 10 ** 9
    assert window.open_file(path, media_path)
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=5000)
    episode, model, table = window.episode, window.model, window.table
    assert len(episode.entries) == ENTRIES
    row = next(r for r in range(ENTRIES // 2, ENTRIES) if not episode.entries[r].is_header
               and not episode.entries[r + 1].is_header)
    play_at(window, player, row)
    assert model.playing_row == row and table.current_row() == row

    # type into the spoken line while playback goes on: each keystroke is committed, the highlight moves on
    table.edit_row(row)
    editor = table.text_editor()
    assert editor is not None
    typed = " (checked)"
    for character in typed:
        qtbot.keyClick(editor, character)
        player.advance(1000)
        assert model.playing_row == spoken_row(episode, player.position())
    assert episode.entries[row].text.endswith(typed)
    assert table.text_editor() is editor                      # following never closes the open editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert table.text_editor() is None

    # a time edit moves a later line back to the playhead: being the later row, it is now the one spoken
    moved = next(r for r in range(row + 4, ENTRIES) if not episode.entries[r].is_header)
    assert model.edit(moved, TIME, format_time(player.position() // 1000))
    player.advance(100)
    assert model.playing_row == moved == spoken_row(episode, player.position())
    window.undo()
    player.advance(100)
    assert model.playing_row == spoken_row(episode, player.position()) != moved

    # insert a line below, then delete the row after it: the highlight stays on the spoken row
    table.select_row(row)
    window.edits.insert_line()
    assert episode.entries[row + 1].text == "" and episode.entries[row + 1].sec is None
    table.close_editor()
    player.advance(1000)
    assert model.playing_row == spoken_row(episode, player.position())
    table.select_row(row + 2)
    window.edits.delete_row()
    player.advance(1000)
    assert model.playing_row == spoken_row(episode, player.position())
    assert len(episode.entries) == ENTRIES

    # save: only the edited entries' lines change on disk
    assert window.save()
    saved = path.read_text(encoding="utf-8")
    assert saved == episode.dumps()
    old, new = changed_lines(original, saved)
    assert len(old) < 20 and len(new) < 20
    assert any(typed in line for line in new)
    assert safety.recovery.journal_file is None or not safety.recovery.journal_file.exists()

    # undo everything: the original text again, and the follower answers as a fresh reading of the entries
    while window.undo_stack.canUndo():
        window.undo()
    assert episode.dumps() == original
    player.advance(1000)
    position = player.position()
    assert model.playing_row == spoken_row(episode, position)
    for probe in (0, 5000, position, position + 60_000, 10 ** 9):
        assert window.follower.row_at(probe) == spoken_row(episode, probe)
