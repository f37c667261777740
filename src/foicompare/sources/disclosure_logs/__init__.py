"""Council disclosure logs: crawl a log's list and detail pages and attached documents.

One :class:`~.adapters.Adapter` per site family (Barnet-style outcome-document lists,
Lambeth request/response pages, Thurrock publication-dated pages, Dover reference-coded
pages, Hastings year-indexed lists, CSV/XLSX exports, and a generic fallback) reads the
log's own fields; :func:`ingest_log` stores them beside the parsed documents.

>>> sorted(ADAPTERS)[:3]
['export', 'generic', 'outcome-documents']
>>> map_outcome_label("Response (all information to be supplied)")
'successful'
"""

from __future__ import annotations

from foicompare.sources.disclosure_logs.adapters import (
    ADAPTERS,
    Adapter,
    Council,
    Rule,
    detect_adapter,
    get_adapter,
)
from foicompare.sources.disclosure_logs.crawler import Crawl, CrawlStats, Scope
from foicompare.sources.disclosure_logs.entries import Attachment, CrawlProblem, LogEntry
from foicompare.sources.disclosure_logs.exports import read_export
from foicompare.sources.disclosure_logs.outcome_labels import map_outcome_label
from foicompare.sources.disclosure_logs.storage import LogIngestReport, ingest_log

__all__ = [
    "ADAPTERS",
    "Adapter",
    "Attachment",
    "Council",
    "Crawl",
    "CrawlProblem",
    "CrawlStats",
    "LogEntry",
    "LogIngestReport",
    "Rule",
    "Scope",
    "detect_adapter",
    "get_adapter",
    "ingest_log",
    "map_outcome_label",
    "read_export",
]
