"""A polite HTTP client shared by the web sources (WhatDoTheyKnow, disclosure logs).

:class:`PoliteClient` wraps :mod:`httpx` with the manners a public-interest site deserves
and the defences a crawler needs:

* a contact ``User-Agent`` and at most one request per ``min_interval`` seconds per host;
* an on-disk cache keyed by URL: a fresh entry is served without touching the network, a
  stale one is revalidated with ``If-None-Match`` / ``If-Modified-Since`` (a 304 costs no
  body), and permanent redirects are remembered;
* bounded retries with exponential backoff on timeouts, connection errors, truncated
  bodies, 429 (``Retry-After`` honoured but capped) and 5xx, inside a total deadline;
* redirects (301/302/303/307/308) followed only to allowed hosts, loops refused;
* bodies larger than ``max_bytes`` refused; anything else becomes :class:`FetchError`.

>>> import httpx
>>> def site(request):
...     return httpx.Response(200, json={"ok": True}, headers={"ETag": '"v1"'})
>>> client = PoliteClient("https://example.org", transport=httpx.MockTransport(site),
...                       sleep=lambda s: None)
>>> r = client.get("/thing.json")
>>> r.status_code, r.json(), r.from_cache
(200, {'ok': True}, False)
>>> client.get("https://elsewhere.example/x")
Traceback (most recent call last):
...
foicompare.sources.http.FetchError: https://elsewhere.example/x: host 'elsewhere.example' is not an allowed host

The cache is a folder of plain files (``<sha256>.body`` and ``<sha256>.json``), so it can
be inspected, copied and replayed offline (``offline=True``). hishel 2 is installed but
follows the server's ``Cache-Control`` strictly; we need a per-call freshness policy
(attachments never change, request pages do) and a replay mode, so the cache is ours.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import math
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = ["DEFAULT_USER_AGENT", "FetchError", "FetchResult", "PoliteClient"]

DEFAULT_USER_AGENT = (
    "foicompare/0.1 (+https://github.com/foicompare/foicompare; research use; "
    "set a contact address with --user-agent)"
)
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL could not be fetched: ``url``, a human ``reason`` and the HTTP ``status`` if any.

    >>> str(FetchError("https://x.org/a", "not found", 404))
    'https://x.org/a: HTTP 404: not found'
    """

    def __init__(
        self, url: str, reason: str, status: int | None = None, *, challenge: bool = False
    ) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        #: a bot-protection page answered (so a 403 does not mean "hidden")
        self.challenge = challenge
        prefix = f"HTTP {status}: " if status is not None else ""
        super().__init__(f"{url}: {prefix}{reason}")


@dataclass(slots=True)
class FetchResult:
    """A fetched (or cached) response; looks enough like :class:`httpx.Response`.

    ``url`` is the final URL after redirects, ``requested_url`` the one asked for and
    ``history`` the redirect chain in between.
    """

    url: str
    status_code: int
    headers: httpx.Headers
    content: bytes
    requested_url: str
    fetched_at: dt.datetime
    from_cache: bool = False
    history: list[str] = field(default_factory=list)

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower case (``""`` when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def encoding(self) -> str:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return "utf-8"

    @property
    def text(self) -> str:
        try:
            return self.content.decode(self.encoding, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON, or :class:`FetchError` naming the URL when it is not JSON.

        An HTML page where JSON was expected (a login wall or a bot challenge) gets its
        own message, so it is not mistaken for a parsing bug.
        """
        head = self.content[:512].lstrip().lower()
        if self.media_type in {"text/html", "application/xhtml+xml"} or head.startswith(
            (b"<!doctype html", b"<html")
        ):
            raise FetchError(
                self.url,
                "expected JSON but got an HTML page (a bot challenge or login page?)",
                self.status_code,
            )
        try:
            return json.loads(self.content)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FetchError(
                self.url,
                f"invalid JSON ({exc}; {len(self.content)} bytes, truncated?)",
                self.status_code,
            ) from exc


def _host_allowed(host: str, allowed: frozenset[str]) -> bool:
    host = host.lower().rstrip(".")
    for pattern in allowed:
        if pattern.startswith("."):
            if host.endswith(pattern) or host == pattern[1:]:
                return True
        elif host == pattern:
            return True
    return False


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


def _is_challenge(response: httpx.Response, body: bytes) -> bool:
    """A bot-protection page (Cloudflare and similar): never retried, never bypassed."""
    if response.status_code not in {403, 429, 503}:
        return False
    if "cf-mitigated" in response.headers:
        return True
    head = body[:4096].lower()
    return b"just a moment" in head or b"challenge-platform" in head or b"cf-chl" in head


class _Cache:
    """URL → (metadata, body) as two files per entry under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.root / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def load(self, url: str) -> tuple[dict[str, Any], bytes | None] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes() if meta.get("status") == 200 else None
        except (OSError, ValueError):
            return None
        if meta.get("url") != url:  # hash collision or a foreign file
            return None
        return meta, body

    def save(self, url: str, meta: dict[str, Any], body: bytes | None = None) -> None:
        meta_path, body_path = self._paths(url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        if body is not None:
            tmp = body_path.with_suffix(".body.tmp")
            tmp.write_bytes(body)
            os.replace(tmp, body_path)
        tmp = meta_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps({**meta, "url": url}), encoding="utf-8")
        os.replace(tmp, meta_path)

    def forget(self, url: str) -> None:
        for path in self._paths(url):
            path.unlink(missing_ok=True)


class PoliteClient:
    """A rate-limited, caching, retrying HTTP GET client restricted to allowed hosts.

    Args:
        base_url: resolves relative URLs; its host is allowed by default.
        user_agent: sent on every request; put a contact address in it.
        min_interval: least seconds between two network requests to the same host.
        cache_dir: folder for the on-disk cache (``None``: no cache).
        max_retries: retries after the first attempt for transient faults.
        timeout: seconds for connect/read/write/pool of one attempt.
        allowed_hosts: host names that may be fetched or redirected to; a leading dot
            allows subdomains (``".gov.uk"``). Default: the base URL's host, or, without a
            base URL, the host of each requested URL (redirects must stay on it).
        max_bytes: bodies larger than this are refused.
        max_redirects: redirect hops per :meth:`get`.
        backoff: first retry delay in seconds, doubled each retry, capped at ``max_wait``.
        max_wait: cap on one wait, including a server's ``Retry-After``.
        deadline: total seconds one :meth:`get` may take including waits.
        offline: serve only from the cache (replay); a miss is a :class:`FetchError`.
        transport: an httpx transport (``httpx.MockTransport`` in tests).
        sleep, clock: injectable so tests need not really wait.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        min_interval: float = 1.0,
        cache_dir: str | os.PathLike[str] | None = None,
        max_retries: int = 4,
        timeout: float = 30.0,
        allowed_hosts: Iterable[str] | None = None,
        max_bytes: int = 100 * 1024 * 1024,
        max_redirects: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        deadline: float = 600.0,
        offline: bool = False,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        hosts = {h.lower() for h in (allowed_hosts or ())}
        if base_url and not allowed_hosts:
            hosts.add((urlsplit(base_url).hostname or "").lower())
        self.allowed_hosts = frozenset(hosts)
        self.user_agent = user_agent
        self.min_interval = min_interval
        self.max_retries = max_retries
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.backoff = backoff
        self.max_wait = max_wait
        self.deadline = deadline
        self.offline = offline
        self.cache = _Cache(Path(cache_dir)) if cache_dir is not None else None
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        #: attempts sent to the network (cache hits not counted, 304s and retries counted)
        self.network_requests = 0
        self._http = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
        )

    # -- public API -------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        max_age: float = 0.0,
        accept: str | None = None,
    ) -> FetchResult:
        """GET ``url`` (absolute, or relative to the base URL) politely.

        ``max_age`` is how old (seconds) a cached copy may be and still be served without
        asking the server; ``0`` always revalidates, ``math.inf`` never does (use it for
        immutable things such as attachments). Raises :class:`FetchError` for anything
        but a 2xx answer after redirects and retries.
        """
        start = self._clock()
        requested = self._absolute(url)
        allowed = self.allowed_hosts or frozenset({(urlsplit(requested).hostname or "").lower()})
        current = requested
        seen: list[str] = []
        while True:
            self._check_url(current, allowed)
            if current in seen:
                raise FetchError(requested, f"redirect loop at {current}")
            if len(seen) > self.max_redirects:
                raise FetchError(requested, f"more than {self.max_redirects} redirects")
            cached = self.cache.load(current) if self.cache else None
            if (
                cached
                and cached[0]["status"] in PERMANENT_REDIRECTS
                and self._fresh(cached[0], max_age)
            ):
                seen.append(current)
                current = cached[0]["location"]
                continue
            if cached and cached[0]["status"] == 200 and self._fresh(cached[0], max_age):
                return self._from_cache(cached, requested, seen)
            if self.offline:
                if cached and cached[0]["status"] == 200:
                    return self._from_cache(cached, requested, seen)
                raise FetchError(current, "not in the cache (offline mode)")
            response, body = self._fetch(current, cached, accept, start)
            if response.status_code in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(current, "redirect without Location", response.status_code)
                target = urljoin(current, location).split("#", 1)[0]
                if self.cache and response.status_code in PERMANENT_REDIRECTS:
                    self.cache.save(
                        current,
                        {
                            "status": response.status_code,
                            "location": target,
                            "fetched_at": time.time(),
                        },
                    )
                seen.append(current)
                current = target
                continue
            if response.status_code == 304 and cached and cached[1] is not None:
                meta = {**cached[0], "fetched_at": time.time()}
                if self.cache:
                    self.cache.save(current, meta)
                return self._from_cache((meta, cached[1]), requested, seen)
            if not 200 <= response.status_code < 300:
                raise FetchError(current, _reason(response, body), response.status_code)
            if self.cache and response.status_code == 200:
                self.cache.save(
                    current,
                    {
                        "status": 200,
                        "headers": dict(response.headers.items()),
                        "fetched_at": time.time(),
                    },
                    body,
                )
            return FetchResult(
                url=current,
                status_code=response.status_code,
                headers=response.headers,
                content=body,
                requested_url=requested,
                fetched_at=dt.datetime.now(dt.UTC),
                history=seen,
            )

    def forget(self, url: str) -> None:
        """Drop ``url`` from the cache (e.g. after its body failed to parse)."""
        if self.cache:
            self.cache.forget(self._absolute(url))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------

    def _absolute(self, url: str) -> str:
        if "://" in url:
            return url
        if not self.base_url:
            raise FetchError(url, "relative URL without a base_url")
        return urljoin(self.base_url, url.lstrip("/"))

    def _check_url(self, url: str, allowed: frozenset[str]) -> None:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            raise FetchError(url, f"scheme {parts.scheme!r} is not fetched")
        host = (parts.hostname or "").lower()
        if not _host_allowed(host, allowed):
            raise FetchError(url, f"host {host!r} is not an allowed host")

    @staticmethod
    def _fresh(meta: dict[str, Any], max_age: float) -> bool:
        if max_age <= 0:
            return False
        return math.isinf(max_age) or time.time() - meta.get("fetched_at", 0) <= max_age

    def _from_cache(
        self, cached: tuple[dict[str, Any], bytes | None], requested: str, seen: list[str]
    ) -> FetchResult:
        meta, body = cached
        return FetchResult(
            url=meta["url"],
            status_code=200,
            headers=httpx.Headers(meta.get("headers", {})),
            content=body or b"",
            requested_url=requested,
            fetched_at=dt.datetime.fromtimestamp(meta.get("fetched_at", 0), dt.UTC),
            from_cache=True,
            history=seen,
        )

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.min_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _fetch(
        self,
        url: str,
        cached: tuple[dict[str, Any], bytes | None] | None,
        accept: str | None,
        start: float,
    ) -> tuple[httpx.Response, bytes]:
        """One hop with retries: returns a non-retryable response and its full body."""
        headers = {}
        if accept:
            headers["Accept"] = accept
        if cached and cached[0]["status"] == 200:
            old = httpx.Headers(cached[0].get("headers", {}))
            if "etag" in old:
                headers["If-None-Match"] = old["etag"]
            if "last-modified" in old:
                headers["If-Modified-Since"] = old["last-modified"]
        host = (urlsplit(url).hostname or "").lower()
        attempt = 0
        while True:
            self._wait_turn(host)
            self.network_requests += 1
            wait: float | None = None
            try:
                response, body = self._attempt(url, headers)
            except _Transient as exc:
                problem, status, wait = str(exc), exc.status, None
            except httpx.TimeoutException as exc:
                problem, status = f"timed out ({type(exc).__name__})", None
            except httpx.TransportError as exc:
                problem, status = f"connection error ({type(exc).__name__}: {exc})", None
            else:
                if _is_challenge(response, body):
                    raise FetchError(
                        url,
                        "a bot-protection challenge page was served; not retried",
                        response.status_code,
                        challenge=True,
                    )
                if response.status_code not in RETRY_STATUSES:
                    return response, body
                problem, status = _reason(response, body), response.status_code
                wait = _retry_after(response.headers.get("retry-after"), time.time())
            if attempt >= self.max_retries:
                raise FetchError(url, f"{problem} (gave up after {attempt + 1} attempts)", status)
            if wait is None:
                wait = self.backoff * (2**attempt)
            wait = min(wait, self.max_wait)
            if self._clock() - start + wait > self.deadline:
                raise FetchError(
                    url, f"{problem}; retrying would pass the {self.deadline:g}s deadline", status
                )
            self._sleep(wait)
            attempt += 1

    def _attempt(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        with self._http.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "").strip()
            expected = int(declared) if declared.isdigit() else None
            if expected is not None and expected > self.max_bytes:
                raise FetchError(
                    url,
                    f"body of {expected} bytes exceeds the {self.max_bytes} byte limit",
                    response.status_code,
                )
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in response.iter_bytes():  # decoded; limit applies after gzip
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(
                            url,
                            f"body exceeds the {self.max_bytes} byte limit",
                            response.status_code,
                        )
                    chunks.append(chunk)
            except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
                raise _Transient(
                    f"truncated body ({response.num_bytes_downloaded} bytes received: {exc})",
                    response.status_code,
                ) from exc
            # Content-Length counts encoded bytes; an identity body is its own count
            # (and a pre-read test response has no download counter).
            encoded = response.headers.get("content-encoding", "identity").lower()
            if encoded in {"", "identity"}:
                received: int | None = size
            else:
                received = response.num_bytes_downloaded or None
            if (
                expected is not None
                and received is not None
                and received != expected
                and response.status_code not in {204, 304}
            ):
                raise _Transient(
                    f"truncated body ({received} of {expected} bytes)", response.status_code
                )
            return response, b"".join(chunks)


class _Transient(Exception):
    """A fault worth retrying that is not an httpx exception (e.g. a short body)."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


def _reason(response: httpx.Response, body: bytes) -> str:
    status = response.status_code
    known = {
        403: "forbidden (hidden or requester-only)",
        404: "not found",
        410: "gone",
        429: "too many requests",
    }
    if status in known:
        return known[status]
    if status >= 500:
        return f"server error {response.reason_phrase}".strip()
    return response.reason_phrase or f"unexpected status {status}"
