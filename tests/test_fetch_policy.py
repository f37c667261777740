"""The fetch policy against a hostile server: every crawl stays in bounds and ends on time.

A real HTTP server on 127.0.0.1 (``tests/hostile_server.py``) answers one URL of a
disclosure log, or of an Alaveteli site, in a hostile way: a redirect to another port,
another scheme, a path outside the log, a URL with credentials; a body dripped one byte
every two seconds; a connection never answered; a 429 asking for a day's wait. A second
listener on another port holds a "secret". For ``ingest-log`` and ``ingest-wdtk`` alike,
each scenario must end within its deadline with an error row naming the URL, nothing
stored from outside the bounds, no credentials written anywhere, and not one request
reaching the second listener.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.sources.http import Bounds, FetchError, PoliteClient
from foicompare.sources.whatdotheyknow import Wdtk, WdtkIngest
from hostile_server import Hostile, HostileAlaveteli, Listener, drip, page, redirect, silent
from wdtk_server import demo_site

DEADLINE = 2.0  # --request-deadline in these tests (the default is 120 s)
#: start-up, the DuckDB file and a loaded shared machine. Not a speed test: without the
#: deadline a drip takes hours and a silent server holds a fetch for minutes (the
#: hostile server keeps them up far longer than DEADLINE + SLACK), so the bound only
#: says the deadline did end the fetch.
SLACK = 20.0
PASSWORD = "hunter2"


def traps(other: Listener, prefix: str) -> dict:
    """Scenario name → hostile answer, for a URL under ``prefix`` on the hostile server."""
    return {
        "other-port": redirect(lambda s: other.url("/secret")),
        "other-scheme": redirect(lambda s: s.url(f"{prefix}answer", scheme="https")),
        "credentials": redirect(lambda s: s.url(f"{prefix}answer", userinfo=f"admin:{PASSWORD}@")),
        "credentials-elsewhere": redirect(lambda s: other.url("/", userinfo=f"me:{PASSWORD}@")),
        "slow-drip": drip(interval=2.0),
        "never-answers": silent(),
        "retry-after-a-day": page("busy", status=429, Retry_After="86400"),
    }


SCENARIOS = [
    "other-port",
    "other-scheme",
    "credentials",
    "credentials-elsewhere",
    "slow-drip",
    "never-answers",
    "retry-after-a-day",
]


@dataclass
class Outcome:
    """What a run left in the dataset: fetch errors, stored locations, every text value."""

    errors: dict[str, str]
    locations: list[str]
    requested: dict[str, str | None]
    fetch_errors: list[str | None]
    everything: str

    @classmethod
    def read(cls, path) -> Outcome:
        ds = foicompare.open(path)
        try:
            con = ds.con
            columns = con.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
            ).fetchall()
            values = []
            for table, column in columns:
                rows = con.execute(f'SELECT "{column}" FROM "{table}"').fetchall()
                values += [str(r[0]) for r in rows if r[0] is not None]
            sightings = con.execute("SELECT location, requested_url FROM sightings").fetchall()
            sql = "SELECT location, reason FROM errors WHERE stage = 'fetch'"
            errors = con.execute(sql).fetchall()
            requests = con.execute("SELECT fetch_error FROM requests").fetchall()
            return cls(
                errors=dict(errors),
                locations=[r[0] for r in sightings],
                requested=dict(sightings),
                fetch_errors=[r[0] for r in requests],
                everything="\n".join(values),
            )
        finally:
            ds.close()


# --------------------------------------------------------------------------- ingest-log

ANSWER = (
    "<html><body><main><h1>Children in care</h1><p>Reference: FOI/2024/{n}</p>"
    "<p>Date received: 2 April 2024</p><p>Outcome: Information provided</p>"
    "<h2>Request</h2><p>How many children are in care?</p>"
    "<h2>Response</h2><p>There are 312 children in care.</p></main></body></html>"
)


def log_site(name: str, other: Listener) -> Hostile:
    """A one-page log: the trap first, then a normal answer, then a link to the other port."""
    prefix = f"/log/{name}/"
    listing = (
        f'<html><body><main><h1>Disclosure log</h1><ul><li><a href="{prefix}trap">Trap</a></li>'
        f'<li><a href="{prefix}answer">Children in care</a></li>'
        f'<li><a href="{other.url(prefix + "elsewhere")}">Mirror</a></li></ul></main></body></html>'
    )
    return Hostile(
        {
            prefix: page(listing),
            f"{prefix}trap": traps(other, prefix)[name],
            f"{prefix}answer": page(ANSWER.format(n=1)),
            "/private/secret": page(Listener.SECRET),  # same server, outside the log
        }
    )


def ingest_log(tmp_path, start: str, *extra: str) -> tuple[object, float]:
    began = time.monotonic()
    result = CliRunner().invoke(
        main,
        [
            "ingest-log",
            start,
            "--db",
            str(tmp_path / "foi.duckdb"),
            "--adapter",
            "generic",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--min-interval",
            "0",
            "--request-deadline",
            str(DEADLINE),
            *extra,
        ],
    )
    return result, time.monotonic() - began


@pytest.mark.parametrize("name", [*SCENARIOS, "path-outside-the-log"])
def test_ingest_log_stays_in_bounds_and_ends_within_the_deadline(tmp_path, name):
    with Listener() as other:
        if name == "path-outside-the-log":
            site = Hostile({})
            site.routes = log_site("other-port", other).routes  # reuse the listing shape
            prefix = "/log/other-port/"
            site.routes[f"{prefix}trap"] = redirect(lambda s: s.url("/private/secret"))
        else:
            site = log_site(name, other)
            prefix = f"/log/{name}/"
        with site:
            result, took = ingest_log(tmp_path, site.url(prefix))
            trap = site.url(f"{prefix}trap")

    run = Outcome.read(tmp_path / "foi.duckdb")
    errors, locations = run.errors, run.locations
    assert other.requests == [], "the second listener was asked something"
    assert "/private/secret" not in site.requests
    assert took < DEADLINE + SLACK, f"{name} took {took:.1f}s"
    assert trap in errors, result.output
    assert all(loc.startswith(site.url(prefix)) for loc in locations), locations
    assert PASSWORD not in run.everything and PASSWORD not in result.output
    assert "SECRET-TOKEN" not in run.everything
    answer = site.url(f"{prefix}answer")
    if name == "retry-after-a-day":
        # not slept on: the host is paused, its other URL is left for the next run
        assert "Retry-After of 86400s" in errors[trap]
        assert errors[answer].startswith("skipped: host 127.0.0.1 paused")
        assert answer not in locations
    else:
        assert answer in locations  # the crawl went on after the trap
    if name in {"other-port", "other-scheme", "credentials-elsewhere", "path-outside-the-log"}:
        assert errors[trap].startswith(f"redirected from {trap} to ")
        assert "not followed" in errors[trap]
    if name == "credentials":
        assert "credentials" in errors[trap]
    if name in {"slow-drip", "never-answers"}:
        assert f"within the {DEADLINE:g}s per-request deadline" in errors[trap] or (
            "by the deadline" in errors[trap]
        )


def test_a_log_answering_429_throughout_pauses_its_host_and_skips_the_rest(tmp_path):
    pages = [f"/log/busy/{n}" for n in range(50)]
    listing = "".join(f'<li><a href="{p}">Request {n}</a></li>' for n, p in enumerate(pages))
    routes = {"/log/busy/": page(f"<html><body><main><ul>{listing}</ul></main></body></html>")}
    routes |= {p: page("slow down", status=429, Retry_After="5") for p in pages}
    with Hostile(routes) as site:
        result, _ = ingest_log(tmp_path, site.url("/log/busy/"), "--request-deadline", "1")
    reasons = list(Outcome.read(tmp_path / "foi.duckdb").errors.values())
    # five failed attempts pause the host; nothing more is asked of it
    assert len(site.requests) == 1 + 5
    assert len(reasons) == 50
    assert sum(r.startswith("skipped: host 127.0.0.1 paused") for r in reasons) == 45
    assert "45 URLs skipped" in result.output  # (it used to be 50 URLs x 4 attempts each)


def test_the_crawl_deadline_skips_what_is_left(tmp_path):
    pages = [f"/log/slow/{n}" for n in range(6)]
    listing = "".join(f'<li><a href="{p}">Request {n}</a></li>' for n, p in enumerate(pages))
    routes = {"/log/slow/": page(f"<html><body><main><ul>{listing}</ul></main></body></html>")}
    routes |= {p: silent() for p in pages}
    with Hostile(routes) as site:
        result, took = ingest_log(
            tmp_path, site.url("/log/slow/"), "--request-deadline", "1", "--deadline", "1.5"
        )
    reasons = list(Outcome.read(tmp_path / "foi.duckdb").errors.values())
    assert took < 1.5 + SLACK
    assert any("skipped: the crawl's deadline of 1.5s has passed" in r for r in reasons)
    assert len(reasons) == 6


def test_allow_widens_the_bounds_to_another_prefix(tmp_path):
    routes = {
        "/log/": page(
            '<html><body><main><ul><li><a href="/log/1">One</a></li></ul></main></body></html>'
        ),
        "/log/1": redirect(lambda s: s.url("/files/1")),
        "/files/1": page(ANSWER.format(n=7)),
    }
    with Hostile(routes) as site:
        ingest_log(tmp_path, site.url("/log/"), "--allow", site.url("/files/"))
    stored = Outcome.read(tmp_path / "foi.duckdb").requested
    # stored under the URL it came from, with the URL asked for beside it
    assert stored == {site.url("/files/1"): site.url("/log/1")}


# --------------------------------------------------------------------------- ingest-wdtk

SLUG = "use_of_the_adoption_and_childre_2"
JSON = f"/request/{SLUG}.json"
ATTACHMENT = f"/request/{SLUG}/response/5004/attach/3/REQ07286%20response.docx"
ATTACHMENT_HTML = f"/request/{SLUG}/response/5004/attach/html/3/REQ07286%20response.docx.html"


def ingest_wdtk(tmp_path, base: str, *extra: str) -> tuple[object, float]:
    began = time.monotonic()
    result = CliRunner().invoke(
        main,
        [
            "ingest-wdtk",
            "--base-url",
            base,
            "--request",
            SLUG,
            "--db",
            str(tmp_path / "foi.duckdb"),
            "--min-interval",
            "0",
            "--request-deadline",
            str(DEADLINE),
            *extra,
        ],
    )
    return result, time.monotonic() - began


@pytest.mark.parametrize(
    ("name", "where"),
    [(name, "request-json") for name in SCENARIOS]
    + [(name, "attachment") for name in ("other-port", "credentials-elsewhere", "slow-drip")],
)
def test_ingest_wdtk_stays_in_bounds_and_ends_within_the_deadline(tmp_path, name, where):
    with Listener() as other:
        hostile = traps(other, f"/request/{SLUG}/")[name]
        paths = [JSON] if where == "request-json" else [ATTACHMENT, ATTACHMENT_HTML]
        with HostileAlaveteli(demo_site(), dict.fromkeys(paths, hostile)) as site:
            result, took = ingest_wdtk(tmp_path, site.base_url)

    run = Outcome.read(tmp_path / "foi.duckdb")
    errors, locations = run.errors, run.locations
    assert other.requests == [], "the second listener was asked something"
    assert took < DEADLINE * len(paths) + SLACK, f"{name} took {took:.1f}s"
    trap = site.base_url + paths[0]
    assert trap in errors, result.output
    assert all(loc.startswith(site.base_url + "/") for loc in locations), locations
    assert PASSWORD not in run.everything and PASSWORD not in result.output
    assert "SECRET-TOKEN" not in run.everything
    if where == "request-json":
        assert locations == []  # nothing of the request could be read
        assert run.fetch_errors and run.fetch_errors[0]
    else:  # the request and its messages are stored; the attachment is an error row
        assert locations and not any("attach" in loc for loc in locations)
    if name in {"other-port", "other-scheme", "credentials-elsewhere"}:
        assert "not followed" in errors[trap]


def test_a_wdtk_batch_answering_429_pauses_the_host_and_skips_the_rest(tmp_path):
    site = demo_site()
    busy = page("slow down", status=429)  # no Retry-After: exponential backoff
    traps = {f"/request/{r.url_title}.json": busy for r in site.requests}
    with HostileAlaveteli(site, traps) as server:
        wdtk = Wdtk(server.base_url, min_interval=0, backoff=0.05, deadline=DEADLINE)
        ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
        report = WdtkIngest(ds, wdtk).batch(42)
        fetch_errors = [r[0] for r in ds.sql("SELECT fetch_error FROM requests").rows()]
        ds.close()
    json_hits = [h for h in server.hits if h.endswith(".json")]
    assert len(json_hits) == 5  # five 429s in a row, then the host is paused
    assert len(fetch_errors) >= 5 and len(report.errors) == len(fetch_errors)  # all recorded
    skipped = sum("skipped: host 127.0.0.1 paused" in e for e in fetch_errors)
    assert skipped == len(fetch_errors) - 1  # only the first request was tried


# --------------------------------------------------------------------------- unit rules


def mock(handler) -> PoliteClient:
    return PoliteClient(
        "https://log.example.org/foi/",
        transport=httpx.MockTransport(handler),
        sleep=lambda s: None,
        min_interval=0,
    )


def test_hosts_are_normalised_before_comparison():
    client = mock(lambda r: httpx.Response(200, text="ok"))
    assert client.get("https://LOG.Example.org./foi/1").text == "ok"
    with pytest.raises(FetchError, match="outside the crawl's bounds"):
        client.get("https://log.example.org.evil.test/foi/1")
    international = Bounds.under("https://bücher.example/foi/")
    assert international.admits("https://xn--bcher-kva.example/foi/1")


def test_non_public_addresses_are_refused_unless_the_bounds_name_one():
    client = PoliteClient(
        bounds=["https://10.0.0.1/", "https://log.example.org/"],
        transport=httpx.MockTransport(lambda r: httpx.Response(200, text="ok")),
        allow_private=False,
    )
    with pytest.raises(FetchError, match="non-public address"):
        client.get("https://10.0.0.1/admin")
    public = mock(lambda r: httpx.Response(302, headers={"Location": "http://169.254.169.254/"}))
    with pytest.raises(FetchError, match="not followed"):
        public.get("/foi/1")
    loopback = PoliteClient(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    assert loopback.get("http://127.0.0.1:8080/x").status_code == 200  # its own base


def test_a_host_name_resolving_to_a_private_address_is_refused(monkeypatch):
    # the real network path (no test transport): the name is resolved, every address
    # checked, and the connection would go only to a checked one
    import socket

    asked = []

    def resolver(host, port, *args, **kwargs):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    client = PoliteClient("http://council.example/foi/", deadline=2, max_retries=0)
    with client, pytest.raises(FetchError, match="resolves to the non-public address 10.1.2.3"):
        client.get("/foi/1")
    assert asked == ["council.example"]


def test_a_body_below_the_minimum_rate_is_abandoned(tmp_path):
    with Hostile({"/slow": drip(interval=0.3)}) as site:
        began = time.monotonic()
        client = PoliteClient(site.url("/"), deadline=10, min_rate=100, rate_grace=1)
        with client, pytest.raises(FetchError, match="too slowly"):
            client.get("/slow")
        assert time.monotonic() - began < 10  # cut by the rate, not by the deadline


def test_a_start_url_with_credentials_is_refused_and_never_stored(tmp_path):
    ds = foicompare.open(tmp_path / "foi.duckdb")
    report = ds.ingest_log(f"http://admin:{PASSWORD}@127.0.0.1:9/log/", adapter="generic")
    ds.close()
    assert report.problems == [
        (
            "http://127.0.0.1:9/log/",
            "fetch",
            "the URL carries credentials (user:password@); refused",
        )
    ]
    assert PASSWORD not in Outcome.read(tmp_path / "foi.duckdb").everything


def test_a_redirected_wdtk_attachment_is_stored_under_the_url_it_came_from(tmp_path):
    site = demo_site()
    docx = next(
        a.data
        for r in site.requests
        for m in r.messages
        for a in m.attachments
        if a.filename == "REQ07286 response.docx"
    )
    moved = f"/request/{SLUG}/response/5004/attach/3/moved.docx"
    traps = {
        ATTACHMENT: redirect(lambda s: s.url(moved), status=301),
        moved: page(docx, content_type="application/octet-stream"),
    }
    with HostileAlaveteli(site, traps) as server:
        ingest_wdtk(tmp_path, server.base_url)
    requested = Outcome.read(tmp_path / "foi.duckdb").requested
    assert requested[server.base_url + moved] == server.base_url + ATTACHMENT
