"""Find and replace over the transcript: the bar below the table (the matching itself lives in editor.document)."""
