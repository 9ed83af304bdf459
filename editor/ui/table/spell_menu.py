"""The menu of an unknown word (context menu and Ctrl+.): suggestions, replace everywhere, add, ignore."""
from collections.abc import Callable

from PySide6.QtWidgets import QMenu

NO_SUGGESTIONS = "(no suggestions)"


def fill_spelling_menu(menu: QMenu, word: str, suggestions: list[str], *,
                       replace: Callable[[str], None],
                       replace_everywhere: Callable[[str], None] | None = None,
                       add_to_dictionary: Callable[[str], None] | None = None,
                       ignore: Callable[[str], None] | None = None) -> QMenu:
    """Add the actions for the unknown `word` to `menu` (above anything it holds) and return it.

    Choosing a suggestion calls `replace(suggestion)`; "Replace everywhere" offers the same suggestions and calls
    `replace_everywhere(suggestion)`; the last two call `add_to_dictionary(word)` and `ignore(word)`.
    Callbacks left out leave their entries out.
    """
    first = menu.actions()[0] if menu.actions() else None
    added = []
    for suggestion in suggestions:
        action = menu.addAction(suggestion)
        action.setObjectName("spelling-suggestion")
        action.triggered.connect(lambda _checked=False, s=suggestion: replace(s))
        added.append(action)
    if not suggestions:
        empty = menu.addAction(NO_SUGGESTIONS)
        empty.setEnabled(False)
        added.append(empty)
    if replace_everywhere is not None and suggestions:
        everywhere = QMenu(f"Replace \u201c{word}\u201d everywhere with", menu)
        for suggestion in suggestions:
            action = everywhere.addAction(suggestion)
            action.triggered.connect(lambda _checked=False, s=suggestion: replace_everywhere(s))
        added.append(menu.addMenu(everywhere))
    if add_to_dictionary is not None or ignore is not None:
        added.append(menu.addSeparator())
    if add_to_dictionary is not None:
        action = menu.addAction(f"Add \u201c{word}\u201d to dictionary")
        action.triggered.connect(lambda _checked=False: add_to_dictionary(word))
        added.append(action)
    if ignore is not None:
        action = menu.addAction(f"Ignore \u201c{word}\u201d in this episode")
        action.triggered.connect(lambda _checked=False: ignore(word))
        added.append(action)
    if first is not None:
        for action in added:
            menu.removeAction(action)
        menu.insertActions(first, added)
        menu.insertSeparator(first)
    return menu
