"""Cache expensive steps on disk, keyed by content hashes of their inputs.

=================================  ======================================================
module                             what
=================================  ======================================================
:mod:`toolkit.cache.hashing`       :func:`fingerprint`: a content hash, stable across
                                   processes and machines
:mod:`toolkit.cache.libraries`     :func:`versions` of Python, the libraries, the toolkit
:mod:`toolkit.cache.files`         :func:`atomic_write`
:mod:`toolkit.cache.store`         :func:`cached`, :func:`key_digest`, :func:`cache_dir`,
                                   :func:`clear`, :func:`enabled`
=================================  ======================================================

:func:`cached` stores the value that ``compute()`` returns under
``<cache dir>/<name>/<digest>.pkl``, where the digest hashes ``name``, the ``key``
mapping (the inputs and parameters the value depends on, fingerprinted by content) and
the versions of Python, the numerical libraries and the toolkit's own source. Changing
the corpus or a parameter therefore changes the digest of exactly the steps that depend
on it; upgrading a library or editing the toolkit invalidates everything.

Entries are written to a temporary file and moved into place with :func:`os.replace`,
so a reader never sees a half-written entry; each entry carries a SHA-256 of its payload,
so a truncated or corrupted file is detected, logged and recomputed.

The cache folder is ``$TOOLKIT_CACHE`` when set (read at call time), else ``.cache/`` in
the project folder (:func:`toolkit._core.project_dir`), never inside the installed
package; ``TOOLKIT_CACHE=off`` disables caching.
"""

from toolkit.cache.files import atomic_write
from toolkit.cache.hashing import fingerprint
from toolkit.cache.libraries import LIBRARIES, versions
from toolkit.cache.store import cache_dir, cached, clear, enabled, key_digest

__all__ = [
    "LIBRARIES",
    "atomic_write",
    "cache_dir",
    "cached",
    "clear",
    "enabled",
    "fingerprint",
    "key_digest",
    "versions",
]
