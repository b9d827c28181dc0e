"""The user's secret cache key, and the checks that keep cache folders private.

Every cache entry is signed with a keyed HMAC (SHA-256). The key is 32 random bytes in a
file only the user can read, created on first use:

* ``$TOOLKIT_CACHE_KEY`` when set (a file path), else
* ``$XDG_CACHE_HOME/toolkit/cache.key``, else ``~/.cache/toolkit/cache.key``,

that is, in the user's own cache folder, never beside the entries it signs: someone who
can write the project's cache folder (a shared drive, a received replication package)
cannot read the key and so cannot forge an entry. The key file must be a regular file
owned by the user with no permissions for group or others (mode ``0600``); otherwise it
is refused (:class:`CacheSecurityError`) and nothing is cached.

Cache folders are created ``0700``. :func:`private_dir` refuses a folder owned by another
user and takes group and other permissions away from the user's own folder (a folder
made under ``umask 002`` by an older version), with a warning.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import secrets
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = ["CacheSecurityError", "key_path", "private_dir", "secret_key", "sign"]

_KEY_BYTES = 32


class CacheSecurityError(PermissionError):
    """A cache folder, entry or key that another user could have written or read."""


def key_path() -> Path:
    """Return the file holding the user's cache key (read at call time).

    Examples
    --------
    >>> key_path().name in {"cache.key", os.environ.get("TOOLKIT_CACHE_KEY", "cache.key")}
    True
    """
    env = os.environ.get("TOOLKIT_CACHE_KEY", "").strip()
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base).expanduser() if base else Path.home() / ".cache"
    return root / "toolkit" / "cache.key"


def _owner_problem(info: os.stat_result, what: str, path: Path) -> str | None:
    if info.st_uid != os.geteuid():
        return f"{what} {path} belongs to user id {info.st_uid}, not to you ({os.geteuid()})"
    return None


def private_dir(path: str | Path) -> Path:
    """Create ``path`` (and missing parents) as a folder only the user can use; return it.

    A new folder is made ``0700``. An existing one must be a folder owned by the user;
    group or other permissions on it are removed, with a warning.

    Raises
    ------
    CacheSecurityError
        The folder belongs to another user, or is not a folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = private_dir(Path(tempfile.mkdtemp()) / "cache" / "step")
    >>> oct(folder.stat().st_mode & 0o777)
    '0o700'
    """
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    info = os.stat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise CacheSecurityError(f"cache folder {path} is not a folder")
    problem = _owner_problem(info, "cache folder", path)
    if problem:
        raise CacheSecurityError(f"{problem}; the cache is not used there (set TOOLKIT_CACHE "
                                 "to a folder of your own)")
    loose = stat.S_IMODE(info.st_mode) & 0o077
    if loose:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
        logger.warning("cache folder %s was open to other users (mode %s); set to %s",
                       path, oct(stat.S_IMODE(info.st_mode)),
                       oct(stat.S_IMODE(info.st_mode) & 0o700))
    return path


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CacheSecurityError(f"cache key {path} is not a regular file")
        problem = _owner_problem(info, "cache key", path)
        if problem:
            raise CacheSecurityError(problem)
        if stat.S_IMODE(info.st_mode) & 0o077:
            raise CacheSecurityError(
                f"cache key {path} is readable or writable by other users (mode "
                f"{oct(stat.S_IMODE(info.st_mode))}); delete it (a new key is made, the "
                "cache is recomputed) or run: chmod 600 " + str(path))
        data = os.read(fd, 4 * _KEY_BYTES)
    finally:
        os.close(fd)
    if len(data) != _KEY_BYTES:
        raise CacheSecurityError(f"cache key {path} has {len(data)} bytes, expected "
                                 f"{_KEY_BYTES}; delete it and a new one is made")
    return data


def secret_key() -> bytes:
    """Return the user's cache key, creating it (``0600``) on first use.

    Two processes creating it at once agree on one key: it is written to a private
    temporary file and linked into place only if no key exists yet.

    Raises
    ------
    CacheSecurityError
        The key file is not the user's own private file.
    OSError
        The key cannot be created (e.g. a read-only home folder).

    Examples
    --------
    >>> import tempfile
    >>> os.environ["TOOLKIT_CACHE_KEY"] = str(Path(tempfile.mkdtemp()) / "k" / "cache.key")
    >>> len(secret_key()), secret_key() == secret_key()
    (32, True)
    >>> oct(key_path().stat().st_mode & 0o777)
    '0o600'
    >>> del os.environ["TOOLKIT_CACHE_KEY"]
    """
    path = key_path()
    with contextlib.suppress(FileNotFoundError):
        return _read_key(path)
    private_dir(path.parent)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 0o600)
    try:
        os.write(fd, secrets.token_bytes(_KEY_BYTES))
        os.fchmod(fd, 0o600)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if another process made the key first: use theirs
        logger.info("cache: created the cache key %s", path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    return _read_key(path)


def sign(key: bytes, label: str, body: bytes) -> bytes:
    """Return the HMAC-SHA256 of ``body`` bound to ``label`` (the entry's name).

    Examples
    --------
    >>> sign(b"k" * 32, "a/1", b"x") == sign(b"k" * 32, "a/2", b"x")
    False
    """
    mac = hmac.new(key, b"toolkit.cache/2\0" + label.encode("utf-8") + b"\0", "sha256")
    mac.update(body)
    return mac.digest()
