"""Atomic file writes, and the temporary files a killed writer leaves behind.

:func:`atomic_write` writes to a temporary file in the target's own folder, flushes it to
disk, and renames it over the target, so a reader (or a run killed half-way) sees the old
file or the complete new one, never a part. The temporary file is named
``.<name>.<pid>.<random>.tmp``: a writer killed with SIGKILL cannot remove it, and
:func:`clean_orphans` removes those of processes that no longer run on the next run.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = ["TEMP_PATTERN", "atomic_write", "clean_orphans", "process_alive"]

#: Names of the temporary files of :func:`atomic_write`: ``.<name>.<pid>.<random>.tmp``.
TEMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")


def process_alive(pid: int) -> bool:
    """Return whether a process with this id runs on this machine (ours or another user's).

    Examples
    --------
    >>> process_alive(os.getpid())
    True
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, it is someone else's
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has exited but not been reaped yet (Linux ``/proc``; else False).

    A killed run's worker processes stay zombies until their new parent reaps them, which
    an init process in a container may do late; they write nothing any more, so what they
    left is orphaned (a killed `make figures` once left two staging folders this way).
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _fsync_dir(folder: Path) -> None:
    # the rename itself is only durable once the folder's entry is on disk
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` through a temporary file, fsync and :func:`os.replace`.

    Readers see either the old file or the complete new one, never a partial file; a
    symlink at ``path`` is replaced by the file, its target is never written.

    Parameters
    ----------
    path
        The file to write; its folder is created if needed.
    data
        The complete new content.
    mode
        Permissions of the new file (``0o600`` for cache entries; ``0o644`` by default).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a" / "b.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    >>> oct(target.stat().st_mode & 0o777)
    '0o644'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with io.FileIO(fd, "wb", closefd=True) as f:
            f.write(data)
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return path


def clean_orphans(folder: str | Path) -> list[Path]:
    """Remove the temporary files of :func:`atomic_write` left by processes that died.

    Only files named like :data:`TEMP_PATTERN` whose process no longer runs are removed
    (a writer that is still running keeps its file); the names are logged.

    Parameters
    ----------
    folder
        The folder to clean (not its subfolders); a missing folder has no orphans.

    Returns
    -------
    list of Path
        The files removed.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".entry.tkc.999999999.abc.tmp").write_bytes(b"half")
    >>> [p.name for p in clean_orphans(folder)]
    ['.entry.tkc.999999999.abc.tmp']
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for name in names:
        match = TEMP_PATTERN.match(name)
        if match is None or process_alive(int(match["pid"])):
            continue
        path = folder / name
        if path.is_symlink() or not path.is_file():
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    if removed:
        logger.warning("removed %d temporary file(s) left by an interrupted write in %s: %s",
                       len(removed), folder, ", ".join(p.name for p in removed))
    return removed
