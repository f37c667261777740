"""Fetching from an Alaveteli site (WhatDoTheyKnow by default) through :class:`PoliteClient`.

Each method fetches one kind of resource and returns parsed records; failures are
:class:`~foicompare.sources.http.FetchError` (HTTP) or
:class:`~foicompare.sources.whatdotheyknow.parse.WdtkParseError` (shape).

>>> import httpx
>>> def site(request):
...     return httpx.Response(200, json={"id": 1, "url_name": "barnet", "name": "Barnet"})
>>> wdtk = Wdtk("https://wdtk.test", transport=httpx.MockTransport(site), min_interval=0)
>>> wdtk.body("barnet").name
'Barnet'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from foicompare.sources.http import FetchError, FetchResult, PoliteClient
from foicompare.sources.whatdotheyknow import parse as p

WDTK_URL = "https://www.whatdotheyknow.com"
#: feeds return at most this many items per page
FEED_PAGE = 25
#: how long a fetched JSON/HTML page may be reused without asking the server (seconds);
#: WDTK itself caches request pages and feeds for an hour
PAGE_MAX_AGE = 0.0


class Wdtk:
    """The read side of an Alaveteli site.

    Pass an existing :class:`PoliteClient` as ``http``, or keyword arguments to build one
    (``user_agent``, ``cache_dir``, ``min_interval``, ``transport`` ...).
    """

    def __init__(
        self, base_url: str = WDTK_URL, *, http: PoliteClient | None = None, **client_args: Any
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http or PoliteClient(self.base_url, **client_args)

    def close(self) -> None:
        self.http.close()

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    # -- JSON ------------------------------------------------------------------------

    def _json(self, path: str) -> tuple[Any, FetchResult]:
        result = self.http.get(self.url(path), max_age=PAGE_MAX_AGE, accept="application/json")
        try:
            return result.json(), result
        except FetchError:
            self.http.forget(result.url)  # never keep a bad body in the cache
            raise

    def request(self, slug_or_id: str | int) -> p.RequestInfo:
        """``/request/<url_title>.json`` (a numeric id is redirected to its slug)."""
        data, result = self._json(f"/request/{quote(str(slug_or_id))}.json")
        try:
            return p.parse_request(data)
        except p.WdtkParseError as exc:
            self.http.forget(result.url)
            raise p.WdtkParseError(f"{result.url}: {exc}") from exc

    def body(self, url_name: str) -> p.Body:
        """``/body/<url_name>.json`` (a historic slug is redirected)."""
        data, result = self._json(f"/body/{quote(url_name)}.json")
        return p.parse_body(data)

    # -- HTML ------------------------------------------------------------------------

    def request_page(self, url_title: str) -> tuple[p.RequestPage, FetchResult]:
        """The request's HTML page, unfolded: message texts with their quoted sections,
        dates, authors, attachment links, hidden messages and the batch link.

        ``?unfold=1`` is what the page's own "show quoted sections" link asks for; without
        it the quoted earlier mail is missing from each message.
        """
        url = self.url(f"/request/{quote(url_title)}?unfold=1")
        result = self.http.get(url, max_age=PAGE_MAX_AGE)
        return p.parse_request_page(result.text, result.url), result

    def event(self, event_id: int) -> tuple[str, p.Event | None]:
        """The request an event belongs to: ``/request_event/<id>`` redirects (301) to
        ``/request/<url_title>#incoming-<id>``; the event itself comes from the request JSON.

        Returns ``(url_title, event)``; the event is None when the JSON does not list it.
        """
        result = self.http.get(self.url(f"/request_event/{int(event_id)}"), max_age=PAGE_MAX_AGE)
        slug = p.request_slug(result.url)
        if slug is None:
            raise p.WdtkParseError(
                f"{result.requested_url}: redirected to {result.url}, not a request page"
            )
        info = self.request(slug)
        return info.url_title, next((e for e in info.events if e.id == int(event_id)), None)

    def batch(self, batch_id: int, *, max_pages: int = 200) -> p.BatchPage:
        """Every request slug of ``/info_request_batch/<id>``, following its pages."""
        url: str | None = self.url(f"/info_request_batch/{int(batch_id)}")
        first: p.BatchPage | None = None
        seen: set[str] = set()
        for _ in range(max_pages):
            if url is None or url in seen:
                break
            seen.add(url)
            result = self.http.get(url, max_age=PAGE_MAX_AGE)
            page = p.parse_batch_page(result.text, result.url)
            if first is None:
                first = page
            else:
                first.slugs.extend(s for s in page.slugs if s not in first.slugs)
                first.bodies.update(page.bodies)
            url = page.next_url
        assert first is not None
        first.next_url = None
        return first

    # -- feeds -----------------------------------------------------------------------

    def feed(self, kind: str, query: str, *, fmt: str = "json", page: int = 1) -> list[p.FeedEntry]:
        """One page of ``/feed/<kind>/<query>`` (``kind``: body, search, user, list)."""
        path = f"/feed/{kind}/{quote(query, safe=':')}"
        if fmt == "json":
            path += ".json"
        if page > 1:
            path += f"?page={page}"
        result = self.http.get(self.url(path), max_age=PAGE_MAX_AGE)
        if fmt == "json":
            return p.parse_feed_json(result.json())
        return p.parse_feed_atom(result.content)

    def search_events(
        self,
        query: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        fmt: str = "json",
        window_days: int = 92,
    ) -> Iterator[p.FeedEntry]:
        """Events matching a search query, sliced by date so each slice stays small.

        Feeds are only reliable for their first page of 25, so a date range is cut into
        windows; a window that comes back full is halved (down to one day, where the
        following pages are read as well).
        """
        if since is None:
            yield from self._paged(query, fmt)
            return
        until = until or dt.date.today()
        stack = []
        start = since
        while start <= until:
            end = min(until, start + dt.timedelta(days=window_days - 1))
            stack.append((start, end))
            start = end + dt.timedelta(days=1)
        stack.reverse()
        while stack:
            lo, hi = stack.pop()
            sliced = f"{query} {lo:%d/%m/%Y}..{hi:%d/%m/%Y}".strip()
            entries = self.feed("search", sliced, fmt=fmt)
            if len(entries) >= FEED_PAGE and lo < hi:
                mid = lo + (hi - lo) // 2
                stack += [(mid + dt.timedelta(days=1), hi), (lo, mid)]
                continue
            yield from entries
            if len(entries) >= FEED_PAGE:
                yield from self._paged(sliced, fmt, start_page=2)

    def _paged(self, query: str, fmt: str, start_page: int = 1) -> Iterator[p.FeedEntry]:
        for page in range(start_page, start_page + 20):
            entries = self.feed("search", query, fmt=fmt, page=page)
            yield from entries
            if len(entries) < FEED_PAGE:
                return

    # -- files -----------------------------------------------------------------------

    def attachment(self, url: str) -> FetchResult:
        """An attachment's bytes (never revalidated: attachments do not change)."""
        return self.http.get(url, max_age=math.inf)

    def authorities_csv(self) -> list[dict[str, Any]]:
        """``/body/all-authorities.csv`` parsed (cached for a day)."""
        result = self.http.get(self.url("/body/all-authorities.csv"), max_age=86400)
        return p.parse_authorities_csv(result.content)
