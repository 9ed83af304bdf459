"""Preferences through the real window: rebound keys (in cell editors, after a restart), media keys, and each
listening preference changing the behaviour it names."""
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from support import close_main_window, make_player, on_real_backends, open_sample, show_main_window
from editor.player import PlaybackState
from editor.ui.actions import SPECS, ActionId, default_keys
from editor.ui.main_window import MainWindow
from editor.ui.preferences.dialog import PreferencesDialog
from editor.ui.settings import Settings
from editor.ui.shortcuts_dialog import ShortcutsDialog
from editor.ui.table.delegates import TextCellEditor
from editor.ui.table.model import TEXT

LINE_ROW = 2            # a spoken, timed line of the sample
Mod = Qt.KeyboardModifier
ALT, SHIFT, CTRL = Mod.AltModifier, Mod.ShiftModifier, Mod.ControlModifier
OK = QDialogButtonBox.StandardButton.Ok


def press(qtbot, widget, sequence):
    """Press one key sequence (text like "Ctrl+T") on `widget` as a user would."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def open_text_editor(qtbot, window, row=LINE_ROW):
    window.table.edit_row(row, TEXT)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextCellEditor), timeout=3000)
    return QApplication.focusWidget()


def open_dialog(qtbot, window) -> PreferencesDialog:
    """Edit > Preferences, shown without its modal loop so the test can act on it."""
    dialog = window.preferences.dialog()
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def rebind(qtbot, dialog: PreferencesDialog, action_id, key: str) -> None:
    """On the Shortcuts page: remove every key of the action, then record `key` as the user would."""
    editor = dialog.shortcuts
    dialog.tabs.setCurrentWidget(editor)
    editor.select(action_id)
    for _ in range(editor.keys_list.count()):
        editor.keys_list.setCurrentRow(0)
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    press(qtbot, editor.recorder, key)
    assert [seq.toString() for seq in editor.bindings()[action_id]] == [key]


def press_ok(qtbot, dialog):
    """OK, then the window is active again as after the modal dialog."""
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert dialog.isHidden()
    window = dialog.parentWidget()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def set_preferences(qtbot, window, **values):
    """Change listening preferences in the dialog and press OK."""
    dialog = open_dialog(qtbot, window)
    for name, value in values.items():
        dialog.set_value(name, value)
    press_ok(qtbot, dialog)


def when_modal(kind, action):
    """Run `action(dialog)` on the next modal dialog of type `kind` once it shows."""
    def act():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            action(dialog)
        else:
            QTimer.singleShot(20, act)
    QTimer.singleShot(0, act)


def settle_at(qtbot, player, ms):
    qtbot.waitUntil(lambda: abs(player.position() - ms) < 150, timeout=5000)


def test_a_rebound_key_works_in_a_cell_editor_and_survives_a_restart(qtbot, window, settings, episode_path):
    dialog = open_dialog(qtbot, window)
    rebind(qtbot, dialog, ActionId.SPLIT, "Ctrl+Alt+J")
    press_ok(qtbot, dialog)
    assert settings.key_overrides() == {"edit.split": ["Ctrl+Alt+J"]}

    open_sample(qtbot, window, episode_path)
    original = window.episode.entries[LINE_ROW].text
    editor = open_text_editor(qtbot, window)
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    for _ in range(6):
        qtbot.keyClick(editor, Qt.Key.Key_Right)
    press(qtbot, editor, "Ctrl+Shift+K")               # the old key: no longer a split, and types nothing
    assert len(window.episode.entries[LINE_ROW].text) == len(original) and window.undo_stack.count() == 0
    press(qtbot, editor, "Ctrl+Alt+J")
    assert window.episode.entries[LINE_ROW].text == original[:5]
    assert window.undo_stack.count() == 1

    window.undo_stack.setClean()
    window.hide()
    settings.sync()
    again = MainWindow(Settings(QSettings(settings.store.fileName(), QSettings.Format.IniFormat)), make_player())
    try:
        show_main_window(qtbot, again)
        assert [seq.toString() for seq in again.actions[ActionId.SPLIT].shortcuts()] == ["Ctrl+Alt+J"]
        assert QKeySequence("Ctrl+Alt+J") in again.table.delegate.passthrough
        assert QKeySequence("Ctrl+Shift+K") not in again.table.delegate.passthrough
        open_sample(qtbot, again, episode_path)
        editor = open_text_editor(qtbot, again)
        press(qtbot, editor, "Ctrl+Alt+J")
        assert again.undo_stack.count() == 1 and len(again.episode.entries) == len(window.episode.entries)
    finally:
        close_main_window(qtbot, again)
        window.show()


def test_cell_editors_let_through_a_new_play_key_and_keep_a_freed_one(qtbot, window, episode_path, media_path):
    dialog = open_dialog(qtbot, window)
    rebind(qtbot, dialog, ActionId.PLAY_PAUSE, "F9")
    press_ok(qtbot, dialog)
    open_sample(qtbot, window, episode_path, media_path)
    editor = open_text_editor(qtbot, window)
    before = editor.text()
    press(qtbot, editor, "F9")
    assert window.player.state() == PlaybackState.PLAYING
    press(qtbot, editor, "Ctrl+Space")                 # freed: the editor gets it, playback goes on
    assert window.player.state() == PlaybackState.PLAYING
    assert editor.text() == before


def test_conflicts_are_shown_and_block_ok_until_resolved(qtbot, window, settings):
    dialog = open_dialog(qtbot, window)
    editor = dialog.shortcuts
    editor.select(ActionId.PLAY_PAUSE)
    press(qtbot, editor.recorder, "Ctrl+T")
    assert editor.conflicts() == {"Ctrl+T": [ActionId.SET_TIME, ActionId.PLAY_PAUSE]}
    assert not dialog.buttons.button(OK).isEnabled()
    assert not editor.conflict_label.isHidden()
    message = editor.conflict_label.text()
    assert "Set Row Time from Playhead" in message and "Play / Pause" in message
    editor.select(ActionId.SET_TIME)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.conflicts() == {} and dialog.buttons.button(OK).isEnabled() and editor.conflict_label.isHidden()
    press_ok(qtbot, dialog)
    assert QKeySequence("Ctrl+T") in window.actions[ActionId.PLAY_PAUSE].shortcuts()
    assert window.actions[ActionId.SET_TIME].shortcuts() == []
    assert settings.key_overrides() == {"edit.set_time": [], "playback.play_pause": [
        *(seq.toString() for seq in default_keys(SPECS[ActionId.PLAY_PAUSE])), "Ctrl+T"]}


def test_cancel_changes_nothing_and_reset_all_forgets_the_overrides(qtbot, window, settings):
    dialog = open_dialog(qtbot, window)
    rebind(qtbot, dialog, ActionId.FIND_NEXT, "F10")
    dialog.set_value("skip_short_ms", 7000)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert window.actions[ActionId.FIND_NEXT].shortcuts() == [QKeySequence("Ctrl+G")]
    assert settings.skip_short_ms == 2000 and settings.key_overrides() == {}

    dialog = open_dialog(qtbot, window)
    rebind(qtbot, dialog, ActionId.FIND_NEXT, "F10")
    press_ok(qtbot, dialog)
    assert settings.key_overrides() == {"edit.find_next": ["F10"]}
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.shortcuts.reset_all_button, Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)
    assert window.actions[ActionId.FIND_NEXT].shortcuts() == [QKeySequence("Ctrl+G")]
    assert settings.key_overrides() == {} and not settings.store.contains("shortcuts/overrides")


def test_a_users_key_wins_over_another_actions_default(window):
    registry = window.actions
    registry.apply_overrides({"playback.play_pause": ["F8"], "no.such_action": ["F12"]})
    assert registry.keys(ActionId.PLAY_PAUSE) == [QKeySequence("F8")]
    assert QKeySequence("F8") not in registry.keys(ActionId.NEXT_PROBLEM)
    assert registry.overrides() == {"playback.play_pause": ["F8"], "edit.next_problem": []}
    assert QKeySequence("F8") in window.table.delegate.passthrough
    assert QKeySequence("Ctrl+Space") not in window.table.delegate.passthrough


def test_media_keys_play_pause_and_step_by_the_long_skip(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    player, table = window.player, window.table
    qtbot.keyClick(table, Qt.Key.Key_MediaTogglePlayPause)
    assert player.state() == PlaybackState.PLAYING
    qtbot.keyClick(table, Qt.Key.Key_MediaPause)
    assert player.state() == PlaybackState.PAUSED
    qtbot.keyClick(table, Qt.Key.Key_MediaPlay)
    assert player.state() == PlaybackState.PLAYING
    qtbot.keyClick(table, Qt.Key.Key_MediaPause)
    player.seek(30000)
    settle_at(qtbot, player, 30000)
    qtbot.keyClick(table, Qt.Key.Key_MediaPrevious)
    settle_at(qtbot, player, 20000)
    qtbot.keyClick(table, Qt.Key.Key_MediaNext)
    qtbot.keyClick(table, Qt.Key.Key_MediaNext)
    settle_at(qtbot, player, 40000)


def test_skip_steps_follow_the_preferences_and_name_them(qtbot, window, episode_path, media_path):
    set_preferences(qtbot, window, skip_short_ms=5000, skip_long_ms=30000)
    assert window.actions[ActionId.FORWARD_2].text() == "Forward 5 s"
    assert window.actions[ActionId.BACK_10].text() == "Back 30 s"
    assert window.transport.back_button.toolTip() == "Back 5 s (Alt+Left)"
    open_sample(qtbot, window, episode_path, media_path)
    player, table = window.player, window.table
    player.seek(40000)
    settle_at(qtbot, player, 40000)
    qtbot.keyClick(table, Qt.Key.Key_Right, ALT)
    settle_at(qtbot, player, 45000)
    qtbot.keyClick(table, Qt.Key.Key_Left, ALT | SHIFT)
    settle_at(qtbot, player, 15000)
    qtbot.mouseClick(window.transport.forward_button, Qt.MouseButton.LeftButton)
    settle_at(qtbot, player, 20000)


def test_speed_keys_step_by_the_preference(qtbot, window, episode_path, media_path):
    set_preferences(qtbot, window, rate_step=0.25)
    open_sample(qtbot, window, episode_path, media_path)
    qtbot.keyClick(window.table, Qt.Key.Key_F4)
    assert window.player.rate() == pytest.approx(1.25)
    qtbot.keyClick(window.table, Qt.Key.Key_F3)
    qtbot.keyClick(window.table, Qt.Key.Key_F3)
    assert window.player.rate() == pytest.approx(0.75)
    assert window.transport.speed.singleStep() == pytest.approx(0.25)


@pytest.mark.parametrize("rewind_ms", [0, 3000])
def test_resume_rewinds_by_the_preference(qtbot, window, episode_path, media_path, rewind_ms):
    set_preferences(qtbot, window, resume_rewind_ms=rewind_ms)
    open_sample(qtbot, window, episode_path, media_path)
    player = window.player
    player.seek(10000)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    player.advance(2000)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    assert player.state() == PlaybackState.PAUSED and player.position() == pytest.approx(12000, abs=1)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    assert player.state() == PlaybackState.PLAYING
    assert player.position() == pytest.approx(12000 - rewind_ms, abs=1)


@pytest.mark.parametrize("pause_s, follows", [(0, True), (60, False)])
def test_follow_waits_the_preferred_pause_after_manual_navigation(qtbot, window, episode_path, media_path,
                                                                  pause_s, follows):
    set_preferences(qtbot, window, follow_pause_ms=pause_s * 1000)
    open_sample(qtbot, window, episode_path, media_path)
    player = window.player
    player.seek(window.episode.entries[LINE_ROW].sec * 1000)
    player.play()
    player.advance(250)
    assert window.model.playing_row == window.current_row() == LINE_ROW
    window.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_row() == LINE_ROW + 3
    player.advance(250)
    assert window.current_row() == (LINE_ROW if follows else LINE_ROW + 3)


def test_typing_does_not_pause_by_default(qtbot, window, episode_path, media_path):
    open_sample(qtbot, window, episode_path, media_path)
    editor = open_text_editor(qtbot, window)
    window.player.play()
    qtbot.keyClicks(editor, "ab")
    assert window.player.state() == PlaybackState.PLAYING


@on_real_backends
def test_typing_pauses_playback_and_a_quiet_spell_resumes_it(qtbot, window, episode_path, media_path):
    set_preferences(qtbot, window, pause_while_typing=True, typing_resume_ms=600, resume_rewind_ms=0)
    open_sample(qtbot, window, episode_path, media_path)
    player, typing = window.player, window.preferences.typing_pause
    window.follower.enabled = False                  # the row stays where the user types
    editor = open_text_editor(qtbot, window)
    player.play()
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING and player.position() > 300, timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PAUSED, timeout=5000)
    assert typing.is_holding() and editor.text().endswith("x")
    paused_at = player.position()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)      # another keystroke: still paused, the countdown restarts
    assert player.state() == PlaybackState.PAUSED
    qtbot.waitUntil(lambda: player.state() == PlaybackState.PLAYING, timeout=5000)
    assert not typing.is_holding()
    assert player.position() >= paused_at - 150      # no rewind asked: on from where it paused
    qtbot.keyClick(editor, Qt.Key.Key_Left)           # moving the text cursor is not typing
    assert player.state() == PlaybackState.PLAYING


def test_a_pause_by_hand_is_not_resumed_by_the_typing_timer(qtbot, window, episode_path, media_path, settings):
    settings.pause_while_typing, settings.typing_resume_ms = True, 50
    open_sample(qtbot, window, episode_path, media_path)
    editor = open_text_editor(qtbot, window)
    window.player.play()
    qtbot.keyClick(editor, Qt.Key.Key_X)
    assert window.player.state() == PlaybackState.PAUSED
    press(qtbot, editor, "Ctrl+Space")               # the user plays and pauses by hand
    press(qtbot, editor, "Ctrl+Space")
    typing = window.preferences.typing_pause
    assert window.player.state() == PlaybackState.PAUSED and not typing.is_holding()
    qtbot.wait(150)                                   # past the typing timer: nothing may resume
    assert window.player.state() == PlaybackState.PAUSED


def test_restore_defaults_shows_the_declared_defaults(qtbot, window, settings):
    settings.skip_short_ms, settings.pause_while_typing = 4500, True
    dialog = open_dialog(qtbot, window)
    assert dialog.value("skip_short_ms") == 4500 and dialog.value("pause_while_typing") is True
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults),
                     Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)
    assert settings.skip_short_ms == 2000 and settings.pause_while_typing is False


def test_edit_preferences_opens_the_dialog_from_the_menu_key(qtbot, window):
    shown = []
    when_modal(PreferencesDialog, lambda dialog: (shown.append(dialog.windowTitle()), dialog.reject()))
    press(qtbot, window.table, window.actions[ActionId.PREFERENCES].shortcut().toString())
    assert shown == ["Preferences"]


def test_the_shortcut_filter_finds_actions_by_name_and_key(qtbot, window):
    editor = open_dialog(qtbot, window).shortcuts
    editor.filter.setText("F8")
    assert editor.shown_ids() == [ActionId.NEXT_PROBLEM, ActionId.PREVIOUS_PROBLEM]
    editor.filter.setText("media next")
    assert editor.shown_ids() == [ActionId.FORWARD_10]
    editor.filter.clear()
    assert len(editor.shown_ids()) == len(SPECS)


def test_the_shortcut_list_leads_to_the_key_editor(qtbot, window):
    pages = []

    def change_keys(dialog):
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Change Keys…")
        when_modal(PreferencesDialog, lambda prefs: (pages.append(prefs.tabs.currentWidget() is prefs.shortcuts),
                                                     prefs.reject()))
        button.click()
    when_modal(ShortcutsDialog, change_keys)
    window.actions[ActionId.SHORTCUTS].trigger()
    assert pages == [True]
