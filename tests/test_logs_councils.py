"""Every registered council's log: its saved page(s) crawled on a loopback server.

The expected values are written out from the real page text (see each fixture's header
comment); ``None`` where the council's page prints no such value. Councils whose evidence
is ``landing`` crawl a real landing page into SYNTHETIC entries (marked so).
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.sources.disclosure_logs import LOG_SITES, coverage, site_for_url
from foicompare.sources.disclosure_logs.registry import log_site
from foicompare.sources.http import PoliteClient
from log_councils import council_routes, local_url
from log_sites import serve

D = dt.date
#: key -> (entries found, one entry: (reference, date, title))
EXPECTED = {
    "barnet": (2, ("7442736", D(2021, 6, 25), "Children taken into Care")),
    "lambeth": (2, (None, D(2022, 12, 30), "Looked after children")),
    "thurrock": (2, (None, D(2019, 12, 10), "Foster Care")),
    "wandsworth": (1, ("WBC-FOI-00587", D(2023, 2, 17), "Looked after children")),
    "wokingham": (2, ("6197", None, "Children taken into care")),
    "lincolnshire": (1, ("FOI 6506605", D(2023, 5, 4), "Looked after children")),
    "scottish-borders": (1, ("66529", None, "Looked After Children")),
    "herefordshire": (
        1,
        ("FOI2023/01585", D(2023, 10, 27),
         "Transfer of unaccompanied asylum-seeking children between Local Authorities"),
    ),
    "pembrokeshire": (1, ("1427405", D(2024, 4, 17), "Pothole Claims & Repairs")),
    "moray": (1, ("101003353482", D(2023, 8, 10), "Foster Care Statistics")),
    "devon": (1, (None, None, "Care leavers \u2013 looked after or fostered")),
    "essex": (1, ("ECC19947203 03 26", D(2026, 3, 24), "Freedom of Information Act Request")),
    "windsor-maidenhead": (
        1, ("FOI002143", D(2025, 9, 11), "Out of borough temporary accommodation"),
    ),
    "nottingham": (3, ("10585", D(2018, 4, 26), "Reablement care")),
    "merthyr": (
        1,
        ("FOI 11914", D(2026, 2, 17),
         "Concerns the Council\u2019s record-creation practices, rather than whether specific "
         "support has been provided in any individual case"),
    ),
    "eilean-siar": (1, ("2020020327000288", D(2020, 2, 4), "Libraries Opened or Closed")),
    "lancashire": (2, ("805.6", D(2011, 1, 5), "Foster Care Providers")),
    "northumberland": (2, ("3442", D(2017, 12, 1), "The number of looked after children")),
    "slough": (
        3,
        ("FOI 3193", None,
         "Please can you provide a list of wage rates and salary scales of all Social Care Workers "
         "(Social Work Assistants, Social workers, senior practitioners and team managers) "
         "directly employed on a permanent basis by your council"),
    ),
    "leicestershire": (
        2, ("SYN-LCC-2024-0001", D(2024, 3, 3), "SYNTHETIC: children looked after placed out of county"),
    ),
}  # fmt: skip
for _key in ("hertfordshire", "cheshire-east", "dorset", "camden", "cornwall", "norfolk", "york",
             "croydon", "milton-keynes", "nottinghamshire", "cardiff", "kingston", "richmond",
             "kent", "leicester"):  # fmt: skip
    EXPECTED[_key] = (
        1,
        (f"SYN-0001-{_key.upper()[:4]}", D(2024, 3, 28),
         "SYNTHETIC ENTRY: Children looked after placed out of area"),
    )  # fmt: skip


@pytest.fixture
def client(tmp_path):
    with PoliteClient(
        min_interval=0, max_retries=0, sleep=lambda s: None, cache_dir=tmp_path / "cache"
    ) as polite:
        yield polite


def test_the_registry_covers_councils_with_childrens_services_in_all_nations():
    from foicompare.authorities import lookup

    codes = [s.gss_code for s in LOG_SITES]
    assert all(codes) and len(set(codes)) == len(codes)
    kinds = {lookup(c).type for c in codes}
    assert {"CTY", "UA", "LBO", "SCO", "WPA"} <= kinds
    assert all(lookup(c).childrens_services or lookup(c).nation != "England" for c in codes)
    assert set(EXPECTED) == {s.key for s in LOG_SITES}


@pytest.mark.parametrize("key", [s.key for s in LOG_SITES])
def test_each_council_log_crawls_into_entries_with_reference_date_and_title(key, client):
    site = log_site(key)
    with serve(council_routes(key)) as server:
        ds = foicompare.open(":memory:")
        report = ds.ingest_log(
            local_url(server.base, site.url), adapter=site.adapter, client=client,
            authority=site.council_name,
        )  # fmt: skip
        rows = ds.log_entries().rows(named=True)
    n, (reference, date, title) = EXPECTED[key]
    assert report.entries == n, report.problems
    got = {(r["reference"], r["published"] or r["received"], r["title"]) for r in rows}
    assert (reference, date, title) in got
    docs = ds.sql("SELECT count(*) AS n FROM documents")["n"][0]
    assert docs >= n  # every entry's page (or row) is a stored document
    if site.evidence == "landing":
        assert all(r["title"].startswith("SYNTHETIC") for r in rows)


def test_entry_councils_outcomes_and_dates_from_the_real_text(client):
    with serve(council_routes("barnet")) as server:
        ds = foicompare.open(":memory:")
        ds.ingest_log(
            local_url(server.base, log_site("barnet").url), adapter="outcome-documents",
            client=client,
        )  # fmt: skip
        care = ds.sql("SELECT * FROM log_entries WHERE reference = '7442736'").rows(named=True)[0]
    assert care["outcome"] == "successful"  # "Response (all information to be supplied)"
    with serve(council_routes("lincolnshire")) as server:
        ds = foicompare.open(":memory:")
        ds.ingest_log(
            local_url(server.base, log_site("lincolnshire").url), adapter="labelled-record",
            client=client,
        )  # fmt: skip
        row = ds.log_entries().rows(named=True)[0]
    assert (row["received"], row["published"]) == (D(2023, 4, 4), D(2023, 5, 4))


def test_a_page_of_several_entries_gives_one_entry_each_with_its_own_text(client):
    site = log_site("lancashire")
    with serve(council_routes("lancashire")) as server:
        ds = foicompare.open(":memory:")
        for page in site.sources:  # the two pages seen; the index linking them was not
            ds.ingest_log(local_url(server.base, page), adapter=site.adapter, client=client)
        rows = {r["reference"]: r for r in ds.log_entries().rows(named=True)}
        docs = ds.sql(
            "SELECT d.role, d.url FROM log_documents d JOIN log_entries e USING (entry_id) "
            "WHERE e.reference = '787.12'"
        ).rows(named=True)
    assert sorted(rows) == ["787.12", "805.25", "805.6"]
    cp = rows["787.12"]
    assert (cp["published"], cp["outcome"]) == (D(2010, 1, 8), "partially_successful")
    assert "home educated" in cp["request_text"] and "section" in cp["response_text"]
    assert "teenage pregnancy" not in (rows["805.6"]["response_text"] or "").lower()
    assert rows["805.25"]["outcome_label"] == "Full Disclosure"
    assert [d["role"] for d in docs] == ["row"]  # the entry's own part of the page


def test_entries_with_and_without_a_printed_title(client):
    site = log_site("northumberland")
    with serve(council_routes("northumberland")) as server:
        ds = foicompare.open(":memory:")
        for page in site.sources:
            ds.ingest_log(local_url(server.base, page), adapter=site.adapter, client=client)
        rows = ds.log_entries().rows(named=True)
    got = {(r["reference"], r["title"], r["received"]) for r in rows}
    assert ("2884", "Housing adaptations", D(2017, 8, 1)) in got  # printed '2884 - ...'
    assert ("3444", "Regarding commercial property investments made by your organisation: has "
            "it invested in commercial property since 2010 or does it intend to in the next 3 "
            "years", D(2017, 12, 4)) in got  # fmt: skip
    assert not any(r["title"].startswith("FOIs -") for r in rows)  # the page's heading is no title
    assert len(rows) == 3  # 2884 on two pages is one entry


def test_a_sections_page_without_entries_is_a_problem_not_an_empty_log(client):
    from log_sites import Route

    routes = {"/FOI/Departments/Empty.aspx": Route(b"<html><body><main><h1>Related FOIs</h1>"
                                                    b"<p>None yet.</p></main></body></html>")}  # fmt: skip
    with serve(routes) as server:
        ds = foicompare.open(":memory:")
        report = ds.ingest_log(
            server.base + "/FOI/Departments/Empty.aspx", adapter="entry-sections", client=client
        )
    assert report.entries == 0
    assert any("no entries" in p[2] for p in report.problems)


def test_a_pdf_bundle_gives_one_entry_per_request_with_its_question_and_answer(client):
    site = log_site("slough")
    with serve(council_routes("slough")) as server:
        ds = foicompare.open(":memory:")
        ds.ingest_log(local_url(server.base, site.url), adapter=site.adapter, client=client)
        rows = {r["reference"]: r for r in ds.log_entries().rows(named=True)}
    assert sorted(rows) == ["FOI 3192", "FOI 3193", "FOI 3196"]
    nil = rows["FOI 3192"]
    assert nil["request_text"].startswith("The names of all Public Health Funerals")
    assert nil["response_text"].startswith("Slough Borough Council has not dealt")
    assert "Social Care Workers" not in nil["response_text"]  # the next entry is its own
    assert len(nil["title"]) <= 120  # a first sentence too long for a title is cut
    assert all(r["published"] is None and r["received"] is None for r in rows.values())


def test_a_page_linking_pdf_bundles_reads_each_bundle(client):
    from log_sites import PDF, Route

    routes = council_routes("slough")
    routes["/downloads/foi-requests.html"] = Route(
        b"<html><body><main><h1>SYNTHETIC list of monthly bundles</h1><ul>"
        b"<li><a href='foi-requests-aug2011.pdf'>August 2011</a></li>"
        b"<li><a href='broken.pdf'>September 2011</a></li></ul></main></body></html>"
    )
    routes["/downloads/broken.pdf"] = Route(b"%PDF-1.4 not really a PDF", PDF)
    with serve(routes) as server:
        ds = foicompare.open(":memory:")
        report = ds.ingest_log(
            server.base + "/downloads/foi-requests.html", adapter="pdf-bundle", client=client
        )
    assert report.entries == 3
    assert [p[0].rsplit("/", 1)[-1] for p in report.problems] == ["broken.pdf"]


def test_an_unknown_site_falls_back_to_the_generic_adapter_and_says_so(client):
    with serve(council_routes("dorset")) as server:
        ds = foicompare.open(":memory:")
        url = local_url(server.base, log_site("dorset").url)
        assert site_for_url(url) is None  # the loopback host is in no registry
        report = ds.ingest_log(url, client=client)
    assert report.adapter == "generic"
    assert any("no adapter known for 127.0.0.1" in n for n in report.notes)
    assert report.entries == 1


def test_a_registered_url_picks_its_adapter():
    site = site_for_url("https://herefordshire.disclosurelog.co.uk/disclosures?page=3")
    assert (site.key, site.adapter) == ("herefordshire", "hosted-log")


def test_logs_list_shows_every_council_with_gss_adapter_and_last_crawl(tmp_path, client):
    db = str(tmp_path / "foi.duckdb")
    with serve(council_routes("thurrock")) as server, foicompare.open(db, write=True) as ds:
        ds.ingest_log(
            local_url(server.base, log_site("thurrock").url), adapter="publication-date",
            client=client,
        )  # fmt: skip
        # the loopback crawl is recorded under 127.0.0.1; record it as the real host's too
        ds.con.execute(
            "UPDATE log_crawls SET start_url = 'https://www.thurrock.gov.uk/foi-responses'"
        )
    result = CliRunner().invoke(main, ["logs", "--list", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(LOG_SITES) + 2
    thurrock = next(line for line in lines if line.startswith("Thurrock Council"))
    assert "E06000034" in thurrock and "publication-date" in thurrock and "2 entries" in thurrock
    barnet = next(line for line in lines if line.startswith("London Borough of Barnet"))
    assert barnet.rstrip().endswith("never")
    as_json = CliRunner().invoke(main, ["logs", "--list", "--json", "--db", db])
    import json

    rows = json.loads(as_json.output)
    assert {r["key"] for r in rows} == {s.key for s in LOG_SITES}
    assert next(r for r in rows if r["key"] == "thurrock")["last_entries"] == 2
    assert coverage()[0]["last_crawl"] is None  # no dataset: never crawled


def _results_page(rows: str, more: str = "") -> bytes:
    """A SYNTHETIC results page in the results-table shape (not a council's text)."""
    return (
        "<html><body><nav><a href='/'>Home</a></nav><main><h1>Disclosure log</h1>"
        "<table><tr><th>Id</th><th>Subject</th><th>Response Date</th><th>Questions</th>"
        f"<th>Response Files</th></tr>{rows}</table>{more}</main></body></html>"
    ).encode()


def test_results_table_rows_are_entries_across_pages_with_their_response_files(client):
    from log_sites import PDF, Route, pdf

    page1 = _results_page(
        "<tr><td>1</td><td>Agency staff</td><td>02/05/2024</td><td>How many?</td><td></td></tr>"
        "<tr><td>2</td><td>Foster carers</td><td>03/05/2024</td><td>How many carers?</td>"
        "<td><a href='files/2.pdf'>Response</a></td></tr>",
        "<a rel='next' href='search.aspx?page=2'>Next</a>",
    )
    page2 = _results_page(
        "<tr><td>3</td><td>School transport</td><td>10/05/2024</td><td>What spend?</td><td></td></tr>"
    )
    routes = {
        "/log/search.aspx": Route(page1),
        "/log/search.aspx?page=2": Route(page2),
        "/log/files/2.pdf": Route(pdf("The council holds 41 foster carers."), PDF),
    }
    with serve(routes) as server:
        ds = foicompare.open(":memory:")
        report = ds.ingest_log(
            server.base + "/log/search.aspx", adapter="results-table", client=client
        )
        rows = ds.log_entries().rows(named=True)
        files = ds.sql("SELECT count(*) AS n FROM log_documents WHERE role = 'attachment'")["n"][0]
    assert report.entries == 3, report.problems
    got = {(r["reference"], r["published"], r["title"]) for r in rows}
    assert ("3", D(2024, 5, 10), "School transport") in got
    assert files == 1


def test_a_results_page_without_a_log_table_is_a_problem_not_an_empty_log(client):
    from log_sites import Route

    routes = {
        "/log/search.aspx": Route(
            b"<html><body><main><h1>Search</h1><p>No results.</p></main></body></html>"
        )
    }
    with serve(routes) as server:
        ds = foicompare.open(":memory:")
        report = ds.ingest_log(
            server.base + "/log/search.aspx", adapter="results-table", client=client
        )
    assert report.entries == 0
    assert any("no table with a Reference or Request column" in p[2] for p in report.problems)


def test_the_coverage_tables_in_the_readme_and_notes_match_the_registry():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "log_coverage.py"
    spec = importlib.util.spec_from_file_location("log_coverage", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for target, text in module.render().items():
        assert target.read_text(encoding="utf-8") == text, (
            f"{target.name} is out of date: run python scripts/log_coverage.py"
        )
    assert f"| {LOG_SITES[0].council_name} | {LOG_SITES[0].gss_code} |" in module.short_table()


def test_adapters_lists_the_registered_councils_of_each_shape():
    result = CliRunner().invoke(main, ["adapters"])
    assert result.exit_code == 0, result.output
    block = result.output.split("case-search  [html]", 1)[1].split("  [", 1)[0]
    assert "Merthyr Tydfil County Borough Council" in block and "Essex County Council" in block
    generic = result.output.split("generic  [generic]", 1)[1]
    assert "London Borough of Croydon" in generic and "(landing page only)" in generic
    assert "any site (fallback)" in generic
    import json

    rows = json.loads(CliRunner().invoke(main, ["adapters", "--json"]).output)
    table = next(r for r in rows if r["name"] == "results-table")
    assert table["councils"] == [
        {
            "name": "Nottingham City Council",
            "url": "http://open.nottinghamcity.gov.uk/InformationGovernance/disclosureLog.aspx",
            "evidence": "entry",
        }
    ]
