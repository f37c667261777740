"""Walking a disclosure log: list pages → detail pages → attached documents.

:class:`Crawl` fetches through a polite client (anything with
``get(url, max_age=...) -> FetchResult``, normally
:class:`foicompare.sources.http.PoliteClient`) and yields :class:`LogEntry` records and
:class:`CrawlProblem` records. It follows only links on the log's own scheme, host and port
under its path prefix (plus the adapter's ``extra_prefixes`` and any ``allow``-ed URL
prefixes or hosts), passes those bounds to the client so that no redirect leaves them
either, never fetches a URL twice, and stops after ``max_pages`` list and detail pages. A
page that fails to fetch or parse (or is skipped because its host was paused or the
crawl's deadline passed) becomes a :class:`CrawlProblem` and the crawl goes on.

>>> scope = Scope.for_start("https://www.barnet.gov.uk/foi-requests?page=2")
>>> scope.contains("https://www.barnet.gov.uk/foi-requests/7442736"), scope.contains("https://www.barnet.gov.uk/news")
(True, False)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from foicompare import linre
from foicompare.sources.disclosure_logs.adapters import Adapter
from foicompare.sources.disclosure_logs.entries import (
    Attachment,
    CrawlProblem,
    LogEntry,
    canonical_url,
    clean_label,
    read_extra,
    read_fields,
)
from foicompare.sources.disclosure_logs.exports import (
    ExportError,
    read_export,
    read_html_table,
    row_document,
)
from foicompare.sources.disclosure_logs.outcome_labels import map_outcome_label
from foicompare.sources.disclosure_logs.pages import Page, PageError
from foicompare.sources.http import Bounds, FetchError, redact

__all__ = ["Crawl", "CrawlStats", "Fetcher", "Scope"]

DOCUMENT_SUFFIX = linre.compile(
    r"\.(?:pdf|docx?|xlsx?|xlsm|odt|ods|rtf|txt|csv|msg|eml)$", re.IGNORECASE
)
EXPORT_SUFFIX = linre.compile(r"\.(?:csv|tsv|xlsx|xlsm|xls|ods)$", re.IGNORECASE)
HTML_TYPES = ("text/html", "application/xhtml+xml")


class Fetcher(Protocol):
    """What the crawler needs from an HTTP client (``PoliteClient`` satisfies it).

    ``within`` is the crawl's :class:`~foicompare.sources.http.Bounds`: the client must
    neither fetch nor follow a redirect outside them.
    """

    def get(self, url: str, *, max_age: float = 0.0, within: Bounds | None = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class Scope:
    """The URLs a crawl may fetch: one scheme, host and port, under one of some path
    prefixes, plus ``allow``: further URL prefixes or host names (``--allow``).

    ``bounds`` is the same as :class:`~foicompare.sources.http.Bounds` for the client.
    """

    origin: str
    prefixes: tuple[str, ...]
    allow: tuple[str, ...] = ()
    bounds: Bounds = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bounds = Bounds.under(self.origin + "/", self.prefixes, extra=self.allow)
        object.__setattr__(self, "bounds", bounds)

    @classmethod
    def for_start(
        cls, url: str, extra_prefixes: tuple[str, ...] = (), allow: tuple[str, ...] = ()
    ) -> Scope:
        """The scope of a log starting at ``url``: its folder (a file's parent folder)."""
        parts = urlsplit(url)
        path = parts.path or "/"
        last = path.rsplit("/", 1)[-1]
        if "." in last:  # a file such as Disclosure-Log.aspx: its folder
            path = path.rsplit("/", 1)[0] + "/"
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        return cls(origin, (path, *extra_prefixes), tuple(allow))

    def contains(self, url: str) -> bool:
        """Inside the bounds: scheme, normalised host, port and path prefix all match."""
        return self.bounds.admits(url)


@dataclass(slots=True)
class CrawlStats:
    """How far a crawl got."""

    pages_fetched: int = 0
    documents_fetched: int = 0
    entries: int = 0
    skipped_old: int = 0
    duplicates: int = 0  # entries met again (same reference, or same canonical URL)
    repeated_links: int = 0  # detail links listed again (not fetched again)
    problems: int = 0
    skipped: int = 0  # not tried: host paused or the crawl's deadline passed
    stopped: str = "done"  # done | max_pages | skipped (some URLs left for the next run)


def _media_type(result: Any) -> str:
    media = getattr(result, "media_type", None)
    if media is None:
        media = result.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media


def _requested(result: Any, asked: str) -> str | None:
    """The URL asked for when the answer came from elsewhere (a redirect), else ``None``."""
    final = getattr(result, "url", None)
    return asked if final and final != asked else None


def _looks_html(result: Any) -> bool:
    if _media_type(result) in HTML_TYPES:
        return True
    head = bytes(result.content[:512]).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


@dataclass
class Crawl:
    """One crawl of one log with one adapter.

    ``since`` drops entries dated (published, else received) before it, and year pages
    of earlier years. ``page_max_age`` is how old a cached list or detail page may be
    before it is revalidated; attachments never change, so a cached copy is always used.
    """

    client: Fetcher
    adapter: Adapter
    start_url: str
    since: dt.date | None = None
    max_pages: int = 500
    max_attachments: int = 20
    page_max_age: float = 24 * 3600
    authority: str | None = None
    allow: tuple[str, ...] = ()  # further URL prefixes or hosts inside the crawl's bounds
    stats: CrawlStats = field(default_factory=CrawlStats)

    def __post_init__(self) -> None:
        extra = self.adapter.extra_prefixes
        if self.adapter.kind == "export":
            extra = (*extra, "/")  # an export is one file; any path on the log's host
        self.scope = Scope.for_start(self.start_url, extra, self.allow)
        self.site = urlsplit(self.start_url).hostname or self.start_url
        self._seen: set[str] = set()
        self._entry_keys: set[str] = set()
        self._detail_rx = (
            linre.compile(self.adapter.detail_url) if self.adapter.detail_url else None
        )

    # -- public ---------------------------------------------------------------------

    def run(self) -> Iterator[LogEntry | CrawlProblem]:
        """Yield every entry of the log (and every problem met), in crawl order."""
        if self.adapter.kind == "export":
            yield from self._run_export()
        elif self.adapter.kind == "table":
            yield from self._run_table()
        elif self.adapter.kind == "sections":
            yield from self._run_sections()
        else:
            yield from self._run_pages()

    # -- fetching -------------------------------------------------------------------

    def _budget_left(self) -> bool:
        if self.stats.pages_fetched >= self.max_pages:
            self.stats.stopped = "max_pages"
            return False
        return True

    def _fetch(self, url: str, *, page: bool) -> Any | CrawlProblem:
        if page:
            self.stats.pages_fetched += 1
        else:
            self.stats.documents_fetched += 1
        try:
            return self.client.get(
                url, max_age=self.page_max_age if page else math.inf, within=self.scope.bounds
            )
        except FetchError as exc:
            if exc.skipped:  # not tried at all: not counted as fetched
                self.stats.skipped += 1
                self.stats.stopped = "skipped"
                if page:
                    self.stats.pages_fetched -= 1
                else:
                    self.stats.documents_fetched -= 1
            return self._problem(
                url, "fetch", str(exc.reason) + (f" (HTTP {exc.status})" if exc.status else "")
            )

    def _problem(self, url: str, stage: str, reason: str) -> CrawlProblem:
        """A problem row; a URL's credentials (``user:pw@``) are never kept."""
        self.stats.problems += 1
        return CrawlProblem(redact(url), stage, reason)

    def _claim(self, url: str) -> bool:
        """True the first time a URL (canonically) is seen."""
        key = canonical_url(url)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    # -- HTML logs ------------------------------------------------------------------

    def _is_detail(self, url: str) -> bool:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if self._detail_rx is not None:
            return bool(self._detail_rx.search(target))
        return canonical_url(url) != canonical_url(self.start_url)

    def _collect(self) -> dict[str, str]:
        wanted = {"next": self.adapter.next_links, "year": self.adapter.year_links}
        return {name: selector for name, selector in wanted.items() if selector}

    def _list_links(self, page: Page) -> list[str]:
        """Further list pages: pagination, and year pages not older than ``since``."""
        found = list(page.collected.get("next", []))
        found += [u for u in page.collected.get("year", []) if self._year_wanted(u)]
        return found

    def _year_wanted(self, url: str) -> bool:
        if self.since is None:
            return True
        m = linre.compile(rf"[?&]{re.escape(self.adapter.year_param)}=(\d{{4}})").search(url)
        return not m or int(m.group(1)) >= self.since.year

    def _walk(self) -> Iterator[tuple[str, Any | CrawlProblem, deque[str]]]:
        """Breadth first from the start URL: each queued page with what fetching it gave (a
        response or a problem) and the queue, to which the caller adds the further pages
        it finds; stops when the queue is empty or the page budget is spent."""
        queue: deque[str] = deque([self.start_url])
        self._claim(self.start_url)
        while queue:
            if not self._budget_left():
                return
            url = queue.popleft()
            yield url, self._fetch(url, page=True), queue

    def _parse(self, url: str, result: Any) -> Page | CrawlProblem:
        """An HTML page with the adapter's pagination links collected, or the parse problem."""
        try:
            return Page.parse(result.content, result.url, self.adapter.content, self._collect())
        except PageError as exc:
            return self._problem(url, "parse", exc.reason)

    def _unseen(self, urls: list[str]) -> list[str]:
        """The URLs inside the crawl's scope not seen before (now claimed)."""
        return [u for u in urls if self.scope.contains(u) and self._claim(u)]

    def _run_pages(self) -> Iterator[LogEntry | CrawlProblem]:
        generic = self.adapter.kind == "generic"
        if not generic and self._detail_rx is not None and self._is_detail(self.start_url):
            # started at one entry's page (a log whose list page is not known): just that entry
            self._claim(self.start_url)
            yield from self._detail(self.start_url)
            return
        for url, result, queue in self._walk():
            if isinstance(result, CrawlProblem):
                yield result
                continue
            if not _looks_html(result):
                if generic and url != self.start_url:
                    yield from self._document_entry(url, result, label=None)
                continue
            page = self._parse(url, result)
            if isinstance(page, CrawlProblem):
                yield page
                continue
            is_entry = url != self.start_url and (not generic or page.link_share() < 0.5)
            if generic and is_entry:
                yield from self._entry_from_page(page, result)
            details: list[str] = []
            documents: list[tuple[str, str]] = []
            for link in page.links:
                if not self.scope.contains(link.url):
                    continue
                if generic and DOCUMENT_SUFFIX.search(urlsplit(link.url).path):
                    if not is_entry:
                        documents.append((link.url, clean_label(link.context) or link.text))
                elif generic or self._is_detail(link.url):
                    details.append(link.url)
            if not generic:
                queue.extend(self._unseen(self._list_links(page)))
                for detail in details:
                    if not self._claim(detail):
                        self.stats.repeated_links += 1
                        continue
                    if not self._budget_left():
                        return
                    yield from self._detail(detail)
            else:
                queue.extend(u for u in details if self._claim(u))
                for doc_url, label in documents:
                    if self._claim(doc_url):
                        result = self._fetch(doc_url, page=False)
                        if isinstance(result, CrawlProblem):
                            yield result
                        else:
                            yield from self._document_entry(doc_url, result, label=label)

    def _detail(self, url: str) -> Iterator[LogEntry | CrawlProblem]:
        result = self._fetch(url, page=True)
        if isinstance(result, CrawlProblem):
            yield result
            return
        if not _looks_html(result):
            yield self._problem(
                url,
                "parse",
                f"expected an HTML detail page, got {_media_type(result) or 'unknown type'}",
            )
            return
        try:
            page = Page.parse(result.content, result.url, self.adapter.content)
        except PageError as exc:
            yield self._problem(url, "parse", exc.reason)
            return
        yield from self._entry_from_page(page, result)

    def _entry_from_page(
        self, page: Page, result: Any, *, section: bool = False
    ) -> Iterator[LogEntry | CrawlProblem]:
        """One entry from a detail page (or, ``section``, from one entry's part of a page,
        whose stored document is that part's text)."""
        raw = read_fields(page, self.adapter)
        missing = [name for name in self.adapter.required if not raw.get(name)]
        if missing:
            yield self._problem(
                page.url,
                "parse",
                f"not a {self.adapter.name} entry page: no {', '.join(missing)} found"
                f" ({len(page.blocks)} text blocks)",
            )
            return
        entry = LogEntry.from_fields(
            raw,
            site=self.site,
            adapter=self.adapter.name,
            url=page.url,
            page=(page.text + "\n").encode("utf-8") if section else bytes(result.content),
            page_media_type="text/plain" if section else _media_type(result) or "text/html",
            page_role="row" if section else "page",
            fetched_at=getattr(result, "fetched_at", None),
            authority=self.authority,
            extra=read_extra(page, self.adapter),
        )
        entry.requested_url = _requested(result, getattr(result, "requested_url", page.url))
        if self._is_duplicate(entry):
            return
        if self.since and entry.date and entry.date < self.since:
            self.stats.skipped_old += 1
            return
        yield from self._attach(entry, page)
        if self.adapter.outcome_from_documents and not entry.outcome_label:
            labels = [a.label for a in entry.attachments if a.label]
            labels += [clean_label(link.context) for link in self._document_links(page)]
            mapped = [label for label in labels if map_outcome_label(label)]
            entry.outcome_label = (mapped or labels or [None])[0]
        self.stats.entries += 1
        yield entry

    def _is_duplicate(self, entry: LogEntry) -> bool:
        if entry.entry_id in self._entry_keys:
            self.stats.duplicates += 1
            return True
        self._entry_keys.add(entry.entry_id)
        return False

    def _document_links(self, page: Page) -> list[Any]:
        """Links to documents: a file suffix, or matched by the adapter's ``attachments``."""
        marked: set[str] = set()
        if self.adapter.attachments:
            for node in page.content.css(self.adapter.attachments):
                href = (node.attributes.get("href") or "").strip()
                if href:
                    marked.add(urljoin(page.url, href).split("#", 1)[0])
        return [
            link
            for link in page.links
            if link.url in marked or DOCUMENT_SUFFIX.search(urlsplit(link.url).path)
        ]

    def _attach(self, entry: LogEntry, page: Page) -> Iterator[CrawlProblem]:
        seen: set[str] = set()
        for link in self._document_links(page)[: self.max_attachments]:
            if link.url in seen:
                continue
            seen.add(link.url)
            self._seen.add(canonical_url(link.url))
            if not self.scope.contains(link.url):
                yield self._problem(
                    link.url,
                    "fetch",
                    f"not fetched: outside the log's host and path ({self.scope.origin}{self.scope.prefixes[0]})",
                )
                continue
            result = self._fetch(link.url, page=False)
            if isinstance(result, CrawlProblem):
                yield result
                continue
            entry.attachments.append(
                Attachment(
                    url=result.url,
                    label=clean_label(link.context) or link.text or None,
                    data=bytes(result.content),
                    media_type=_media_type(result) or None,
                    fetched_at=getattr(result, "fetched_at", None),
                    requested_url=_requested(result, link.url),
                )
            )

    def _document_entry(
        self, url: str, result: Any, label: str | None
    ) -> Iterator[LogEntry | CrawlProblem]:
        """Generic logs: a document linked straight from a list page is an entry of its own."""
        final = getattr(result, "url", None) or url
        entry = LogEntry(
            site=self.site,
            adapter=self.adapter.name,
            url=final,
            title=label or urlsplit(url).path.rsplit("/", 1)[-1],
            fetched_at=getattr(result, "fetched_at", None),
            authority=self.authority,
            requested_url=_requested(result, url),
        )
        entry.attachments.append(
            Attachment(
                url=final,
                label=label,
                data=bytes(result.content),
                media_type=_media_type(result) or None,
                requested_url=_requested(result, url),
            )
        )
        if not self._is_duplicate(entry):
            self.stats.entries += 1
            yield entry

    # -- exports --------------------------------------------------------------------

    def _run_export(self) -> Iterator[LogEntry | CrawlProblem]:
        if not self._budget_left():
            return
        self._claim(self.start_url)
        result = self._fetch(self.start_url, page=True)
        if isinstance(result, CrawlProblem):
            yield result
            return
        files = [(self.start_url, result)]
        if _looks_html(result):
            try:
                page = Page.parse(result.content, result.url, self.adapter.content)
            except PageError as exc:
                yield self._problem(self.start_url, "parse", exc.reason)
                return
            files = []
            for link in page.links:
                if (
                    EXPORT_SUFFIX.search(urlsplit(link.url).path)
                    and self.scope.contains(link.url)
                    and self._claim(link.url)
                ):
                    if not self._budget_left():
                        break
                    fetched = self._fetch(link.url, page=True)
                    if isinstance(fetched, CrawlProblem):
                        yield fetched
                    else:
                        files.append((link.url, fetched))
            if not files and self.stats.stopped == "done":
                yield self._problem(
                    self.start_url, "parse", "no CSV or spreadsheet export linked from this page"
                )
        for url, fetched in files:
            yield from self._export_rows(url, fetched)

    def _export_rows(self, url: str, result: Any) -> Iterator[LogEntry | CrawlProblem]:
        try:
            rows = read_export(bytes(result.content), url)
        except ExportError as exc:
            yield self._problem(url, "parse", exc.reason)
            return
        yield from self._row_entries(url, result, rows, first=2)  # row 1 holds the headings

    # -- results tables -------------------------------------------------------------

    def _run_table(self) -> Iterator[LogEntry | CrawlProblem]:
        """List pages whose table rows are the entries (and their pagination)."""
        for url, result, queue in self._walk():
            if isinstance(result, CrawlProblem):
                yield result
                continue
            if not _looks_html(result):
                yield self._problem(
                    url, "parse", f"expected an HTML results page, got {_media_type(result)}"
                )
                continue
            page = self._parse(url, result)
            if isinstance(page, CrawlProblem):
                yield page
                continue
            try:
                rows = read_html_table(bytes(result.content), result.url)
            except ExportError as exc:
                yield self._problem(url, "parse", exc.reason)
                continue
            queue.extend(self._unseen(self._list_links(page)))
            yield from self._row_entries(url, result, rows, first=1)

    # -- pages of several entries -----------------------------------------------------

    def _run_sections(self) -> Iterator[LogEntry | CrawlProblem]:
        """Log pages that print several entries each, and the further pages they link to."""
        marker = self.adapter.entry_marker or r"reference\b"
        for url, result, queue in self._walk():
            if isinstance(result, CrawlProblem):
                yield result
                continue
            page = self._sections_page(url, result)
            if isinstance(page, CrawlProblem):
                yield page
                continue
            further = self._list_links(page)
            further += [link.url for link in page.links if self._is_detail(link.url)]
            further = self._unseen(further)
            queue.extend(further)
            parts = page.sections(marker)
            if not parts and not further and url == self.start_url:
                yield self._problem(
                    url, "parse", f"no entries: no block starts with /{marker}/ on this page"
                )
            for part in parts:
                yield from self._entry_from_page(part, result, section=True)

    def _sections_page(self, url: str, result: Any) -> Page | CrawlProblem:
        """An HTML log page, or a PDF bundle's text read as a page."""
        if _looks_html(result):
            return self._parse(url, result)
        if _media_type(result) == "application/pdf" or bytes(result.content[:5]) == b"%PDF-":
            from foicompare.text.base import ExtractionError
            from foicompare.text.pdf import extract

            try:
                text = extract(bytes(result.content)).text
            except ExtractionError as exc:
                return self._problem(url, "parse", exc.reason)
            return Page.from_text(
                text, getattr(result, "url", None) or url, self.adapter.text_breaks
            )
        return self._problem(
            url, "parse", f"expected an HTML log page or a PDF, got {_media_type(result)}"
        )

    def _row_entries(
        self, url: str, result: Any, rows: list[dict[str, str | None]], *, first: int
    ) -> Iterator[LogEntry | CrawlProblem]:
        """One entry per row (``#row=N`` in its URL, counting from ``first``)."""
        for number, raw in enumerate(rows, start=first):
            if not raw.get("title") and raw.get("request_text"):
                raw["title"] = raw["request_text"].split("\n", 1)[0][:120]
            entry = LogEntry.from_fields(
                raw,
                site=self.site,
                adapter=self.adapter.name,
                url=f"{url}#row={number}",
                page=row_document(raw),
                page_media_type="text/plain",
                page_role="row",
                fetched_at=getattr(result, "fetched_at", None),
                authority=self.authority,
            )
            if self._is_duplicate(entry):
                continue
            if self.since and entry.date and entry.date < self.since:
                self.stats.skipped_old += 1
                continue
            link = raw.get("url")
            if link and link.startswith(("http://", "https://")):
                if not self.scope.contains(link):
                    yield self._problem(link, "fetch", "not fetched: outside the log's host")
                elif self._claim(link):
                    fetched = self._fetch(link, page=False)
                    if isinstance(fetched, CrawlProblem):
                        yield fetched
                    else:
                        entry.attachments.append(
                            Attachment(
                                getattr(fetched, "url", None) or link,
                                raw.get("outcome_label"),
                                bytes(fetched.content),
                                _media_type(fetched) or None,
                                requested_url=_requested(fetched, link),
                            )
                        )
            self.stats.entries += 1
            yield entry
