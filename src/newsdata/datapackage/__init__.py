"""The data package: what ``datapackage.json``, ``tables/`` and ``croissant.json`` should hold.

Pure descriptions, computed from what :mod:`newsdata.build` read (sizes, digests,
counts); nothing here writes, and nothing here reads an article. ``build`` writes them,
and the validator compares what is on disk with them, so a bug in a description shows
up as ``package-stale`` instead of hiding in shared writer code.

- :mod:`newsdata.datapackage.descriptor`: :class:`PackageInfo`, the descriptor typed,
  and the expected ``datapackage.json``;
- :mod:`newsdata.datapackage.tables`: the CSV views (columns, keys, Table Schemas);
- :mod:`newsdata.datapackage.croissant`: the Croissant description of the tables;
- :mod:`newsdata.datapackage.card`: the dataset card (``README.md``);
- :mod:`newsdata.datapackage.integrity`: whether the files on disk are what is recorded.
"""

from newsdata.datapackage.descriptor import PackageInfo

__all__ = ["PackageInfo"]
