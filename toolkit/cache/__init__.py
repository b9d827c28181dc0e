"""Cache expensive steps on disk, keyed by content hashes of their inputs; never run code from it.

=================================  ======================================================
module                             what
=================================  ======================================================
:mod:`toolkit.cache.hashing`       :func:`fingerprint`: a content hash, stable across
                                   processes and machines
:mod:`toolkit.cache.libraries`     :func:`versions` of Python, the libraries, the toolkit
:mod:`toolkit.cache.files`         :func:`atomic_write`, :func:`clean_orphans`
:mod:`toolkit.cache.codec`         :func:`dumps`, :func:`loads`: values as JSON and
                                   ``.npy`` arrays (no pickle)
:mod:`toolkit.cache.frames`        pandas tables, series and indexes for the codec
:mod:`toolkit.cache.keys`          the user's secret key, HMAC signatures, private folders
:mod:`toolkit.cache.store`         :func:`cached`, :func:`lookup`, :func:`key_digest`,
                                   :func:`cache_dir`, :func:`entries`, :func:`clear`,
                                   :func:`enabled`
=================================  ======================================================

:func:`cached` stores the value that ``compute()`` returns under
``<cache dir>/<name>/<digest>.tkc``, where the digest hashes ``name``, the ``key``
mapping (the inputs and parameters the value depends on, fingerprinted by content) and
the versions of Python, the numerical libraries and the toolkit's own source. Changing
the corpus or a parameter therefore changes the digest of exactly the steps that depend
on it; upgrading a library or editing the toolkit invalidates everything.

Nothing read from the cache can run code. An entry holds data only: the value's
structure as JSON and its arrays in numpy's ``.npy`` format, read with
``allow_pickle=False``; objects are rebuilt field by field, and only objects of the
toolkit's own classes and of the gensim classes a topic model holds
(:data:`toolkit.cache.codec.SAFE_CLASSES`). Before any of it is read, the entry's
HMAC-SHA256 is checked with the user's secret key (``~/.cache/toolkit/cache.key``, ``0600``,
made on first use; :mod:`toolkit.cache.keys`), so an entry planted or edited by anyone
without the key is rejected. Entries are written ``0600`` into ``0700`` folders owned by
the user; an entry that fails a check is reported (a warning with the reason) and
recomputed. Entries are written to a temporary file and moved into place with
:func:`os.replace`, so a reader never sees a half-written entry, and temporary files
left by a killed writer are removed on the next write.

The cache folder is ``$TOOLKIT_CACHE`` when set (read at call time), else ``.cache/`` in
the project folder (:func:`toolkit._core.project_dir`), never inside the installed
package; ``TOOLKIT_CACHE=off`` disables caching.
"""

from toolkit.cache.codec import SAFE_CLASSES, dumps, loads
from toolkit.cache.files import atomic_write, clean_orphans, process_alive
from toolkit.cache.hashing import fingerprint
from toolkit.cache.keys import CacheSecurityError, key_path, private_dir, secret_key
from toolkit.cache.libraries import LIBRARIES, versions
from toolkit.cache.store import (
    ENTRY_SUFFIX,
    cache_dir,
    cached,
    clear,
    enabled,
    entries,
    key_digest,
    lookup,
)

__all__ = [
    "ENTRY_SUFFIX",
    "LIBRARIES",
    "SAFE_CLASSES",
    "CacheSecurityError",
    "atomic_write",
    "cache_dir",
    "cached",
    "clean_orphans",
    "clear",
    "dumps",
    "enabled",
    "entries",
    "fingerprint",
    "key_digest",
    "key_path",
    "loads",
    "lookup",
    "private_dir",
    "process_alive",
    "secret_key",
    "versions",
]
