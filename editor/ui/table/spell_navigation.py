"""F7 / Shift+F7: open the cell of the next (previous) unknown word after the cursor with the word selected."""
from .spell_highlight import python_index, select_word


def go_to_unknown(view, checker, backwards: bool = False) -> tuple | None:
    """Move `view` (a TranscriptView) to the unknown word after (before) its text cursor, wrapping around;
    the cell opens in its editor with the word selected. Returns (row, start, end, word), or None when the
    transcript has no unknown word. Without an open editor the cursor counts as at the start of the row."""
    from editor.document.spelling import next_unknown     # loaded with the checker by now: a look-up

    episode = view.model().episode
    if episode is None:
        return None
    row, position = max(view.current_row(), 0), 0
    editor = view.text_editor()
    if editor is not None:
        cursor, text = editor.textCursor(), editor.toPlainText()
        position = python_index(text, cursor.selectionStart() if backwards else cursor.selectionEnd())
    found = next_unknown(episode, checker, row, position, backwards)
    if found is None:
        return None
    if editor is None or found[0] != row:
        view.edit_row(found[0])
        editor = view.text_editor()
    if editor is not None:
        select_word(editor, found[1], found[2])
    return found
