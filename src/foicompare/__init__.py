"""foicompare: councils' FOI responses as one comparable DuckDB dataset.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> report = ds.ingest([])
>>> str(report)
'0 new, 0 duplicate, 0 unchanged, 0 errors'

Importing the package is cheap: the names below load their modules on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foicompare.dataset import Dataset, DatasetLocked, DatasetMissing
    from foicompare.ingest import IngestReport
    from foicompare.shards import open_shards
    from foicompare.sources.base import SourceItem

__version__ = "0.1.0"
__all__ = [
    "Dataset",
    "DatasetLocked",
    "DatasetMissing",
    "IngestReport",
    "SourceItem",
    "open",
    "open_shards",
    "__version__",
]

_LAZY = {
    "Dataset": "foicompare.dataset",
    "DatasetLocked": "foicompare.dataset",
    "DatasetMissing": "foicompare.dataset",
    "IngestReport": "foicompare.ingest",
    "SourceItem": "foicompare.sources.base",
    "open_shards": "foicompare.shards",
}


def open(  # noqa: A001
    path: str | os.PathLike[str] = "foicompare.duckdb",
    *,
    write: bool = False,
    read_only: bool = False,
    wait: float | None = None,
) -> Dataset:
    """Open a dataset: see :func:`foicompare.dataset.open` (readers beside a writer).

    >>> import foicompare
    >>> foicompare.open(":memory:").documents().height
    0
    """
    from foicompare.dataset import open as _open

    return _open(path, write=write, read_only=read_only, wait=wait)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'foicompare' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
