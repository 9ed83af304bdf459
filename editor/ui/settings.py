"""User preferences, recent files, remembered media and window layout, stored in a QSettings the caller passes in."""
from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

MAX_RECENT_FILES = 10
MAX_REMEMBERED_MEDIA = 200
KEY_OVERRIDES = "shortcuts/overrides"

# Every preference, declared once: (name, type, default). Settings exposes each as a typed property.
PREFERENCES: tuple[tuple[str, type, object], ...] = (
    ("follow_playback", bool, True),
    ("rate", float, 1.0),
    ("volume", int, 80),
    ("backend", str, "auto"),
    ("resume_rewind_ms", int, 1000),
    ("follow_pause_ms", int, 4000),
    ("skip_short_ms", int, 2000),
    ("skip_long_ms", int, 10000),
    ("rate_step", float, 0.1),
    ("pause_while_typing", bool, False),
    ("typing_resume_ms", int, 2000),
    ("snap_window_ms", int, 1000),
    ("backup_mode", str, "datadir"),
)


def _to_bool(value) -> bool:
    """QSettings ini files hand bools back as the strings 'true'/'false'."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _to_list(value) -> list[str]:
    """A QSettings string list, which an ini file returns as None, one str, or a list."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def _normal_path(path) -> str:
    """An absolute, normalised path string, the key every path is stored under."""
    return os.path.normpath(os.path.abspath(os.fspath(path)))


class _Preference:
    """A typed property over one preference of the declaration table."""

    def __init__(self, name: str, kind: type, default):
        self.key = f"preferences/{name}"
        self.kind = kind
        self.default = default

    def __get__(self, settings, owner=None):
        if settings is None:
            return self
        raw = settings.store.value(self.key, self.default)
        try:
            return _to_bool(raw) if self.kind is bool else self.kind(raw)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, settings, value):
        settings.store.setValue(self.key, self.kind(value))


def _declare_preferences(cls):
    """Give `cls` one typed property per row of PREFERENCES."""
    for name, kind, default in PREFERENCES:
        setattr(cls, name, _Preference(name, kind, default))
    return cls


@_declare_preferences
class Settings:
    """Typed preferences plus recent files, media remembered per episode and the last session."""

    def __init__(self, store: QSettings):
        self.store = store

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.store.sync()

    @staticmethod
    def default(name: str):
        """The declared default of preference `name`."""
        return getattr(Settings, name).default

    def reset(self, name: str) -> None:
        """Forget the stored value of preference `name`, so it reads as its default."""
        self.store.remove(getattr(Settings, name).key)

    # keys the user bound to actions, by stable action id
    def key_overrides(self) -> dict[str, list[str]]:
        """{action id: its keys in portable text} for every action whose keys the user changed ([] = no keys)."""
        try:
            data = json.loads(self.store.value(KEY_OVERRIDES, "{}"))
        except (TypeError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(action_id): [str(key) for key in keys] for action_id, keys in data.items()
                if isinstance(keys, list)}

    def set_key_overrides(self, overrides: dict[str, list[str]]) -> None:
        """Store the user's key bindings (only the actions that differ from their defaults); {} forgets them all."""
        if overrides:
            self.store.setValue(KEY_OVERRIDES, json.dumps(overrides, sort_keys=True))
        else:
            self.store.remove(KEY_OVERRIDES)

    # recent files
    def recent_files(self) -> list[str]:
        """Recently opened files that still exist, most recent first."""
        return [path for path in _to_list(self.store.value("recent/files")) if os.path.isfile(path)]

    def add_recent_file(self, path) -> None:
        """Put `path` first in the recent files (deduplicated, at most MAX_RECENT_FILES)."""
        path = _normal_path(path)
        files = [path] + [p for p in _to_list(self.store.value("recent/files")) if p != path]
        self.store.setValue("recent/files", files[:MAX_RECENT_FILES])

    def clear_recent_files(self) -> None:
        """Forget every recent file."""
        self.store.remove("recent/files")

    # media remembered per episode
    def _media_map(self) -> dict[str, str]:
        try:
            data = json.loads(self.store.value("media/by_episode", "{}"))
        except (TypeError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def media_for(self, episode_path) -> str | None:
        """The media file last used with this episode, if any."""
        return self._media_map().get(_normal_path(episode_path))

    def remember_media(self, episode_path, media_path) -> None:
        """Remember `media_path` as the media of this episode (None forgets it)."""
        data = self._media_map()
        key = _normal_path(episode_path)
        data.pop(key, None)
        if media_path is not None:
            data[key] = _normal_path(media_path)
        items = list(data.items())[-MAX_REMEMBERED_MEDIA:]
        self.store.setValue("media/by_episode", json.dumps(dict(items)))

    # last session
    def last_session(self) -> dict | None:
        """{"file", "media", "row", "position_ms"} of the last session, or None when there was none."""
        file = self.store.value("session/file")
        if not file:
            return None
        media = self.store.value("session/media") or None
        try:
            row = int(self.store.value("session/row", 0))
            position_ms = int(self.store.value("session/position_ms", 0))
        except (TypeError, ValueError):
            row, position_ms = 0, 0
        return {"file": str(file), "media": media and str(media), "row": row, "position_ms": position_ms}

    def set_last_session(self, **fields) -> None:
        """Update fields of the last session (file, media, row, position_ms); file=None clears it."""
        unknown = set(fields) - {"file", "media", "row", "position_ms"}
        if unknown:
            raise TypeError(f"unknown session fields: {', '.join(sorted(unknown))}")
        if "file" in fields and fields["file"] is None:
            self.store.remove("session")
            return
        for name, value in fields.items():
            if name in ("file", "media"):
                value = "" if value is None else _normal_path(value)
            else:
                value = int(value)
            self.store.setValue(f"session/{name}", value)


def _child_key(widget: QWidget, index: int) -> str:
    """How a child widget is named in the store: its objectName, else its position among its kind."""
    return widget.objectName() or f"#{index}"


class UiState:
    """Window geometry, window state, splitter sizes and table column widths, kept apart from preferences."""

    GROUP = "ui"

    def __init__(self, store: QSettings):
        self.store = store

    def _key(self, window: QWidget, name: str) -> str:
        return f"{self.GROUP}/{window.objectName() or 'main'}/{name}"

    def save(self, window: QWidget) -> None:
        """Store the layout of `window` and of its splitters and table headers."""
        self.store.setValue(self._key(window, "geometry"), window.saveGeometry())
        if isinstance(window, QMainWindow):
            self.store.setValue(self._key(window, "state"), window.saveState())
        for index, splitter in enumerate(window.findChildren(QSplitter)):
            self.store.setValue(self._key(window, f"splitter/{_child_key(splitter, index)}"), splitter.saveState())
        for index, header in enumerate(self._headers(window)):
            widths = [header.sectionSize(i) for i in range(header.count())]
            self.store.setValue(self._key(window, f"columns/{_child_key(header.parentWidget(), index)}"),
                                json.dumps(widths))

    def restore(self, window: QWidget) -> bool:
        """Apply a stored layout to `window`; False when nothing was stored."""
        geometry = self.store.value(self._key(window, "geometry"))
        if geometry is None:
            return False
        window.restoreGeometry(QByteArray(geometry))
        state = self.store.value(self._key(window, "state"))
        if state is not None and isinstance(window, QMainWindow):
            window.restoreState(QByteArray(state))
        for index, splitter in enumerate(window.findChildren(QSplitter)):
            saved = self.store.value(self._key(window, f"splitter/{_child_key(splitter, index)}"))
            if saved is not None:
                splitter.restoreState(QByteArray(saved))
        for index, header in enumerate(self._headers(window)):
            saved = self.store.value(self._key(window, f"columns/{_child_key(header.parentWidget(), index)}"))
            try:
                widths = json.loads(saved) if saved else []
            except (TypeError, ValueError):
                widths = []
            for column, width in enumerate(widths[: header.count()]):
                if header.sectionResizeMode(column) != QHeaderView.Stretch:
                    header.resizeSection(column, int(width))
        return True

    @staticmethod
    def _headers(window: QWidget) -> list[QHeaderView]:
        """Horizontal headers of the window's table views."""
        return [header for header in window.findChildren(QHeaderView)
                if header.orientation() == Qt.Horizontal and header.parentWidget() is not None]


def default_store() -> QSettings:
    """The per-user settings file of the app."""
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "transcript-editor", "transcript-editor")

