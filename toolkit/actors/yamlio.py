"""Read the YAML of actor dictionary files: lines remembered, repeated keys and bad bytes named.

:func:`read_blocks` is the only reader of dictionary files (:mod:`toolkit.actors.parse`
checks the blocks it returns). It uses PyYAML's safe loader (no object tags; libyaml's C parser where installed), keeps dates as
text so that :mod:`toolkit.actors.parse` can check them, and turns every problem into a
:class:`DictionaryError` that names the file and line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger("toolkit.actors")

__all__ = ["ITEM_LINES", "LINE", "DictionaryError", "read_blocks", "where"]

#: The key under which every mapping read keeps its line number.
LINE = "__line__"
#: The key under which a mapping keeps, per list-valued key, the line of each list item.
ITEM_LINES = "__item_lines__"


class DictionaryError(ValueError):
    """Bad actor dictionary input; the message names the file, line, id and value."""


DictionaryError.__module__ = "toolkit.actors"  # its public home, as tracebacks and docs show it


class _DuplicateKey(Exception):
    """A key repeated within one YAML mapping (PyYAML would keep the last one silently)."""


#: libyaml's C parser when PyYAML was built with it (about 10x faster on leaders.yaml), else
#: the pure-Python one; both give the same nodes, marks (lines) and errors.
_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """A safe YAML loader that remembers lines (of every mapping and list item) for messages.

    A key repeated within one mapping is an error: PyYAML keeps the last value silently, so
    a second ``aliases:`` in one block would drop the first list.
    """

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        items: dict[Any, list[int]] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True) if isinstance(
                key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key is not None and key in seen:
                raise _DuplicateKey(f"line {line}: key {key!r} repeated in one block (first at "
                                    f"line {seen[key]}); merge the two into one")
            if key is not None:
                seen[key] = line
                if isinstance(value_node, yaml.SequenceNode):
                    items[key] = [v.start_mark.line + 1 for v in value_node.value]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        if items:
            mapping[ITEM_LINES] = items
        return mapping


# dates stay text until _date checks them, so "2000-13-01" gets our message, not PyYAML's
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp",
                            lambda loader, node: loader.construct_scalar(node))


def where(file: str, line: Any) -> str:
    """Return ``"<file>, line <line>"`` (just the file when the line is unknown).

    Examples
    --------
    >>> where("states.yaml", 12), where("states.yaml", None)
    ('states.yaml, line 12', 'states.yaml')
    """
    return f"{file}, line {line}" if line else file


def _read_text(path: Path) -> str:
    """The file as UTF-8 text; other encodings (Latin-1, UTF-16) get a named error."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DictionaryError(
            f"{where(str(path), line)}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}; Latin-1 or Windows-1252?): save the file as UTF-8") from None


def read_blocks(path: Path) -> tuple[list[dict], list[dict]]:
    """Read one dictionary file: its ``actors:`` and ``roles:`` blocks, lines recorded.

    Every mapping gets its line under :data:`LINE` and the lines of its list items under
    :data:`ITEM_LINES`; a key repeated in one mapping, a file that is not UTF-8 and YAML
    that does not parse are :class:`DictionaryError` naming the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = f.write_text("actors:\\n  - id: RUS\\n    aliases: [Russia]\\n    aliases: [Moscow]\\n")
    >>> read_blocks(f)
    Traceback (most recent call last):
    ...
    toolkit.actors.DictionaryError: ...d.yaml, line 4: key 'aliases' repeated in one block (first at line 3); merge the two into one
    """
    text = _read_text(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except _DuplicateKey as exc:
        raise DictionaryError(f"{path}, {exc}") from None
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        logger.warning("%s: empty actor dictionary file (no actors, no roles)", path)
        return [], []
    if not isinstance(data, dict) or not ({"actors", "roles"} & set(data)):
        raise DictionaryError(f"{path}: expected a mapping with an 'actors:' and/or 'roles:' "
                              "list at the top level")
    extra = sorted(set(data) - {"actors", "roles", LINE, ITEM_LINES})
    if extra:
        raise DictionaryError(f"{path}: unknown top-level key(s) {extra}; valid: 'actors', "
                              "'roles'")
    out = []
    for key in ("actors", "roles"):
        items = data.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise DictionaryError(f"{path}: {key!r} must be a list of mappings (one per "
                                  f"{key[:-1]})")
        out.append(items)
    return out[0], out[1]
