"""Writing entries and top-level keys in the files' house style (PyYAML's block dump, width 80)."""
import io
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .entries import entry_to_data
from .plain_emit import PlainWriter, ProvenText
from .yaml11 import quoted_by_house_style

_STR, _INT, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class TimeText(str):
    """A time string, always written single-quoted."""


class _HouseDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """PyYAML's safe dumper (libyaml's emitter when available: same output, 7x faster) with the quoting rules."""

    def resolve(self, kind, value, implicit):
        """PyYAML's tag resolution, answering at once for a scalar with no implicit tag to look for (a third of the
        emitter's time went to asking)."""
        if kind is ScalarNode and not implicit[0] and not self.yaml_path_resolvers:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _str_style(data: str) -> str | None:
    """The quoting of a string: PyYAML's choice, except unicode line breaks escaped, times and numbers quoted."""
    if "\x85" in data or "\u2028" in data or "\u2029" in data:      # read as line breaks by YAML 1.1 readers
        return '"'
    if isinstance(data, TimeText) or quoted_by_house_style(data):
        return "'"
    return None


def _represent_str(dumper, data):
    """Strings as PyYAML writes them, except: unicode line breaks escaped, times and number look-alikes quoted."""
    return dumper.represent_scalar(_STR, str(data), style=_str_style(data))


_HouseDumper.add_representer(str, _represent_str)
_HouseDumper.add_representer(TimeText, _represent_str)


def _dump(data) -> str:
    """PyYAML's block dump in house style; ValueError for values YAML cannot hold."""
    try:
        return yaml.dump(data, Dumper=_HouseDumper, default_flow_style=False, allow_unicode=True, sort_keys=False,
                         width=80)
    except yaml.YAMLError as exc:
        raise ValueError(f"cannot write this value as YAML: {exc}") from None


def _indented(text: str, indent: int, newline: str) -> str:
    """Shift emitted lines right by `indent` columns and use the file's line ending."""
    if indent:
        pad = " " * indent
        text = "\n".join(pad + line if line else line for line in text.split("\n"))
    return text.replace("\n", newline) if newline != "\n" else text


def entry_data(entry) -> dict:
    """The mapping to write for an entry, its time marked to be quoted."""
    data = entry_to_data(entry)
    if isinstance(data.get("time"), str):
        data["time"] = TimeText(data["time"])
    return data


def emit_entries(entries, indent: int = 0, newline: str = "\n") -> str:
    """Block sequence items (`- line: ...`) for `entries`, `- ` at column `indent`."""
    text = _dump({"transcript": [entry_data(entry) for entry in entries]})
    return _indented(text[len("transcript:\n"):], indent, newline)


_ITEM_START = re.compile(r"^- ", re.M)


def emit_each(entries, indent: int = 0, newline: str = "\n") -> list[str]:
    """emit_entries() of each entry: simple entries written directly (as ProvenText), the rest by the emitter."""
    writer = PlainWriter()
    texts = [writer.entry(entry) for entry in entries]
    rest = [index for index, text in enumerate(texts) if text is None]
    for index, text in zip(rest, _dump_each([entries[index] for index in rest])):
        texts[index] = text
    if indent or newline != "\n":
        return [ProvenText(_indented(text, indent, newline)) if type(text) is ProvenText
                else _indented(text, indent, newline) for text in texts]
    return texts


def _dump_each(entries) -> list[str]:
    """Each entry's item text at column 0, from one dump of them all (a dump per entry costs more than the entry).

    The entries' nodes are built here, as the representer would build them, and written by the emitter at once.
    """
    if len(entries) < 2:
        return [emit_entries(entries)] if entries else []
    stream = io.StringIO()
    dumper = _HouseDumper(stream, default_flow_style=False, allow_unicode=True, sort_keys=False, width=80)
    try:
        dumper.open()
        items = [MappingNode(_MAP, [(_string_node(key), _value_node(dumper, value))
                                    for key, value in entry_data(entry).items()], flow_style=False)
                 for entry in entries]
        dumper.serialize(MappingNode(_MAP, [(_string_node("transcript"), SequenceNode(_SEQ, items, flow_style=False))],
                                     flow_style=False))
        dumper.close()
    except yaml.YAMLError as exc:
        raise ValueError(f"cannot write this value as YAML: {exc}") from None
    finally:
        dumper.dispose()
    text = stream.getvalue()[len("transcript:\n"):]
    starts = [match.start() for match in _ITEM_START.finditer(text)]
    if len(starts) != len(entries) or "&id" in text:     # shared values become anchors only in a joint dump
        return [emit_entries([entry]) for entry in entries]
    return [text[start:end] for start, end in zip(starts, starts[1:] + [len(text)])]


def _string_node(data: str) -> ScalarNode:
    """The node the representer makes of a string."""
    return ScalarNode(_STR, str(data), style=_str_style(data))


def _value_node(dumper, value):
    """The node the representer makes of an entry's value (nested values through the representer itself)."""
    kind = type(value)
    if kind is str or kind is TimeText:
        return _string_node(value)
    if kind is int:
        return ScalarNode(_INT, str(value))
    if value is None:
        return ScalarNode(_NULL, "null")
    return dumper.represent_data(value)


def emit_key(key: str, value, newline: str = "\n") -> str:
    """A top-level `key: value` chunk; the transcript key takes a list of Entry values."""
    if key == "transcript":
        value = [entry_data(entry) for entry in value]
    return _indented(_dump({key: value}), 0, newline)
