"""Rendering an edited episode: the loaded text with changed entries and keys spliced in, and the layout after."""
from dataclasses import dataclass, field

from .emit import emit_entries, emit_key
from .layout import Layout, LineCounter, Slot

ITEMS = object()   # edit tag: the transcript's entries, spliced in place
WHOLE = object()   # edit tag: the whole `transcript:` key, re-emitted


@dataclass
class Render:
    """The text to write and what changed in it, for verification and for the layout after saving."""

    text: str
    edits: list = field(default_factory=list)     # (start, end, new text, tag) in the old text, in order
    pieces: list | None = None                    # every entry's text in the new file, when spliced in place
    fresh: list = field(default_factory=list)     # (index, entry, text) of every re-emitted entry
    restored: list = field(default_factory=list)  # (index, entry, text) of entries whose text an undo handed back
    keys: dict = field(default_factory=dict)      # key -> re-emitted `key: value` text
    whole: str | None = None                      # the re-emitted `transcript:` key, when not spliced


def entry_text(slot: Slot, layout: Layout) -> str:
    """The entry's text in the file: its source, else its house-style emission (cached on the slot)."""
    if slot.source is not None:
        return slot.source
    if slot.emitted is None:
        slot.emitted = emit_entries([slot.entry], layout.indent, layout.newline)
    return slot.emitted


def render(layout: Layout, slots: list, meta: dict, meta_sources: dict, touched: bool, original_entries,
           keyless: bool = False) -> Render:
    """The file text for the current model; untouched parts are the loaded text's own characters.

    `keyless`: the file had no `transcript:` key when loaded, so an emptied transcript goes away with its key.
    """
    result = Render(layout.text)
    edits = result.edits
    for key, source in meta_sources.items():
        if source is None:
            source = result.keys[key] = emit_key(key, meta[key], layout.newline)
        if key in layout.key_spans:
            start, end, _ = layout.key_spans[key]
        else:
            start = end = layout.transcript_span[0] if layout.transcript_span else layout.yaml_end
        edits.append((start, end, source, key))
    if touched:
        _transcript_edit(layout, slots, original_entries, result, keyless)
    if not edits:
        return result
    edits.sort(key=lambda edit: edit[:2])
    text, parts, pos = layout.text, [], 0
    for index, (start, end, new, tag) in enumerate(edits):
        parts.append(text[pos:start])
        before = next((part for part in reversed(parts) if part), "")
        if start == end and new and before and not before.endswith("\n"):
            new = layout.newline + new            # appending to YAML that lacks a final newline
            edits[index] = (start, end, new, tag)
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    result.text = "".join(parts)
    return result


def _transcript_edit(layout: Layout, slots: list, original_entries, result: Render, keyless: bool) -> None:
    """Add the edit for the entries: spliced between the first and last entry, or the whole key re-emitted."""
    if layout.items_span and slots:
        result.pieces = [entry_text(slot, layout) for slot in slots]
        for index, (slot, piece) in enumerate(zip(slots, result.pieces)):
            if slot.source is None:
                result.fresh.append((index, slot.entry, piece))
            elif slot.restored:
                result.restored.append((index, slot.entry, piece))
        joined = "".join([part for slot, piece in zip(slots, result.pieces) for part in (piece, slot.gap)])
        result.edits.append((*layout.items_span, joined, ITEMS))
        return
    if layout.items_span is None and tuple(slot.entry for slot in slots) == original_entries:
        return
    if slots:
        new = "transcript:" + layout.newline + "".join(entry_text(slot, layout) + slot.gap for slot in slots)
    elif keyless:
        new = ""
    else:
        new = emit_key("transcript", (), layout.newline)
    result.whole = new
    start, end = layout.transcript_span or (layout.yaml_end, layout.yaml_end)
    result.edits.append((start, end, new, WHOLE))


def rebased(layout: Layout, result: Render, slots: list, meta: dict) -> Layout | None:
    """The layout of result.text, derived from the edits; None when it must be parsed afresh."""
    if result.whole is not None or (slots and not layout.items_span):
        return None
    text = result.text
    edited, delta = {}, 0
    for start, end, new_text, tag in result.edits:
        edited[tag] = (start + delta, start + delta + len(new_text))
        delta += len(new_text) - (end - start)

    def moved(pos: int, is_end: bool = False) -> int:
        """Where an old position outside every edit is in the new text (text inserted at an end stays after it)."""
        return pos + sum(len(new_text) - (end - start) for start, end, new_text, _ in result.edits
                         if end < pos or (end == pos and not (is_end and start == end)))

    new = Layout(text, layout.yaml_start, moved(layout.yaml_end), meta=dict(meta), indent=layout.indent,
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
    counter = LineCounter(text)
    for key, (start, _, _) in sorted(new.key_spans.items(), key=lambda item: item[1][0]):
        new.key_lines[key] = counter.line(start)
    pieces = result.pieces or [slot.source for slot in slots]
    position = new.items_span[0] if new.items_span else 0
    for slot, piece in zip(slots, pieces):
        new.slots.append(Slot(slot.entry, piece, slot.gap, counter.line(position)))
        position += len(piece) + len(slot.gap)
    return new
