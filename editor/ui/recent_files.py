"""File > Recent Files: a QMenu refilled from Settings each time it opens."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from .settings import Settings


class RecentFilesMenu(QObject):
    """Fills `menu` with the recent files (numbered, most recent first) and calls `open_file(path)` on a choice.

    It is a child of `menu`, so it lives as long as the menu without the caller keeping a reference."""

    def __init__(self, menu: QMenu, settings: Settings, open_file: Callable[[str], object]):
        super().__init__(menu)
        self.menu = menu
        self.settings = settings
        self.open_file = open_file
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the menu from the settings (missing files are left out)."""
        self.menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            name = Path(path).name.replace("&", "&&")
            action = self.menu.addAction(f"&{number % 10} {name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if files:
            self.menu.addSeparator()
            self.menu.addAction("Clear Recent Files", self._clear)
        else:
            self.menu.addAction("No recent files").setEnabled(False)

    def _clear(self) -> None:
        self.settings.clear_recent_files()
        self.refresh()
