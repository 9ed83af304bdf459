"""The action declarations: stable ids, handlers that exist, all redo keys, and enabling by document, media, history."""
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from support import open_sample
from editor.ui.actions import ACTIONS, CONDITIONS, SPECS, ActionId, resolve
from editor.ui.shortcuts_dialog import ShortcutsDialog, action_label
from editor.ui.table.model import TEXT

ID_SHAPE = re.compile(r"(file|edit|playback|view|help)\.[a-z0-9_]+")


def test_ids_are_stable_strings_and_unique():
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))
    assert all(ID_SHAPE.fullmatch(action_id) for action_id in ids), ids
    assert ActionId.SAVE == "file.save" and ActionId.PLAY_PAUSE == "playback.play_pause"
    assert SPECS["edit.split"] is SPECS[ActionId.SPLIT]
    assert {spec.enabled_when for spec in ACTIONS} <= {None, *CONDITIONS}


def test_every_declared_handler_exists_on_the_window(window):
    missing = [spec.id for spec in ACTIONS if not callable(resolve(window, spec.handler))]
    assert not missing


def test_redo_answers_every_platform_key_and_ctrl_y(window):
    keys = window.actions[ActionId.REDO].shortcuts()
    assert QKeySequence("Ctrl+Y") in keys
    for standard in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
        assert standard in keys
    assert len(keys) == len(set(seq.toString() for seq in keys))


def test_redo_by_ctrl_y_and_by_the_standard_key(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    window.model.setData(window.model.index(2, TEXT), "Changed")
    window.table.setFocus()
    for sequence in window.actions[ActionId.REDO].shortcuts():
        window.undo_stack.undo()
        assert window.episode.entries[2].text != "Changed"
        combo = sequence[0]
        qtbot.keyClick(window.table, combo.key(), combo.keyboardModifiers())
        assert window.episode.entries[2].text == "Changed", sequence.toString()


def test_save_needs_a_document_and_play_needs_media(qtbot, window, episode_path, media_path):
    actions = window.actions
    assert not actions[ActionId.SAVE].isEnabled() and not actions[ActionId.SET_TIME].isEnabled()
    assert not actions[ActionId.PLAY_PAUSE].isEnabled() and not actions[ActionId.BACK_2].isEnabled()
    assert not actions[ActionId.UNDO].isEnabled() and not actions[ActionId.REDO].isEnabled()
    assert actions[ActionId.OPEN].isEnabled() and actions[ActionId.FASTER].isEnabled()
    open_sample(qtbot, window, episode_path)
    assert actions[ActionId.SAVE].isEnabled() and actions[ActionId.SET_TIME].isEnabled()
    assert not actions[ActionId.PLAY_PAUSE].isEnabled()
    window.model.setData(window.model.index(2, TEXT), "Changed")
    assert actions[ActionId.UNDO].isEnabled() and not actions[ActionId.REDO].isEnabled()
    actions[ActionId.UNDO].trigger()
    assert not actions[ActionId.UNDO].isEnabled() and actions[ActionId.REDO].isEnabled()
    window.open_media(media_path)
    qtbot.waitUntil(lambda: actions[ActionId.PLAY_PAUSE].isEnabled(), timeout=10000)
    assert actions[ActionId.PLAY_FROM_ROW].isEnabled() and actions[ActionId.FORWARD_10].isEnabled()


def test_a_disabled_play_key_does_nothing_without_media(qtbot, window, episode_path):
    open_sample(qtbot, window, episode_path)
    fired = []
    window.actions[ActionId.PLAY_PAUSE].triggered.connect(lambda *_: fired.append(True))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert fired == []


def test_menus_follow_the_declarations_with_their_separators(window):
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        name = menu_action.text().lstrip("&")
        expected = []
        for spec in (s for s in ACTIONS if s.menu == name):
            expected.append(spec.text)
            if spec.id == ActionId.OPEN:
                expected.append("Open &Recent")
            if spec.separator_after:
                expected.append("")
        shown = [action.text() for action in menu.actions()]
        assert shown == expected[:len(shown)] and len(expected) - len(shown) in (0, 1), name


def test_shortcut_dialog_lists_every_key_of_an_action(window):
    dialog = ShortcutsDialog(window.actions, window)
    rows = dict(dialog.rows())
    assert "Ctrl+Y" in rows[action_label(SPECS[ActionId.REDO].text)].split(", ")
    dialog.deleteLater()


def test_cell_editors_let_every_key_through_but_undo_and_redo(window):
    passthrough = {seq.toString() for seq in window.table.delegate.passthrough}
    for spec in ACTIONS:
        for seq in window.actions[spec.id].shortcuts():
            assert (seq.toString() in passthrough) == (spec.id not in (ActionId.UNDO, ActionId.REDO)), spec.id
