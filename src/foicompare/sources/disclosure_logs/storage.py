"""Storing a crawl: documents through ``Dataset.ingest_items``, the log's fields in ``log_entries``.

:func:`ingest_log` is what :meth:`foicompare.Dataset.ingest_log` and
``foicompare ingest-log`` run. Every entry's page and attachments become documents
(source ``disclosure_log:<adapter>``, ``disclosure_log:<host>`` for the generic adapter)
with the log's fields attached; the fields themselves go to ``log_entries`` and the
entry ↔ document links (with each document's label) to ``log_documents``. Re-running a
crawl replaces an entry's rows, so it is idempotent. Pages that fail to fetch or parse
become rows of ``errors`` and the crawl goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from foicompare import linre
from foicompare.sources.base import SourceItem
from foicompare.sources.disclosure_logs.adapters import Adapter, detect_adapter, get_adapter
from foicompare.sources.disclosure_logs.comparison import ensure_view
from foicompare.sources.disclosure_logs.crawler import Crawl, Fetcher
from foicompare.sources.disclosure_logs.entries import CrawlProblem, LogEntry
from foicompare.sources.disclosure_logs.registry import site_for_url
from foicompare.sources.http import redact
from foicompare.store import delete_where_in, insert_rows, utcnow

if TYPE_CHECKING:
    from foicompare.dataset import Dataset

__all__ = ["LogIngestReport", "default_client", "entry_items", "ingest_log", "known_authority"]

DEFAULT_CACHE = Path(os.environ.get("FOICOMPARE_CACHE", "~/.cache/foicompare/http")).expanduser()
_SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/csv": ".csv",
    "text/plain": ".txt",
}


@dataclass(slots=True)
class LogIngestReport:
    """What one ``ingest_log`` did. ``str(report)`` is a one-line summary."""

    crawl_id: str
    adapter: str
    entries: int = 0
    documents_new: int = 0
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (url, stage, reason)
    pages_fetched: int = 0
    documents_fetched: int = 0
    duplicates: int = 0
    skipped_old: int = 0
    skipped: int = 0  # URLs not tried (host paused, deadline passed): the next run fetches them
    stopped: str = "done"
    entry_ids: list[str] = field(default_factory=list)
    #: how the adapter was chosen, when it was not named (e.g. the generic fallback)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        limit = " (stopped at --max-pages)" if self.stopped == "max_pages" else ""
        if self.skipped:
            limit += f" ({self.skipped} URLs skipped, left for the next run)"
        return (
            f"{self.adapter}: {self.entries} entries, {self.documents_new} new documents, "
            f"{self.pages_fetched} pages and {self.documents_fetched} documents fetched, "
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}{limit}"
        )


def known_authority(adapter: Adapter, url: str) -> str | None:
    """The council an adapter's configuration names for ``url``'s host, if any.

    >>> from foicompare.sources.disclosure_logs.adapters import get_adapter
    >>> known_authority(get_adapter("outcome-documents"), "https://barnet.gov.uk/foi-requests/1")
    'London Borough of Barnet'
    """
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for council in adapter.councils:
        council_host = (urlsplit(council.url).hostname or "").lower().removeprefix("www.")
        if host == council_host:
            return council.name
    return None


def default_client(
    start_url: str,
    *,
    user_agent: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    min_interval: float = 1.0,
    request_deadline: float = 120.0,
    deadline: float | None = None,
    allow: tuple[str, ...] = (),
) -> Fetcher:
    """The polite shared client for one log: cached, one request a second, bounded.

    Its own bounds are the log's scheme, host and port (plus ``allow``); the crawl narrows
    them to the log's path prefix on every call. ``request_deadline`` is the wall-clock
    limit on one URL, ``deadline`` on the whole crawl (see :mod:`foicompare.sources.http`).
    """
    from foicompare.sources.http import DEFAULT_USER_AGENT, Bounds, PoliteClient

    return PoliteClient(
        user_agent=user_agent or DEFAULT_USER_AGENT,
        min_interval=min_interval,
        cache_dir=cache_dir if cache_dir is not None else DEFAULT_CACHE,
        max_retries=3,
        timeout=30.0,
        bounds=Bounds.under(start_url, ["/"], extra=allow),
        max_bytes=50 * 1024 * 1024,
        deadline=request_deadline,
        crawl_deadline=deadline,
    )


def _refused_start(url: str) -> str | None:
    """Why a log's start URL cannot be crawled at all (credentials, scheme), or ``None``."""
    from foicompare.sources.http import Bounds, FetchError

    try:
        Bounds.under(url)
    except FetchError as exc:
        return exc.reason
    return None


def _filename(url: str, media_type: str | None, fallback: str) -> str:
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or fallback
    name = linre.compile(r"[^\w.\-]+").sub("_", name)
    suffix = _SUFFIXES.get(media_type or "")
    if suffix and not name.lower().endswith(suffix) and "." not in name[-6:]:
        name += suffix
    return name


def entry_items(entry: LogEntry, source: str) -> list[SourceItem]:
    """The documents of one entry (page or row document first, then attachments)."""
    fields = entry.fields()
    fields["entry_id"] = entry.entry_id
    published = dt.datetime.combine(entry.published, dt.time()) if entry.published else None
    retrieved = entry.fetched_at.replace(tzinfo=None) if entry.fetched_at else None
    common = dict(
        source=source,
        request_id=entry.entry_id,
        authority_hint=entry.authority,
        published_at=published,
        retrieved_at=retrieved,
        fields=fields,
    )
    items: list[SourceItem] = []
    page_id = None
    if entry.page is not None:
        page_url = entry.url
        items.append(
            SourceItem(
                data=entry.page,
                location=page_url,
                url=page_url.split("#", 1)[0],
                requested_url=entry.requested_url,
                filename=_filename(page_url.split("#", 1)[0], entry.page_media_type, "entry")
                if entry.page_role == "page"
                else f"{entry.reference or 'row'}.txt",
                media_type=entry.page_media_type,
                **common,
            )
        )
        page_id = hashlib.sha256(entry.page).hexdigest()
    for attachment in entry.attachments:
        items.append(
            SourceItem(
                data=attachment.data,
                location=attachment.url,
                url=attachment.url,
                requested_url=attachment.requested_url,
                filename=_filename(attachment.url, attachment.media_type, "document"),
                media_type=attachment.media_type,
                parent_id=page_id,
                **common,
            )
        )
    return items


def _write_entry(
    ds: Dataset, entry: LogEntry, items: list[SourceItem], doc_ids: dict[str, str | None]
) -> None:
    ids: list[str] = []
    links = []
    roles = ["page" if entry.page_role == "page" else "row"] if entry.page is not None else []
    roles += ["attachment"] * len(entry.attachments)
    labels = ([None] if entry.page is not None else []) + [a.label for a in entry.attachments]
    for item, role, label in zip(items, roles, labels, strict=True):
        doc_id = doc_ids.get(item.location) or hashlib.sha256(item.data).hexdigest()
        if doc_id in ids:
            continue
        ids.append(doc_id)
        links.append(
            {
                "entry_id": entry.entry_id,
                "doc_id": doc_id,
                "role": role,
                "label": label,
                "url": item.url,
            }
        )
    row = {
        "entry_id": entry.entry_id,
        "site": entry.site,
        "adapter": entry.adapter,
        "url": entry.url,
        "reference": entry.reference,
        "title": entry.title,
        "received": entry.received,
        "published": entry.published,
        "outcome_label": entry.outcome_label,
        "outcome": entry.outcome,
        "exemptions_text": entry.exemptions_text,
        "request_text": entry.request_text,
        "response_text": entry.response_text,
        "page_doc_id": ids[0] if entry.page is not None and ids else None,
        "doc_ids": ids,
        "extra": json.dumps(entry.extra) if entry.extra else None,
        "fetched_at": (entry.fetched_at or dt.datetime.now(dt.UTC)).replace(tzinfo=None),
    }
    con = ds.con
    con.execute("BEGIN TRANSACTION")
    try:
        delete_where_in(con, "log_documents", "entry_id", [entry.entry_id])
        delete_where_in(con, "log_entries", "entry_id", [entry.entry_id])
        insert_rows(con, "log_entries", [row])
        insert_rows(con, "log_documents", links)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def ingest_log(
    ds: Dataset,
    url: str,
    *,
    adapter: str | Adapter | None = None,
    since: dt.date | str | None = None,
    max_pages: int = 500,
    client: Fetcher | None = None,
    user_agent: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    min_interval: float = 1.0,
    authority: str | None = None,
    allow: tuple[str, ...] | list[str] = (),
    request_deadline: float = 120.0,
    deadline: float | None = None,
) -> LogIngestReport:
    """Crawl the disclosure log at ``url`` and store every entry; see the module docstring.

    ``adapter`` is a name from :data:`~.adapters.ADAPTERS` (default: detected from the
    URL). ``since`` (a date or ``"YYYY-MM-DD"``) skips older entries. ``client`` replaces
    the polite shared client (tests pass one with ``min_interval=0``). ``allow`` widens
    the crawl's bounds (URL prefixes such as ``https://cdn.council.gov.uk/foi/``, or host
    names); ``request_deadline`` and ``deadline`` are the wall-clock limits on one URL
    and on the whole crawl, in seconds.
    """
    notes: list[str] = []
    registered = site_for_url(url)
    if isinstance(adapter, str):
        chosen = get_adapter(adapter)
    elif adapter is not None:
        chosen = adapter
    elif registered is not None:
        chosen = get_adapter(registered.adapter)
        notes.append(f"{registered.council_name}: registered log, adapter {chosen.name}")
    else:
        chosen = detect_adapter(url)
        if chosen.kind == "generic":
            notes.append(
                f"no adapter known for {urlsplit(url).hostname}: using the generic adapter "
                "(every page under the start folder, common labels only)"
            )
    if isinstance(since, str):
        since = dt.date.fromisoformat(since)
    authority = (
        authority
        or known_authority(chosen, url)
        or (registered.council_name if registered is not None else None)
    )
    site = urlsplit(url).hostname or url
    source = f"disclosure_log:{site if chosen.kind == 'generic' else chosen.name}"
    allow = tuple(allow)
    report_problem = _refused_start(url)
    if report_problem is not None:
        ds.record_error(redact(url), "fetch", report_problem, source=source)
        report = LogIngestReport(crawl_id="", adapter=chosen.name)
        report.problems.append((redact(url), "fetch", report_problem))
        return report
    own_client = client is None
    client = client or default_client(
        url,
        user_agent=user_agent,
        cache_dir=cache_dir,
        min_interval=min_interval,
        request_deadline=request_deadline,
        deadline=deadline,
        allow=allow,
    )
    started = utcnow()
    crawl_id = hashlib.sha256(f"{url}|{chosen.name}|{started.isoformat()}".encode()).hexdigest()[
        :16
    ]
    report = LogIngestReport(crawl_id=crawl_id, adapter=chosen.name, notes=notes)
    crawl = Crawl(
        client, chosen, url, since=since, max_pages=max_pages, authority=authority, allow=allow
    )
    try:
        for event in crawl.run():
            if isinstance(event, CrawlProblem):
                ds.record_error(event.url, event.stage, event.reason, source=source)
                report.problems.append((event.url, event.stage, event.reason))
                continue
            items = entry_items(event, source)
            result = ds.ingest_items(items)
            report.documents_new += result.new
            for location, reason in result.errors:
                report.problems.append((location, "extract", reason))
            _write_entry(ds, event, items, result.doc_ids)
            report.entries += 1
            report.entry_ids.append(event.entry_id)
    finally:
        if own_client:
            client.close()  # type: ignore[attr-defined]
    stats = crawl.stats
    report.pages_fetched = stats.pages_fetched
    report.documents_fetched = stats.documents_fetched
    report.duplicates = stats.duplicates
    report.skipped_old = stats.skipped_old
    report.skipped = stats.skipped
    report.stopped = stats.stopped
    insert_rows(
        ds.con,
        "log_crawls",
        [
            {
                "crawl_id": crawl_id,
                "start_url": url,
                "adapter": chosen.name,
                "since": since,
                "max_pages": max_pages,
                "pages_fetched": stats.pages_fetched,
                "entries": report.entries,
                "errors": len(report.problems),
                "stopped": stats.stopped,
                "started_at": started,
                "finished_at": utcnow(),
            }
        ],
    )
    ensure_view(ds.con)
    return report
