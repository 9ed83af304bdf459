"""Listening preferences and user key bindings round-trip through a real ini file, and bad stored values are ignored."""
import pytest
from PySide6.QtCore import QSettings

from editor.ui.settings import KEY_OVERRIDES, Settings

LISTENING = {"resume_rewind_ms": 0, "skip_short_ms": 5000, "skip_long_ms": 30000, "rate_step": 0.25,
             "follow_pause_ms": 1500, "pause_while_typing": True, "typing_resume_ms": 800}


def make_settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def test_listening_preferences_have_todays_behaviour_as_defaults(tmp_path):
    settings = make_settings(tmp_path)
    assert (settings.resume_rewind_ms, settings.skip_short_ms, settings.skip_long_ms) == (1000, 2000, 10000)
    assert settings.rate_step == 0.1 and settings.pause_while_typing is False
    assert all(Settings.default(name) == getattr(settings, name) for name in LISTENING)


def test_listening_preferences_round_trip_typed_and_reset_to_defaults(tmp_path):
    settings = make_settings(tmp_path)
    for name, value in LISTENING.items():
        setattr(settings, name, value)
    settings.sync()
    again = make_settings(tmp_path)
    for name, value in LISTENING.items():
        assert getattr(again, name) == value and type(getattr(again, name)) is type(value), name
    again.reset("skip_short_ms")
    assert again.skip_short_ms == 2000 and again.skip_long_ms == 30000


def test_key_overrides_round_trip_through_the_file(tmp_path):
    overrides = {"playback.play_pause": ["F9", "Ctrl+Space", "Media Play"], "edit.split": [],
                 "edit.find_next": ["Ctrl+;", "Ctrl+,"]}
    settings = make_settings(tmp_path)
    settings.set_key_overrides(overrides)
    settings.sync()
    assert make_settings(tmp_path).key_overrides() == overrides
    settings.set_key_overrides({})
    settings.sync()
    assert make_settings(tmp_path).key_overrides() == {}
    assert KEY_OVERRIDES.split("/")[0] not in (tmp_path / "s.ini").read_text()


@pytest.mark.parametrize("stored", ["not json", "[1, 2]", '{"edit.split": "Ctrl+K"}'])
def test_damaged_key_overrides_are_ignored(tmp_path, stored):
    settings = make_settings(tmp_path)
    settings.store.setValue(KEY_OVERRIDES, stored)
    assert settings.key_overrides() == {}
