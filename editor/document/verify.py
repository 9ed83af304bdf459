"""Read-back verification: every re-emitted part must parse, under ruamel.yaml and PyYAML, as the model has it.

Untouched text is the file's own and parsed at load. Each re-emitted entry is a complete sequence item at the
entries' indentation and each re-emitted key a complete top-level key, spliced between whole lines, so they read
back in the file exactly as they read back on their own; that is what is checked, with both parsers. Entries that
plain_emit wrote (ProvenText) read back as the entry by construction and are not parsed again.
"""
import re

import yaml

from .entries import entry_from_data
from .errors import ParseError, SaveError
from .layout import parse
from .plain_emit import ProvenText
from .splice import Render


def _parse_text(text: str, path, plain: bool = True):
    """The layout of a text (a re-emitted fragment, or a whole new file)."""
    return parse(text.encode("utf-8", "surrogatepass"), text, path, plain)


def _same(a, b) -> bool:
    """Equal values of the same types (so 1 is not True and '1' is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _refuse(what: str, path, line=None) -> SaveError:
    """The SaveError for a part that would not read back."""
    return SaveError(f"refusing to save: {what} would not read back as edited", path, line)


def _read_both(text: str, path, what: str):
    """(ruamel layout, PyYAML data) of a fragment; SaveError when either cannot parse it."""
    try:
        layout = _parse_text(text, path)
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except (ParseError, yaml.YAMLError):
        raise _refuse(what, path) from None
    return layout, data


_PY_STR, _PY_INT, _PY_NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def pyyaml_item(node) -> dict | None:
    """A flat item of text, null and decimal scalars as PyYAML's safe constructor builds it, else None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    data = {}
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) and key.tag == _PY_STR):
            return None
        if value.tag == _PY_STR:
            data[key.value] = value.value
        elif value.tag == _PY_NULL:
            data[key.value] = None
        elif value.tag == _PY_INT and _DECIMAL.fullmatch(value.value):
            data[key.value] = int(value.value)
        else:
            return None
    return data


def pyyaml_transcript(text: str) -> list:
    """The `transcript` items of a fragment as PyYAML's C safe loader reads them (flat items built from the nodes)."""
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode) or len(root.value) != 1:
            return loader.construct_document(root).get("transcript") or [] if root is not None else []
        key, items = root.value[0]
        if not (isinstance(key, yaml.ScalarNode) and key.tag == _PY_STR and key.value == "transcript"
                and isinstance(items, yaml.SequenceNode)):
            return loader.construct_document(root).get("transcript") or []
        return [pyyaml_item(node) or loader.construct_document(node) for node in items.value]
    finally:
        loader.dispose()


def _check_entries(text: str, entries: list, indexes: list, line_of, path) -> None:
    """The fragment `text` (a `transcript:` key) must hold exactly `entries` (file entries `indexes`)."""
    try:
        layout = _parse_text(text, path)
        items = pyyaml_transcript(text)
    except (ParseError, yaml.YAMLError, AttributeError):
        raise _refuse("the edited entries", path) from None
    if len(layout.slots) != len(entries) or len(items) != len(entries):
        raise _refuse("the edited entries", path, line_of(indexes[0]) if indexes else None)
    for position, (slot, item, entry) in enumerate(zip(layout.slots, items, entries)):
        text_value = item.get("header", item.get("line")) if isinstance(item, dict) else None
        if (slot.entry != entry or position in layout.coerced or not isinstance(text_value, str)
                or entry_from_data(item, text_value) != entry):
            raise _refuse("an edited entry", path, line_of(indexes[position]))


def verify_whole(result: Render, slots: list, meta: dict, plain: bool, path):
    """The layout of the whole new text, which must read back as the model (files where parts are not independent:
    anchors and aliases, top-level keys not at column 0)."""
    text = result.data.decode("utf-8")
    try:
        layout = parse(result.data, text, path, plain)
    except ParseError as exc:
        raise SaveError(f"refusing to save: the new text does not parse ({exc.message})", path, exc.line) from None
    if [slot.entry for slot in layout.slots] != [slot.entry for slot in slots] or layout.meta != meta:
        raise _refuse("the document", path)
    region = result.data[layout.yaml_start:layout.yaml_end]
    try:
        data = yaml.load(region, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise _refuse("the document", path) from None
    items = data.get("transcript") or []
    if len(items) != len(slots) or not all(_same(data.get(key), meta[key]) for key in result.keys):
        raise _refuse("the document", path)
    for index, _, _ in result.fresh:
        item = items[index]
        text_value = item.get("header", item.get("line")) if isinstance(item, dict) else None
        if not isinstance(text_value, str) or entry_from_data(item, text_value) != slots[index].entry:
            raise _refuse("an edited entry", path, result.data.count(b"\n", 0, layout.slots[index].start) + 1)
    return layout


def verify(result: Render, slots: list, meta: dict, line_of, path) -> None:
    """SaveError unless every re-emitted entry and key of `result` reads back as the model has it."""
    if result.open_end:
        raise _refuse("a spliced part", path)
    emitted = [fresh for fresh in result.fresh if type(fresh[2]) is not ProvenText]
    if emitted:
        text = "transcript:\n" + "".join(piece for _, _, piece in emitted)
        _check_entries(text, [entry for _, entry, _ in emitted], [i for i, _, _ in emitted], line_of, path)
    if result.restored:
        text = "transcript:\n" + "".join(piece for _, _, piece in result.restored)
        try:
            layout = _parse_text(text, path)
        except ParseError:
            raise _refuse("an undone entry", path) from None
        if [slot.entry for slot in layout.slots] != [entry for _, entry, _ in result.restored]:
            raise _refuse("an undone entry", path)
    if result.whole:
        _check_entries(result.whole, [slot.entry for slot in slots], list(range(len(slots))), line_of, path)
    if result.keys:
        layout, data = _read_both("".join(result.keys.values()), path, "the edited keys")
        for key in result.keys:
            if not (_same(layout.meta.get(key), meta[key]) and _same(data.get(key), meta[key])):
                raise _refuse(f"'{key}'", path)
