"""A hostile web server on 127.0.0.1, and a second listener that must never be asked anything.

:class:`Hostile` serves a table of paths; each answer is a :class:`Behaviour`: a page, a
redirect (to another port, another scheme, a path outside the crawl, a URL with
credentials), a body dripped one byte every few seconds, a connection that is never
answered, or a status with headers (429 with a huge ``Retry-After``). :class:`Listener` is
a plain server on another port that answers every request with a "secret" and records it:
a crawl that stays in its bounds leaves it with no request at all.

Both record every request path; :meth:`Hostile.stop` releases handlers still dripping or
silent, so a test ends as soon as its client has given up.

>>> with Listener() as other, Hostile({"/": redirect(lambda s: other.url("/x"))}) as site:
...     site.url("/").startswith("http://127.0.0.1:"), other.requests
(True, [])
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from wdtk_server import AlaveteliServer, Site

HTML = "text/html; charset=utf-8"


@dataclass
class Behaviour:
    """How one path answers: ``kind`` is page | redirect | drip | silent."""

    kind: str
    status: int = 200
    body: bytes = b""
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    #: redirect: the Location, computed from the running server (ports are chosen late)
    location: Callable[[Any], str] | None = None
    #: drip: seconds between two bytes
    interval: float = 2.0


def page(body: str | bytes, *, status: int = 200, content_type: str = HTML, **headers: str):
    """A complete answer (any status) with ``headers`` (``Retry_After`` → ``Retry-After``)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    named = {key.replace("_", "-"): value for key, value in headers.items()}
    return Behaviour("page", status, data, content_type, named)


def redirect(location: Callable[[Any], str], status: int = 302) -> Behaviour:
    """A redirect to ``location(server)``."""
    return Behaviour("redirect", status, location=location)


def drip(interval: float = 2.0, length: int = 10_000) -> Behaviour:
    """A 200 that promises ``length`` bytes and sends one every ``interval`` seconds."""
    return Behaviour("drip", 200, b"x" * length, "text/plain", interval=interval)


def silent() -> Behaviour:
    """Accept the connection, read the request, never answer."""
    return Behaviour("silent")


class _Server:
    """A threaded server on 127.0.0.1 (a free port) recording each request's path."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                with outer._lock:
                    outer.requests.append(self.path)
                outer.answer(self)

            def log_message(self, *args: object) -> None:
                return

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # noqa: ANN001
                return  # a client that gave up and hung up is the point of these tests

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str, *, scheme: str = "http", userinfo: str = "") -> str:
        return f"{scheme}://{userinfo}127.0.0.1:{self.port}{path}"

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def start(self):  # noqa: ANN201
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):  # noqa: ANN204
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Listener(_Server):
    """The other port: answers everything with a secret. It must see no request."""

    SECRET = b"<html><body><h1>Internal admin</h1><p>SECRET-TOKEN-42</p></body></html>"

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(len(self.SECRET)))
        h.end_headers()
        h.wfile.write(self.SECRET)


class Hostile(_Server):
    """Serves ``routes`` (path with query → :class:`Behaviour`); anything else is a 404."""

    def __init__(self, routes: dict[str, Behaviour]) -> None:
        super().__init__()
        self.routes = routes

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        respond(h, self.routes.get(h.path) or page("<h1>Not found</h1>", status=404), self)


def respond(h: BaseHTTPRequestHandler, how: Behaviour, server: Any) -> None:
    """Answer one request as ``how`` says (``server`` gives ``url()`` and ``stopping``)."""
    if how.kind == "silent":
        h.close_connection = True
        server.stopping.wait(600)  # until the test stops the server
        return
    if how.kind == "redirect":
        assert how.location is not None
        h.send_response(how.status)
        h.send_header("Location", how.location(server))
        h.send_header("Content-Length", "0")
        h.end_headers()
        return
    h.send_response(how.status)
    h.send_header("Content-Type", how.content_type)
    h.send_header("Content-Length", str(len(how.body)))
    for key, value in how.headers.items():
        h.send_header(key, value)
    h.end_headers()
    if how.kind == "drip":
        h.close_connection = True
        for byte in how.body:
            if server.stopping.wait(how.interval):
                return
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
        return
    h.wfile.write(how.body)


class HostileAlaveteli(AlaveteliServer):
    """The loopback Alaveteli site of ``wdtk_server``, with some paths answered by ``traps``."""

    def __init__(self, site: Site, traps: dict[str, Behaviour]) -> None:
        super().__init__(site)
        self.traps = traps
        self.stopping = threading.Event()

    def url(self, path: str, *, scheme: str = "http", userinfo: str = "") -> str:
        return f"{scheme}://{userinfo}127.0.0.1:{self._httpd.server_address[1]}{path}"

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        how = self.traps.get(h.path)
        if how is None:
            return super()._handle(h)
        with self._lock:
            self.hits.append(h.path)
        respond(h, how, self)

    def stop(self) -> None:
        self.stopping.set()
        super().stop()
