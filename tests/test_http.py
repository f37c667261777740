"""PoliteClient: manners (UA, pacing, cache) and defences (retries, redirects, limits)."""

from __future__ import annotations

import math

import httpx
import pytest

from foicompare.sources.http import FetchError, PoliteClient


class FakeTime:
    """A clock that only moves when the client sleeps, recording every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def make_client(handler, tmp_path=None, **kwargs) -> tuple[PoliteClient, FakeTime, list]:
    """A client on https://wdtk.test whose requests are recorded in the returned list."""
    seen: list[httpx.Request] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    fake = FakeTime()
    client = PoliteClient(
        "https://wdtk.test",
        transport=httpx.MockTransport(recording),
        sleep=fake.sleep,
        clock=fake.clock,
        cache_dir=tmp_path / "cache" if tmp_path else None,
        **kwargs,
    )
    return client, fake, seen


def sequence(*responses):
    """A handler that answers with each response in turn (callables get the request)."""
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0)
        return item(request) if callable(item) else item

    return handler


def test_sends_the_user_agent_and_paces_requests_per_host():
    client, fake, seen = make_client(
        lambda r: httpx.Response(200, text="ok"), user_agent="study (me@example.org)"
    )
    for path in ("/a", "/b", "/c"):
        client.get(path)
    assert [r.headers["user-agent"] for r in seen] == ["study (me@example.org)"] * 3
    # the first request goes at once, the next two wait a full second each
    assert fake.sleeps == [1.0, 1.0]


def test_retries_429_honouring_retry_after_then_succeeds():
    client, fake, seen = make_client(
        sequence(
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, json={"id": 1}),
        )
    )
    result = client.get("/request/x.json")
    assert result.json() == {"id": 1}
    assert len(seen) == 2
    assert 7.0 in fake.sleeps


def test_a_retry_after_over_the_cap_is_not_slept_on_and_pauses_the_host():
    client, fake, seen = make_client(
        sequence(httpx.Response(429, headers={"Retry-After": "86400"}), httpx.Response(200)),
        max_wait=30,
    )
    with pytest.raises(FetchError, match="Retry-After of 86400s is over the 30s cap") as info:
        client.get("/x")
    assert info.value.retry_after == 86400 and info.value.status == 429
    assert fake.sleeps == [] and len(seen) == 1
    # the rest of the host's URLs are skipped without a request, for the next run
    with pytest.raises(FetchError, match="skipped: host wdtk.test paused") as later:
        client.get("/y")
    assert later.value.skipped and len(seen) == 1


def test_5xx_backs_off_exponentially_then_gives_up_with_a_fetch_error():
    client, fake, seen = make_client(lambda r: httpx.Response(503), max_retries=3, min_interval=0)
    with pytest.raises(FetchError) as info:
        client.get("/body/x.json")
    assert info.value.status == 503
    assert "gave up after 4 attempts" in info.value.reason
    assert len(seen) == 4
    assert fake.sleeps == [1.0, 2.0, 4.0]


def test_timeouts_and_resets_are_retried():
    def timeout(request):
        raise httpx.ReadTimeout("slow", request=request)

    def reset(request):
        raise httpx.ReadError("connection reset by peer", request=request)

    client, _, seen = make_client(sequence(timeout, reset, httpx.Response(200, text="late")))
    assert client.get("/slow").text == "late"
    assert len(seen) == 3


def test_deadline_bounds_the_total_wait():
    client, fake, _ = make_client(
        lambda r: httpx.Response(500), max_retries=10, deadline=10, min_interval=0
    )
    with pytest.raises(FetchError, match="deadline"):
        client.get("/x")
    assert sum(fake.sleeps) <= 10


def test_truncated_body_is_detected_and_retried():
    short = httpx.Response(200, content=b'{"id": 1', headers={"Content-Length": "40"})
    client, _, seen = make_client(sequence(short, httpx.Response(200, json={"id": 1})))
    assert client.get("/request/x.json").json() == {"id": 1}
    assert len(seen) == 2


def test_follows_redirects_on_allowed_hosts_and_records_the_chain():
    def handler(request):
        if request.url.path == "/request/123.json":
            return httpx.Response(301, headers={"Location": "/request/slug.json"})
        return httpx.Response(200, json={"url_title": "slug"})

    client, _, _ = make_client(handler)
    result = client.get("/request/123.json")
    assert result.url == "https://wdtk.test/request/slug.json"
    assert result.history == ["https://wdtk.test/request/123.json"]
    assert result.requested_url == "https://wdtk.test/request/123.json"


def test_refuses_redirects_to_other_hosts_and_loops():
    def offsite(request):
        return httpx.Response(302, headers={"Location": "https://evil.example/steal"})

    client, _, seen = make_client(offsite)
    with pytest.raises(
        FetchError, match="to https://evil.example/steal, outside the crawl's bounds"
    ):
        client.get("/x")
    assert len(seen) == 1  # the other host was never contacted

    def loop(request):
        target = "/b" if request.url.path == "/a" else "/a"
        return httpx.Response(302, headers={"Location": target})

    client, _, _ = make_client(loop)
    with pytest.raises(FetchError, match="redirect loop"):
        client.get("/a")


def test_subdomain_patterns_and_schemes():
    client, _, _ = make_client(
        lambda r: httpx.Response(200, text="ok"), allowed_hosts=[".gov.uk", "wdtk.test"]
    )
    assert client.get("https://www.barnet.gov.uk/foi").text == "ok"
    with pytest.raises(FetchError, match="scheme 'file'"):
        client.get("file:///etc/passwd")
    with pytest.raises(FetchError, match="outside the crawl's bounds"):
        client.get("https://gov.uk.evil.example/")


def test_hidden_and_missing_are_errors_not_retries():
    client, _, seen = make_client(lambda r: httpx.Response(403 if "hidden" in r.url.path else 404))
    with pytest.raises(FetchError) as hidden:
        client.get("/request/hidden.json")
    with pytest.raises(FetchError) as missing:
        client.get("/request/gone.json")
    assert (hidden.value.status, missing.value.status) == (403, 404)
    assert len(seen) == 2


def test_a_challenge_page_is_not_retried_and_html_is_not_json():
    challenge = httpx.Response(
        403,
        headers={"cf-mitigated": "challenge", "Content-Type": "text/html"},
        text="<html><title>Just a moment...</title></html>",
    )
    client, _, seen = make_client(sequence(challenge))
    with pytest.raises(FetchError, match="challenge"):
        client.get("/request/x.json")
    assert len(seen) == 1

    page = httpx.Response(200, headers={"Content-Type": "text/html"}, text="<!DOCTYPE html><p>")
    client, _, _ = make_client(sequence(page))
    with pytest.raises(FetchError, match="expected JSON but got an HTML page"):
        client.get("/request/x.json").json()


def test_bodies_over_the_limit_are_refused():
    client, _, _ = make_client(lambda r: httpx.Response(200, content=b"x" * 5000), max_bytes=1000)
    with pytest.raises(FetchError, match="exceeds the 1000 byte limit"):
        client.get("/big.pdf")


def test_cache_revalidates_with_etag_and_serves_304_from_disk(tmp_path):
    def handler(request):
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, json={"v": 1}, headers={"ETag": '"v1"'})

    client, _, seen = make_client(handler, tmp_path)
    first = client.get("/request/x.json")
    again = client.get("/request/x.json")
    assert (first.from_cache, again.from_cache) == (False, True)
    assert again.json() == {"v": 1}
    assert seen[1].headers["if-none-match"] == '"v1"'


def test_fresh_cache_entries_and_permanent_redirects_cost_no_request(tmp_path):
    def handler(request):
        if request.url.path == "/old/file.pdf":
            return httpx.Response(301, headers={"Location": "/new/file.pdf"})
        return httpx.Response(200, content=b"%PDF-1.4 ...")

    client, _, seen = make_client(handler, tmp_path)
    client.get("/old/file.pdf", max_age=math.inf)
    assert len(seen) == 2
    # a new client on the same cache folder: a re-run
    rerun, _, seen_again = make_client(handler, tmp_path)
    result = rerun.get("/old/file.pdf", max_age=math.inf)
    assert result.content == b"%PDF-1.4 ..." and result.from_cache
    assert result.url == "https://wdtk.test/new/file.pdf"
    assert seen_again == []


def test_offline_mode_replays_the_cache_only(tmp_path):
    client, _, _ = make_client(lambda r: httpx.Response(200, text="saved"), tmp_path)
    client.get("/page")
    offline, _, seen = make_client(lambda r: httpx.Response(500), tmp_path, offline=True)
    assert offline.get("/page").text == "saved"
    with pytest.raises(FetchError, match="offline"):
        offline.get("/other")
    assert seen == []


def test_errors_are_not_cached(tmp_path):
    client, _, seen = make_client(
        sequence(httpx.Response(404), httpx.Response(200, text="now there")), tmp_path
    )
    with pytest.raises(FetchError):
        client.get("/late")
    assert client.get("/late").text == "now there"
    assert len(seen) == 2
