"""Read-back verification: the text about to be saved must parse, under ruamel.yaml and PyYAML, as the model."""
import yaml

from .entries import entry_from_data
from .errors import ParseError, SaveError
from .frontmatter import position, yaml_region
from .layout import Layout, parse


def _pyyaml_load(text: str, plain: bool):
    start, end = (0, len(text)) if plain else yaml_region(text)
    return yaml.load(text[start:end], Loader=yaml.CSafeLoader)


def _same(a, b) -> bool:
    """Equal values of the same types (so 1 is not True and '1' is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def verify(text: str, slots, meta: dict, emitted_meta, plain: bool, original_text: str, path) -> Layout:
    """The layout of `text` when it reads back as `slots` and `meta`; SaveError (naming the line) otherwise."""
    try:
        layout = parse(text, path, plain)
    except ParseError as exc:
        raise SaveError(f"refusing to save: the new text does not parse ({exc.message})", path, exc.line,
                        exc.column) from None
    if len(layout.slots) != len(slots):
        raise SaveError(f"refusing to save: {len(layout.slots)} entries read back instead of {len(slots)}", path)
    for index, (got, want) in enumerate(zip(layout.slots, slots)):
        if got.entry != want.entry or (want.source is None and index in layout.coerced):
            raise SaveError(f"refusing to save: entry {index} reads back differently", path, got.line)
    if layout.meta != meta:
        raise SaveError("refusing to save: the top-level keys read back differently", path)
    _verify_pyyaml(text, layout, slots, meta, emitted_meta, plain, original_text, path)
    return layout


def _verify_pyyaml(text, layout, slots, meta, emitted_meta, plain, original_text, path):
    """A YAML 1.1 reader must see every re-emitted entry and key exactly as the model has it."""
    try:
        data = _pyyaml_load(text, plain)
    except yaml.YAMLError as exc:
        try:
            _pyyaml_load(original_text, plain)
        except yaml.YAMLError:
            return
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else position(text, layout.yaml_start + mark.index)[0]
        raise SaveError("refusing to save: a YAML 1.1 reader cannot parse the new text", path, line) from None
    items = data.get("transcript") or []
    if len(items) != len(slots):
        raise SaveError("refusing to save: a YAML 1.1 reader sees a different number of entries", path)
    for index, slot in enumerate(slots):
        if slot.source is not None:
            continue
        item = items[index]
        text_value = item.get("header", item.get("line")) if isinstance(item, dict) else None
        if not isinstance(text_value, str) or entry_from_data(item, text_value) != slot.entry:
            raise SaveError(f"refusing to save: a YAML 1.1 reader reads entry {index} differently", path,
                            layout.slots[index].line)
    for key in emitted_meta:
        if key in meta and not _same(data.get(key), meta[key]):
            raise SaveError(f"refusing to save: a YAML 1.1 reader reads '{key}' differently", path,
                            layout.key_lines.get(key))
