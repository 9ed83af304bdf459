"""Reading an episode's YAML from the parser's events, one transcript entry at a time, without a whole node tree.

ruamel.yaml's composer builds a node (two marks, a tag) for every key and value of every entry before anything is
constructed: at 100,000 entries that tree is most of the memory a load needs. Here the top-level keys are composed
as usual, but each transcript item is turned into its data as soon as it is read and only its position is kept.
Items that only hold plain text, null and decimal scalars are built straight from the events, exactly as the safe
constructor builds them; any other item is composed and handed to that constructor. Anchors and aliases need the
whole tree: such a document raises NeedsTree and is read by the composer.
"""
import re
from sys import intern

from ruamel.yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                                SequenceStartEvent, StreamEndEvent)
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class NeedsTree(Exception):
    """The document uses what only the whole-tree composer handles (anchors, aliases, several transcripts, top-level
    keys that are lists or mappings), or has an error in an entry, which the composer reports in the same order as a
    whole read meets it."""


class Item:
    """One transcript item as read: its data (None until constructed), its node when it was composed, and where
    its content starts and ends (character offsets in the YAML text)."""

    __slots__ = ("data", "node", "start", "end", "coerced")

    def __init__(self, data, node, start: int, end: int):
        self.data, self.node, self.start, self.end = data, node, start, end
        self.coerced = False                              # set by a caller that turns `data` into its own value


class _Reader:
    """Events of one document with a push-back buffer, composed into nodes where needed."""

    def __init__(self, loader):
        self.loader = loader
        self.pending: list = []
        self.tags: dict = {}
        self.resolvers = loader.versioned_resolver
        self.plain_resolvers = not loader.yaml_path_resolvers

    def get(self):
        """The next event."""
        return self.pending.pop() if self.pending else self.loader.get_event()

    def peek(self):
        """The next event, left in place."""
        if not self.pending:
            self.pending.append(self.loader.get_event())
        return self.pending[-1]

    def tag(self, suffix: str) -> Tag:
        """One shared Tag per tag name."""
        tag = self.tags.get(suffix)
        if tag is None:
            tag = self.tags[suffix] = Tag(suffix=suffix)
        return tag

    def scalar_tag(self, event) -> str:
        """The tag name the resolver gives a scalar event (ruamel.yaml's resolve without path resolvers)."""
        if event.ctag is not None and event.ctag != "!":
            return event.ctag
        if not self.plain_resolvers:
            return self.loader.resolve(ScalarNode, event.value, event.implicit).suffix
        if event.implicit[0]:
            value = event.value
            resolvers = self.resolvers.get(value[0] if value else "", []) + self.resolvers.get(None, [])
            for tag, regexp in resolvers:
                if regexp.match(value):
                    return tag
        return STR_TAG

    def compose(self):
        """The node of the next value, composed like ruamel.yaml's composer does (no anchors, no aliases)."""
        event = self.get()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise NeedsTree
        if isinstance(event, ScalarEvent):
            return ScalarNode(self.tag(self.scalar_tag(event)), event.value, event.start_mark, event.end_mark,
                              style=event.style)
        kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
        tag = event.ctag
        tag = self.tag(tag) if tag is not None and tag != "!" else self.loader.resolve(kind, None, event.implicit)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if kind is SequenceNode:
            while not isinstance(self.peek(), SequenceEndEvent):
                node.value.append(self.compose())
        else:
            while not isinstance(self.peek(), MappingEndEvent):
                key = self.compose()
                node.value.append((key, self.compose()))
        node.end_mark = self.get().end_mark
        return node

    def item(self, constructor) -> Item:
        """The next transcript item, built from its events when it is a flat mapping of simple scalars."""
        start = self.peek()
        if not isinstance(start, MappingStartEvent) or start.anchor is not None or (
                start.ctag is not None and start.ctag != "!"):
            return self._composed_item(constructor)
        self.get()
        events = []
        get = self.loader.get_event
        while True:
            event = self.pending.pop() if self.pending else get()
            if isinstance(event, MappingEndEvent):
                end = event
                break
            events.append(event)
            if not isinstance(event, ScalarEvent) or event.anchor is not None:
                self.pending.extend(reversed(events))
                self.pending.append(start)
                return self._composed_item(constructor)
        data = {}
        for key, value in zip(events[::2], events[1::2]):
            key_tag, value_tag = self.scalar_tag(key), self.scalar_tag(value)
            if key_tag != STR_TAG:
                break
            if value_tag == STR_TAG:
                data[key.value] = intern(value.value) if key.value == "who" else value.value   # a few speakers
            elif value_tag == NULL_TAG:
                data[key.value] = None
            elif value_tag == INT_TAG and _DECIMAL.fullmatch(value.value):
                data[key.value] = int(value.value)
            else:
                break
        content_end = end.end_mark.index if start.flow_style or not events else \
            max(events[-2].end_mark.index, events[-1].end_mark.index)
        text_key = "header" if "header" in data else "line"
        if len(data) == len(events) // 2 and isinstance(data.get(text_key, ""), str):
            return Item(data, None, start.start_mark.index, content_end)
        node = MappingNode(self.loader.resolve(MappingNode, None, start.implicit), [], start.start_mark,
                           end.end_mark, flow_style=start.flow_style)
        for key, value in zip(events[::2], events[1::2]):
            node.value.append((ScalarNode(self.tag(self.scalar_tag(key)), key.value, key.start_mark, key.end_mark,
                                          style=key.style),
                               ScalarNode(self.tag(self.scalar_tag(value)), value.value, value.start_mark,
                                          value.end_mark, style=value.style)))
        return Item(constructor.construct_object(node, deep=True), node, start.start_mark.index, content_end)

    def _composed_item(self, constructor) -> Item:
        """An item composed into nodes and built by the safe constructor."""
        node = self.compose()
        return Item(constructor.construct_object(node, deep=True), node, node.start_mark.index, content_end(node))


def content_end(node) -> int:
    """Index just after the node's last character of content (block end marks swallow blank lines and comments)."""
    if isinstance(node, ScalarNode) or node.flow_style or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    if isinstance(node, MappingNode):
        return max(content_end(last[0]), content_end(last[1]))
    return content_end(last)


def read(yaml, source, convert=None):
    """(root node, empty stand-in for the transcript's items node, data, items or None), read from events.

    `source` is YAML text, bytes or a stream; `convert(item)` (if given) is called on each item as soon as it is
    read, to keep only what it needs. NeedsTree when the document must be composed whole; ruamel.yaml's errors as
    its loader raises them.
    """
    loader = yaml.get_constructor_parser(source)[0]
    reader = _Reader(loader)
    reader.get()                                         # stream start
    if isinstance(reader.peek(), StreamEndEvent):
        raise NeedsTree
    reader.get()                                         # document start
    first = reader.peek()
    if not isinstance(first, MappingStartEvent) or first.anchor is not None or (
            first.ctag is not None and first.ctag != "!"):
        raise NeedsTree
    reader.get()
    root = MappingNode(loader.resolve(MappingNode, None, first.implicit), [], first.start_mark, None,
                       flow_style=first.flow_style)
    items = stand_in = None
    while not isinstance(reader.peek(), MappingEndEvent):
        key = reader.compose()
        if not isinstance(key, ScalarNode):
            raise NeedsTree                              # a list or mapping as key: checked on the whole tree
        if key.value == "transcript" and isinstance(reader.peek(), SequenceStartEvent):
            if items is not None:
                raise NeedsTree
            start = reader.get()
            if start.anchor is not None:
                raise NeedsTree
            tag = start.ctag
            tag = reader.tag(tag) if tag is not None and tag != "!" else loader.resolve(SequenceNode, None,
                                                                                         start.implicit)
            stand_in = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
            items = []
            while not isinstance(reader.peek(), SequenceEndEvent):
                try:
                    item = reader.item(loader)
                    if convert is not None:
                        convert(item)
                except Exception:
                    raise NeedsTree from None      # the composer reports errors in the order a whole read meets them
                items.append(item)
            stand_in.end_mark = reader.get().end_mark
            root.value.append((key, stand_in))
        else:
            root.value.append((key, reader.compose()))
    root.end_mark = reader.get().end_mark
    reader.get()                                         # document end
    if not isinstance(reader.peek(), StreamEndEvent):
        raise NeedsTree                                  # the composer reports the second document
    data = loader.construct_document(root)
    if items is not None and not (isinstance(data, dict) and isinstance(data.get("transcript"), list)):
        raise NeedsTree
    return root, stand_in, data, items
