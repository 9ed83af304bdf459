"""Differences between two texts or two episodes: a unified diff for people, changes for an undo step."""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .changes import Change, Insert, Remove, Replace, SetMeta

if TYPE_CHECKING:
    from .episode import Episode


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts, split on \\n only (texts contain NEL and U+2028)."""
    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), old_name, new_name, lineterm="")
    return "".join(line + "\n" for line in lines)


def changes_between(current: Episode, target: Episode) -> tuple[list[Change], list[str]]:
    """Changes that turn `current`'s entries and scalar metadata into `target`'s, and keys it cannot carry over."""
    old = [repr(entry) for entry in current.entries]
    new = [repr(entry) for entry in target.entries]
    changes: list[Change] = []
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            changes.extend(Replace(i1 + k, target.entries[j1 + k]) for k in range(i2 - i1))
            continue
        if i2 > i1:
            changes.append(Remove(i1, i2 - i1))
        if j2 > j1:
            changes.append(Insert(i1, tuple(target.entries[j1:j2])))
    lost = []
    for key in dict.fromkeys(list(current.meta_keys()) + list(target.meta_keys())):
        if key == "transcript":
            continue
        mine, wanted = current.get_meta(key), target.get_meta(key)
        if mine == wanted:
            continue
        if key in target.meta_keys() and isinstance(wanted, (str, int, float, bool)):
            changes.append(SetMeta(key, wanted))
        else:
            lost.append(key)
    return changes, lost
