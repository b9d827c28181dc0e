"""The versions every cache key and every figure's provenance records.

Python, the numerical libraries, the toolkit's version and a hash of the toolkit's own
source: upgrading a library or editing the toolkit changes every cache key.
"""

from __future__ import annotations

import hashlib
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import toolkit
from toolkit.cache.hashing import _tag

__all__ = ["LIBRARIES", "versions"]

#: Libraries whose versions are part of every cache key and of the figure provenance.
LIBRARIES = ("numpy", "pandas", "scipy", "gensim", "nltk", "networkx", "matplotlib", "pillow")


@lru_cache(maxsize=1)
def _toolkit_source_hash() -> str:
    """Hash every ``.py`` file of the installed toolkit, so editing the code invalidates."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        _tag(h, "file", path.relative_to(root).as_posix().encode())
        _tag(h, "code", path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _versions() -> tuple[tuple[str, str], ...]:
    # read once per process: versions and source do not change while it runs
    found = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            found[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            found[lib] = "absent"
    found["toolkit"] = toolkit.__version__
    found["toolkit_source"] = _toolkit_source_hash()
    return tuple(found.items())


def versions() -> dict[str, str]:
    """Return the versions of Python, the main libraries and the toolkit.

    ``toolkit_source`` is a hash of the toolkit's own code: a cache entry computed by an
    older version of a function is never served after the code changed. Read once per
    process; each call returns a new dict.

    Examples
    --------
    >>> from toolkit.cache import versions
    >>> sorted(versions())[:3]
    ['gensim', 'matplotlib', 'networkx']
    >>> versions()["python"].count(".")
    2
    """
    return dict(_versions())
