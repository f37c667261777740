"""Disclosure logs end to end: each adapter crawls its fake site on a loopback server.

The sites (``tests/log_sites.py``) carry navigation, cookie banners, pagination, a broken
detail page and an entry listed twice, like the real logs they imitate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.sources.http import PoliteClient
from log_sites import BARNET_ENTRIES, serve


@pytest.fixture(scope="module")
def sites():
    with serve() as running:
        yield running


@pytest.fixture
def client(tmp_path):
    """The shared polite client, without the one-second wait, one retry, a fresh cache."""
    with PoliteClient(
        min_interval=0, max_retries=1, sleep=lambda s: None, cache_dir=tmp_path / "cache"
    ) as polite:
        yield polite


@pytest.fixture
def ds():
    dataset = foicompare.open(":memory:")
    yield dataset
    dataset.close()


def crawl(ds, sites, client, family, adapter=None, **kwargs):
    """Ingest one fake site and return (report, requests made during the crawl)."""
    before = len(sites.requests)
    report = ds.ingest_log(sites.start(family), adapter=adapter or family, client=client, **kwargs)
    return report, sites.requests[before:]


def entries(ds):
    return {row["reference"] or row["title"]: row for row in ds.log_entries().iter_rows(named=True)}


def test_barnet_style_log_yields_every_request_with_outcome_from_the_document_label(
    ds, sites, client
):
    report, requests = crawl(ds, sites, client, "outcome-documents")

    # the case number in the page's address is the log's reference
    assert set(entries(ds)) == {ref for ref, *_ in BARNET_ENTRIES}
    got = {row["title"]: row for row in ds.log_entries().iter_rows(named=True)}
    care = got["Children taken into Care"]
    assert care["received"] == dt.date(2021, 6, 25)
    assert care["outcome_label"] == "Response (all information to be supplied)"
    assert care["outcome"] == "successful"
    assert care["request_text"].startswith("In relation to the first 20 cases")
    assert "cookies" not in care["request_text"]
    assert got["Use of agency project teams in social work"]["outcome"] == "partially_successful"
    assert got["UASC, EU national and non-British children by quarter"]["outcome"] == "not_held"
    plans = got["Child protection plans"]
    assert len(plans["doc_ids"]) == 3  # the page, the response and the internal review
    assert "Complaint not upheld" in plans["extra"]
    # the page and its attachments are stored documents, labelled in log_documents
    labels = ds.sql(
        "SELECT label FROM log_documents WHERE entry_id = ? AND role = 'attachment' ORDER BY label",
        [plans["entry_id"]],
    )["label"].to_list()
    assert labels == ["Internal review (upheld)", "Response (all information to be supplied)"]
    docs = ds.sql("SELECT source, media_type FROM documents")
    assert set(docs["source"]) == {"disclosure_log:outcome-documents"}
    assert Counter(docs["media_type"])["application/pdf"] == 5
    # the entry listed on two list pages was fetched once; only the failing page was retried
    assert report.entries == 5
    counts = Counter(requests)
    assert counts.pop("/barnet/foi-requests/9999999") == 2  # first try and one retry
    assert set(counts.values()) == {1}
    assert report.stopped == "done"


def test_a_broken_detail_page_is_recorded_and_the_crawl_goes_on(ds, sites, client):
    report, _ = crawl(ds, sites, client, "outcome-documents")

    errors = ds.errors()
    broken = errors.filter(errors["location"].str.ends_with("/foi-requests/9999999"))
    assert broken["stage"].to_list() == ["fetch"]
    assert "HTTP 500" in broken["reason"][0]
    assert broken["source"][0] == "disclosure_log:outcome-documents"
    assert report.entries == 5


def test_lambeth_style_pages_keep_request_and_inline_response(ds, sites, client):
    crawl(ds, sites, client, "request-response")

    got = entries(ds)
    assert set(got) == {"Looked after children", "Agency social workers"}
    lac = got["Looked after children"]
    assert lac["published"] == dt.date(2022, 3, 14)
    assert lac["request_text"].startswith("How many children were looked after")
    assert "374 looked after children" in lac["response_text"]
    assert "Related content" not in lac["response_text"]
    assert "section 40(2)" in lac["exemptions_text"]
    assert lac["outcome"] is None  # the page states no outcome label


def test_thurrock_style_pages_read_the_publication_date_and_skip_a_non_entry_page(
    ds, sites, client
):
    report, requests = crawl(ds, sites, client, "publication-date")

    got = entries(ds)
    assert set(got) == {
        "Children taken into care 2017",
        "Use of agency social workers",
        "Social workers",
    }
    care = got["Children taken into care 2017"]
    assert care["published"] == dt.date(2018, 9, 10)
    assert care["response_text"].startswith("In issuing our response the council have applied S12")
    assert "independent review" not in care["response_text"]
    assert report.problems == [
        (
            sites.url("/thurrock/foi-responses/moved-page"),
            "parse",
            "not a publication-date entry page: no published found (2 text blocks)",
        )
    ]
    assert "/thurrock/foi-responses?page=1" in requests


def test_dover_style_pages_are_keyed_by_their_reference(ds, sites, client):
    report, _ = crawl(ds, sites, client, "reference-coded")

    got = entries(ds)
    assert set(got) == {"FI17008", "FI16950"}
    costs = got["FI16950"]
    assert (costs["title"], costs["received"], costs["published"]) == (
        "Temporary accommodation costs",
        dt.date(2024, 11, 4),
        dt.date(2024, 11, 29),
    )
    assert costs["exemptions_text"] == "Section 43(2) - commercial interests"
    assert report.duplicates == 1  # FI17008 listed again under another URL
    assert [(p[1], p[0].rsplit("/", 1)[-1]) for p in report.problems] == [("parse", "FI16001.aspx")]


def test_hastings_style_year_lists_are_walked_and_since_skips_older_years(ds, sites, client):
    report, requests = crawl(ds, sites, client, "year-indexed", since="2024-01-01")

    got = entries(ds)
    assert set(got) == {"FOIR-1042", "FOIR-1017"}
    assert got["FOIR-1042"]["outcome_label"] == "Information not held"
    assert got["FOIR-1042"]["outcome"] == "not_held"
    assert got["FOIR-1017"]["received"] == dt.date(2024, 1, 12)
    assert not any("year=2023" in r or "year=2022" in r for r in requests)


def test_hastings_style_without_since_reads_every_year(ds, sites, client):
    crawl(ds, sites, client, "year-indexed")
    assert set(entries(ds)) == {"FOIR-1042", "FOIR-1017", "FOIR-0911"}
    assert entries(ds)["FOIR-0911"]["outcome"] == "refused"


def test_csv_export_rows_become_entries_with_a_document_each(ds, sites, client):
    report = ds.ingest_log(sites.start("export"), adapter="export", client=client)

    got = entries(ds)
    assert set(got) == {"APHA-2017-001", "APHA-2017-002", "APHA-2017-003", "APHA-2017-004"}
    vets = got["APHA-2017-002"]
    assert (vets["received"], vets["published"]) == (dt.date(2017, 1, 11), dt.date(2017, 2, 7))
    assert (vets["outcome_label"], vets["outcome"]) == ("Part disclosed", "partially_successful")
    assert vets["exemptions_text"] == "Section 40(2)"
    assert vets["url"].endswith("/apha/foi-log.csv#row=3")
    assert report.duplicates == 1  # the repeated row
    text = ds.sql("SELECT text FROM texts WHERE doc_id = ?", [vets["page_doc_id"]])["text"][0]
    assert "Reference: APHA-2017-002" in text and "personal data and withheld" in text


def test_a_page_linking_to_an_xlsx_export_is_followed(ds, sites, client):
    ds.ingest_log(sites.start("export-page"), adapter="export", client=client)

    got = entries(ds)
    assert set(got) == {"FOI-2024-0101", "FOI-2024-0102"}
    assert got["FOI-2024-0101"]["outcome"] == "partially_successful"
    assert got["FOI-2024-0102"]["published"] == dt.date(2024, 2, 9)


def test_generic_fallback_reads_every_page_under_the_prefix_and_nothing_else(ds, sites, client):
    report, requests = crawl(ds, sites, client, "generic")

    got = entries(ds)
    assert set(got) == {"FOI/2024/0312", "FOI/2024/0377", "FOI statistics 2023/24"}
    transport = got["FOI/2024/0312"]
    assert (transport["received"], transport["published"]) == (
        dt.date(2024, 4, 2),
        dt.date(2024, 4, 25),
    )
    assert transport["outcome"] == "successful"
    homes = got["FOI/2024/0377"]
    assert len(homes["doc_ids"]) == 2  # the page and its PDF letter
    assert all(r.startswith("/misc/foi/") for r in requests)
    assert Counter(requests).most_common(1)[0][1] == 1
    docs = ds.sql("SELECT DISTINCT source FROM documents")["source"].to_list()
    assert docs == ["disclosure_log:127.0.0.1"]


@pytest.mark.parametrize(
    ("family", "adapter"),
    [
        ("outcome-documents", None),
        ("request-response", None),
        ("publication-date", None),
        ("reference-coded", None),
        ("year-indexed", None),
        ("export", "export"),
        ("generic", None),
    ],
)
def test_every_adapter_ingests_idempotently(ds, sites, client, family, adapter):
    first = ds.ingest_log(sites.start(family), adapter=adapter or family, client=client)
    before = ds.log_entries().drop("fetched_at").sort("entry_id")
    n_docs = ds.sql("SELECT count(*) AS n FROM documents")["n"][0]
    n_links = ds.sql("SELECT count(*) AS n FROM log_documents")["n"][0]

    second = ds.ingest_log(sites.start(family), adapter=adapter or family, client=client)

    assert first.entries > 0 and second.entries == first.entries
    assert second.documents_new == 0
    assert ds.log_entries().drop("fetched_at").sort("entry_id").equals(before)
    assert ds.sql("SELECT count(*) AS n FROM documents")["n"][0] == n_docs
    assert ds.sql("SELECT count(*) AS n FROM log_documents")["n"][0] == n_links


def test_log_values_sit_beside_parsed_values_and_disagreements_are_queryable(ds, sites, client):
    crawl(ds, sites, client, "outcome-documents")

    # the log says "all information to be supplied"; the letter says the information is not held
    care = ds.sql(
        "SELECT c.* FROM log_comparison c JOIN log_entries e USING (entry_id)"
        " WHERE e.title = 'Children taken into Care' AND c.role = 'attachment'"
    ).row(0, named=True)
    assert care["log_outcome"] == "successful"
    assert care["parsed_outcome"] == "not_held"
    assert care["outcome_disagrees"] and care["disagrees"]
    flagged = ds.log_disagreements()
    assert care["doc_id"] in flagged["doc_id"].to_list()
    assert flagged["disagrees"].all()
    # where the letter agrees with the label, no flag
    unheld = ds.sql(
        "SELECT c.* FROM log_comparison c JOIN log_entries e USING (entry_id)"
        " WHERE e.title LIKE 'UASC%' AND c.role = 'attachment'"
    ).row(0, named=True)
    assert (unheld["log_outcome"], unheld["parsed_outcome"], unheld["disagrees"]) == (
        "not_held",
        "not_held",
        False,
    )


def test_max_pages_stops_the_crawl(ds, sites, client):
    report, requests = crawl(ds, sites, client, "outcome-documents", max_pages=3)

    assert report.pages_fetched == 3
    assert report.stopped == "max_pages"
    assert report.entries == 2
    assert len([r for r in requests if not r.startswith("/media/")]) == 3
    crawl_row = ds.sql("SELECT pages_fetched, stopped FROM log_crawls").row(0)
    assert crawl_row == (3, "max_pages")


def test_the_default_client_sends_the_given_user_agent_and_caches(ds, sites, tmp_path):
    agent = "foicompare-tests (research@example.org)"
    before = len(sites.requests)
    report = ds.ingest_log(
        sites.start("request-response"),
        adapter="request-response",
        user_agent=agent,
        cache_dir=tmp_path / "http",
        min_interval=0,
    )
    assert report.entries == 2
    assert set(sites.user_agents[before:]) == {agent}
    assert any((tmp_path / "http").rglob("*.body"))


def test_cli_lists_adapters_with_their_councils():
    result = CliRunner().invoke(main, ["adapters"])
    assert result.exit_code == 0
    for name in (
        "outcome-documents",
        "request-response",
        "publication-date",
        "reference-coded",
        "year-indexed",
        "export",
        "generic",
    ):
        assert name in result.output
    assert "London Borough of Barnet" in result.output
    assert "Hastings Borough Council" in result.output


def test_cli_ingest_log_crawls_and_reports(sites, tmp_path):
    db = tmp_path / "logs.duckdb"
    result = CliRunner().invoke(
        main,
        [
            "ingest-log",
            sites.start("reference-coded"),
            "--db",
            str(db),
            "--adapter",
            "reference-coded",
            "--max-pages",
            "50",
            "--min-interval",
            "0",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--since",
            "2024-12-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "reference-coded: 1 entries" in result.output
    assert "FI16001.aspx" in result.output  # the broken page is reported
    with foicompare.open(db, read_only=True) as ds:
        assert ds.log_entries()["reference"].to_list() == ["FI17008"]


def test_cli_rejects_an_unknown_adapter(sites, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "ingest-log",
            sites.start("generic"),
            "--db",
            str(tmp_path / "x.duckdb"),
            "--adapter",
            "nope",
        ],
    )
    assert result.exit_code != 0
    assert "unknown adapter 'nope'" in result.output
