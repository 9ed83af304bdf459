"""The layers depend one way: document <- audio, player <- ui; nothing imports ui, document imports no Qt or vlc."""
import ast
from pathlib import Path

import pytest

EDITOR = Path(__file__).resolve().parent.parent / "editor"

FORBIDDEN = {
    "document": ("PySide6", "shiboken6", "vlc", "editor.player", "editor.ui", "editor.app"),
    "audio": ("PySide6", "shiboken6", "vlc", "editor.player", "editor.ui", "editor.app"),
    "player": ("PySide6.QtWidgets", "PySide6.QtMultimediaWidgets", "editor.ui", "editor.app", "editor.document"),
}
# The player owns exactly one widget module: the video surface it renders into.
PLAYER_WIDGET_MODULES = {"video.py"}
WIDGET_PACKAGES = ("PySide6.QtWidgets", "PySide6.QtMultimediaWidgets")


def imported_modules(path: Path, package: str | None = None) -> list[str]:
    """Absolute module names a Python file imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = ".".join(path.relative_to(EDITOR.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append(module)
    return names


def python_files(layer: str) -> list[Path]:
    return sorted((EDITOR / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer):
    files = python_files(layer)
    assert files, f"editor/{layer} has no modules"
    offenders = []
    for path in files:
        for module in imported_modules(path):
            for banned in FORBIDDEN[layer]:
                if banned in WIDGET_PACKAGES and path.name in PLAYER_WIDGET_MODULES:
                    continue
                if module == banned or module.startswith(banned + "."):
                    offenders.append(f"{path.relative_to(EDITOR.parent)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_nothing_outside_ui_imports_ui():
    offenders = [
        f"{path.relative_to(EDITOR.parent)} imports {module}"
        for path in EDITOR.rglob("*.py")
        if "ui" not in path.relative_to(EDITOR).parts[:1] and path.name != "app.py"
        for module in imported_modules(path)
        if module == "editor.ui" or module.startswith("editor.ui.")
    ]
    assert not offenders, "\n".join(offenders)


def test_checker_resolves_absolute_and_relative_imports(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text("from PySide6 import QtCore\nimport vlc\nfrom ..ui import window\n", encoding="utf-8")
    assert imported_modules(sample, package="editor.document") == ["PySide6", "vlc", "editor.ui"]


UI_SUBPACKAGES = ("table", "playback", "safety", "find", "panels", "timeline", "preferences")
UI_TOP = ("editor.ui.main_window", "editor.ui.edit_actions", "editor.app")
# Which other ui subpackages each subpackage may import. All may import the shared top modules
# (editor.ui.actions, editor.ui.settings, editor.ui.message_strip), never the window that composes them.
# table and playback are the base; safety replays the table's undo commands; the rest sit on table and playback.
UI_SIBLINGS_ALLOWED = {"table": (), "playback": (), "safety": ("table",), "find": ("table",),
                       "panels": ("table", "playback"), "timeline": ("table", "playback"),
                       "preferences": ("table", "playback")}


def ui_imports(subpackage: str) -> list[tuple[Path, str]]:
    return [(path, module) for path in python_files(f"ui/{subpackage}") for module in imported_modules(path)]


@pytest.mark.parametrize("subpackage", UI_SUBPACKAGES)
def test_ui_subpackages_import_only_downward(subpackage):
    allowed = UI_SIBLINGS_ALLOWED[subpackage]
    offenders = []
    for path, module in ui_imports(subpackage):
        where = path.relative_to(EDITOR.parent)
        if any(module == top or module.startswith(top + ".") for top in UI_TOP):
            offenders.append(f"{where} imports {module}")
        for sibling in UI_SUBPACKAGES:
            if sibling == subpackage or sibling in allowed:
                continue
            if module == f"editor.ui.{sibling}" or module.startswith(f"editor.ui.{sibling}."):
                offenders.append(f"{where} imports {module}")
    assert not offenders, "\n".join(offenders)

