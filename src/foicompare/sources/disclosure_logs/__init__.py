"""Council disclosure logs: crawl a log's list and detail pages and attached documents.

One :class:`~.adapters.Adapter` per page shape (outcome-document lists, request/response
pages, publication-dated pages, reference-coded pages, year-indexed lists, labelled
directory records, searchable case systems, hosted disclosure-log services, numbered CMS
pages, Q&A archives, results tables, pages of several entries, monthly PDF bundles, CSV/XLSX
exports, and a generic fallback) reads the log's own fields;
:data:`~.registry.LOG_SITES` maps councils with children's services to their log and
adapter; :func:`ingest_log` stores the entries beside the parsed documents.

>>> sorted(ADAPTERS)[:3]
['case-search', 'entry-sections', 'export']
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
from foicompare.sources.disclosure_logs.registry import LOG_SITES, LogSite, coverage, site_for_url
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
    "LOG_SITES",
    "LogIngestReport",
    "LogSite",
    "Rule",
    "Scope",
    "coverage",
    "detect_adapter",
    "get_adapter",
    "ingest_log",
    "map_outcome_label",
    "read_export",
    "site_for_url",
]
