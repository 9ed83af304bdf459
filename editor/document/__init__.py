"""Episode files: load, edit by reversible changes, check, and save back without reformatting."""
from .changes import Batch, Change, Insert, Remove, Replace, SetMeta
from .checks import Problem
from .entries import Entry
from .episode import Episode
from .errors import DiskChangedError, DocumentError, ParseError, SaveError
from .timecode import format_time, parse_time

__all__ = ["Episode", "Entry", "Problem", "DocumentError", "ParseError", "SaveError", "DiskChangedError", "Change",
           "Replace", "Insert", "Remove", "SetMeta", "Batch", "format_time", "parse_time"]
