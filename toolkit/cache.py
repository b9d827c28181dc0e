"""Cache expensive steps on disk, keyed by content hashes of their inputs.

:func:`cached` stores the value that ``compute()`` returns under
``<cache dir>/<name>/<digest>.pkl``, where the digest hashes ``name``, the ``key``
mapping (the inputs and parameters the value depends on, fingerprinted by content) and
the versions of Python, the numerical libraries and the toolkit's own source. Changing
the corpus or a parameter therefore changes the digest of exactly the steps that depend
on it; upgrading a library or editing the toolkit invalidates everything.

Entries are written to a temporary file and moved into place with :func:`os.replace`,
so a reader never sees a half-written entry; each entry carries a SHA-256 of its payload,
so a truncated or corrupted file is detected, logged and recomputed.

The cache folder is ``$TOOLKIT_CACHE`` when set (read at call time), else
``.cache/`` in the project folder (:func:`toolkit._core.project_dir`); ``TOOLKIT_CACHE=off`` disables caching.

:func:`fingerprint` is the content hash used for keys, the corpus fingerprint in the
figure manifest, and anywhere else a stable identity of a table is needed. It is stable
across processes and machines (it never uses Python's randomised ``hash``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import json
import logging
import math
import os
import pickle
import re
import tempfile
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from toolkit import _core as _util

logger = logging.getLogger(__name__)

__all__ = ["cached", "fingerprint", "versions", "key_digest", "atomic_write", "cache_dir", "clear",
           "enabled"]

T = TypeVar("T")

#: Libraries whose versions are part of every cache key and of the figure provenance.
LIBRARIES = ("numpy", "pandas", "scipy", "gensim", "nltk", "networkx", "matplotlib", "pillow")
_MAGIC = b"TKCACHE1"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_OFF = {"off", "0", "false", "no", "none", "disable", "disabled"}


# --------------------------------------------------------------------------- fingerprints


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


def _feed(h: Any, obj: Any) -> None:
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
    elif isinstance(obj, pd.DataFrame):
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
    elif isinstance(obj, np.ndarray):
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
    elif isinstance(obj, Mapping):
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
    elif isinstance(obj, PurePath):
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


# --------------------------------------------------------------------------- versions


@lru_cache(maxsize=1)
def _toolkit_source_hash() -> str:
    """Hash every ``.py`` file of the installed toolkit, so editing the code invalidates."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        _tag(h, "file", path.relative_to(root).as_posix().encode())
        _tag(h, "code", path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """Return the versions of Python, the main libraries and the toolkit.

    ``toolkit_source`` is a hash of the toolkit's own code: a cache entry computed by an
    older version of a function is never served after the code changed.

    Examples
    --------
    >>> sorted(versions())[:3]
    ['gensim', 'matplotlib', 'networkx']
    >>> versions()["python"].count(".")
    2
    """
    import platform

    import toolkit

    found = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            found[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            found[lib] = "absent"
    found["toolkit"] = toolkit.__version__
    found["toolkit_source"] = _toolkit_source_hash()
    return found


# --------------------------------------------------------------------------- the cache


def enabled() -> bool:
    """Return whether caching is on (``TOOLKIT_CACHE=off`` turns it off).

    Examples
    --------
    >>> isinstance(enabled(), bool)
    True
    """
    return os.environ.get("TOOLKIT_CACHE", "").strip().lower() not in _OFF


def cache_dir() -> Path:
    """Return the cache folder: ``$TOOLKIT_CACHE`` if set, else ``.cache/`` in the project folder.

    Read at call time, so tests and the figure runner can point it elsewhere.

    Examples
    --------
    >>> cache_dir().name != ""
    True
    """
    env = os.environ.get("TOOLKIT_CACHE", "").strip()
    if env and env.lower() not in _OFF:
        return Path(env)
    return _util.project_dir() / ".cache"


def _check_name(name: Any) -> None:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    if not _NAME.match(name):
        raise ValueError(f"name={name!r} is invalid; must be letters, digits, '_', '.' or '-' "
                         "(it names a folder in the cache)")


def key_digest(name: str, key: Mapping[str, Any]) -> str:
    """Return the digest that names the cache entry of ``name`` and ``key``.

    Examples
    --------
    >>> key_digest("lda", {"k": 5}) == key_digest("lda", {"k": 5})
    True
    >>> key_digest("lda", {"k": 5}) == key_digest("lda", {"k": 6})
    False
    """
    _check_name(name)
    if not isinstance(key, Mapping):
        raise TypeError(f"key must be a mapping of the inputs and parameters the value depends "
                        f"on, not {type(key).__name__}")
    return fingerprint({"name": name, "key": key, "versions": versions()})


def cached(name: str, key: Mapping[str, Any], compute: Callable[[], T], *,
           directory: str | Path | None = None) -> T:
    """Return ``compute()``, loading it from the disk cache when the same key was seen.

    Parameters
    ----------
    name
        The step being cached, e.g. ``"topics.fit"``; names the entry's folder.
    key
        Everything the value depends on: input tables, parameters, the seed. Values are
        hashed with :func:`fingerprint` (a DataFrame is hashed by content), together with
        ``name`` and :func:`versions`.
    compute
        Called with no arguments on a miss; its result must be picklable.
    directory
        Cache folder; default :func:`cache_dir`.

    Returns
    -------
    The cached or freshly computed value.

    Notes
    -----
    A corrupt, truncated or unreadable entry is logged and recomputed. Values that
    cannot be pickled are returned but not stored (logged as a warning).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> calls = []
    >>> def square():
    ...     calls.append(1)
    ...     return 7 * 7
    >>> cached("demo", {"x": 7}, square, directory=folder)
    49
    >>> cached("demo", {"x": 7}, square, directory=folder), len(calls)
    (49, 1)
    """
    digest = key_digest(name, key)
    if not callable(compute):
        raise TypeError(f"compute must be a callable taking no arguments, not "
                        f"{type(compute).__name__}")
    if directory is None and not enabled():
        return compute()
    folder = Path(directory) if directory is not None else cache_dir()
    path = folder / name / f"{digest}.pkl"
    if path.exists():
        try:
            value = _read(path)
        except Exception as exc:  # any failure to read means: recompute
            logger.warning("cache: unreadable entry %s (%s: %s); recomputing",
                           path, type(exc).__name__, exc)
        else:
            logger.info("cache hit: %s %s", name, digest[:12])
            return value
    started = time.perf_counter()
    value = compute()
    elapsed = time.perf_counter() - started
    try:
        _write(path, value)
    except (pickle.PicklingError, TypeError, AttributeError, OSError) as exc:
        logger.warning("cache: could not store %s %s (%s: %s)", name, digest[:12],
                       type(exc).__name__, exc)
    else:
        logger.info("cache miss: %s %s computed in %.1f s", name, digest[:12], elapsed)
    return value


def _read(path: Path) -> Any:
    blob = path.read_bytes()
    head = len(_MAGIC) + 32
    if len(blob) < head or not blob.startswith(_MAGIC):
        raise ValueError("not a toolkit cache entry")
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC):head]:
        raise ValueError("checksum mismatch (truncated or corrupted)")
    return pickle.loads(payload)


def _write(path: Path, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    atomic_write(path, _MAGIC + hashlib.sha256(payload).digest() + payload)


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and :func:`os.replace`.

    Readers see either the old file or the complete new one, never a partial file.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a" / "b.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with io.FileIO(fd, "wb", closefd=True) as f:
            f.write(data)
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def clear(name: str | None = None, *, directory: str | Path | None = None) -> int:
    """Delete cache entries (all of them, or those of one step); return how many.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> cached("demo", {"x": 1}, lambda: 1, directory=folder)
    1
    >>> clear("demo", directory=folder)
    1
    """
    if name is not None:
        _check_name(name)
    folder = Path(directory) if directory is not None else cache_dir()
    base = folder / name if name is not None else folder
    removed = 0
    if base.exists():
        for path in sorted(base.rglob("*.pkl")):
            path.unlink()
            removed += 1
    logger.info("cache: removed %d entries from %s", removed, base)
    return removed
