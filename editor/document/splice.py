"""Rendering an edited episode: the loaded bytes with changed entries and keys spliced in, and the layout after."""
from dataclasses import dataclass, field

from .emit import emit_each, emit_key
from .layout import FileBytes, Layout, Slot

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
    if slot.file is not None:
        return slot.source
    if slot.text is None:
        slot.text = emit_each([slot.entry], layout.indent, layout.newline)[0]
    return slot.text


def encoded_length(text: str) -> int:
    """Length in bytes of `text` in UTF-8."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def after(slot: Slot) -> int:
    """The byte offset just past the slot's text and the gap that follows it."""
    return slot.end + encoded_length(slot.gap) if slot.gap else slot.end


def render(layout: Layout, slots: list, dirty: set, meta: dict, meta_sources: dict, touched: bool,
           original_entries, keyless: bool = False, errors: str = "strict") -> Render:
    """The file bytes for the current model; untouched parts are the loaded bytes themselves.

    `dirty` holds the index of every entry that is not the file's text or does not follow its neighbour in the file;
    between them, entries are one slice of the loaded bytes. Only edited entries and keys are encoded (`errors` as
    for str.encode: UnicodeEncodeError when strict), so the cost grows with the edits, not with the file.
    `keyless`: the file had no `transcript:` key when loaded, so an emptied transcript goes away with its key.
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
        _transcript_edit(layout, slots, dirty, original_entries, result, edits, keyless, errors)
    if not edits:
        return result
    edits.sort(key=lambda edit: edit[:2])
    data, parts, pos = memoryview(layout.data), [], 0
    for start, end, new, tag in edits:
        parts.append(data[pos:start])
        before = next((part for part in reversed(parts) if part), b"")
        if start == end and any(new) and before and before[-1:] != b"\n":
            new = [layout.newline.encode()] + new       # appending to YAML that lacks a final newline
        last = next((part for part in reversed(new) if part), b"")
        result.open_end = result.open_end or bool(last and last[-1:] != b"\n")
        parts.extend(new)
        result.edits.append((start, end, sum(map(len, new)), tag))
        pos = end
    parts.append(data[pos:])
    result.data = b"".join(parts)
    return result


def _transcript_edit(layout: Layout, slots: list, dirty: set, original_entries, result: Render, edits: list,
                     keyless: bool, errors: str) -> None:
    """Add the edit for the entries: spliced between the first and last entry, or the whole key re-emitted."""
    if layout.items_span and slots:
        edits.append((*layout.items_span, _item_parts(layout, slots, sorted(dirty), result, errors), ITEMS))
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
    edits.append((start, end, [new.encode("utf-8", errors)], WHOLE))


def _item_parts(layout: Layout, slots: list, dirty: list, result: Render, errors: str) -> list:
    """The entries' bytes as parts: runs of entries still in the file's order are one slice of the loaded bytes."""
    unwritten = [slots[index] for index in dirty if slots[index].file is None and slots[index].text is None]
    for slot, text in zip(unwritten, emit_each([slot.entry for slot in unwritten], layout.indent, layout.newline)):
        slot.text = text
    data, parts, run = memoryview(layout.data), [], 0      # slices of a memoryview are not copies
    for index in dirty:
        if run < index:
            parts.append(data[slots[run].start:after(slots[index - 1])])
        slot = slots[index]
        if slot.file is not None:
            run = index
            continue
        piece = entry_text(slot, layout)
        (result.restored if slot.restored else result.fresh).append((index, slot.entry, piece))
        encoded = piece.encode("utf-8", errors)
        result.lengths[index] = len(encoded)
        parts.append(encoded)
        if slot.gap:
            parts.append(slot.gap.encode("utf-8", errors))
        run = index + 1
    if run < len(slots):
        parts.append(data[slots[run].start:after(slots[-1])])
    return parts


def rebased(layout: Layout, result: Render, slots: list, dirty: set, meta: dict) -> Layout | None:
    """The layout of result.data, derived from the edits, its slots moved in place; None when it must be parsed.

    Call only once result.data is written: the file's bytes shared by all entries become result.data.
    """
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

    layout.file.data = result.data
    new = Layout(layout.file, layout.yaml_start, moved(layout.yaml_end), meta=dict(meta), indent=layout.indent,
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
    if new.items_span and ITEMS in edited:
        _move_slots(slots, sorted(dirty), result.lengths, new.items_span[0], new.file)
    elif new.items_span and new.items_span[0] != layout.items_span[0]:
        _move_slots(slots, [], result.lengths, new.items_span[0], new.file)
    return new


def _move_slots(slots: list, dirty: list, lengths: dict, position: int, file: FileBytes) -> None:
    """Point every entry at its text in the new bytes `file`, where the entries start at `position`."""
    run = 0
    for index in dirty + [len(slots)]:
        if run < index:
            delta = position - slots[run].start
            if delta:
                for slot in slots[run:index]:
                    slot.start += delta
                    slot.end += delta
            position = after(slots[index - 1])
        if index == len(slots):
            break
        slot = slots[index]
        if slot.file is not None:
            run = index
            continue
        slot.file, slot.start, slot.end = file, position, position + lengths[index]
        slot.text, slot.restored = None, False
        position = after(slot)
        run = index + 1
