"""Content fingerprints: a SHA-256 of what an object holds, stable across processes.

:func:`fingerprint` is the content hash used for cache keys, the corpus fingerprint in the
figure manifest, and anywhere else a stable identity of a table is needed. It never uses
Python's randomised ``hash``, so two processes (or two machines) agree.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import math
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["fingerprint"]


def fingerprint(obj: Any) -> str:
    """Return a SHA-256 hex digest of ``obj``'s content, stable across processes.

    Handles DataFrames, Series and Index objects (column names and order, dtypes,
    index and values), numpy arrays, scipy sparse matrices, mappings (order-insensitive),
    lists, tuples, sets, strings, numbers, ``None``, dates, paths and dataclasses, nested
    in any way. An object may define ``__fingerprint__(self) -> str`` to say how it is
    hashed. Anything else raises ``TypeError`` rather than risk an unstable hash.

    Parameters
    ----------
    obj
        The value to hash.

    Returns
    -------
    str
        64 hexadecimal characters.

    Examples
    --------
    >>> fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    True
    >>> fingerprint(pd.DataFrame({"x": [1, 2]})) == fingerprint(pd.DataFrame({"x": [2, 1]}))
    False
    >>> fingerprint(1) == fingerprint(1.0)
    False
    >>> len(fingerprint("text"))
    64
    """
    h = hashlib.sha256()
    _feed(h, obj)
    return h.hexdigest()


def _tag(h: Any, tag: str, payload: bytes = b"") -> None:
    # type tag + length prefix: no two different values can produce the same stream
    h.update(tag.encode())
    h.update(len(payload).to_bytes(8, "little"))
    h.update(payload)


def _hash_values(h: Any, values: pd.Series | pd.Index) -> None:
    try:
        hashed = pd.util.hash_pandas_object(values, index=False) if isinstance(
            values, pd.Series) else pd.util.hash_pandas_object(values)
    except TypeError:
        # cells pandas cannot hash (lists of tokens, dicts): hash them one by one
        _tag(h, "cells")
        for value in values:
            _feed(h, value)
        return
    _tag(h, "hashed", np.ascontiguousarray(hashed.to_numpy(dtype="uint64")).tobytes())


def _feed_scalar(h: Any, obj: Any) -> bool:
    if obj is None:
        _tag(h, "none")
    elif isinstance(obj, (bool, np.bool_)):
        _tag(h, "bool", b"1" if obj else b"0")
    elif isinstance(obj, (int, np.integer)):
        _tag(h, "int", str(int(obj)).encode())
    elif isinstance(obj, (float, np.floating)):
        value = float(obj)
        _tag(h, "float", ("nan" if math.isnan(value) else repr(value)).encode())
    elif isinstance(obj, str):
        _tag(h, "str", obj.encode("utf-8", "surrogatepass"))
    elif isinstance(obj, (bytes, bytearray, memoryview)):
        _tag(h, "bytes", bytes(obj))
    else:
        return False
    return True


def _feed_pandas(h: Any, obj: Any) -> bool:
    if isinstance(obj, pd.DataFrame):
        _tag(h, "frame", json.dumps([list(map(str, obj.columns)), list(map(repr, obj.columns)),
                                     [str(t) for t in obj.dtypes], list(obj.shape)]).encode())
        _feed(h, obj.index)
        for i in range(obj.shape[1]):
            _hash_values(h, obj.iloc[:, i])
    elif isinstance(obj, pd.Series):
        _tag(h, "series", json.dumps([repr(obj.name), str(obj.dtype), len(obj)]).encode())
        _feed(h, obj.index)
        _hash_values(h, obj)
    elif isinstance(obj, pd.Index):
        _tag(h, "index", json.dumps([type(obj).__name__, str(obj.dtype), len(obj),
                                     [repr(n) for n in obj.names]]).encode())
        if isinstance(obj, pd.RangeIndex):
            _tag(h, "range", f"{obj.start}:{obj.stop}:{obj.step}".encode())
        else:
            _hash_values(h, obj)
    else:
        return False
    return True


def _feed_array(h: Any, obj: Any) -> bool:
    if isinstance(obj, np.ndarray):
        if obj.dtype.hasobject:
            _tag(h, "objarray", json.dumps(list(obj.shape)).encode())
            for value in obj.ravel(order="C"):
                _feed(h, value)
        else:
            _tag(h, "array", json.dumps([obj.dtype.str, list(obj.shape)]).encode())
            h.update(np.ascontiguousarray(obj).tobytes())
    elif hasattr(obj, "__fingerprint__"):
        _tag(h, "custom", str(obj.__fingerprint__()).encode())
    elif _is_sparse(obj):
        csr = obj.tocsr()
        csr.sort_indices()
        _tag(h, "sparse", json.dumps([csr.dtype.str, list(csr.shape)]).encode())
        for part in (csr.data, csr.indices, csr.indptr):
            _feed(h, np.asarray(part))
    else:
        return False
    return True


def _feed_container(h: Any, obj: Any) -> bool:
    if isinstance(obj, Mapping):
        # order-insensitive: sort the entries by the hash of their key
        items = sorted(((fingerprint(k), k, v) for k, v in obj.items()), key=lambda e: e[0])
        _tag(h, "map", str(len(items)).encode())
        for key_digest, _, value in items:
            _tag(h, "key", key_digest.encode())
            _feed(h, value)
    elif isinstance(obj, (list, tuple)):
        if all(type(x) is str for x in obj):
            # fast path for token lists: json is unambiguous and runs in C
            _tag(h, "strs-" + type(obj).__name__, json.dumps(obj).encode())
        else:
            _tag(h, type(obj).__name__, str(len(obj)).encode())
            for value in obj:
                _feed(h, value)
    elif isinstance(obj, (set, frozenset)):
        _tag(h, "set", "".join(sorted(fingerprint(v) for v in obj)).encode())
    else:
        return False
    return True


def _feed_other(h: Any, obj: Any) -> bool:
    if isinstance(obj, PurePath):
        _tag(h, "path", obj.as_posix().encode())
    elif isinstance(obj, (pd.Timestamp, pd.Period, pd.Timedelta, _dt.date, _dt.datetime,
                          _dt.time, _dt.timedelta, np.datetime64, np.timedelta64)):
        _tag(h, "time-" + type(obj).__name__, str(obj).encode())
    elif obj is pd.NaT:
        _tag(h, "nat")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        _tag(h, "dataclass", f"{type(obj).__module__}.{type(obj).__qualname__}".encode())
        _feed(h, {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)})
    elif callable(obj) and hasattr(obj, "__qualname__") and "<lambda>" not in obj.__qualname__ \
            and "<locals>" not in obj.__qualname__:
        _tag(h, "callable", f"{obj.__module__}.{obj.__qualname__}".encode())
    else:
        return False
    return True


#: Tried in this order (the order decides, e.g. a bool is not hashed as an int).
_FEEDERS = (_feed_scalar, _feed_pandas, _feed_array, _feed_container, _feed_other)


def _feed(h: Any, obj: Any) -> None:
    for feeder in _FEEDERS:
        if feeder(h, obj):
            return
    raise TypeError(
        f"fingerprint() cannot hash an object of type {type(obj).__module__}."
        f"{type(obj).__qualname__}; pass its defining data (a DataFrame, array, dict of "
        "parameters, ...) or give the class a __fingerprint__() method")


def _is_sparse(obj: Any) -> bool:
    try:
        from scipy import sparse
    except ImportError:  # pragma: no cover - scipy is a core dependency
        return False
    return bool(sparse.issparse(obj))

