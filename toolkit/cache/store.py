"""The disk cache: :func:`cached` stores a value under the content hash of its inputs.

Entries live in ``<cache dir>/<name>/<digest>.pkl``; the digest hashes ``name``, the
``key`` mapping (fingerprinted by content) and :func:`toolkit.cache.versions`. Each entry
carries a SHA-256 of its payload, so a truncated or corrupted file is detected, logged and
recomputed, and is written atomically (:func:`toolkit.cache.atomic_write`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from toolkit._core import project_dir
from toolkit._core.checks import check_type
from toolkit.cache.files import atomic_write
from toolkit.cache.hashing import fingerprint
from toolkit.cache.libraries import versions

logger = logging.getLogger(__name__)

__all__ = ["cache_dir", "cached", "clear", "enabled", "key_digest"]

T = TypeVar("T")

_MAGIC = b"TKCACHE1"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_OFF = {"off", "0", "false", "no", "none", "disable", "disabled"}


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
    return project_dir() / ".cache"


def _check_name(name: Any) -> None:
    check_type("name", name, str, "a string of letters, digits, '_', '.' or '-'")
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
    check_type("key", key, Mapping, "a mapping of the inputs and parameters the value "
               "depends on")
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
    check_type("compute", compute, Callable, "a callable taking no arguments")
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
