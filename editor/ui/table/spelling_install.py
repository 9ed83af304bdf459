"""Spell checking in the window: underlines in the table and its editor, F7 / Shift+F7, Ctrl+. and the context menu,
a checker loaded in the background after the first paint and told about the episode's names after edits.

The spelling code of the document layer is imported with the word lists or by a command, not at start.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu
from shiboken6 import isValid

from ..first_paint import AfterFirstPaint
from .model import TEXT
from .spell_highlight import replace_word, word_at

if TYPE_CHECKING:
    from editor.document.spelling import SpellChecker

EPISODE_WORDS_DELAY_MS = 1500      # after the last edit, the checker re-reads the episode's names this much later
DICTIONARY_NAME = "dictionary.txt"


def user_dictionary_path() -> Path:
    """The user's own words, one a line: `dictionary.txt` in the app's data folder (beside recovery and backups)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DICTIONARY_NAME


class WordLists(QObject):
    """The process's one background load of the English dictionary and the shipped list (about half a second).

    It outlives every window, so the loading thread never signals an object that is gone.
    """

    loaded = Signal()
    _instance: WordLists | None = None

    def __init__(self):
        super().__init__(QApplication.instance())
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    @classmethod
    def shared(cls) -> WordLists:
        """The one instance (made in the GUI thread on first use)."""
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def is_loaded(self) -> bool:
        """Whether both lists are in their caches."""
        return self._done.is_set()

    def start(self) -> None:
        """Begin loading in a background thread, once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="spelling word lists", daemon=True)
            self._thread.start()

    def wait(self) -> None:
        """Load now, or wait for the background load to finish."""
        self.start()
        self._thread.join()

    def _load(self) -> None:
        from editor.document.spelling.vocabulary import domain_words, general_words

        general_words()
        domain_words()
        self._done.set()
        self.loaded.emit()                        # queued to the GUI thread


class SpellingUi(QObject):
    """The spelling features of one window; `checker` is None until the word lists are loaded."""

    checkerChanged = Signal(object)     # the SpellChecker now in use (a new one per episode)

    def __init__(self, window, dictionary: Path):
        super().__init__(window)
        self.window = window
        self.dictionary = Path(dictionary)
        self.checker = None
        self._lists = WordLists.shared()
        # after a pause in editing, the checker re-reads the episode's names (speakers, recurring capitals)
        self.reread_timer = QTimer(self, singleShot=True, interval=EPISODE_WORDS_DELAY_MS)
        self.reread_timer.timeout.connect(self._reread_episode)
        self._lists.loaded.connect(self._lists_loaded)
        window.documentOpened.connect(self._document_opened)
        window.undo_stack.indexChanged.connect(self._edited)
        window.table.menu_providers.append(self.add_menu_entries)
        window.table.delegate.editor_menu_providers.append(self.add_editor_menu_entries)
        AfterFirstPaint(window.table.viewport(), self.start_loading)      # the cold start stays quick

    @property
    def table(self):
        return self.window.table

    # -- loading ----------------------------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Load the word lists in the background (the checker is made when they are in), or make it now."""
        if self._lists.is_loaded():
            self._lists_loaded()
        else:
            self._lists.start()

    def _lists_loaded(self) -> None:
        if self.checker is None:
            self._make_checker()

    def ensure_checker(self) -> SpellChecker:
        """The checker, made now (waiting for the word lists) when a command needs it before the background load."""
        if self.checker is None:
            self._lists.wait()
            self._make_checker()
        return self.checker

    def _make_checker(self) -> None:
        from editor.document.spelling import SpellChecker

        self.checker = SpellChecker(self.window.episode, user_dictionary=self.dictionary)
        self.table.delegate.spell_checker = self.checker
        self.checkerChanged.emit(self.checker)
        self.refresh()

    def _document_opened(self) -> None:
        if self.checker is not None:
            self._make_checker()                   # a fresh checker: names of this episode, nothing ignored

    def _edited(self, _index: int) -> None:
        if self.checker is not None:
            self.reread_timer.start()              # not per keystroke: once the user pauses

    def _reread_episode(self) -> None:
        if self.checker is not None and self.window.episode is not None:
            self.checker.use_episode(self.window.episode)
            self.refresh()

    def refresh(self) -> None:
        """Underline again what the checker now calls unknown, in the table and in an open editor."""
        self.table.viewport().update()
        editor = self.table.text_editor()
        highlighter = getattr(editor, "spell_highlighter", None)
        if highlighter is not None:
            highlighter.set_checker(self.checker)

    # -- commands ---------------------------------------------------------------------------------------------
    def go_to_unknown(self, backwards: bool = False) -> None:
        """F7 / Shift+F7: open the next / previous unknown word's cell with the word selected."""
        if self.window.episode is None:
            return
        from .spell_navigation import go_to_unknown        # loaded on first use, not at start

        found = go_to_unknown(self.table, self.ensure_checker(), backwards)
        if found is None:
            self.window.show_status("No unknown words in this episode.")
        else:
            self.window.show_status(f"Row {found[0] + 1}: unknown word \u201c{found[3]}\u201d (Ctrl+. for suggestions)")

    def word_to_correct(self) -> tuple[int, int, int, str] | None:
        """(row, start, end, word): the unknown word at the open editor's cursor, else the first of the row."""
        row, checker = self.window.current_row(), self.ensure_checker()
        if self.window.episode is None or row < 0:
            return None
        editor = self.table.text_editor()
        text = editor.text() if editor is not None else self.window.episode.entries[row].text
        found = word_at(editor, checker) if editor is not None else None
        if found is None:
            unknown = checker.unknown_words(text)
            found = unknown[0] if unknown else None
        return None if found is None else (row, *found)

    def show_suggestions(self) -> None:
        """Ctrl+.: the suggestions menu of the unknown word at the cursor (or the row's first), below the word."""
        target = self.word_to_correct()
        if target is None:
            self.window.show_status("No unknown word here.")
            return
        row, start, end, word = target
        menu = self.spelling_menu(row, start, end, word)
        editor = self.table.text_editor()
        if editor is not None:
            where = editor.mapToGlobal(editor.cursorRect().bottomLeft())
        else:
            rect = self.table.visualRect(self.window.model.index(row, TEXT))
            where = self.table.viewport().mapToGlobal(rect.bottomLeft())
        focus = QApplication.focusWidget()
        menu.exec(where)
        menu.deleteLater()
        if focus is not None and isValid(focus) and QApplication.focusWidget() is not focus:
            focus.activateWindow()                 # where the window system handed activation to the menu
            focus.setFocus(Qt.FocusReason.PopupFocusReason)

    def add_menu_entries(self, row: int, position: QPoint, menu: QMenu) -> None:
        """The table's context menu: suggestions for the unknown word under the mouse (a menu provider)."""
        if self.checker is None or self.window.episode is None:
            return
        found = self.table.delegate.unknown_word_at(self.table, row, position)
        if found is not None:
            self._fill(menu, row, *found)

    def add_editor_menu_entries(self, editor, position: QPoint, menu: QMenu) -> None:
        """An open cell editor's context menu: suggestions for the unknown word under the mouse."""
        if self.checker is None or self.window.episode is None:
            return
        found = word_at(editor, self.checker, editor.cursorForPosition(position).position())
        if found is not None:
            self._fill(menu, self.window.current_row(), *found)

    def spelling_menu(self, row: int, start: int, end: int, word: str) -> QMenu:
        """A menu of suggestions, "Replace everywhere", "Add to dictionary" and "Ignore" for one unknown word."""
        menu = QMenu(self.table)
        self._fill(menu, row, start, end, word)
        return menu

    def _fill(self, menu: QMenu, row: int, start: int, end: int, word: str) -> None:
        from .spell_menu import fill_spelling_menu        # loaded on first use, not at start

        fill_spelling_menu(menu, word, self.checker.suggestions(word),
                           replace=lambda text: self.replace(row, start, end, text),
                           replace_everywhere=lambda text: self.replace_everywhere(word, text),
                           add_to_dictionary=self.add_to_dictionary, ignore=self.ignore)

    # -- corrections (each one undo step) ---------------------------------------------------------------------
    def replace(self, row: int, start: int, end: int, text: str) -> None:
        """Put `text` in place of `[start, end)` of the row's text: in the open editor when it is that row's."""
        editor = self.table.text_editor()
        if editor is not None and self.window.current_row() == row:
            replace_word(editor, start, end, text)          # committed live, like typing
            return
        from editor.document.spelling import correct

        self.table.close_editor()
        self.window.run_edit("Correct spelling", lambda: correct(self.window.episode, row, start, end, text))

    def replace_everywhere(self, word: str, text: str) -> None:
        """Replace every occurrence of `word` in the transcript by `text` (in each one's capitalisation)."""
        from editor.document.spelling import correct_everywhere

        def change():
            inverse = correct_everywhere(self.window.episode, word, text)
            if inverse is None:
                raise ValueError(f"\u201c{word}\u201d no longer occurs in the transcript.")
            return inverse
        self.table.close_editor()
        self.window.run_edit(f"Replace \u201c{word}\u201d everywhere", change)

    def add_to_dictionary(self, word: str) -> None:
        """Know `word` in every episode from now on (saved in dictionary.txt)."""
        self.checker.add_to_dictionary(word)
        self.refresh()
        self.window.show_status(f"\u201c{word}\u201d added to your dictionary ({self.dictionary}).")

    def ignore(self, word: str) -> None:
        """Know `word` in this episode until it is closed."""
        self.checker.ignore(word)
        self.refresh()


def install_spelling(window, dictionary: Path | None = None) -> SpellingUi:
    """Give `window` spell checking (window.spelling); the user's words live in `dictionary` (default: the data
    folder's dictionary.txt)."""
    window.spelling = SpellingUi(window, user_dictionary_path() if dictionary is None else dictionary)
    return window.spelling
