"""The data package: what ``datapackage.json``, ``tables/`` and ``croissant.json`` should hold.

Pure descriptions, computed from the articles; nothing here writes. :mod:`newsdata.build`
writes them, and the validator compares what is on disk with them, so a bug in a
description shows up as ``package-stale`` instead of hiding in shared writer code.

- :mod:`newsdata.datapackage.descriptor`: the expected ``datapackage.json``;
- :mod:`newsdata.datapackage.tables`: the CSV views (columns, keys, Table Schemas);
- :mod:`newsdata.datapackage.croissant`: the Croissant description of the tables.
"""
