"""End to end against a loopback Alaveteli server: a batch, its faults, and a re-run."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.sources.whatdotheyknow import Wdtk, WdtkIngest
from wdtk_server import AlaveteliServer, demo_site

SLUG = "use_of_the_adoption_and_childre"
NO_WAIT = {"sleep": lambda s: None, "min_interval": 0.0}


@pytest.fixture()
def server():
    with AlaveteliServer(demo_site(per_page=3), slow_seconds=0.6) as s:
        yield s


def make_wdtk(server, tmp_path, **kw) -> Wdtk:
    return Wdtk(server.base_url, cache_dir=tmp_path / "cache", timeout=0.3, **NO_WAIT, **kw)


def test_batch_with_every_fault_ends_in_retries_or_recorded_errors(server, tmp_path):
    server.faults = {
        f"/request/{SLUG}.json": ["truncate"],  # short body under Content-Length: retried
        f"/request/{SLUG}_4.json": ["429"],  # Retry-After: retried
        f"/request/{SLUG}_5": ["500"],  # the HTML page: retried
        f"/request/{SLUG}_5/response/5005/attach/2/Response 5005.pdf": ["timeout"],
    }
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    report = WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)

    # five requests listed over two pages (hidden ones are not listed); Leeds answers 403,
    # York 404: both recorded, neither fatal
    assert (report.requests, report.hidden, report.missing) == (4, 1, 1)
    assert report.attachments == 3
    cov = ds.coverage(42).sort("body_name")
    assert cov.select("body_name", "status", "answered").rows() == [
        ("Barnet Borough Council", "successful", True),
        ("City of York Council", "missing", False),
        ("Coventry City Council", "refused", True),
        ("Kent County Council", "awaiting", False),
        ("Leeds City Council", "hidden", False),
        ("Manchester City Council", "partially_successful", True),
    ]
    # Kent never replied and is long past 20 working days; Barnet answered in time
    late = dict(cov.select("body_name", "late").rows())
    assert late["Kent County Council"] is True and late["Barnet Borough Council"] is False
    # bodies resolved to GSS codes (Barnet through its WhatDoTheyKnow id)
    codes = dict(cov.select("body_name", "authority_code").rows())
    assert codes["Barnet Borough Council"] == "E09000003"
    assert codes["Coventry City Council"] == "E08000026"

    kinds = ds.sql(
        "SELECT r.body_name, m.kind, m.direction FROM request_messages m"
        " JOIN requests r USING (request_id) WHERE r.body_name LIKE 'Coventry%'"
        " ORDER BY m.sent_at"
    ).rows()
    assert [k[1] for k in kinds] == ["request", "clarification", "clarification", "response"]
    assert [k[2] for k in kinds] == ["outgoing", "incoming", "outgoing", "incoming"]

    docs = ds.sql(
        "SELECT filename, media_type, request_id FROM documents WHERE source = 'whatdotheyknow'"
        " AND (filename LIKE '%.pdf' OR filename LIKE '%.docx') ORDER BY filename"
    ).rows()
    assert [d[0] for d in docs] == [
        "FOI-2020-1234 response.pdf",
        "REQ07286 response.docx",
        "Response 5005.pdf",
    ]
    assert docs[1] == (
        "REQ07286 response.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"wdtk:{SLUG}_2",
    )
    text = ds.sql(
        "SELECT t.text FROM texts t JOIN documents d USING (doc_id)"
        " WHERE d.filename = 'REQ07286 response.docx'"
    ).item()
    assert "section 12" in text
    errors = dict(ds.sql("SELECT location, reason FROM errors").rows())
    assert any("403" in r for r in errors.values()) and any("404" in r for r in errors.values())
    # nothing outside the site was fetched, though the page links to another host
    assert all(not h.startswith("http") for h in server.hits)


def test_second_run_downloads_no_attachment_again(server, tmp_path):
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    first = len(server.hits_matching(r"/attach/"))
    assert first == 3
    server.hits.clear()

    again = WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    assert server.hits_matching(r"/attach/") == []
    assert server.hits_matching(r"^/request/[a-z_0-9]+(\?|$)") == []  # pages not refetched
    assert again.unchanged == 4 and again.requests == 0
    assert ds.sql("SELECT count(*) FROM request_documents WHERE role = 'attachment'").item() == 3


def test_changed_request_is_refetched_but_known_attachments_are_not(server, tmp_path):
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    barnet = server.site.requests[0]
    barnet.updated_at = barnet.updated_at.replace(year=2021)  # e.g. a new annotation
    server.hits.clear()
    again = WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    assert again.requests == 1 and again.attachments_known == 1
    assert server.hits_matching(f"^/request/{SLUG}\\?unfold=1$") and not server.hits_matching(
        "/attach/"
    )


def test_truncated_json_and_challenge_pages_are_recorded_then_recovered(server, tmp_path):
    server.faults = {
        f"/request/{SLUG}_2.json": ["truncate_json"],
        f"/request/{SLUG}_4.json": ["challenge"],
    }
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    report = WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    reasons = " | ".join(r for _, r in report.errors)
    assert "invalid JSON" in reasons and "challenge" in reasons
    assert ds.coverage(42).filter(status="unknown").height == 2
    again = WdtkIngest(ds, make_wdtk(server, tmp_path)).batch(42)
    assert again.requests == 2 and not [e for e in again.errors if "JSON" in e[1]]


def test_numeric_ids_and_old_body_slugs_are_redirected(server, tmp_path):
    wdtk = make_wdtk(server, tmp_path)
    assert wdtk.request(671232).url_title == f"{SLUG}_2"
    assert wdtk.body("london_borough_of_barnet").url_name == "barnet_borough_council"


def test_feeds_json_and_atom_agree(server, tmp_path):
    wdtk = make_wdtk(server, tmp_path)
    json_entries = wdtk.feed("body", "barnet_borough_council")
    atom_entries = wdtk.feed("body", "barnet_borough_council", fmt="atom")
    assert [e.url_title for e in json_entries] == [e.url_title for e in atom_entries]
    assert [e.event_id for e in json_entries] == [e.event_id for e in atom_entries]
    assert {e.url_title for e in json_entries} == {SLUG, "foster_carers_numbers"}


def test_search_by_body_since_a_date_uses_date_slices(server, tmp_path):
    import datetime as dt

    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    run = WdtkIngest(ds, make_wdtk(server, tmp_path))
    report = run.body("barnet_borough_council", since=dt.date(2021, 1, 1))
    assert report.requests == 1
    assert ds.sql("SELECT url_title, state_outcome FROM requests").rows() == [
        ("foster_carers_numbers", "not_held")
    ]
    slices = server.hits_matching("/feed/search/")
    assert slices
    assert all("requested_from" in s and ".." in s for s in slices)


def test_cli_ingests_a_batch_from_the_loopback_site(server, tmp_path):
    db = str(tmp_path / "cli.duckdb")
    args = ["ingest-wdtk", "--batch", "42", "--base-url", server.base_url, "--db", db]
    result = CliRunner().invoke(main, [*args, "--min-interval", "0"])
    assert result.exit_code == 0, result.output
    assert "4 requests fetched" in result.output
    assert "Coventry City Council" in result.output and "refused" in result.output
    assert any("foicompare" in ua for ua in server.user_agents)
    server.hits.clear()
    rerun = CliRunner().invoke(main, [*args, "--min-interval", "0"])
    assert "0 requests fetched, 4 unchanged" in rerun.output
    assert server.hits_matching("/attach/") == []
