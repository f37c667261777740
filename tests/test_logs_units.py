"""Disclosure logs, piece by piece: outcome labels, dates, page reading, exports, scope.

The last tests read the real disclosure-log pages in ``../shared/corpus`` and check the
adapters' fields against the hand labels.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path

import duckdb
import pytest

from foicompare.sources.disclosure_logs import (
    Scope,
    detect_adapter,
    get_adapter,
    map_outcome_label,
    read_export,
)
from foicompare.sources.disclosure_logs.comparison import ensure_view
from foicompare.sources.disclosure_logs.dates import parse_date
from foicompare.sources.disclosure_logs.entries import (
    LogEntry,
    canonical_url,
    clean_label,
    read_fields,
)
from foicompare.sources.disclosure_logs.exports import ExportError, map_columns
from foicompare.sources.disclosure_logs.pages import Page

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


@pytest.mark.parametrize(
    ("label", "outcome"),
    [
        ("Response (all information to be supplied) - application/pdf - Download", "successful"),
        ("Response (all information to be supplied)", "successful"),
        ("Response (some information to be supplied)", "partially_successful"),
        ("Response (information not held)", "not_held"),
        ("Response (some not held)", "partially_successful"),
        ("Some information sent but not all held", "partially_successful"),
        ("Information supplied in full", "successful"),
        ("Fully answered", "successful"),
        ("Information provided", "successful"),
        ("Granted", "successful"),
        ("Part disclosed", "partially_successful"),
        ("Partially successful", "partially_successful"),
        ("Part exempt", "partially_successful"),
        ("Information provided - section 40(2) applied to names", "partially_successful"),
        ("Information not held", "not_held"),
        ("No information held", "not_held"),
        ("Refused", "refused"),
        ("Refused - section 12", "refused"),
        ("Exempt", "refused"),
        ("Withheld in full (s.43)", "refused"),
        ("All information withheld", "refused"),
        ("Neither confirm nor deny", "refused"),
        ("Vexatious", "refused"),
        ("Withdrawn", None),
        ("Clarification requested", None),
        ("Response", None),
        ("", None),
        (None, None),
    ],
)
def test_outcome_labels_map_onto_the_outcome_vocabulary(label, outcome):
    assert map_outcome_label(label) == outcome


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Received: 25 June 2021", dt.date(2021, 6, 25)),
        ("Monday 10 September 2018", dt.date(2018, 9, 10)),
        ("Requested 3rd Mar 2024", dt.date(2024, 3, 3)),
        ("04/01/2017", dt.date(2017, 1, 4)),
        ("2024-02-09 00:00:00", dt.date(2024, 2, 9)),
        ("June 5, 2023", dt.date(2023, 6, 5)),
        ("31/02/2020", None),
        ("no date here", None),
    ],
)
def test_dates_are_read_day_first(text, date):
    assert parse_date(text) == date


def test_page_reading_drops_navigation_cookie_banner_and_footer():
    raw = b"""<html><body><div id="cookie-notice" class="cookie-banner">We use cookies</div>
    <header><a href="/">Home</a></header><nav><a href="/bins">Bins</a></nav>
    <main><h1>FI17008</h1><h2>Request</h2><p>How many placements?</p>
    <h2>Response</h2><p>Not held.</p></main><footer>Copyright</footer></body></html>"""
    page = Page.parse(raw, "https://www.dover.gov.uk/x/Responses/FI17008.aspx")
    assert page.text == "FI17008\nRequest\nHow many placements?\nResponse\nNot held."
    assert page.links == []
    assert page.section("request") == "How many placements?"
    assert page.section("response") == "Not held."


def test_labels_may_print_their_value_on_the_next_line():
    raw = b"<main><h2>Care</h2><div>Publication date:</div><div>Friday 31 July 2020</div></main>"
    page = Page.parse(raw, "https://www.thurrock.gov.uk/foi-responses/care")
    assert page.labelled("publication date") == "Friday 31 July 2020"


def test_document_labels_lose_their_media_type_and_download_link():
    assert clean_label("Response (some not held) - application/pdf - Download") == (
        "Response (some not held)"
    )
    assert clean_label("Internal review (upheld) - Download") == "Internal review (upheld)"


def test_scope_is_the_logs_host_and_folder():
    scope = Scope.for_start(
        "https://www.dover.gov.uk/FOI/Disclosure-Log/Disclosure-Log.aspx", ("/media/",)
    )
    assert scope.contains("https://www.dover.gov.uk/FOI/Disclosure-Log/Responses/FI17008.aspx")
    assert scope.contains("https://www.dover.gov.uk/media/a.pdf")
    assert not scope.contains("https://www.dover.gov.uk/FOI/Other/page")
    assert not scope.contains("https://dover.gov.uk/FOI/Disclosure-Log/Responses/FI1.aspx")
    assert not scope.contains("https://www.dover.gov.uk/FOI/Disclosure-Logs-old/x")


def test_canonical_urls_ignore_fragments_tracking_and_query_order():
    assert canonical_url("https://x.gov.uk/foi/1/?utm_source=t&b=2&a=1#top") == canonical_url(
        "https://X.gov.uk/foi/1?a=1&b=2"
    )
    assert canonical_url("https://x.gov.uk/foi?page=2") != canonical_url("https://x.gov.uk/foi")


def test_adapters_are_found_by_name_and_by_url():
    assert detect_adapter("https://www.barnet.gov.uk/foi-requests/7442736").name == (
        "outcome-documents"
    )
    assert detect_adapter("https://young.thurrock.gov.uk/foi-responses/x").name == (
        "publication-date"
    )
    assert detect_adapter("https://data.example.org/apha-foi-2017.xlsx").name == "export"
    assert detect_adapter("https://www.example-council.gov.uk/foi").name == "generic"
    with pytest.raises(KeyError, match="known: outcome-documents"):
        get_adapter("barnet")


def test_entry_ids_follow_the_reference_then_the_url():
    a = LogEntry(
        site="www.dover.gov.uk", adapter="reference-coded", url="https://a/1", reference="FI17008"
    )
    b = LogEntry(
        site="www.dover.gov.uk", adapter="reference-coded", url="https://a/2", reference="fi 17008"
    )
    c = LogEntry(site="www.dover.gov.uk", adapter="reference-coded", url="https://a/2")
    assert a.entry_id == b.entry_id
    assert c.entry_id != a.entry_id


def test_export_columns_are_matched_by_synonym():
    assert map_columns(
        [
            "Reference number",
            "Date of receipt",
            "Date responded",
            "Outcome code",
            "Exemptions/Exceptions",
            "Details of Request",
            "Our response",
        ]
    ) == {
        "reference": 0,
        "received": 1,
        "published": 2,
        "outcome_label": 3,
        "exemptions_text": 4,
        "request_text": 5,
        "response_text": 6,
    }


def test_exports_in_semicolon_csv_with_a_title_row_are_read():
    data = (
        "Disclosure log 2023\n"
        "Ref;Date received;Date closed;Decision;Request\n"
        "FOI-9;01/03/2023;20/03/2023;Refused - s14;Everything about bins\n"
    ).encode("cp1252")
    rows = read_export(data, "log.csv")
    assert rows == [
        {
            "reference": "FOI-9",
            "received": "01/03/2023",
            "published": "20/03/2023",
            "outcome_label": "Refused - s14",
            "request_text": "Everything about bins",
        }
    ]


def test_an_export_without_reference_or_request_columns_is_a_clear_error():
    with pytest.raises(ExportError, match=r"log\.csv: no Reference or Request column"):
        read_export(b"Name,Colour\nA,red\n", "log.csv")


def test_the_comparison_view_flags_where_log_and_parsed_letter_disagree():
    con = duckdb.connect(":memory:")
    sql = Path(__file__).resolve().parents[1] / "src/foicompare/schema/006_disclosure_logs.sql"
    con.execute(sql.read_text())
    con.execute(
        "CREATE TABLE responses (doc_id VARCHAR, outcome VARCHAR, reference VARCHAR, date VARCHAR)"
    )
    con.execute(
        "INSERT INTO log_entries (entry_id, site, adapter, url, reference, published, outcome, fetched_at)"
        " VALUES ('e1', 's', 'a', 'u1', 'FI17008', DATE '2024-12-23', 'successful', now()),"
        "        ('e2', 's', 'a', 'u2', 'FOI-2', NULL, 'refused', now())"
    )
    con.execute(
        "INSERT INTO log_documents VALUES ('e1', 'd1', 'page', NULL, 'u1'),"
        " ('e1', 'd2', 'attachment', 'Response', 'u1.pdf'), ('e2', 'd3', 'page', NULL, 'u2')"
    )
    con.execute(
        "INSERT INTO responses VALUES ('d1', NULL, NULL, NULL), ('d2', 'not_held', 'FI 17008', '2024-12-20'),"
        " ('d3', 'refused', 'FOI-2', '2024-01-01')"
    )
    ensure_view(con)
    rows = con.execute(
        "SELECT doc_id, outcome_disagrees, reference_disagrees, date_disagrees, disagrees"
        " FROM log_comparison ORDER BY doc_id"
    ).fetchall()
    assert rows == [
        ("d1", False, False, False, False),
        ("d2", True, False, True, True),
        ("d3", False, False, False, False),
    ]


# --------------------------------------------------------------------------- real pages


def _corpus(url_part: str) -> list[tuple[dict, str]]:
    labels = {}
    with (SHARED / "corpus" / "labels.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            labels[row["id"]] = row
    out = []
    for doc_id, row in sorted(labels.items()):
        if url_part in (row.get("url") or ""):
            text = (SHARED / "corpus" / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
            out.append((row, text))
    return out


def _as_html(text: str, first_heading: int = 1) -> bytes:
    """A stored page text back as HTML: one paragraph per line (no headings kept)."""
    lines = [
        f"<p>{html.escape(line.strip().lstrip('•').strip())}</p>"
        for line in text.splitlines()
        if line.strip()
    ]
    return f"<html><body><main>{''.join(lines)}</main></body></html>".encode()


needs_corpus = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason="../shared corpus not present"
)


@needs_corpus
def test_barnet_pages_in_the_corpus_give_the_labelled_received_date_and_outcome():
    adapter = get_adapter("outcome-documents")
    pages = [
        (row, text)
        for row, text in _corpus("barnet.gov.uk/foi-requests")
        if "Outcome / Documents" in text
    ]
    assert len(pages) >= 4
    for row, text in pages:
        page = Page.parse(_as_html(text), row["url"])
        fields = read_fields(page, adapter)
        label = next(b.text for b in page.blocks if b.text.startswith("Response ("))
        assert parse_date(fields["received"]).isoformat() == row["received"], row["id"]
        assert map_outcome_label(label) == row["outcome"], row["id"]


@needs_corpus
def test_thurrock_pages_in_the_corpus_give_the_labelled_publication_date():
    adapter = get_adapter("publication-date")
    pages = [(row, text) for row, text in _corpus("/foi-responses/") if "Publication date" in text]
    assert len(pages) >= 3
    for row, text in pages:
        fields = read_fields(Page.parse(_as_html(text), row["url"]), adapter)
        assert parse_date(fields["published"]).isoformat() == row["date"], row["id"]


@needs_corpus
def test_dover_page_in_the_corpus_gives_the_labelled_reference():
    adapter = get_adapter("reference-coded")
    [(row, text)] = _corpus("dover.gov.uk")
    fields = read_fields(Page.parse(_as_html(text), row["url"]), adapter)
    assert fields["reference"] == row["reference"] == "FI17008"
    assert fields["request_text"] is None or fields["request_text"].startswith("I am writing")
