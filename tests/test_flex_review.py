"""The review loop: values that need review, corrections of flexibility values, counts and
governance that survive re-extraction and show in the matrix, the export and the report;
request / batch / since / until filters on every analysis."""

from __future__ import annotations

import polars as pl
import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.demo import generate
from foicompare.demo.requests import link
from foicompare.export import read_tables

FLEX = "demo:flexibilities:c000"
QA = "demo:qa_systems:c000"


@pytest.fixture
def ds(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, limit=8, formats=("txt",))
    ds = foicompare.open(tmp_path / "d.duckdb")
    ds.ingest([corpus / "c000"], workers=1)
    with ds.writing():
        link(ds.con, corpus)
    yield ds
    ds.close()


def _some_value(ds) -> tuple[str, str, str]:
    """(doc_id, code, authority_code) of a flexibility a council said it did not use."""
    row = ds.sql(
        "SELECT doc_id, code, authority_code FROM flexibility_usage WHERE NOT used"
        " ORDER BY doc_id, code LIMIT 1"
    ).row(0)
    return row


def test_a_corrected_flexibility_value_survives_reparse_and_shows_everywhere(ds, tmp_path):
    doc, code, council = _some_value(ds)
    ds.correct(doc, f"flexibilities.{code}", "used", note="the table row says 3")
    ds.correct(doc, f"flexibilities.{code}.uses", 3)
    ds.correct(doc, "ofsted_informed", True, note="told at the July meeting")
    ds.reparse()  # re-extraction never touches corrections

    m = ds.flexibility_matrix(request=FLEX)
    row = m.filter(pl.col("authority_code") == council).row(0, named=True)
    assert row[code] == "used" and code in row["corrected"]
    assert row["ofsted_informed"] is True
    counts = ds.flexibility_counts(by="code", request=FLEX).filter(pl.col("code") == code)
    assert counts["authorities_used"].item() >= 1 and counts["uses"].item() >= 3

    ds.export(tmp_path / "out")
    exported = read_tables(tmp_path / "out")["flexibility_matrix"]
    cell = exported.filter(pl.col("authority_code") == council).row(0, named=True)
    assert cell[code] == "used" and code in cell["corrected"]
    usage = read_tables(tmp_path / "out")["flexibility_usage"]
    fixed = usage.filter((pl.col("doc_id") == doc) & (pl.col("code") == code)).row(0, named=True)
    assert (fixed["status"], fixed["uses"], fixed["corrected"]) == ("used", 3, True)

    html = ds.report(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "corrected by a reviewer" in html and "✎" in html


def test_corrections_are_checked(ds):
    doc, code, _ = _some_value(ds)
    with pytest.raises(ValueError, match="must be one of"):
        ds.correct(doc, f"flexibilities.{code}", "maybe")
    with pytest.raises(ValueError, match="unknown flexibility code"):
        ds.correct(doc, "flexibilities.no-such-code", "used")
    with pytest.raises(ValueError, match="non-negative whole number"):
        ds.correct(doc, f"flexibilities.{code}.uses", -1)


def test_review_lists_low_confidence_values_with_their_sentence_and_cli_corrects(ds):
    doc, code, _ = _some_value(ds)
    # a value the extractor was unsure of: named, with no definite answer
    with ds.writing():
        ds.con.execute(
            "UPDATE flexibility_usage SET used = NULL, status = 'not stated', confidence = 0.3,"
            " needs_review = true WHERE doc_id = ? AND code = ?",
            [doc, code],
        )
    listed = ds.flexibility_review()
    assert (doc, code) in set(zip(listed["doc_id"], listed["code"], strict=True))
    assert listed.filter(pl.col("code") == code)["evidence"].item()  # the sentence is shown
    path = ds.path
    ds.close()
    runner = CliRunner()
    out = runner.invoke(main, ["review", "--db", path])
    assert out.exit_code == 0 and code in out.output and "foicompare correct" in out.output
    done = runner.invoke(
        main, ["correct", doc[:12], f"flexibilities.{code}", "not used", "--note", "N/A row",
               "--db", path],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    with foicompare.open(path, read_only=True) as again:
        left = again.flexibility_review()
        assert (doc, code) not in set(zip(left["doc_id"], left["code"], strict=True))


def test_every_analysis_takes_request_batch_and_date_filters(ds):
    flex_only = ds.outcomes(by=None, request=FLEX)["responses"].sum()
    qa_only = ds.outcomes(by=None, batch=QA)["responses"].sum()
    assert flex_only + qa_only == ds.outcomes(by=None)["responses"].sum()
    assert ds.timeliness(request=FLEX).height <= ds.timeliness().height
    assert ds.exemptions(request=QA).height <= ds.exemptions().height + 1
    none = ds.outcomes(by=None, since="2030-01-01")
    assert none.height == 0
    assert ds.flexibility_matrix(request=FLEX, until="2000-01-01")["response"].unique().to_list() \
        == ["no response"]  # fmt: skip
    assert ds.compare(ds.flexibility_matrix(request=FLEX)["authority_code"][0],
                      on="outcomes", request=FLEX).height >= 1  # fmt: skip
    assert ds.flexibility_rounds()["request"].to_list() == [FLEX]


def test_each_value_has_status_count_period_evidence_and_confidence(ds):
    values = ds.flexibility_values(request=FLEX)
    assert set(values["status"]) <= {"used", "not used", "not stated", "withheld", "no response"}
    said = values.filter(pl.col("status").is_in(["used", "not used"]))
    assert said.height and said["confidence"].is_not_null().all()
    assert (
        said["evidence_doc_id"].is_not_null().all() and said["evidence_start"].is_not_null().all()
    )
    text = ds.sql("SELECT text FROM texts WHERE doc_id = ?", [said["evidence_doc_id"][0]]).item()
    assert text[said["evidence_start"][0] : said["evidence_end"][0]].strip()
    counted = values.filter(pl.col("by_month").is_not_null() & (pl.col("by_month") != "{}"))
    assert counted.is_empty() or counted["period"].is_not_null().all()


def test_a_reply_that_does_not_name_the_regulations_is_read_in_its_requests_context(tmp_path):
    from foicompare.sources.base import SourceItem

    reply = (
        b"Dear Ms Smith\n\nWe have not needed to use any of the changes except virtual visits.\n"
    )
    ds = foicompare.open(tmp_path / "t.duckdb")
    ds.ingest_items([SourceItem(reply, location="https://example.gov.uk/reply.txt")])
    doc = ds.documents()["doc_id"][0]
    assert ds.sql("SELECT * FROM flexibility_usage").is_empty()  # alone, it is about nothing
    with ds.writing():
        ds.con.execute(
            "INSERT INTO requests (request_id, source, title) VALUES ('r1', 'test',"
            " 'Use of the Adoption and Children (Coronavirus) (Amendment) Regulations 2020')"
        )
        ds.con.execute(
            "INSERT INTO request_documents (request_id, message_key, url, role, doc_id)"
            " VALUES ('r1', 'incoming:1', 'https://example.gov.uk/reply.txt', 'message', ?)",
            [doc],
        )
    ds.reparse()
    used = ds.sql("SELECT code FROM flexibility_usage WHERE used")["code"].to_list()
    assert used == ["cppcr-visits-remote"]
    ds.close()
