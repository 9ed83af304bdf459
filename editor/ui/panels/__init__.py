"""Docks beside the transcript: problems with their fixes, the chapter outline, the speakers."""
