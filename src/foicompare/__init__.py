"""foicompare: councils' FOI responses as one comparable DuckDB dataset.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> report = ds.ingest([])
>>> str(report)
'0 new, 0 duplicate, 0 unchanged, 0 errors'
"""

from foicompare.dataset import Dataset, DatasetLocked, open
from foicompare.ingest import IngestReport
from foicompare.sources.base import SourceItem

__version__ = "0.1.0"
__all__ = ["Dataset", "DatasetLocked", "IngestReport", "SourceItem", "open", "__version__"]
