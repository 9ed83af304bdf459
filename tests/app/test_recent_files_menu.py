"""The Recent Files menu lists the settings' recent files and opens the chosen one."""
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from editor.ui.recent_files import RecentFilesMenu
from editor.ui.settings import Settings


def test_menu_lists_recent_files_and_opens_the_choice(tmp_path, qtbot):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    paths = []
    for name in ("a.md", "b&c.md", "gone.md"):
        path = tmp_path / name
        path.write_text("x")
        settings.add_recent_file(path)
        paths.append(str(path))
    (tmp_path / "gone.md").unlink()
    menu = QMenu()
    qtbot.addWidget(menu)
    opened = []
    RecentFilesMenu(menu, settings, opened.append)
    file_actions = [a for a in menu.actions() if a.data()]
    assert [a.data() for a in file_actions] == [paths[1], paths[0]]
    assert file_actions[0].text() == "&1 b&&c.md"
    file_actions[1].trigger()
    assert opened == [paths[0]]
    clear = next(a for a in menu.actions() if a.text() == "Clear Recent Files")
    clear.trigger()
    assert settings.recent_files() == []
    assert [a.text() for a in menu.actions()] == ["No recent files"]


def test_menu_refreshes_when_shown(tmp_path, qtbot):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    menu = QMenu()
    qtbot.addWidget(menu)
    RecentFilesMenu(menu, settings, lambda path: None)
    path = tmp_path / "new.md"
    path.write_text("x")
    settings.add_recent_file(path)
    menu.aboutToShow.emit()
    assert [a.data() for a in menu.actions() if a.data()] == [str(path)]
