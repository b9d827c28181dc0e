"""pandas values for :mod:`toolkit.cache.codec`: tables, series, indexes and scalars as data.

A ``DataFrame`` is stored as its column labels, its index and one node per column; a
column is a numpy array in ``.npy`` (numbers, booleans, dates) or a list of items
(``object`` and ``str`` columns, nullable and other extension types, rebuilt with their
dtype). Categoricals keep their codes, categories and order; time-zone-aware columns
their zone; ``attrs`` (the corpus load report) are kept too. Nothing here calls back
into stored code: values are rebuilt with pandas constructors from plain data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["decode", "decode_scalar", "encode", "encode_scalar"]


# --------------------------------------------------------------------------- values


def _texts(enc: Any, items: list[Any]) -> dict[str, Any] | None:
    """Strings (and ``None``) as one UTF-8 array and their ends: fast for long texts."""
    if not all(x is None or type(x) is str for x in items):
        return None
    parts = [b"" if x is None else x.encode("utf-8", "surrogatepass") for x in items]
    ends = np.cumsum([len(p) for p in parts], dtype=np.int64)
    return {"a": enc.array(np.frombuffer(b"".join(parts), dtype=np.uint8)),
            "ends": enc.array(ends),
            "none": enc.array(np.array([x is None for x in items], dtype=bool))}


def _decode_texts(dec: Any, node: dict[str, Any]) -> list[str | None]:
    blob = dec.array(node["a"]).tobytes()
    ends, none = dec.array(node["ends"]).tolist(), dec.array(node["none"]).tolist()
    starts = [0, *ends[:-1]]
    return [None if n else blob[a:b].decode("utf-8", "surrogatepass")
            for a, b, n in zip(starts, ends, none)]


def _values(enc: Any, values: Any) -> dict[str, Any]:
    """One column (or index) of values (``Series.array`` or ``Index.array``)."""
    if isinstance(values, pd.arrays.NumpyExtensionArray):
        values = values.to_numpy()
    if isinstance(values, np.ndarray):
        if values.dtype.hasobject:
            items = values.tolist()
            texts = _texts(enc, items) if values.ndim == 1 else None
            if texts is not None:
                return {"k": "objstr", **texts}
            return {"k": "obj", "v": [enc(x) for x in items]}
        return {"k": "nd", "a": enc.array(values)}
    dtype = values.dtype
    if isinstance(values, pd.Categorical):
        return {"k": "cat", "codes": enc.array(np.asarray(values.codes)),
                "cats": _index(enc, values.categories), "ordered": bool(values.ordered)}
    if isinstance(values, pd.arrays.DatetimeArray):
        if values.tz is None:
            return {"k": "nd", "a": enc.array(values.to_numpy())}
        utc = values.tz_convert("UTC").tz_localize(None).to_numpy()
        return {"k": "dtz", "a": enc.array(utc), "tz": str(values.tz)}
    if isinstance(values, pd.arrays.TimedeltaArray):
        return {"k": "nd", "a": enc.array(values.to_numpy())}
    if isinstance(values, pd.arrays.PeriodArray):
        return {"k": "period", "a": enc.array(np.asarray(values.asi8)), "freq": values.freqstr}
    if isinstance(dtype, pd.StringDtype):
        items = [x if isinstance(x, str) else None for x in values]
        return {"k": "str", "storage": dtype.storage,
                "nan": bool(isinstance(dtype.na_value, float)), **_texts(enc, items)}
    if isinstance(values, pd.api.extensions.ExtensionArray):
        name = str(dtype)
        try:
            same = pd.api.types.pandas_dtype(name) == dtype
        except TypeError:
            same = False
        if not same:
            raise TypeError(f"cannot store a pandas column of dtype {name}")
        return {"k": "ext", "dtype": name,
                "v": [None if x is pd.NA else enc(x) for x in values.tolist()]}
    raise TypeError(f"cannot store pandas values of type {type(values).__name__}")


def _decode_values(dec: Any, node: dict[str, Any]) -> Any:
    kind = node["k"]
    if kind == "nd":
        return dec.array(node["a"])
    if kind in ("obj", "objstr"):
        items = [dec(x) for x in node["v"]] if kind == "obj" else _decode_texts(dec, node)
        out = np.empty(len(items), dtype=object)
        out[:] = items
        return out
    if kind == "cat":
        return pd.Categorical.from_codes(dec.array(node["codes"]),
                                         categories=_decode_index(dec, node["cats"]),
                                         ordered=node["ordered"])
    if kind == "dtz":
        return pd.array(dec.array(node["a"])).tz_localize("UTC").tz_convert(node["tz"])
    if kind == "period":
        return pd.PeriodIndex.from_ordinals(dec.array(node["a"]), freq=node["freq"]).array
    if kind == "str":
        dtype = pd.StringDtype(node["storage"], na_value=np.nan if node["nan"] else pd.NA)
        return pd.array(_decode_texts(dec, node), dtype=dtype)
    if kind == "ext":
        items = [pd.NA if x is None else dec(x) for x in node["v"]]
        return pd.array(items, dtype=pd.api.types.pandas_dtype(node["dtype"]))
    raise ValueError(f"malformed cache entry: unknown column kind {kind!r}")


def _series(values: Any, index: pd.Index | None = None, name: Any = None) -> pd.Series:
    # an explicit dtype: pandas would otherwise re-infer object columns of strings as str
    return pd.Series(values, index=index, name=name, dtype=values.dtype, copy=False)


# --------------------------------------------------------------------------- indexes


def _index(enc: Any, index: pd.Index) -> dict[str, Any]:
    if type(index) is pd.RangeIndex:
        return {"t": "index", "k": "range", "v": [index.start, index.stop, index.step],
                "name": enc(index.name)}
    if isinstance(index, pd.MultiIndex):
        return {"t": "index", "k": "multi", "levels": [_index(enc, lv) for lv in index.levels],
                "codes": [enc.array(np.asarray(c)) for c in index.codes],
                "names": [enc(n) for n in index.names]}
    node = {"t": "index", "k": "plain", "v": _values(enc, index.array),
            "name": enc(index.name)}
    if isinstance(index, (pd.DatetimeIndex, pd.TimedeltaIndex)) and index.freq is not None:
        node["freq"] = index.freqstr
    return node


def _decode_index(dec: Any, node: dict[str, Any]) -> pd.Index:
    kind = node["k"]
    if kind == "range":
        return pd.RangeIndex(*node["v"], name=dec(node["name"]))
    if kind == "multi":
        return pd.MultiIndex(levels=[_decode_index(dec, lv) for lv in node["levels"]],
                             codes=[dec.array(c) for c in node["codes"]],
                             names=[dec(n) for n in node["names"]], verify_integrity=False)
    values = _decode_values(dec, node["v"])
    index = pd.Index(values, name=dec(node["name"]), dtype=values.dtype, copy=False)
    if "freq" in node:
        index.freq = node["freq"]  # type: ignore[union-attr]
    return index


# --------------------------------------------------------------------------- public


def encode(enc: Any, obj: Any) -> dict[str, Any] | None:
    """Return the node of a DataFrame, Series or Index (``None`` for anything else).

    Examples
    --------
    >>> from toolkit.cache.codec import dumps, loads
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]})
    >>> loads(dumps(df)).equals(df)
    True
    """
    kind = type(obj)
    if kind is pd.DataFrame:
        node = {"t": "df", "cols": _index(enc, obj.columns), "index": _index(enc, obj.index),
                "data": [_values(enc, obj.iloc[:, j].array) for j in range(obj.shape[1])]}
    elif kind is pd.Series:
        node = {"t": "series", "v": _values(enc, obj.array), "index": _index(enc, obj.index),
                "name": enc(obj.name)}
    elif isinstance(obj, pd.Index) and kind.__module__.startswith("pandas."):
        return _index(enc, obj)
    else:
        return None
    if obj.attrs:
        node["attrs"] = enc(dict(obj.attrs))
    return node


def decode(dec: Any, node: dict[str, Any]) -> Any:
    """Rebuild a DataFrame, Series or Index from its node (``None`` for other nodes).

    Examples
    --------
    >>> from toolkit.cache.codec import dumps, loads
    >>> s = pd.Series([1.5, None], index=pd.Index(["x", "y"], name="id"), name="v")
    >>> loads(dumps(s)).equals(s), loads(dumps(s)).index.name
    (True, 'id')
    """
    kind = node["t"]
    if kind == "index":
        return _decode_index(dec, node)
    if kind == "series":
        out: Any = _series(_decode_values(dec, node["v"]), _decode_index(dec, node["index"]),
                           dec(node["name"]))
    elif kind == "df":
        columns = [_series(_decode_values(dec, col)) for col in node["data"]]
        out = pd.DataFrame(dict(enumerate(columns)), copy=False) if columns else pd.DataFrame()
        out.index = _decode_index(dec, node["index"])
        out.columns = _decode_index(dec, node["cols"])
    else:
        return None
    if "attrs" in node:
        out.attrs = dec(node["attrs"])
    return out


def encode_scalar(enc: Any, obj: Any) -> dict[str, Any] | None:
    """Return the node of a pandas scalar (``None`` for anything else)."""
    if obj is pd.NaT:
        return {"t": "nat"}
    if obj is pd.NA:
        return {"t": "na"}
    if type(obj) is pd.Timestamp:
        naive = obj.tz_convert("UTC").tz_localize(None) if obj.tz is not None else obj
        return {"t": "ts", "a": enc.array(np.asarray(naive.to_datetime64())),
                "tz": None if obj.tz is None else str(obj.tz)}
    if type(obj) is pd.Timedelta:
        return {"t": "tdelta", "a": enc.array(np.asarray(obj.to_timedelta64()))}
    if type(obj) is pd.Period:
        return {"t": "period", "v": [int(obj.ordinal), obj.freqstr]}
    return None


def decode_scalar(dec: Any, node: dict[str, Any]) -> Any:
    """Rebuild a pandas scalar from its node.

    Raises
    ------
    ValueError
        The node is of no known kind.
    """
    kind = node["t"]
    if kind == "nat":
        return pd.NaT
    if kind == "na":
        return pd.NA
    if kind == "ts":
        stamp = pd.Timestamp(dec.array(node["a"])[()])
        return stamp if node["tz"] is None else stamp.tz_localize("UTC").tz_convert(node["tz"])
    if kind == "tdelta":
        return pd.Timedelta(dec.array(node["a"])[()])
    if kind == "period":
        return pd.Period(ordinal=node["v"][0], freq=node["v"][1])
    raise ValueError(f"malformed cache entry: unknown node kind {kind!r}")
