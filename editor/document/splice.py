"""Rendering an edited episode: the loaded bytes with changed entries and keys spliced in, and the layout after."""
from dataclasses import dataclass, field

from .emit import emit_entries, emit_key
from .layout import Layout, Slot

ITEMS = object()   # edit tag: the transcript's entries, spliced in place
WHOLE = object()   # edit tag: the whole `transcript:` key, re-emitted


@dataclass
class Render:
    """The bytes to write and what changed in them, for verification and for the layout after saving."""

    data: bytes
    edits: list = field(default_factory=list)     # (start, end, new length, tag) in the old bytes, in order
    lengths: dict = field(default_factory=dict)   # slot index -> byte length of an entry not taken from the file
    fresh: list = field(default_factory=list)     # (index, entry, text) of every re-emitted entry
    restored: list = field(default_factory=list)  # (index, entry, text) of entries whose text an undo handed back
    keys: dict = field(default_factory=dict)      # key -> re-emitted `key: value` text
    whole: str | None = None                      # the re-emitted `transcript:` key, when not spliced
    open_end: bool = False                        # some spliced part does not end with a line break


def entry_text(slot: Slot, layout: Layout) -> str:
    """The entry's text in the file: its source, else its house-style emission (cached on the slot)."""
    if slot.data is not None:
        return slot.source
    if slot.text is None:
        slot.text = emit_entries([slot.entry], layout.indent, layout.newline)
    return slot.text


def encoded_length(text: str) -> int:
    """Length in bytes of `text` in UTF-8."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def render(layout: Layout, slots: list, meta: dict, meta_sources: dict, touched: bool, original_entries,
           errors: str = "strict") -> Render:
    """The file bytes for the current model; untouched parts are the loaded bytes themselves.

    Only edited entries and keys are encoded (`errors` as for str.encode: UnicodeEncodeError when strict).
    """
    result = Render(layout.data)
    edits = []
    for key, source in meta_sources.items():
        if source is None:
            source = result.keys[key] = emit_key(key, meta[key], layout.newline)
        if key in layout.key_spans:
            start, end, _ = layout.key_spans[key]
        else:
            start = end = layout.transcript_span[0] if layout.transcript_span else layout.yaml_end
        edits.append((start, end, [source.encode("utf-8", errors)], key))
    if touched:
        _transcript_edit(layout, slots, original_entries, result, edits, errors)
    if not edits:
        return result
    edits.sort(key=lambda edit: edit[:2])
    data, parts, pos = layout.data, [], 0
    for start, end, new, tag in edits:
        parts.append(data[pos:start])
        before = next((part for part in reversed(parts) if part), b"")
        if start == end and any(new) and before and not before.endswith(b"\n"):
            new = [layout.newline.encode()] + new       # appending to YAML that lacks a final newline
        last = next((part for part in reversed(new) if part), b"")
        result.open_end = result.open_end or bool(last and not last.endswith(b"\n"))
        parts.extend(new)
        result.edits.append((start, end, sum(map(len, new)), tag))
        pos = end
    parts.append(data[pos:])
    result.data = b"".join(parts)
    return result


def _transcript_edit(layout: Layout, slots: list, original_entries, result: Render, edits: list, errors: str):
    """Add the edit for the entries: spliced between the first and last entry, or the whole key re-emitted."""
    if layout.items_span and slots:
        edits.append((*layout.items_span, _item_parts(layout, slots, result, errors), ITEMS))
        return
    if layout.items_span is None and tuple(slot.entry for slot in slots) == original_entries:
        return
    if slots:
        new = "transcript:" + layout.newline + "".join(entry_text(slot, layout) + slot.gap for slot in slots)
    else:
        new = emit_key("transcript", (), layout.newline)
    result.whole = new
    start, end = layout.transcript_span or (layout.yaml_end, layout.yaml_end)
    edits.append((start, end, [new.encode("utf-8", errors)], WHOLE))


def _item_parts(layout: Layout, slots: list, result: Render, errors: str) -> list:
    """The entries' bytes as parts: runs of entries still in the file's order are one slice of the loaded bytes."""
    data, parts = layout.data, []
    run_start = cursor = -1
    for index, slot in enumerate(slots):
        if slot.data is not None:
            if slot.start != cursor:
                if run_start >= 0:
                    parts.append(data[run_start:cursor])
                run_start = slot.start
            cursor = slot.end + (encoded_length(slot.gap) if slot.gap else 0)
            continue
        if run_start >= 0:
            parts.append(data[run_start:cursor])
            run_start = cursor = -1
        piece = entry_text(slot, layout)
        (result.restored if slot.restored else result.fresh).append((index, slot.entry, piece))
        encoded = piece.encode("utf-8", errors)
        result.lengths[index] = len(encoded)
        parts.append(encoded)
        if slot.gap:
            parts.append(slot.gap.encode("utf-8", errors))
    if run_start >= 0:
        parts.append(data[run_start:cursor])
    return parts


def rebased(layout: Layout, result: Render, slots: list, meta: dict) -> Layout | None:
    """The layout of result.data, derived from the edits, its slots updated in place; None when it must be parsed."""
    if result.whole is not None or (slots and not layout.items_span):
        return None
    edited = {}
    delta = 0
    for start, end, length, tag in result.edits:
        edited[tag] = (start + delta, start + delta + length)
        delta += length - (end - start)

    def moved(pos: int, is_end: bool = False) -> int:
        """Where an old position outside every edit is in the new bytes (bytes inserted at an end stay after it)."""
        return pos + sum(length - (end - start) for start, end, length, _ in result.edits
                         if end < pos or (end == pos and not (is_end and start == end)))

    new = Layout(result.data, layout.yaml_start, moved(layout.yaml_end), meta=dict(meta), indent=layout.indent,
                 newline=layout.newline)
    for key in meta:
        if key in edited:
            new.key_spans[key] = (*edited[key], True)
        else:
            start, end, scalar = layout.key_spans[key]
            new.key_spans[key] = (moved(start), moved(end, True), scalar)
    if layout.transcript_span:
        start, end = layout.transcript_span
        if layout.items_span:
            new.items_span = edited.get(ITEMS) or (moved(layout.items_span[0]), moved(layout.items_span[1], True))
            end = new.items_span[1]
        else:
            end = moved(end, True)
        new.transcript_span = (moved(start), end)
        new.key_spans["transcript"] = (*new.transcript_span, False)
    if new.items_span:
        _move_slots(slots, result, new.items_span[0])
    return new


def _move_slots(slots: list, result: Render, position: int) -> None:
    """Point every slot at its text in the new bytes, which start at `position`."""
    data, lengths = result.data, result.lengths
    for index, slot in enumerate(slots):
        if slot.data is not None:
            end = position + slot.end - slot.start
        else:
            end = position + lengths[index]
            slot.data, slot.text, slot.restored = data, None, False
        slot.data, slot.start, slot.end = data, position, end
        position = end + encoded_length(slot.gap) if slot.gap else end
