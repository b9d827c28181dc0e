"""Store values as data that cannot run code: JSON plus numpy ``.npy`` arrays, no pickle.

:func:`dumps` turns a value into bytes: a JSON tree of the value's structure and the raw
numeric arrays it holds, each in numpy's ``.npy`` format written and read with
``allow_pickle=False``. :func:`loads` rebuilds it. Reading never imports a module,
never calls a constructor, ``__setstate__`` or ``__reduce__`` of the stored data, and
accepts only the kinds of value listed here:

* ``None``, ``bool``, ``int``, ``float``, ``complex``, ``str``, ``bytes``, lists, tuples,
  dicts (any storable keys), sets, ranges, dates, times, paths;
* numpy arrays (numeric, boolean, dates, fixed-width strings; object arrays item by
  item), numpy scalars and dtypes, ``RandomState`` (its exact state);
* pandas ``DataFrame``, ``Series`` and ``Index`` (:mod:`toolkit.cache.frames`), with
  their dtypes (also ``str``, categorical, nullable and time-zone-aware ones) and
  ``attrs``; ``Timestamp``, ``Timedelta``, ``Period``, ``NaT``, ``NA``;
* objects of the plain classes of the toolkit (already imported, rebuilt field by field
  without calling ``__init__``) and of the gensim classes a topic model holds
  (:data:`SAFE_CLASSES`).

Shared references and cycles are kept (a gensim ``LdaModel`` and the ``TopicModel``
holding it share one ``Dictionary``). Anything else raises ``TypeError`` when stored.
"""

from __future__ import annotations

import base64
import datetime as _dt
import importlib
import io
import json
import math
import pathlib
import sys
from pathlib import PurePath
from typing import Any

import numpy as np

from toolkit.cache import frames

__all__ = ["SAFE_CLASSES", "dumps", "loads"]

#: Classes outside the toolkit whose instances are stored field by field.
SAFE_CLASSES = frozenset({
    "gensim.corpora.dictionary.Dictionary",
    "gensim.models.ldamodel.LdaModel",
    "gensim.models.ldamodel.LdaState",
})
_FORMAT = 2
_PATHS = frozenset({"PurePath", "PurePosixPath", "PureWindowsPath", "Path", "PosixPath",
                    "WindowsPath"})
_PLAIN_NEW = object.__new__


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _storable_class(cls: type) -> bool:
    """A class whose instances are their ``__dict__`` and nothing else."""
    name = _class_name(cls)
    if not (name in SAFE_CLASSES or cls.__module__ == "toolkit"
            or cls.__module__.startswith("toolkit.")) or "<locals>" in cls.__qualname__:
        return False
    if cls.__new__ is not _PLAIN_NEW and name not in SAFE_CLASSES:
        return False
    for attr in ("__reduce_ex__", "__reduce__", "__getstate__"):
        if getattr(cls, attr) is not getattr(object, attr):
            return False
    if hasattr(cls, "__setstate__"):
        return False
    return not any(getattr(c, "__slots__", ()) for c in cls.__mro__)


def _resolve_class(name: str) -> type:
    """The class named ``module.qualname``, from an already imported toolkit module or
    the allow-listed gensim modules; nothing else is ever imported."""
    module_name, _, qualname = name.rpartition(".")
    if name in SAFE_CLASSES:
        module = importlib.import_module(module_name)
    else:
        module = sys.modules.get(module_name) if module_name.startswith("toolkit") else None
        while module is None and "." in module_name:  # a nested class: Outer.Inner
            module_name, _, outer = module_name.rpartition(".")
            qualname = f"{outer}.{qualname}"
            module = sys.modules.get(module_name) if module_name.startswith("toolkit") else None
    if module is None:
        raise ValueError(f"class {name} is not loaded")
    obj: Any = module
    for part in qualname.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type) or _class_name(obj) != name or not _storable_class(obj):
        raise ValueError(f"class {name} cannot be rebuilt from stored data")
    return obj


class _Encoder:
    """Turn a value into a JSON tree and a list of arrays (see :func:`dumps`)."""

    def __init__(self) -> None:
        self.arrays: list[np.ndarray] = []
        self.ids: dict[int, int] = {}
        self.keep: list[Any] = []  # keeps encoded objects alive: their id()s stay unique
        self.busy: set[int] = set()

    def array(self, arr: np.ndarray) -> int:
        """Add a numeric array; return its index."""
        if arr.dtype.hasobject:
            raise TypeError("object arrays are stored item by item")
        self.arrays.append(arr)
        return len(self.arrays) - 1

    def __call__(self, obj: Any) -> Any:
        if obj is None or type(obj) in (bool, int, str):
            return obj
        if type(obj) is float:
            return obj if math.isfinite(obj) else {"t": "float", "v": repr(obj)}
        key = id(obj)
        if key in self.ids:
            return {"t": "ref", "i": self.ids[key]}
        if key in self.busy:
            raise TypeError(f"cannot store a cycle through an immutable {type(obj).__name__}")
        self.busy.add(key)
        try:
            node = self._node(obj)
        finally:
            self.busy.discard(key)
        if "i" not in node and node["t"] in _MEMO:
            node["i"] = self._remember(obj)
        return node

    def _remember(self, obj: Any) -> int:
        self.ids[id(obj)] = len(self.ids)
        self.keep.append(obj)
        return self.ids[id(obj)]

    def _node(self, obj: Any) -> dict[str, Any]:
        kind = type(obj)
        if kind is list:
            node: dict[str, Any] = {"t": "list", "i": self._remember(obj)}
            node["v"] = [self(x) for x in obj]
            return node
        if kind is dict:
            node = {"t": "dict", "i": self._remember(obj)}
            if all(type(k) is str for k in obj):
                node["m"] = {k: self(v) for k, v in obj.items()}
            else:
                node["v"] = [[self(k), self(v)] for k, v in obj.items()]
            return node
        if kind in (tuple, set, frozenset):
            items = sorted(obj, key=repr) if kind is not tuple else obj
            return {"t": kind.__name__, "v": [self(x) for x in items]}
        found = _simple_node(obj) or frames.encode_scalar(self, obj)
        if found is not None:
            return found
        if isinstance(obj, np.ndarray) and kind is np.ndarray:
            if obj.dtype.hasobject:
                return {"t": "ndo", "s": list(obj.shape),
                        "v": [self(x) for x in obj.ravel(order="C")]}
            return {"t": "nd", "a": self.array(obj)}
        if isinstance(obj, np.generic):
            if isinstance(obj, np.object_):
                raise TypeError("numpy object scalars cannot be stored")
            return {"t": "npscalar", "a": self.array(np.asarray(obj))}
        if isinstance(obj, np.random.RandomState):
            name, keys, pos, has_gauss, gauss = obj.get_state(legacy=True)
            return {"t": "rng", "name": name, "a": self.array(np.asarray(keys)), "pos": pos,
                    "g": [has_gauss, gauss]}
        frame = frames.encode(self, obj)
        if frame is not None:
            return frame
        if _storable_class(kind) and hasattr(obj, "__dict__"):
            node = {"t": "obj", "c": _class_name(kind), "i": self._remember(obj)}
            node["d"] = self(dict(vars(obj)))
            return node
        raise TypeError(f"cannot store a value of type {kind.__module__}.{kind.__qualname__} "
                        "in the cache (not one of the data types of toolkit.cache.codec)")


#: Node kinds of :func:`_simple_node`.
_SIMPLE = frozenset({"float", "complex", "bytes", "bytearray", "range", "datetime", "date",
                     "time", "timedelta", "dtype", "nptype"})
#: Node kinds that may be referenced again (mutable, or large).
_MEMO = frozenset({"list", "dict", "obj", "nd", "ndo", "df", "series", "index"})


def _simple_node(obj: Any) -> dict[str, Any] | None:
    """Scalars with a fixed text form."""
    kind = type(obj)
    if kind is complex:
        return {"t": "complex", "v": [repr(obj.real), repr(obj.imag)]}
    if kind in (bytes, bytearray):
        return {"t": kind.__name__, "v": base64.b64encode(obj).decode("ascii")}
    if kind is range:
        return {"t": "range", "v": [obj.start, obj.stop, obj.step]}
    if isinstance(obj, PurePath):
        return {"t": "path", "c": kind.__name__, "v": str(obj)}
    if kind in (_dt.datetime, _dt.date, _dt.time) and getattr(obj, "tzinfo", None) is None:
        return {"t": kind.__name__, "v": obj.isoformat()}
    if kind is _dt.timedelta:
        return {"t": "timedelta", "v": [obj.days, obj.seconds, obj.microseconds]}
    if isinstance(obj, np.dtype):
        if obj.hasobject and obj != np.dtype(object):
            raise TypeError(f"cannot store the numpy dtype {obj}")
        return {"t": "dtype", "v": obj.str if obj.names is None else obj.descr}
    if isinstance(obj, type) and issubclass(obj, np.generic) and obj is not np.object_:
        return {"t": "nptype", "v": np.dtype(obj).str}
    return None


def _decode_simple(kind: str, v: Any) -> Any:
    if kind == "float":
        return float(v)
    if kind == "complex":
        return complex(float(v[0]), float(v[1]))
    if kind in ("bytes", "bytearray"):
        raw = base64.b64decode(v.encode("ascii"), validate=True)
        return raw if kind == "bytes" else bytearray(raw)
    if kind == "range":
        return range(*v)
    if kind == "datetime":
        return _dt.datetime.fromisoformat(v)
    if kind == "date":
        return _dt.date.fromisoformat(v)
    if kind == "time":
        return _dt.time.fromisoformat(v)
    if kind == "timedelta":
        return _dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2])
    if kind == "dtype":
        return np.dtype(v if isinstance(v, str) else [tuple(f) for f in v])
    return np.dtype(v).type  # "nptype"


class _Decoder:
    """Rebuild a value from a JSON tree and its arrays (see :func:`loads`)."""

    def __init__(self, arrays: list[np.ndarray]) -> None:
        self.arrays = arrays
        self.seen: dict[int, Any] = {}

    def array(self, index: int) -> np.ndarray:
        """The stored array ``index``."""
        return self.arrays[index]

    def remember(self, node: dict[str, Any], value: Any) -> Any:
        """Register ``value`` as the object of ``node`` (for later references)."""
        if "i" in node:
            self.seen[node["i"]] = value
        return value

    def __call__(self, node: Any) -> Any:
        if node is None or type(node) in (bool, int, float, str):
            return node
        if type(node) is not dict or not isinstance(node.get("t"), str):
            raise ValueError(f"malformed cache entry: unexpected node {str(node)[:60]}")
        kind = node["t"]
        if kind == "ref":
            return self.seen[node["i"]]
        if kind == "list":
            out: list[Any] = self.remember(node, [])
            out.extend(self(x) for x in node["v"])
            return out
        if kind == "dict":
            found: dict[Any, Any] = self.remember(node, {})
            if "m" in node:
                found.update((k, self(v)) for k, v in node["m"].items())
            else:
                found.update((self(k), self(v)) for k, v in node["v"])
            return found
        if kind in ("tuple", "set", "frozenset"):
            return {"tuple": tuple, "set": set, "frozenset": frozenset}[kind](
                self(x) for x in node["v"])
        if kind == "nd":
            return self.remember(node, self.array(node["a"]))
        if kind == "ndo":
            items = [self(x) for x in node["v"]]
            arr = np.empty(len(items), dtype=object)
            arr[:] = items
            return self.remember(node, arr.reshape(node["s"]))
        if kind == "npscalar":
            return self.array(node["a"])[()]
        if kind == "rng":
            state = np.random.RandomState()
            state.set_state((node["name"], self.array(node["a"]), node["pos"], *node["g"]))
            return state
        if kind == "obj":
            cls = _resolve_class(node["c"])
            obj = self.remember(node, _PLAIN_NEW(cls))
            obj.__dict__.update(self(node["d"]))
            return obj
        if kind == "path":
            if node["c"] not in _PATHS:
                raise ValueError(f"malformed cache entry: path class {node['c']!r}")
            return getattr(pathlib, node["c"])(node["v"])
        frame = frames.decode(self, node)
        if frame is not None:
            return self.remember(node, frame)
        if kind in _SIMPLE:
            return _decode_simple(kind, node.get("v"))
        return frames.decode_scalar(self, node)


def dumps(value: Any) -> bytes:
    """Return ``value`` as bytes of JSON and ``.npy`` arrays (no pickle).

    Raises
    ------
    TypeError
        ``value`` holds something that is not one of the storable kinds.

    Examples
    --------
    >>> data = dumps({"k": [1, 2.5, None], "theta": np.eye(2)})
    >>> back = loads(data)
    >>> back["k"], back["theta"].tolist()
    ([1, 2.5, None], [[1.0, 0.0], [0.0, 1.0]])
    """
    enc = _Encoder()
    tree = enc(value)
    blobs, offsets, at = [], [], 0
    for arr in enc.arrays:
        buf = io.BytesIO()
        np.save(buf, arr, allow_pickle=False)
        blob = buf.getvalue()
        blobs.append(blob)
        offsets.append([at, len(blob)])
        at += len(blob)
    header = json.dumps({"format": _FORMAT, "value": tree, "arrays": offsets},
                        allow_nan=False, separators=(",", ":")).encode("utf-8")
    return len(header).to_bytes(8, "little") + header + b"".join(blobs)


def loads(data: bytes) -> Any:
    """Rebuild a value stored with :func:`dumps` (arrays read with ``allow_pickle=False``).

    Raises
    ------
    ValueError
        ``data`` is not a stored value.

    Examples
    --------
    >>> loads(dumps((1, "a", b"x", {2, 3})))
    (1, 'a', b'x', {2, 3})
    """
    if len(data) < 8:
        raise ValueError("not a stored value (too short)")
    size = int.from_bytes(data[:8], "little")
    try:
        header = json.loads(data[8:8 + size].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a stored value ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != _FORMAT:
        raise ValueError("not a stored value of this version")
    base = 8 + size
    arrays = [np.load(io.BytesIO(data[base + off:base + off + n]), allow_pickle=False)
              for off, n in header["arrays"]]
    return _Decoder(arrays)(header["value"])
