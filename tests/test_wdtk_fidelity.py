"""The WhatDoTheyKnow reader against the real page shapes (Alaveteli's templates).

Saved pages in tests/fixtures/wdtk/ (their header comments say what is real in each) and a
loopback site (tests/wdtk_server.py) that renders the same templates: every message and
attachment is found with its date and direction, quoted sections are present and marked,
hidden messages are recorded as hidden, and a page in unknown markup is an error row.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

import foicompare
from foicompare import roundrobin as rr
from foicompare.sources.whatdotheyknow import Wdtk, WdtkIngest
from foicompare.sources.whatdotheyknow import parse as p
from wdtk_server import STATUS_LABELS, AlaveteliServer, fidelity_site

FIXTURES = Path(__file__).parent / "fixtures" / "wdtk"
PAGE = "https://www.whatdotheyknow.com/request/foster_care_76?unfold=1"
LEAKS = ("show quoted sections", "hide quoted sections", "Link to this", "Report")


def saved(name: str, url: str = PAGE) -> p.RequestPage:
    return p.parse_request_page((FIXTURES / f"{name}.html").read_text(encoding="utf-8"), url)


def test_saved_page_every_message_with_date_direction_and_author():
    page = saved("foster_carers_unfolded")
    assert page.recognised
    got = [(m.direction, m.message_id, m.sent_at, m.author) for m in page.messages]
    assert got == [
        ("outgoing", 733101, dt.datetime(2018, 1, 30, 9, 12, 44), "R. Cann"),
        ("incoming", 1109234, dt.datetime(2018, 1, 31, 11, 40, 2), "DPFOI, Leeds City Council"),
        ("incoming", 1126480, dt.datetime(2018, 2, 26, 15, 21, 9), "IMG.AC.FOI, Leeds City Council"),
    ]  # fmt: skip
    # the annotation (comment-92811) is not correspondence
    assert all("Annotations" not in m.text for m in page.messages)


def test_saved_page_attachment_with_both_links_and_its_page_id():
    (att,) = saved("foster_carers_unfolded").messages[2].attachments
    base = "https://www.whatdotheyknow.com/request/foster_care_76/response/1126480/attach"
    assert (att.part, att.filename, att.attachment_id) == (2, "FOI 20375 response.pdf", 13492210)
    assert att.url == f"{base}/2/FOI%2020375%20response.pdf"
    assert att.html_url == f"{base}/html/2/FOI%2020375%20response.pdf.html"


def test_unfolded_page_keeps_quoted_sections_and_marks_them():
    ack, response = saved("foster_carers_unfolded").messages[1:]
    (span,) = ack.quoted
    quoted = ack.text[span[0] : span[1]]
    assert quoted.startswith("-----Original Message-----") and quoted.endswith("R. Cann")
    assert ack.text[: span[0]].rstrip().endswith("Digital Information Service")
    (span,) = response.quoted
    assert response.text[span[0] : span[1]].splitlines()[0] == "> Dear Leeds City Council,"
    assert not ack.folded and not response.folded


def test_no_page_furniture_leaks_into_message_texts():
    for name in ("foster_carers_unfolded", "foster_carers_folded", "hidden_messages"):
        for m in saved(name).messages:
            assert not any(leak in m.text for leak in LEAKS), (name, m.message_id)


def test_folded_page_says_its_quoted_sections_are_missing():
    folded = saved("foster_carers_folded").messages
    unfolded = saved("foster_carers_unfolded").messages
    assert [m.folded for m in folded] == [False, True, True]
    assert "Original Message" not in folded[1].text and folded[1].quoted == []
    assert unfolded[1].text.startswith(folded[1].text)


def test_hidden_messages_and_attachments_are_recorded_as_hidden_not_as_text():
    page = saved("hidden_messages", "https://www.whatdotheyknow.com/request/x?unfold=1")
    by_id = {m.message_id: m for m in page.messages}
    hidden = by_id[2900001]
    assert (hidden.hidden, hidden.prominence, hidden.text) == (True, "hidden", "")
    assert "personal data of a third party" in hidden.note
    assert hidden.sent_at == dt.datetime(2023, 5, 3, 9, 0)  # the header is still shown
    mine = by_id[1900002]  # an outgoing message only its requester may see
    assert (mine.hidden, mine.prominence, mine.sent_at) == (True, "requester_only", None)
    answer = by_id[2900002]
    assert not answer.hidden and "SCT FOI 2023 118" in answer.text
    atts = answer.attachments
    assert [(a.attachment_id, a.hidden) for a in atts] == [
        (39000011, False),
        (39000012, True),
        (39000013, True),
    ]
    assert "has been hidden" in atts[1].note and atts[2].note == "This file has been erased."
    assert [a.filename for a in page.attachments] == ["SCT FOI 2023 118 response.pdf"]
    assert page.batch_id == 7777


def test_quoted_spans_follow_alaveteli_rules_on_long_input():
    text = "Thanks.\nOn 2 May 2023, J wrote:\n> a\n> b\nReply.\nFrom: x\nSent: y\nold"
    spans = [text[a:b] for a, b in p.quoted_spans(text)]
    assert spans == ["On 2 May 2023, J wrote:\n> a\n> b\n", "From: x\nSent: y\nold"]
    big = ("> quoted line\n" * 20000) + "end"  # one line at a time: no backtracking regex
    assert p.quoted_spans(big) == [(0, len(big) - 3)]


def test_every_alaveteli_status_label_is_mapped():
    # InfoRequest.get_status_description and InfoRequest::State.short_description (Alaveteli)
    short = [
        "Needs status update", "Awaiting response", "Delayed", "Long overdue",
        "Information not held", "Refused", "Partially successful", "Successful",
        "Awaiting clarification", "Handled by postal mail", "Awaiting internal review",
        "Delivery error", "Requires admin attention", "Reported", "Withdrawn", "Vexatious",
        "Not an FOI request",
    ]  # fmt: skip
    for state, label in STATUS_LABELS.items():
        mapped = rr.label_state(label)
        assert mapped != (None, False, False), label
        if state in rr.STATE_STATUS:
            assert mapped[0] == state, label
    for label in short:
        assert rr.label_state(label) != (None, False, False), label
    # every described_state has a coverage status
    assert set(rr.STATE_STATUS) >= {s for s in STATUS_LABELS if "_overdue" not in s} - {
        "waiting_classification"
    }
    # an event's display_status for outgoing messages (InfoRequestEvent#display_status)
    assert set(rr.EVENT_LABELS) == {
        "response",
        "internal review request",
        "clarification",
        "follow up",
    }


# -- against the loopback site ----------------------------------------------------------


@pytest.fixture()
def server():
    with AlaveteliServer(fidelity_site()) as s:
        yield s


def make_wdtk(server, tmp_path, **kw) -> Wdtk:
    return Wdtk(
        server.base_url,
        cache_dir=tmp_path / "cache",
        timeout=2,
        user_agent="foicompare-test (research; contact: foi@example.org)",
        **kw,
    )


def test_pages_are_fetched_unfolded_politely_and_quoted_sections_stored(server, tmp_path):
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    started = time.monotonic()
    report = WdtkIngest(ds, make_wdtk(server, tmp_path, min_interval=0.3)).request(
        "children_in_care_out_of_area"
    )
    elapsed = time.monotonic() - started
    assert report.messages == 3 and report.hidden_messages == 1
    assert server.hits_matching(r"^/request/children_in_care_out_of_area\?unfold=1$")
    hits = [h for h in server.hits if not h.startswith("/robots")]
    assert elapsed >= 0.3 * (len(hits) - 1)  # the minimum interval between requests held
    assert all("contact: foi@example.org" in ua for ua in server.user_agents)
    rows = ds.sql(
        "SELECT message_key, direction, hidden, prominence, quoted, doc_id IS NOT NULL"
        " FROM request_messages ORDER BY message_key"
    ).rows()
    by_key = {r[0]: r for r in rows}
    assert by_key["incoming:5201"][2:4] == (True, "hidden")
    assert by_key["incoming:5201"][5] is False  # no text document for a hidden message
    text = ds.sql(
        "SELECT t.text FROM request_messages m JOIN texts t USING (doc_id)"
        " WHERE m.message_key = 'incoming:5202'"
    ).item()
    (span,) = json.loads(by_key["incoming:5202"][4])
    assert text[span[0] : span[1]].startswith("-----Original Message-----")
    assert "quoted sections" not in text
    docs = ds.sql(
        "SELECT role, filename, doc_id IS NULL FROM request_documents ORDER BY role"
    ).rows()
    assert ("attachment_hidden", None, True) in docs  # recorded, never downloaded
    assert not server.hits_matching("names.pdf")


def test_a_page_in_unknown_markup_is_an_error_row_not_an_empty_request(server, tmp_path):
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    report = WdtkIngest(ds, make_wdtk(server, tmp_path, min_interval=0)).request(
        "placements_changed_markup"
    )
    (location, reason), *_ = report.errors
    assert location.endswith("/request/placements_changed_markup?unfold=1")
    assert "markup not recognised" in reason and "div.correspondence#incoming-5203" in reason
    stored = ds.sql("SELECT location, reason FROM errors").rows()
    assert any("placements_changed_markup" in loc and "incoming-5203" in why for loc, why in stored)
    assert ds.sql("SELECT count(*) FROM request_messages").item() == 0
    assert "markup not recognised" in ds.sql("SELECT fetch_error FROM requests").item()


def test_numeric_ids_and_request_events_redirect_to_the_request(server, tmp_path):
    wdtk = make_wdtk(server, tmp_path, min_interval=0)
    assert wdtk.request(690001).url_title == "children_in_care_out_of_area"
    slug, event = wdtk.event(52020)  # the response event of incoming message 5202
    assert slug == "children_in_care_out_of_area" and event.incoming_message_id == 5202
    ds = foicompare.open(tmp_path / "foi.duckdb", write=True)
    report = WdtkIngest(ds, wdtk).request(f"{server.base_url}/request_event/52020")
    assert report.requests == 1 and report.messages == 3
    assert server.hits_matching(r"^/request_event/52020$")
