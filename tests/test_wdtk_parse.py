"""Parsers and client of the WhatDoTheyKnow source, on fixtures and httpx.MockTransport."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest

from foicompare.sources.http import FetchError
from foicompare.sources.whatdotheyknow import Wdtk, message_kind
from foicompare.sources.whatdotheyknow import parse as p
from wdtk_server import _authorities_csv, _batch_html, _request_html, _request_json, demo_site

SITE = demo_site(per_page=3)
BASE = "https://wdtk.test"


def test_request_json_both_time_zones_and_external_users():
    barnet, coventry, *_rest, manchester, _york, _foster = SITE.requests
    a = p.parse_request(_request_json(SITE, barnet))
    b = p.parse_request(_request_json(SITE, coventry))
    m = p.parse_request(_request_json(SITE, manchester))
    assert a.created_at == b.created_at == dt.datetime(2020, 7, 3, 8, 14, 5, 318000)
    assert (a.user_name, m.user_name) == ("A Researcher", "External Researcher")
    assert a.tags == ["covid19", "campaign:si445", "campaign:si445b"]
    assert a.body.id == 59 and a.body.url_name == "barnet_borough_council"
    assert [e.event_type for e in a.events] == ["sent", "response", "response", "status_update"]


def test_request_json_with_the_wrong_shape_names_the_problem():
    with pytest.raises(p.WdtkParseError, match="lacks id"):
        p.parse_request({"url_title": "x", "title": "X"})
    with pytest.raises(p.WdtkParseError, match="not an object"):
        p.parse_request([1, 2])
    with pytest.raises(p.WdtkParseError, match="not a timestamp"):
        p.parse_request({"id": 1, "url_title": "x", "title": "X", "created_at": "yesterday"})


def test_request_page_gives_messages_texts_and_attachment_links():
    coventry = SITE.requests[1]
    url = f"{BASE}/request/{coventry.url_title}"
    page = p.parse_request_page(_request_html(coventry), url)
    assert [(m.direction, m.message_id) for m in page.messages] == [
        ("outgoing", 9002),
        ("incoming", 5003),
        ("outgoing", 9003),
        ("incoming", 5004),
    ]
    assert page.messages[1].text == "Before we can answer, please clarify which period you mean."
    assert "Link to this" not in page.messages[0].text
    (link,) = page.messages[3].attachments
    assert link.url == f"{url}/response/5004/attach/3/REQ07286%20response.docx"
    assert link.html_url == f"{url}/response/5004/attach/html/3/REQ07286%20response.docx.html"
    assert (link.part, link.filename) == (3, "REQ07286 response.docx")
    assert page.batch_id == 42


def test_batch_page_lists_requests_bodies_and_the_next_page():
    first = p.parse_batch_page(_batch_html(SITE, 42, 1), f"{BASE}/info_request_batch/42")
    assert first.title.startswith("Use of the Adoption and Children")
    assert first.n_authorities == 6
    assert first.next_url == f"{BASE}/info_request_batch/42?page=2"
    assert first.slugs[:2] == [
        "use_of_the_adoption_and_childre",
        "use_of_the_adoption_and_childre_2",
    ]
    assert first.bodies["use_of_the_adoption_and_childre_2"] == (
        "coventry_city_council",
        "Coventry City Council",
    )
    last = p.parse_batch_page(_batch_html(SITE, 42, 2), f"{BASE}/info_request_batch/42?page=2")
    assert last.next_url is None and "671235" in last.slugs  # linked by number


def test_atom_is_parsed_without_entities_and_doctype_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><feed>&lol;</feed>'
    with pytest.raises(p.WdtkParseError, match="DOCTYPE"):
        p.parse_feed_atom(bomb)
    with pytest.raises(p.WdtkParseError, match="invalid Atom"):
        p.parse_feed_atom(b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>")
    feed = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b"<id>tag:wdtk.test,2005:InfoRequestEvent/77</id>"
        b"<published>2020-08-03T16:30:00+01:00</published>"
        b'<title type="html">Foster &lt;b&gt;care&lt;/b&gt;</title>'
        b'<content type="html">&lt;a href="/request/foster_care_2#incoming-5"&gt;x&lt;/a&gt;'
        b"</content></entry></feed>"
    )
    (entry,) = p.parse_feed_atom(feed)
    assert (entry.event_id, entry.url_title, entry.title) == (77, "foster_care_2", "Foster care")
    assert entry.published == dt.datetime(2020, 8, 3, 15, 30)


def test_authorities_csv_maps_url_names_to_internal_ids():
    rows = p.parse_authorities_csv(_authorities_csv(SITE).encode())
    barnet = next(r for r in rows if r["url_name"] == "barnet_borough_council")
    assert (barnet["id"], barnet["name"], barnet["tags"]) == (
        59,
        "Barnet Borough Council",
        ["local_council"],
    )
    with pytest.raises(p.WdtkParseError, match="lacks columns"):
        p.parse_authorities_csv(b"a,b\n1,2\n")


@pytest.mark.parametrize(
    ("direction", "event", "state", "previous", "kind"),
    [
        ("outgoing", "sent", "waiting_response", None, "request"),
        ("incoming", "response", "waiting_response", "waiting_response", "acknowledgement"),
        ("incoming", "response", "rejected", "waiting_response", "response"),
        ("outgoing", "followup_sent", "internal_review", "rejected", "internal_review"),
        ("outgoing", "followup_sent", "waiting_response", "successful", "followup"),
    ],
)
def test_message_kinds(direction, event, state, previous, kind):
    assert message_kind(direction, event, state, previous) == kind


def test_client_reports_html_where_json_was_expected():
    def site(request):
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text="<html>login</html>")

    wdtk = Wdtk(BASE, transport=httpx.MockTransport(site), min_interval=0)
    with pytest.raises(FetchError, match="expected JSON but got an HTML page"):
        wdtk.request("x")


def test_client_slices_search_feeds_and_halves_full_windows():
    asked: list[str] = []

    def site(request):
        query = request.url.path
        asked.append(query)
        full = "01/01/2020..31/03/2020" in query  # the first window is "full"
        item = {
            "id": len(asked),
            "event_type": "sent",
            "created_at": "2020-02-01T00:00:00Z",
            "info_request": {"url_title": f"r{len(asked)}", "title": "T"},
        }
        return httpx.Response(200, content=json.dumps([item] * (25 if full else 1)))

    wdtk = Wdtk(BASE, transport=httpx.MockTransport(site), min_interval=0)
    entries = list(
        wdtk.search_events(
            "requested_from:barnet",
            since=dt.date(2020, 1, 1),
            until=dt.date(2020, 4, 30),
            window_days=91,
        )
    )
    assert asked[0].endswith("requested_from:barnet 01/01/2020..31/03/2020.json")
    assert any("01/01/2020..15/02/2020" in a for a in asked)  # the halves
    assert any("01/04/2020..30/04/2020" in a for a in asked)
    assert len(entries) == 3
