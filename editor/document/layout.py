"""Parsing an episode's text into its data and the character span of every top-level key and transcript entry."""
import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from .entries import Entry, entry_from_data
from .errors import ParseError
from .frontmatter import position, yaml_region

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
ALIAS_EXPANSION_LIMIT = 100_000   # values that aliases may add to a document (an alias bomb adds hundreds of millions)


class Slot:
    """One transcript entry with the exact text it came from (None when it must be emitted) and what follows it."""

    __slots__ = ("entry", "source", "gap", "line", "emitted", "restored")

    def __init__(self, entry: Entry, source: str | None = None, gap: str = "", line: int | None = None,
                 restored: bool = False):
        self.entry, self.source, self.gap, self.line = entry, source, gap, line
        self.emitted = None                                 # cached house-style text while source is None
        self.restored = restored                            # source handed back by a change (undo), not parsed


@dataclass
class Layout:
    """Where things are in one text: the YAML region, top-level key chunks and the transcript's entry chunks."""

    text: str
    yaml_start: int
    yaml_end: int
    meta: dict = field(default_factory=dict)
    key_spans: dict = field(default_factory=dict)      # key -> (chunk start, chunk end, value is scalar)
    key_lines: dict = field(default_factory=dict)      # key -> 1-based line
    transcript_span: tuple | None = None                # (start, end) of the whole `transcript:` key chunk
    items_span: tuple | None = None                      # (start, end) of the entry chunks, block sequences only
    indent: int = 0                                       # column of the entries' `- `
    slots: list = field(default_factory=list)
    coerced: set = field(default_factory=set)           # indices of entries whose text was not a YAML string
    check_whole: bool = False                           # saves re-parse the whole text: anchors or indented keys
    newline: str = "\n"


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


def _content_end(node) -> int:
    """Index just after the node's last character of content (block end marks swallow blank lines and comments)."""
    if isinstance(node, ScalarNode) or node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    if isinstance(node, MappingNode):
        return max(_content_end(last[0]), _content_end(last[1]))
    return _content_end(last)


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
    region = text[offset:]
    if "{{" in region:
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


def _indented_keys(root, region: str) -> bool:
    """True when the top-level keys do not start at column 0 (re-emitted keys are written there)."""
    return any(key.start_mark.index != _line_start(region, key.start_mark.index) for key, _ in root.value)


def _may_define_anchor(text: str) -> bool:
    """True when some `&` could start an anchor (a few `&` inside texts give false alarms, which cost only time)."""
    index = text.find("&")
    while index >= 0:
        before, after = text[index - 1:index] or "\n", text[index + 1:index + 2]
        if before in " \t\r\n[{," and after and after not in " \t\r\n,[]{}":
            return True
        index = text.find("&", index + 1)
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
                raise _shape_error(text, offset, child, "recursive alias: an alias refers to the value that "
                                                        "contains it", path)
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] > len(sizes) + ALIAS_EXPANSION_LIMIT:
        worst = max(root.value, key=lambda pair: sizes[id(pair[1])])[0]
        raise _shape_error(text, offset, worst, f"aliases expand to {sizes[id(root)]:,} values, more than an "
                                                "episode can hold (an alias bomb?)", path)


def _check_keys(text: str, offset: int, root, path) -> None:
    """ParseError for a top-level key that is a list or mapping (keys must be names)."""
    for key, _ in root.value:
        if not isinstance(key, ScalarNode):
            raise _shape_error(text, offset, key, "a top-level key must be a name, not a list or mapping", path)


def _shape_error(text, offset, node, message, path):
    """ParseError at the node's position in the whole file."""
    line, column = position(text, offset + node.start_mark.index)
    return ParseError(message, path, line, column)


def parse(text: str, path=None, plain: bool = False, yaml: YAML | None = None) -> Layout:
    """Parse a whole file's text (`plain`: YAML only, no front matter); ParseError naming file, line and column."""
    start, end = (0, len(text)) if plain else yaml_region(text, path)
    region = text[start:end]
    yaml = yaml or new_yaml()
    try:
        root = yaml.compose(region)
        if isinstance(root, MappingNode):
            _check_keys(text, start, root, path)
            if _may_define_anchor(region):
                _check_aliases(text, start, root, path)
        data = construct(yaml, root) if root is not None else None
    except (MarkedYAMLError, YAMLError) as exc:
        raise _error(text, start, exc, path, start) from None
    except (ValueError, TypeError) as exc:
        raise ParseError(f"invalid YAML value: {exc}", path, *position(text, start)) from None
    if not isinstance(data, dict):
        raise ParseError("the front matter is not a mapping of keys", path, *position(text, start))
    layout = Layout(text, start, end, newline="\r\n" if region.find("\r\n") >= 0 else "\n",
                    check_whole=_may_define_anchor(region) or _indented_keys(root, region))
    line_count = LineCounter(text)
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in data:                      # a key that is not a string (e.g. `1:`): not addressable
            continue
        chunk_start = start + _line_start(region, key_node.start_mark.index)
        chunk_end = start + _chunk_end(region, _content_end(value_node))
        layout.key_spans[key] = (chunk_start, chunk_end, isinstance(value_node, ScalarNode))
        layout.key_lines[key] = line_count.line(chunk_start)
        if key == "transcript":
            layout.transcript_span = (chunk_start, chunk_end)
            _read_transcript(layout, data[key], value_node, region, start, path, line_count)
        else:
            layout.meta[key] = data[key]
    return layout


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


def _read_transcript(layout, items, node, region, offset, path, line_count):
    """Fill the layout's slots from the transcript sequence node and its constructed items."""
    text = layout.text
    if items is None:
        return
    if not isinstance(items, list) or not isinstance(node, SequenceNode):
        raise _shape_error(text, offset, node, "'transcript' must be a list of entries", path)
    block = not node.flow_style
    starts = []
    for item, item_node in zip(items, node.value):
        if not isinstance(item, dict) or not isinstance(item_node, MappingNode):
            raise _shape_error(text, offset, item_node, "transcript entry is not a mapping of keys", path)
        if "line" not in item and "header" not in item:
            raise _shape_error(text, offset, item_node, "transcript entry has neither 'line' nor 'header'", path)
        text_key = "header" if "header" in item else "line"
        raw_text = item[text_key]
        if not isinstance(raw_text, str):
            value_node = next(v for k, v in item_node.value if k.value == text_key)
            if not isinstance(value_node, ScalarNode):
                raise _shape_error(text, offset, value_node, f"'{text_key}' must be text", path)
            raw_text = "" if value_node.tag == _NULL_TAG else value_node.value
            layout.coerced.add(len(layout.slots))
        entry = entry_from_data(item, raw_text)
        slot = Slot(entry)
        if block:
            item_start = item_node.start_mark.index
            dash = region.rfind("-", 0, item_start)
            line_start = _line_start(region, dash)
            if dash < 0 or region[line_start:dash].strip(" ") or region[dash + 1:item_start].strip(" \r\n"):
                block = False                    # not a `- ` item on its own line: no splicing
            starts.append(line_start)
        slot.line = line_count.line(offset + (starts[-1] if block else item_node.start_mark.index))
        layout.slots.append(slot)
    if not block or not layout.slots:
        return
    ends = [_chunk_end(region, _content_end(item_node)) for item_node in node.value]
    bounds = starts[1:] + [ends[-1]]
    if any(not start < end <= bound for start, end, bound in zip(starts, ends, bounds)):
        return                                   # odd spans (aliases, ...): re-emit the whole key when edited
    for index, slot in enumerate(layout.slots):
        slot.source = region[starts[index]:ends[index]]
        slot.gap = region[ends[index]:bounds[index]] if index + 1 < len(starts) else ""
    layout.items_span = (offset + starts[0], offset + ends[-1])
    first = node.value[0]
    layout.indent = region.rfind("-", 0, first.start_mark.index) - starts[0]
