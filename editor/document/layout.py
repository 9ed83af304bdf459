"""Parsing an episode's text into its data and the byte span of every top-level key and transcript entry."""
import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from .entries import Entry, entry_from_data
from .errors import ParseError
from .frontmatter import position, yaml_region
from .reader import INT_TAG as _INT_TAG, NULL_TAG as _NULL_TAG, STR_TAG as _STR_TAG, Item, NeedsTree, read
from .reader import content_end as _content_end

_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
ALIAS_EXPANSION_LIMIT = 100_000   # values that aliases may add to a document (an alias bomb adds hundreds of millions)


class FileBytes:
    """The bytes of the file as loaded or last saved, shared by every entry that points into them."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


class Slot:
    """One transcript entry and where its text is: a span of the file's bytes, or text of its own to write.

    `file.data[start:end]` is the entry's exact text in the file when `file` is set; otherwise `text` holds the text
    an undo handed back (`restored`) or the cached house-style emission. `start` stays the entry's byte offset in
    the file as loaded or last saved (-1 for entries not in it) so that its line can be found; `gap` follows it.
    """

    __slots__ = ("entry", "file", "start", "end", "gap", "text", "restored")

    def __init__(self, entry: Entry, text: str | None = None, gap: str = "", start: int = -1,
                 restored: bool = False):
        self.entry, self.text, self.gap, self.start, self.restored = entry, text, gap, start, restored
        self.file, self.end = None, -1

    @property
    def source(self) -> str | None:
        """The entry's exact text when it comes from the file or an undo, None when it must be emitted."""
        if self.file is not None:
            return self.file.data[self.start:self.end].decode("utf-8", "surrogatepass")
        return self.text if self.restored else None


@dataclass
class Layout:
    """Where things are in one file's bytes: the YAML region, top-level key chunks and the transcript's entry chunks."""

    file: FileBytes
    yaml_start: int
    yaml_end: int
    meta: dict = field(default_factory=dict)
    key_spans: dict = field(default_factory=dict)      # key -> (chunk start, chunk end, value is scalar), in bytes
    key_lines: dict = field(default_factory=dict)      # key -> 1-based line, filled by key_line()
    transcript_span: tuple | None = None                # (start, end) of the whole `transcript:` key chunk
    items_span: tuple | None = None                      # (start, end) of the entry chunks, block sequences only
    indent: int = 0                                       # column of the entries' `- `
    slots: list = field(default_factory=list)
    coerced: set = field(default_factory=set)           # indices of entries whose text was not a YAML string
    check_whole: bool = False                           # saves re-parse the whole text: anchors or indented keys
    newline: str = "\n"

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return self.file.data

    def source(self, start: int, end: int) -> str:
        """The file's text between two byte offsets."""
        return self.data[start:end].decode("utf-8", "surrogatepass")

    def key_line(self, key) -> int:
        """1-based line where top-level `key` starts (counted when first asked after a save)."""
        if key not in self.key_lines:
            self.key_lines[key] = self.data.count(b"\n", 0, self.key_spans[key][0]) + 1
        return self.key_lines[key]


class _Yaml12Resolver(VersionedResolver):
    """ruamel.yaml's default YAML 1.2 resolver without its per-scalar version lookup (a third of load time)."""

    @property
    def processing_version(self):
        return (1, 2)


def new_yaml() -> YAML:
    """A safe-only ruamel.yaml instance using the C parser."""
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _Yaml12Resolver
    return yaml


def _line_start(text: str, index: int) -> int:
    """Index of the first character of the line holding `index`."""
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index just after the line break ending the line holding `index`."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _chunk_end(text: str, index: int) -> int:
    """End of the line holding `index` (itself when a block scalar's end mark already sits at a line start)."""
    return index if index and text[index - 1] == "\n" else _line_end(text, index)


def _error_index(exc) -> int | None:
    """Where in the parsed region the reader can fix the error: the bad character, or where an unclosed part opens."""
    if isinstance(exc, ReaderError):
        return exc.position
    problem_mark, context_mark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    if context_mark is not None and "end of stream" in (getattr(exc, "problem", None) or ""):
        return context_mark.index                # an unclosed quote or bracket: where it opens
    mark = problem_mark or context_mark
    return getattr(mark, "index", None) if mark is not None else None


def _error(text, offset, exc, path, fallback):
    """ParseError for a ruamel.yaml error, with the position mapped back into the whole file."""
    index = _error_index(exc)
    index = fallback if index is None else offset + index
    line, column = position(text, min(index, len(text)))
    if isinstance(exc, ReaderError):
        problem = f"character {exc.character:#06x} is not allowed in YAML ({exc.reason})"
    else:
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
    if text.find("{{", offset) >= 0:
        problem += " (this looks like a template: it has {{ }} placeholders)"
    return ParseError(problem, path, line, column)


def _simple_item(node) -> dict | None:
    """A transcript item built straight from its nodes when it only holds text, null and decimal scalars, else None.

    Such an item constructs to exactly this under ruamel.yaml's safe constructor; skipping that constructor for
    the thousands of entries halves its cost. Anything else (other tags, nesting, duplicate keys) goes through it.
    """
    if not isinstance(node, MappingNode):
        return None
    data = {}
    for key, value in node.value:
        if not (isinstance(key, ScalarNode) and isinstance(value, ScalarNode) and key.ctag.handle is None
                and key.ctag.suffix == _STR_TAG and value.ctag.handle is None):
            return None
        tag = value.ctag.suffix
        if tag == _STR_TAG:
            data[key.value] = value.value
        elif tag == _NULL_TAG:
            data[key.value] = None
        elif tag == _INT_TAG and _DECIMAL.fullmatch(value.value):
            data[key.value] = int(value.value)
        else:
            return None
    return data if len(data) == len(node.value) else None


def construct(yaml: YAML, root):
    """The document's data, as ruamel.yaml's safe constructor makes it (unsafe tags raise its ConstructorError)."""
    constructor = yaml.constructor
    transcript = [value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "transcript"
                  and isinstance(value, SequenceNode)] if isinstance(root, MappingNode) else []
    if len(transcript) != 1:
        return constructor.construct_document(root)
    items_node = transcript[0]
    stand_in = SequenceNode(items_node.tag, [], items_node.start_mark, items_node.end_mark)
    data = constructor.construct_document(MappingNode(
        root.tag, [(key, stand_in if value is items_node else value) for key, value in root.value],
        root.start_mark, root.end_mark))
    if isinstance(data, dict) and isinstance(data.get("transcript"), list):
        items = [_simple_item(node) for node in items_node.value]
        for index, node in enumerate(items_node.value):
            if items[index] is None:
                items[index] = constructor.construct_object(node, deep=True)
        data["transcript"] = items
        return data
    return constructor.construct_document(root)


def _indented_keys(root, text: str, offset: int) -> bool:
    """True when the top-level keys do not start at column 0 (re-emitted keys are written there)."""
    return any(offset + key.start_mark.index != _line_start(text, offset + key.start_mark.index)
               for key, _ in root.value)


def _may_define_anchor(text: str, start: int, end: int) -> bool:
    """True when some `&` in text[start:end] could start an anchor (a few `&` inside texts give false alarms, which
    cost only time)."""
    index = text.find("&", start, end)
    while index >= 0:
        before, after = text[index - 1:index] if index > start else "\n", text[index + 1:min(index + 2, end)]
        if before in " \t\r\n[{," and after and after not in " \t\r\n,[]{}":
            return True
        index = text.find("&", index + 1, end)
    return False


def _children(node) -> list:
    """The nodes directly inside a collection node."""
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _check_aliases(text: str, offset: int, root, path) -> None:
    """ParseError for an alias inside the node it names (a cycle) or aliases expanding to too many values."""
    sizes: dict = {}                      # id(node) -> number of values it expands to
    open_nodes: set = set()
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise _shape_error(text, offset, child.start_mark.index,
                                   "recursive alias: an alias refers to the value that contains it", path)
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] > len(sizes) + ALIAS_EXPANSION_LIMIT:
        worst = max(root.value, key=lambda pair: sizes[id(pair[1])])[0]
        raise _shape_error(text, offset, worst.start_mark.index, f"aliases expand to {sizes[id(root)]:,} values, "
                           "more than an episode can hold (an alias bomb?)", path)


def _check_keys(text: str, offset: int, root, path) -> None:
    """ParseError for a top-level key that is a list or mapping (keys must be names)."""
    for key, _ in root.value:
        if not isinstance(key, ScalarNode):
            raise _shape_error(text, offset, key.start_mark.index,
                               "a top-level key must be a name, not a list or mapping", path)


def _shape_error(text, offset, index, message, path):
    """ParseError at a position (a character offset in the YAML) in the whole file."""
    line, column = position(text, offset + index)
    return ParseError(message, path, line, column)


@contextmanager
def collector_paused():
    """Keep Python's cyclic garbage collector out of a load: it would walk every new node and entry again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ByteOffsets:
    """Byte offsets in the UTF-8 encoding of `text` for character offsets; cheapest for increasing ones."""

    def __init__(self, text: str, char: int = 0, byte: int = 0):
        self.text, self.ascii = text, text.isascii()
        self.char, self.byte = char, byte            # a known pair of offsets to count on from

    def __call__(self, index: int) -> int:
        """The byte offset of character `index`."""
        if self.ascii:
            return index
        if index < self.char:
            self.char = self.byte = 0                # rarely: count again from the start
        piece = self.text[self.char:index]
        self.byte += len(piece) if piece.isascii() else len(piece.encode("utf-8", "surrogatepass"))
        self.char = index
        return self.byte


def parse(data: bytes, text: str, path=None, plain: bool = False) -> Layout:
    """Parse a whole file (`data` its bytes, `text` the same decoded; `plain`: YAML only, no front matter).

    ParseError naming file, line and column. Spans in the result are byte offsets into `data`.
    """
    with collector_paused():
        return _parse(data, text, path, plain)


def _parse(data: bytes, text: str, path, plain: bool) -> Layout:
    """parse() with the collector paused."""
    start, end = (0, len(text)) if plain else yaml_region(text, path)
    byte_start = len(text[:start].encode("utf-8", "surrogatepass"))
    byte_end = len(data) - len(text[end:].encode("utf-8", "surrogatepass"))     # no copy of the YAML itself
    to_byte = ByteOffsets(text, start, byte_start)
    anchors = _may_define_anchor(text, start, end)

    def to_entry(item: Item) -> None:
        """Replace the item's data by its Entry, checking its shape; keep no nodes."""
        item.data, item.coerced = _entry_of(item, text, start, path)
        item.node = None

    def check(root) -> None:
        """ParseError for top-level keys that are not names and for recursive or exploding aliases."""
        if isinstance(root, MappingNode):
            _check_keys(text, start, root, path)
            _check_aliases(text, start, root, path)

    try:
        root, items_node, content, items = _read(_Chunks(memoryview(data)[byte_start:byte_end]), anchors, to_entry,
                                                 check)
    except (MarkedYAMLError, YAMLError) as exc:
        raise _error(text, start, exc, path, start) from None
    except (ValueError, TypeError) as exc:
        raise ParseError(f"invalid YAML value: {exc}", path, *position(text, start)) from None
    if not isinstance(content, dict):
        raise ParseError("the front matter is not a mapping of keys", path, *position(text, start))
    layout = Layout(FileBytes(data), byte_start, byte_end,
                    newline="\r\n" if text.find("\r\n", start, end) >= 0 else "\n",
                    check_whole=anchors or _indented_keys(root, text, start))
    line_count = LineCounter(text)
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in content:                   # a key that is not a string (e.g. `1:`): not addressable
            continue
        last = _content_end(value_node)
        if value_node is items_node and items and not items_node.flow_style:
            last = items[-1].end
        chunk_start = _line_start(text, start + key_node.start_mark.index)
        chunk_end = _chunk_end(text, start + last)
        layout.key_lines[key] = line_count.line(chunk_start)
        if key != "transcript":
            layout.meta[key] = content[key]
        layout.key_spans[key] = (chunk_start, chunk_end, isinstance(value_node, ScalarNode))
        if key == "transcript":
            transcript_node = value_node
    for key, (chunk_start, chunk_end, scalar) in sorted(layout.key_spans.items(), key=lambda item: item[1][0]):
        byte_span = to_byte(chunk_start)
        if key == "transcript":
            if content[key] is not None and not (isinstance(content[key], list) and transcript_node is items_node):
                raise _shape_error(text, start, transcript_node.start_mark.index,
                                   "'transcript' must be a list of entries", path)
            if content[key] is not None:
                _read_transcript(layout, items, items_node, start, path, text, to_byte)
        layout.key_spans[key] = (byte_span, to_byte(chunk_end), scalar)
        if key == "transcript":
            layout.transcript_span = layout.key_spans[key][:2]
    return layout


class _Chunks:
    """A stream over part of the file's bytes, read by the parser in chunks (no copy of the whole part)."""

    def __init__(self, view: memoryview):
        self.view, self.position = view, 0

    def read(self, size: int) -> bytes:
        """The next `size` bytes (fewer at the end)."""
        chunk = bytes(self.view[self.position:self.position + size])
        self.position += len(chunk)
        return chunk


def _read(source: _Chunks, anchors: bool, convert, check):
    """(root node, transcript items node, data, transcript Items) of the YAML, read entry by entry where possible;
    `convert(item)` is called on each transcript item, `check(root)` on a whole tree before it is constructed (the
    event reader hands over documents whose top-level keys are all names and that have no aliases)."""
    if not anchors:
        try:
            return read(new_yaml(), source, convert)
        except NeedsTree:
            source.position = 0
    yaml = new_yaml()
    root = yaml.compose(source)
    check(root)
    content = construct(yaml, root) if root is not None else None
    items_node = next((value for key, value in root.value if isinstance(key, ScalarNode) and key.value == "transcript"
                       and isinstance(value, SequenceNode)), None) if isinstance(root, MappingNode) else None
    items = None
    if items_node is not None and isinstance(content, dict) and isinstance(content.get("transcript"), list):
        items = [Item(item, node, node.start_mark.index, _content_end(node))
                 for item, node in zip(content["transcript"], items_node.value)]
        for item in items:
            convert(item)
    return root, items_node, content, items


class LineCounter:
    """1-based line numbers for increasing positions, counted incrementally."""

    def __init__(self, text: str):
        self.text, self.index, self.count = text, 0, 1

    def line(self, index: int) -> int:
        """The line of `index`; cheapest when called with increasing indexes."""
        if index < self.index:
            self.index, self.count = 0, 1
        self.count += self.text.count("\n", self.index, index)
        self.index = index
        return self.count


def _entry_of(item: Item, text: str, offset: int, path) -> tuple[Entry, bool]:
    """(the Entry of a transcript item, whether its text had to be made a string); ParseError for a bad shape."""
    data = item.data
    if not isinstance(data, dict) or (item.node is not None and not isinstance(item.node, MappingNode)):
        raise _shape_error(text, offset, item.start, "transcript entry is not a mapping of keys", path)
    if "line" not in data and "header" not in data:
        raise _shape_error(text, offset, item.start, "transcript entry has neither 'line' nor 'header'", path)
    text_key = "header" if "header" in data else "line"
    raw_text = data[text_key]
    if isinstance(raw_text, str):
        return entry_from_data(data, raw_text), False
    value_node = next(v for k, v in item.node.value if k.value == text_key)
    if not isinstance(value_node, ScalarNode):
        raise _shape_error(text, offset, value_node.start_mark.index, f"'{text_key}' must be text", path)
    return entry_from_data(data, "" if value_node.tag == _NULL_TAG else value_node.value), True


def _read_transcript(layout, items, node, offset, path, text, to_byte):
    """Fill the layout's slots from the transcript's items (their data already Entries) and its sequence node."""
    block = not node.flow_style
    starts = []
    slots = layout.slots
    for item in items:
        if item.coerced:
            layout.coerced.add(len(slots))
        slot = Slot(item.data)
        item_start = offset + item.start
        if block:
            dash = text.rfind("-", offset, item_start)
            line_start = _line_start(text, dash)
            if dash < 0 or text[line_start:dash].strip(" ") or text[dash + 1:item_start].strip(" \r\n"):
                block = False                    # not a `- ` item on its own line: no splicing
            starts.append(line_start)
        slot.start = starts[-1] if block else item_start      # a character offset until converted
        slots.append(slot)
    if block and slots:
        ends = [_chunk_end(text, offset + item.end) for item in items]
        bounds = starts[1:] + [ends[-1]]
        if any(not start < end <= bound for start, end, bound in zip(starts, ends, bounds)):
            block = False                        # odd spans (aliases, ...): re-emit the whole key when edited
    if not block or not slots:
        for slot in slots:
            slot.start = to_byte(slot.start)
        return
    file = layout.file
    last = len(slots) - 1
    for index, slot in enumerate(slots):
        slot.file, slot.start, slot.end = file, to_byte(starts[index]), to_byte(ends[index])
        if index < last and ends[index] != bounds[index]:
            slot.gap = text[ends[index]:bounds[index]]
    layout.items_span = (slots[0].start, slots[-1].end)
    layout.indent = text.rfind("-", offset, offset + items[0].start) - starts[0]
