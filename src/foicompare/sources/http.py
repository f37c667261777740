"""A polite, bounded HTTP client shared by the web sources (WhatDoTheyKnow, disclosure logs).

:class:`PoliteClient` wraps :mod:`httpx` with the manners a public-interest site deserves
and the defences a crawler pointed at sites it does not control needs. One fetch policy
applies to every source:

* **Bounds.** Every URL asked for and every redirect target must lie inside the crawl's
  :class:`Bounds`: same scheme, host *and* port as one of its :class:`Bound` entries, under
  its path prefix. Hosts are compared normalised (lower case, no trailing dot, IDNA). A
  redirect anywhere else is not followed: it is a :class:`FetchError` naming both URLs.
  URLs carrying credentials (``user:pw@``) are refused and never repeated (see
  :func:`redact`). Loopback, link-local, private and other non-public addresses are
  refused unless the bounds themselves name one (a test server on 127.0.0.1); host names
  are resolved and checked when connecting to the real network (never with a test
  transport), and the connection goes to the address that was checked.
* **Deadlines.** ``deadline`` (default 120 s) is a wall-clock limit on one URL: connect,
  headers, the whole body, retries and waits. A body arriving slower than ``min_rate``
  bytes a second (after ``rate_grace`` seconds) is abandoned. ``crawl_deadline`` bounds
  the whole client's life: past it every further URL is *skipped*.
* **Budgets.** After ``host_budget`` consecutive failed attempts on one host (timeouts,
  connection errors, 429, 5xx) the host is paused: its remaining URLs are *skipped*
  (``FetchError.skipped``), to be fetched by the next run. A ``Retry-After`` longer than
  ``max_wait`` is not slept on: the URL fails at once, the host is paused, and the next
  run tries again.
* **Manners.** A contact ``User-Agent``, at most one request per ``min_interval`` seconds
  per host, and an on-disk cache keyed by URL: a fresh entry is served without touching
  the network, a stale one is revalidated (``If-None-Match`` / ``If-Modified-Since``),
  permanent redirects are remembered. Bodies over ``max_bytes`` are refused.

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
foicompare.sources.http.FetchError: https://elsewhere.example/x: outside the crawl's bounds (https://example.org/): not fetched

The cache is a folder of plain files (``<sha256>.body`` and ``<sha256>.json``), so it can
be inspected, copied and replayed offline (``offline=True``). hishel 2 is installed but
follows the server's ``Cache-Control`` strictly; we need a per-call freshness policy
(attachments never change, request pages do) and a replay mode, so the cache is ours.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import email.utils
import hashlib
import ipaddress
import json
import math
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx
import idna

__all__ = [
    "DEFAULT_USER_AGENT",
    "Bound",
    "Bounds",
    "FetchError",
    "FetchResult",
    "PoliteClient",
    "normalise_host",
    "redact",
]

DEFAULT_USER_AGENT = (
    "foicompare/0.1 (+https://github.com/foicompare/foicompare; research use; "
    "set a contact address with --user-agent)"
)
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(Exception):
    """A URL could not be fetched: ``url``, a human ``reason`` and the HTTP ``status`` if any.

    ``skipped`` is true when the URL was not tried at all (its host was paused, or the
    crawl's deadline had passed): the next run fetches it. ``retry_after`` is the wait a
    server asked for when it was longer than the client's cap. The URL is always given
    without credentials.

    >>> str(FetchError("https://x.org/a", "not found", 404))
    'https://x.org/a: HTTP 404: not found'
    >>> FetchError("https://me:secret@x.org/a", "refused").url
    'https://x.org/a'
    """

    def __init__(
        self,
        url: str,
        reason: str,
        status: int | None = None,
        *,
        challenge: bool = False,
        skipped: bool = False,
        retry_after: float | None = None,
    ) -> None:
        self.url = redact(url)
        self.reason = reason
        self.status = status
        #: a bot-protection page answered (so a 403 does not mean "hidden")
        self.challenge = challenge
        self.skipped = skipped
        self.retry_after = retry_after
        prefix = f"HTTP {status}: " if status is not None else ""
        super().__init__(f"{self.url}: {prefix}{reason}")


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


# -- URLs, hosts and bounds -------------------------------------------------------------


def redact(url: str) -> str:
    """``url`` without any ``user:password@`` part (so it can be logged and stored).

    >>> redact("https://user:pw@Example.org:8443/a?b=1")
    'https://Example.org:8443/a?b=1'
    >>> redact("/relative/path")
    '/relative/path'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def normalise_host(host: str) -> str:
    """A host name as compared by the fetch policy: lower case, no trailing dot, IDNA.

    >>> normalise_host("WWW.Barnet.GOV.UK."), normalise_host("bücher.example")
    ('www.barnet.gov.uk', 'xn--bcher-kva.example')
    >>> normalise_host("[::1]")
    '::1'
    """
    host = host.strip().strip("[]").rstrip(".").lower()
    if not host:
        raise ValueError("empty host")
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(f"host {host!r} is not a valid international name ({exc})") from exc


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, link-local, private, reserved, multicast or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _private_host(host: str) -> bool:
    """True for ``localhost`` and non-public IP literals (no name is resolved here)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _ip(host)
    return address is not None and _non_public(address)


@dataclass(frozen=True, slots=True)
class _Target:
    """A URL taken apart for the policy: scheme, normalised host, port, path."""

    url: str
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> _Target:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError(url, f"malformed URL ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            raise FetchError(url, f"scheme {scheme!r} is not fetched")
        if parts.username is not None or parts.password is not None or "@" in parts.netloc:
            raise FetchError(url, "the URL carries credentials (user:password@); refused")
        try:
            host = normalise_host(parts.hostname or "")
        except ValueError as exc:
            raise FetchError(url, f"bad host: {exc}") from None
        return cls(url, scheme, host, port or DEFAULT_PORTS[scheme], parts.path or "/")


@dataclass(frozen=True, slots=True)
class Bound:
    """One allowed place: a scheme, a host (``.gov.uk``: any subdomain), a port and a path prefix.

    ``scheme=None`` admits http on port 80 and https on port 443 (the old host-only rule).

    >>> b = Bound.parse("https://Log.example.org./foi/")
    >>> b, b.admits("https://log.example.org/foi/12"), b.admits("https://log.example.org:8443/foi/12")
    (Bound(scheme='https', host='log.example.org', port=443, prefix='/foi/'), True, False)
    """

    scheme: str | None
    host: str
    port: int | None = None
    prefix: str = "/"

    @classmethod
    def parse(cls, spec: str) -> Bound:
        """``https://host[:port]/prefix`` (a URL prefix), or a bare host name (``.gov.uk``)."""
        spec = spec.strip()
        if "://" not in spec:
            sub = spec.startswith(".")
            host = normalise_host(spec.lstrip("."))
            return cls(None, "." + host if sub else host)
        parts = urlsplit(spec)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            raise ValueError(f"{redact(spec)}: only http and https URLs can be allowed")
        if "@" in parts.netloc:
            raise ValueError(f"{redact(spec)}: an allowed URL cannot carry credentials")
        raw = parts.hostname or ""
        sub = raw.startswith(".")
        host = normalise_host(raw.lstrip("."))
        return cls(
            scheme,
            "." + host if sub else host,
            parts.port or DEFAULT_PORTS[scheme],
            parts.path or "/",
        )

    def admits(self, url: str | _Target) -> bool:
        """True when ``url`` is at this bound's scheme, host and port, under its prefix."""
        try:
            target = url if isinstance(url, _Target) else _Target.parse(url)
        except FetchError:
            return False
        if self.scheme is None:
            if target.port != DEFAULT_PORTS[target.scheme]:
                return False
        elif (target.scheme, target.port) != (self.scheme, self.port):
            return False
        if self.host.startswith("."):
            if not (target.host.endswith(self.host) or target.host == self.host[1:]):
                return False
        elif target.host != self.host:
            return False
        bare = self.prefix.rstrip("/")
        return not bare or target.path == bare or target.path.startswith(bare + "/")

    @property
    def private(self) -> bool:
        """The bound names a non-public place (localhost, 127.0.0.1, 10.x ...)."""
        return _private_host(self.host.lstrip("."))

    def __str__(self) -> str:
        if self.scheme is None:
            return self.host
        port = "" if self.port == DEFAULT_PORTS[self.scheme] else f":{self.port}"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}{port}{self.prefix}"


@dataclass(frozen=True, slots=True)
class Bounds:
    """The places a crawl may fetch from or be redirected to (any one :class:`Bound`).

    >>> bounds = Bounds.under("https://www.barnet.gov.uk/foi-requests", extra=["https://cdn.barnet.gov.uk/"])
    >>> [bounds.admits(u) for u in ("https://www.barnet.gov.uk/foi-requests/7",
    ...     "http://www.barnet.gov.uk/foi-requests/7", "https://www.barnet.gov.uk/news",
    ...     "https://cdn.barnet.gov.uk/x.pdf")]
    [True, False, False, True]
    >>> str(bounds)
    'https://www.barnet.gov.uk/foi-requests, https://cdn.barnet.gov.uk/'
    """

    entries: tuple[Bound, ...]

    @classmethod
    def under(
        cls, url: str, prefixes: Iterable[str] | None = None, *, extra: Iterable[str] = ()
    ) -> Bounds:
        """``url``'s scheme, host and port under ``prefixes`` (default: ``url``'s own path),
        plus ``extra`` URL prefixes or host names (see :meth:`Bound.parse`)."""
        target = _Target.parse(url)
        paths = list(prefixes) if prefixes is not None else [target.path]
        own = [Bound(target.scheme, target.host, target.port, p or "/") for p in paths]
        return cls((*own, *(Bound.parse(spec) for spec in extra)))

    def widen(self, extra: Iterable[str | Bound]) -> Bounds:
        """These bounds plus more (URL prefixes, host names or :class:`Bound` values)."""
        more = [b if isinstance(b, Bound) else Bound.parse(b) for b in extra]
        return Bounds((*self.entries, *more))

    def admits(self, url: str | _Target) -> bool:
        return any(bound.admits(url) for bound in self.entries)

    @property
    def private(self) -> bool:
        """Any bound names a non-public place: then non-public addresses may be fetched."""
        return any(bound.private for bound in self.entries)

    def __str__(self) -> str:
        return ", ".join(str(b) for b in self.entries)


# -- the network backend: deadlines and address checks below httpx -----------------------


@dataclass(slots=True)
class _Attempt:
    """What the network layer must enforce for the request in progress."""

    deadline: float  # time.monotonic() value
    private_ok: bool


_ATTEMPT: contextvars.ContextVar[_Attempt | None] = contextvars.ContextVar(
    "foicompare_http_attempt", default=None
)


class _Refused(httpcore.ConnectError):
    """A host name resolved to an address the policy does not fetch from."""


def _capped(timeout: float | None, kind: type[Exception]) -> float | None:
    attempt = _ATTEMPT.get()
    if attempt is None:
        return timeout
    left = attempt.deadline - time.monotonic()
    if left <= 0:
        raise kind("the per-request deadline has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, capped))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Resolves, checks the addresses, connects to a checked one; deadlines on every call."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _capped(timeout, httpcore.ConnectTimeout)
        attempt = _ATTEMPT.get()
        address = host
        if attempt is not None and not attempt.private_ok:
            address = _public_address(host, port)
        stream = self._inner.connect_tcp(
            address, port, timeout, local_address=local_address, socket_options=socket_options
        )
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:  # noqa: E501
        raise _Refused("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _public_address(host: str, port: int) -> str:
    """The first address of ``host``, provided every address it resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
    addresses = [str(info[4][0]).split("%", 1)[0] for info in infos]
    for text in addresses:
        address = _ip(text)
        if address is None or _non_public(address):
            raise _Refused(
                f"{host} resolves to the non-public address {text}; refused"
                " (only a crawl whose own base URL is non-public may fetch such addresses)"
            )
    if not addresses:
        raise httpcore.ConnectError(f"{host!r} has no address")
    return addresses[0]


def _network_transport() -> httpx.BaseTransport:
    """httpx's own transport with our backend under its connection pool."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if inner is None:  # pragma: no cover - a future httpcore: deadlines still hold per chunk
        return transport
    pool._network_backend = _Backend(inner)  # type: ignore[union-attr]
    return transport


# -- helpers ---------------------------------------------------------------------------


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
    """A rate-limited, caching, retrying HTTP GET client that stays inside its bounds.

    Args:
        base_url: resolves relative URLs; by default the client's bounds are its scheme,
            host, port and path.
        user_agent: sent on every request; put a contact address in it.
        min_interval: least seconds between two network requests to the same host.
        cache_dir: folder for the on-disk cache (``None``: no cache).
        max_retries: retries after the first attempt for transient faults.
        timeout: seconds for one connect, read or write (a server silent this long).
        bounds: where the client may fetch and be redirected (:class:`Bounds`, or URL
            prefixes and host names as strings). Default: the base URL's bounds, or
            without a base URL the scheme, host and port of each requested URL.
            :meth:`get` can narrow them further per call (``within``).
        allowed_hosts: the old host-only form of ``bounds`` (``".gov.uk"`` allows
            subdomains), on the default http/https ports.
        allow_private: fetch loopback/link-local/private addresses. Default: only when
            the bounds themselves name such a place.
        max_bytes: bodies larger than this are refused.
        max_redirects: redirect hops per :meth:`get`.
        backoff: first retry delay in seconds, doubled each retry.
        max_wait: cap on one wait; a ``Retry-After`` above it is not waited for (the URL
            fails, the host is paused, the next run tries again).
        deadline: wall-clock seconds one :meth:`get` may take: connect, headers, the whole
            body, retries and waits.
        min_rate: bytes a second a body must average once ``rate_grace`` seconds passed.
        host_budget: consecutive failed attempts (timeouts, connection errors, 429, 5xx)
            after which a host is paused for the rest of the client's life.
        crawl_deadline: seconds from the client's creation after which every further URL
            is skipped (``None``: no limit).
        offline: serve only from the cache (replay); a miss is a :class:`FetchError`.
        transport: an httpx transport (``httpx.MockTransport`` in tests); by default
            httpx's own, with the deadline and address checks underneath.
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
        bounds: Bounds | Iterable[str] | None = None,
        allowed_hosts: Iterable[str] | None = None,
        allow_private: bool | None = None,
        max_bytes: int = 100 * 1024 * 1024,
        max_redirects: int = 5,
        backoff: float = 1.0,
        max_wait: float = 20.0,
        deadline: float = 120.0,
        min_rate: float = 512.0,
        rate_grace: float = 10.0,
        host_budget: int = 5,
        crawl_deadline: float | None = None,
        offline: bool = False,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        if bounds is not None and not isinstance(bounds, Bounds):
            bounds = Bounds(tuple(Bound.parse(spec) for spec in bounds))
        if bounds is None and allowed_hosts:
            bounds = Bounds(tuple(Bound.parse(h) for h in allowed_hosts))
        if bounds is None and self.base_url:
            bounds = Bounds.under(self.base_url)
        #: where this client may go (``None``: the origin of each requested URL)
        self.bounds: Bounds | None = bounds
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.min_interval = min_interval
        self.max_retries = max_retries
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.backoff = backoff
        self.max_wait = max_wait
        self.deadline = deadline
        self.min_rate = min_rate
        self.rate_grace = rate_grace
        self.host_budget = host_budget
        self.crawl_deadline = crawl_deadline
        self.offline = offline
        self.cache = _Cache(Path(cache_dir)) if cache_dir is not None else None
        self._sleep = sleep
        self._clock = clock
        self._born = clock()
        self._last: dict[str, float] = {}
        self._failures: dict[str, int] = {}
        #: hosts paused for the rest of this client's life, with the reason
        self.paused: dict[str, str] = {}
        #: attempts sent to the network (cache hits not counted, 304s and retries counted)
        self.network_requests = 0
        self._http = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport or _network_transport(),
        )

    # -- public API -------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        max_age: float = 0.0,
        accept: str | None = None,
        within: Bounds | None = None,
    ) -> FetchResult:
        """GET ``url`` (absolute, or relative to the base URL) politely and within bounds.

        ``max_age`` is how old (seconds) a cached copy may be and still be served without
        asking the server; ``0`` always revalidates, ``math.inf`` never does (use it for
        immutable things such as attachments). ``within`` narrows the client's bounds for
        this call (a disclosure log's host and path prefix). Raises :class:`FetchError`
        for anything but a 2xx answer after redirects and retries, for a URL or a
        redirect outside the bounds, and (``skipped``) for a URL not tried because its
        host is paused or the crawl deadline passed.
        """
        start = self._clock()
        requested = self._absolute(url)
        target = _Target.parse(requested)
        limits = [b for b in (self.bounds, within) if b is not None]
        if not limits:
            limits = [Bounds((Bound(target.scheme, target.host, target.port, "/"),))]
        private_ok = (
            self.allow_private if self.allow_private is not None else any(b.private for b in limits)
        )
        self._admit(target, limits, private_ok, requested, None)
        self._check_skip(target)
        current = target
        seen: list[str] = []
        while True:
            if current.url in seen:
                raise FetchError(requested, f"redirect loop at {redact(current.url)}")
            if len(seen) > self.max_redirects:
                raise FetchError(requested, f"more than {self.max_redirects} redirects")
            cached = self.cache.load(current.url) if self.cache else None
            if (
                cached
                and cached[0]["status"] in PERMANENT_REDIRECTS
                and self._fresh(cached[0], max_age)
            ):
                nxt = self._redirect(requested, current, cached[0]["location"], limits, private_ok)
                seen.append(current.url)
                current = nxt
                continue
            if cached and cached[0]["status"] == 200 and self._fresh(cached[0], max_age):
                return self._from_cache(cached, requested, seen)
            if self.offline:
                if cached and cached[0]["status"] == 200:
                    return self._from_cache(cached, requested, seen)
                raise FetchError(current.url, "not in the cache (offline mode)")
            response, body = self._fetch(current, cached, accept, start, private_ok)
            if response.status_code in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(current.url, "redirect without Location", response.status_code)
                nxt = self._redirect(
                    requested,
                    current,
                    urljoin(current.url, location.strip()).split("#", 1)[0],
                    limits,
                    private_ok,
                    response.status_code,
                )
                if self.cache and response.status_code in PERMANENT_REDIRECTS:
                    self.cache.save(
                        current.url,
                        {
                            "status": response.status_code,
                            "location": nxt.url,
                            "fetched_at": time.time(),
                        },
                    )
                seen.append(current.url)
                current = nxt
                continue
            if response.status_code == 304 and cached and cached[1] is not None:
                meta = {**cached[0], "fetched_at": time.time()}
                if self.cache:
                    self.cache.save(current.url, meta)
                return self._from_cache((meta, cached[1]), requested, seen)
            if not 200 <= response.status_code < 300:
                raise FetchError(current.url, _reason(response, body), response.status_code)
            if self.cache and response.status_code == 200:
                self.cache.save(
                    current.url,
                    {
                        "status": 200,
                        "headers": dict(response.headers.items()),
                        "fetched_at": time.time(),
                    },
                    body,
                )
            return FetchResult(
                url=current.url,
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

    # -- the policy -------------------------------------------------------------------

    def _absolute(self, url: str) -> str:
        if "://" in url:
            return url
        if not self.base_url:
            raise FetchError(url, "relative URL without a base_url")
        return urljoin(self.base_url, url.lstrip("/"))

    @staticmethod
    def _admit(
        target: _Target,
        limits: list[Bounds],
        private_ok: bool,
        requested: str,
        came_from: str | None,
        status: int | None = None,
    ) -> None:
        """Raise :class:`FetchError` unless ``target`` is inside every bound set."""
        for bounds in limits:
            if not bounds.admits(target):
                if came_from is None:
                    raise FetchError(
                        requested, f"outside the crawl's bounds ({bounds}): not fetched"
                    )
                raise FetchError(
                    requested,
                    f"redirected from {redact(came_from)} to {redact(target.url)}, outside the"
                    f" crawl's bounds ({bounds}): not followed",
                    status,
                )
        if not private_ok and _private_host(target.host):
            where = "" if came_from is None else f"redirected from {redact(came_from)} to "
            raise FetchError(
                requested,
                f"{where}{redact(target.url)} is a non-public address (loopback, link-local"
                " or private): refused",
                status,
            )

    def _redirect(
        self,
        requested: str,
        current: _Target,
        location: str,
        limits: list[Bounds],
        private_ok: bool,
        status: int | None = None,
    ) -> _Target:
        try:
            target = _Target.parse(location)
        except FetchError as exc:
            raise FetchError(
                requested,
                f"redirected from {redact(current.url)} to {exc.url}: {exc.reason}; not followed",
                status,
            ) from None
        self._admit(target, limits, private_ok, requested, current.url, status)
        return target

    def _check_skip(self, target: _Target) -> None:
        if self.crawl_deadline is not None and self._clock() - self._born >= self.crawl_deadline:
            raise FetchError(
                target.url,
                f"skipped: the crawl's deadline of {self.crawl_deadline:g}s has passed;"
                " fetched on the next run",
                skipped=True,
            )
        why = self.paused.get(target.host)
        if why is not None:
            raise FetchError(
                target.url,
                f"skipped: host {target.host} paused ({why}); fetched on the next run",
                skipped=True,
            )

    def _failed(self, host: str, problem: str) -> bool:
        """Count one failed attempt; True when the host has just been paused."""
        count = self._failures.get(host, 0) + 1
        self._failures[host] = count
        if count >= self.host_budget and host not in self.paused:
            self.paused[host] = f"{count} consecutive failures, the last: {problem}"
            return True
        return False

    def _time_left(self, start: float) -> tuple[float, str]:
        """Seconds this request may still take, and which deadline binds."""
        left = self.deadline - (self._clock() - start)
        which = f"the {self.deadline:g}s per-request deadline"
        if self.crawl_deadline is not None:
            crawl_left = self.crawl_deadline - (self._clock() - self._born)
            if crawl_left < left:
                left, which = crawl_left, f"the crawl's {self.crawl_deadline:g}s deadline"
        return left, which

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
        target: _Target,
        cached: tuple[dict[str, Any], bytes | None] | None,
        accept: str | None,
        start: float,
        private_ok: bool,
    ) -> tuple[httpx.Response, bytes]:
        """One hop with retries: returns a non-retryable response and its full body."""
        url, host = target.url, target.host
        headers = {}
        if accept:
            headers["Accept"] = accept
        if cached and cached[0]["status"] == 200:
            old = httpx.Headers(cached[0].get("headers", {}))
            if "etag" in old:
                headers["If-None-Match"] = old["etag"]
            if "last-modified" in old:
                headers["If-Modified-Since"] = old["last-modified"]
        attempt = 0
        while True:
            self._check_skip(target)
            self._wait_turn(host)
            left, which = self._time_left(start)
            if left <= 0:
                raise FetchError(url, f"no complete answer within {which}")
            self.network_requests += 1
            wait: float | None = None
            final = False
            began = time.monotonic()
            ends = began + left
            token = _ATTEMPT.set(_Attempt(ends, private_ok))
            try:
                response, body = self._attempt(url, headers, began, ends)
            except _Transient as exc:
                problem, status, final = str(exc), exc.status, exc.final
            except httpx.TransportError as exc:
                if isinstance(exc.__cause__, _Refused):
                    raise FetchError(url, str(exc.__cause__)) from None
                status = None
                if time.monotonic() >= ends - 0.05:
                    problem, final = f"no complete answer within {which}", True
                elif isinstance(exc, httpx.TimeoutException):
                    problem = f"timed out ({type(exc).__name__})"
                else:
                    problem = f"connection error ({type(exc).__name__}: {exc})"
            else:
                if _is_challenge(response, body):
                    raise FetchError(
                        url,
                        "a bot-protection challenge page was served; not retried",
                        response.status_code,
                        challenge=True,
                    )
                if response.status_code not in RETRY_STATUSES:
                    self._failures[host] = 0
                    return response, body
                problem, status = _reason(response, body), response.status_code
                wait = _retry_after(response.headers.get("retry-after"), time.time())
                if wait is not None and wait > self.max_wait:
                    self._failed(host, problem)
                    self.paused.setdefault(
                        host, f"it asked for a Retry-After of {wait:g}s, over the cap"
                    )
                    raise FetchError(
                        url,
                        f"{problem}; Retry-After of {wait:g}s is over the {self.max_wait:g}s"
                        " cap: not waited for, fetched again on the next run",
                        status,
                        retry_after=wait,
                    )
            finally:
                _ATTEMPT.reset(token)
            tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
            if self._failed(host, problem):
                raise FetchError(
                    url,
                    f"{problem} ({tries}); host {host} paused after {self.host_budget}"
                    " consecutive failures",
                    status,
                )
            if final:
                raise FetchError(url, problem, status)
            if attempt >= self.max_retries:
                raise FetchError(url, f"{problem} (gave up after {tries})", status)
            if wait is None:
                wait = self.backoff * (2**attempt)
            wait = min(wait, self.max_wait)
            if self._clock() - start + wait > self.deadline:
                raise FetchError(
                    url, f"{problem}; retrying would pass the {self.deadline:g}s deadline", status
                )
            self._sleep(wait)
            attempt += 1

    def _attempt(
        self, url: str, headers: dict[str, str], began: float, ends: float
    ) -> tuple[httpx.Response, bytes]:
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
                    self._check_pace(response, began, ends)
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

    def _check_pace(self, response: httpx.Response, began: float, ends: float) -> None:
        """Abandon a body past the deadline or arriving slower than ``min_rate``."""
        now = time.monotonic()
        got = response.num_bytes_downloaded
        if now >= ends:
            raise _Transient(
                f"no complete body by the deadline ({got} bytes received)",
                response.status_code,
                final=True,
            )
        elapsed = now - began
        if elapsed > self.rate_grace and got < self.min_rate * elapsed:
            raise _Transient(
                f"body arriving too slowly ({got} bytes in {elapsed:.0f}s, under the minimum"
                f" of {self.min_rate:g} bytes/s)",
                response.status_code,
                final=True,
            )


class _Transient(Exception):
    """A fault worth retrying (unless ``final``) that is not an httpx exception."""

    def __init__(self, message: str, status: int | None, *, final: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.final = final


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
