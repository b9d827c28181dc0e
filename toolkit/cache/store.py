"""The disk cache: :func:`cached` stores a value under the content hash of its inputs.

Entries live in ``<cache dir>/<name>/<digest>.tkc``; the digest hashes ``name``, the
``key`` mapping (fingerprinted by content) and :func:`toolkit.cache.versions`. An entry
is data, never code: the value as JSON and ``.npy`` arrays (:mod:`toolkit.cache.codec`,
no pickle), signed with a keyed HMAC (:mod:`toolkit.cache.keys`) that is checked before
anything in the entry is read. Entries are written ``0600`` (atomically:
:func:`toolkit.cache.atomic_write`) into folders that are ``0700`` and the user's own.
An entry that is not the user's own file, is open to other users, or fails its check
(truncated, corrupted, planted, signed with another key) is reported with a warning and
recomputed; the value is then stored again.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from toolkit._core import project_dir
from toolkit._core.checks import check_type
from toolkit.cache.codec import dumps, loads
from toolkit.cache.files import atomic_write, clean_orphans
from toolkit.cache.hashing import fingerprint
from toolkit.cache.keys import CacheSecurityError, private_dir, secret_key, sign
from toolkit.cache.libraries import versions

logger = logging.getLogger(__name__)

__all__ = ["ENTRY_SUFFIX", "cache_dir", "cached", "clear", "enabled", "entries", "key_digest",
           "lookup"]

T = TypeVar("T")

#: File name suffix of cache entries.
ENTRY_SUFFIX = ".tkc"
_MAGIC = b"TKCACHE2"
_MAC = 32
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_OFF = {"off", "0", "false", "no", "none", "disable", "disabled"}
#: Entries of the pickle-based format of earlier versions: never read, removed by clear().
_LEGACY_SUFFIX = ".pkl"


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


def entries(directory: str | Path | None = None, name: str | None = None) -> list[Path]:
    """Return the entry files in the cache (of one step, or all), sorted.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = cached("demo", {"x": 1}, lambda: 1, directory=folder)
    >>> [p.parent.name for p in entries(folder)]
    ['demo']
    """
    if name is not None:
        _check_name(name)
    folder = Path(directory) if directory is not None else cache_dir()
    base = folder / name if name is not None else folder
    return sorted(base.rglob(f"*{ENTRY_SUFFIX}")) if base.is_dir() else []


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
        Called with no arguments on a miss. Its result is stored when it is made of the
        data types :mod:`toolkit.cache.codec` lists (tables, arrays, dicts and lists of
        them, toolkit objects, gensim topic models); otherwise it is returned unstored.
    directory
        Cache folder; default :func:`cache_dir`.

    Returns
    -------
    The cached or freshly computed value.

    Notes
    -----
    Nothing is ever unpickled or executed from the cache. An entry that fails its HMAC
    check, is not the user's own ``0600`` file, or cannot be read is reported (a warning
    naming the entry and why) and recomputed. A cache folder of another user is not used
    (a warning; the value is computed and returned). Writes leave no partial entry; the
    temporary files of a writer that was killed are removed by the next call.

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
    check_type("compute", compute, Callable, "a callable taking no arguments")
    opened = _open(name, key, directory)
    if opened is None:
        return compute()
    path, secret, label, digest = opened
    found = _load(path, secret, label)
    if found is not _MISS:
        logger.info("cache hit: %s %s", name, digest[:12])
        return found
    started = time.perf_counter()
    value = compute()
    elapsed = time.perf_counter() - started
    try:
        body = dumps(value)
    except TypeError as exc:
        logger.warning("cache: could not store %s %s (%s)", name, digest[:12], exc)
        return value
    try:
        atomic_write(path, _MAGIC + sign(secret, label, body) + body, mode=0o600)
    except OSError as exc:
        logger.warning("cache: could not store %s %s (%s: %s)", name, digest[:12],
                       type(exc).__name__, exc)
    else:
        logger.info("cache miss: %s %s computed in %.1f s", name, digest[:12], elapsed)
    return value


_MISS = object()


def _open(name: str, key: Mapping[str, Any], directory: str | Path | None
          ) -> tuple[Path, bytes, str, str] | None:
    """The entry's path, the secret key, its label and digest; None: no cache to use."""
    digest = key_digest(name, key)
    if directory is None and not enabled():
        return None
    root = Path(directory) if directory is not None else cache_dir()
    try:
        private_dir(root)
        folder = private_dir(root / name)
        secret = secret_key()
    except OSError as exc:  # another user's folder or key, a read-only disk, ...
        logger.warning("cache: not used for %s (%s: %s); computing without it", name,
                       type(exc).__name__, exc)
        return None
    clean_orphans(folder)  # temporary files of a writer that was killed
    return folder / f"{digest}{ENTRY_SUFFIX}", secret, f"{name}/{digest}", digest


def lookup(name: str, key: Mapping[str, Any], *, directory: str | Path | None = None
           ) -> tuple[bool, Any]:
    """Return ``(True, value)`` when :func:`cached` would load ``key``'s value, else
    ``(False, None)``; nothing is computed or stored.

    For a caller that checks a batch of steps first and sends only the missing ones
    elsewhere (worker processes: :func:`toolkit.topics.sweep`). An entry that is refused
    is reported as :func:`cached` reports it and counts as missing.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> lookup("demo", {"x": 3}, directory=folder)
    (False, None)
    >>> cached("demo", {"x": 3}, lambda: 9, directory=folder)
    9
    >>> lookup("demo", {"x": 3}, directory=folder)
    (True, 9)
    """
    opened = _open(name, key, directory)
    if opened is None:
        return False, None
    path, secret, label, digest = opened
    found = _load(path, secret, label)
    if found is _MISS:
        return False, None
    logger.info("cache hit: %s %s", name, digest[:12])
    return True, found


def _load(path: Path, secret: bytes, label: str) -> Any:
    """The value of the entry at ``path``, or ``_MISS`` (absent, or refused and reported)."""
    try:
        blob = _read_own_file(path)
    except FileNotFoundError:
        return _MISS
    except (OSError, ValueError) as exc:
        logger.warning("cache: refused entry %s (%s); recomputing", path, exc)
        return _MISS
    head = len(_MAGIC) + _MAC
    if len(blob) < head or not blob.startswith(_MAGIC):
        logger.warning("cache: unreadable entry %s (not a toolkit cache entry); recomputing",
                       path)
        return _MISS
    body = blob[head:]
    if not hmac.compare_digest(blob[len(_MAGIC):head], sign(secret, label, body)):
        logger.warning("cache: unreadable entry %s (its signature does not match: truncated, "
                       "corrupted, or not written by you); recomputing", path)
        return _MISS
    try:
        return loads(body)
    except Exception as exc:  # a signed entry we cannot rebuild (e.g. a class renamed)
        logger.warning("cache: unreadable entry %s (%s: %s); recomputing", path,
                       type(exc).__name__, exc)
        return _MISS


def _read_own_file(path: Path) -> bytes:
    """Read a regular file that the user owns and no one else may write (never a link)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CacheSecurityError("not a regular file")
        if info.st_uid != os.geteuid():
            raise CacheSecurityError(f"owned by user id {info.st_uid}, not by you")
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise CacheSecurityError(f"open to other users (mode "
                                     f"{oct(stat.S_IMODE(info.st_mode))})")
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read()
    finally:
        os.close(fd)


def clear(name: str | None = None, *, directory: str | Path | None = None) -> int:
    """Delete cache entries (all of them, or those of one step); return how many.

    Entries of the pickle-based format of earlier versions (``*.pkl``) are removed too.

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
    if base.is_dir():
        for suffix in (ENTRY_SUFFIX, _LEGACY_SUFFIX):
            for path in sorted(base.rglob(f"*{suffix}")):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
    logger.info("cache: removed %d entries from %s", removed, base)
    return removed
