"""Episode files: load, edit by reversible changes, check, and save back without reformatting.

For scripts::

    from editor.document import Episode, ParseError

    episode = Episode.load("_podcast/episode.md")       # ParseError(path, line, column) on bad input
    for index, entry in enumerate(episode.entries):      # Entry(kind, text, who, sec, time, extra)
        if entry.who == "Alexei":
            episode.set_speaker(index, "Alexey")         # every operation returns its inverse change
    problems = episode.check()                           # Problem(index, line, code, message); .row is 1-based
    episode.save()                                       # atomic; only edited entries' lines change

Untouched parts of the file are written back byte for byte; edited, inserted and removed entries and edited
top-level scalar keys are spliced in, written the way PyYAML's block dump writes them (times always quoted).
Before writing, every re-emitted part is read back with ruamel.yaml and PyYAML and must equal the model
(entries the direct writer of simple entries wrote, plain_emit, are exact by construction and tested so).
"""
from .changes import Batch, Change, Insert, Remove, Replace, SetMeta, SetValue
from .checks import Problem
from .entries import Entry
from .episode import Episode, EpisodeListener
from .errors import DiskChangedError, DocumentError, JournalError, ParseError, SaveError
from .search import SearchError, SearchOptions
from .timecode import format_time, parse_time, time_error

__all__ = ["Episode", "EpisodeListener", "Entry", "Problem", "DocumentError", "ParseError", "SaveError",
           "DiskChangedError", "JournalError", "Change", "Replace", "Insert", "Remove", "SetMeta", "SetValue", "Batch",
           "SearchOptions", "SearchError", "format_time", "parse_time", "time_error"]
