"""The columnar store: every layer of a corpus as an Arrow table, kept in a per-user cache.

The article files are the data; this store is derived from them, the way Hugging Face
``datasets`` derives its Arrow cache from data files. The store is a copy, never a
truth: it is never served when it could be wrong, and it never writes or deletes
anything but its own files.

* **Keyed by what it was made from.** The key is a fingerprint of every article file's
  name, size, modification and change times (what ``datasets`` and ``git`` use to see
  that a file changed), the store's format (``STORE_FORMAT``, bumped whenever what a
  store holds changes) and pyarrow's version. A file changed, added or removed gives
  another key. A file whose times are not older than the build's start by more than
  ``RACY_NS`` (git's "racy" files: a second edit in the same clock tick leaves its times
  as they were) is hashed again before the store is trusted.
* **Checked by digest.** The manifest records every file's sha256 and how many
  articles and shards the store holds; ``load(verify=True)`` and any failed read check
  the shards against it, and a damaged store is built again with a one-line warning.
  An ordinary open checks the manifest only (hashing every shard would cost as much
  as reading them).
* **Private and never through a link.** The cache's folders are made 0700 and its
  files 0600 (the store holds the full texts); each folder is opened relative to its
  parent without following a symbolic link and must belong to the user. A link where
  a folder of the cache goes is removed, never followed; a cache owned by another user
  is not used. Only a folder whose name and content show it is a store (or a build's
  leftover) is ever deleted.
* **Written once, all or nothing.** A store is built in a temporary folder beside its
  place, flushed to disk and renamed into place; a reader sees a whole store or none.
  A store in use is locked (``flock``, shared), so another process retires it by
  renaming it aside and deletes it only once no one reads it.

The cache lives in ``$NEWSDATA_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsdata``, else
``~/.cache/newsdata``; delete it at any time. When it cannot be written (a read-only
home, a full disk, a folder of another user), the tables are built in memory for the
process and a warning says so.
"""

from newsdata.columnar.build import open_store
from newsdata.columnar.cache import CACHE_ENV, CacheLocation, cache_home
from newsdata.columnar.store import (
    RACY_NS,
    STORE_FORMAT,
    ColumnarStore,
    StoreDamaged,
    check_store,
)

__all__ = [
    "CACHE_ENV",
    "RACY_NS",
    "STORE_FORMAT",
    "CacheLocation",
    "ColumnarStore",
    "StoreDamaged",
    "cache_home",
    "check_store",
    "open_store",
]
