"""Flexibility answers in council formats (TXT, HTML, DOCX and PDF tables), end to end:
bytes -> text extraction -> extraction -> flexibility_usage -> matrix and counts."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from tests.fixtures_make import make_docx, make_html, make_pdf

import foicompare
from foicompare import text as text_extraction
from foicompare.topics import flexibilities

TITLE = "The Adoption and Children (Coronavirus) (Amendment) Regulations 2020"
ROWS = [
    ["Regulation", "Description of flexibility", "Total number of uses", "Number of uses in May", "Number of uses in June", "Summary of reasons"],
    ["Regulation 28(1A)", "Visits by telephone or video", "nine", "4", "5", "Households self-isolating"],
    ["Regulation 23", "Emergency placements up to 24 weeks", "<5", "<5", "0", "Sufficiency"],
    ["Regulation 33", "Review timescales", "nil", "0", "0", ""],
]  # fmt: skip
PDF_ROWS = [
    ["Regulation", "Total", "May", "June", "Reasons"],
    ["Reg 28(1A)", "nine", "4", "5", "Isolating"],
    ["Reg 23", "<5", "<5", "0", "Sufficiency"],
    ["Reg 33", "nil", "0", "0", "Not needed"],
]


def _html() -> bytes:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    return make_html(f"<h1>FOI response</h1><p>{TITLE}</p><table>{cells}</table>")


def _docx() -> bytes:
    return make_docx([("heading", 1, "FOI response"), TITLE, ROWS, "Yours sincerely"])


def _pdf() -> bytes:
    return make_pdf(
        [f"{TITLE}\nOur use of the flexibilities:"], tables={0: PDF_ROWS}, column_gap=100
    )


def _txt() -> bytes:
    lines = [TITLE, ""] + ["\t".join(r) for r in ROWS]
    return "\n".join(lines).encode()


FORMATS = {"a.html": _html, "a.docx": _docx, "a.pdf": _pdf, "a.txt": _txt}


@pytest.mark.parametrize("filename", sorted(FORMATS))
def test_usage_table_read_from_each_format(filename):
    ex = text_extraction.extract(FORMATS[filename](), filename=filename)
    result = flexibilities.extract(ex.text, ex.tables)
    by = {f["code"]: f for f in result["flexibilities"]}
    remote = by["cppcr-visits-remote"]
    assert (remote["used"], remote["uses"], remote["by_month"]) == (
        True,
        9,
        {"2020-05": 4, "2020-06": 5},
    )
    emergency = by["cppcr-emergency-placement-24-weeks"]
    assert (emergency["used"], emergency["uses"], emergency["suppressed"]) == (True, None, True)
    assert by["cppcr-reviews-timescale"]["used"] is False
    start, end = remote["evidence"]
    assert "28(1A)" in ex.text[start:end]


def test_docx_prose_blanket_none(tmp_path):
    data = make_docx(
        [TITLE, "The Council has not used any of the flexibilities provided by the regulations."]
    )
    ex = text_extraction.extract(data, filename="none.docx")
    got = {f["used"] for f in flexibilities.extract(ex.text, ex.tables)["flexibilities"]}
    assert got == {False}


def test_dataset_stores_usage_and_builds_matrix_and_counts(tmp_path):
    (tmp_path / "coventry.txt").write_text(
        "Coventry City Council\n\n" + _txt().decode(), encoding="utf-8"
    )
    (tmp_path / "none.html").write_bytes(
        make_html(f"<p>{TITLE}</p><p>We have not used any of the flexibilities.</p>")
    )
    ds = foicompare.open(":memory:")
    ds.ingest([tmp_path])
    usage = ds.sql("SELECT code, used, uses, suppressed FROM flexibility_usage ORDER BY code")
    assert usage.height >= 3
    remote = usage.filter(pl.col("code") == "cppcr-visits-remote").row(0, named=True)
    assert remote["used"] is True and remote["uses"] == 9

    # one row per children's services council of the letters' date; who sent nothing is a
    # row with status "no response", and a council's code it did not speak of is "not stated"
    m = ds.flexibility_matrix(codes=["cppcr-visits-remote", "ch-contact-remote"])
    assert m.columns[:3] == ["request", "request_title", "authority_code"]
    assert m.columns[-2:] == ["cppcr-visits-remote", "ch-contact-remote"]
    assert set(m["ch-contact-remote"].unique()) <= {"not stated", "not used", "no response"}
    assert m.height >= 150 and m["authority_code"].is_unique().all()
    coventry = m.filter(pl.col("authority_code") == "E08000026").row(0, named=True)
    assert coventry["response"] == "responded" and coventry["cppcr-visits-remote"] == "used"
    counts = ds.flexibility_counts(by="month").filter(pl.col("code") == "cppcr-visits-remote")
    assert dict(zip(counts["month"], counts["uses"], strict=True)) == {"2020-05": 4, "2020-06": 5}
    per_code = ds.flexibility_counts(by="code")
    assert "authorities_used" in per_code.columns
    ds.close()


def test_sign_off_ofsted_and_decision_level_are_stored_per_response() -> None:
    import foicompare
    from foicompare.sources.base import SourceItem

    seed = next((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("000_*.txt"))
    ds = foicompare.open(":memory:")
    ds.ingest_items([SourceItem(seed.read_bytes(), location=str(seed))])
    gov = ds.flexibility_governance()
    assert gov["authority_code"].is_unique().all()  # one row per council per request
    row = gov.filter(pl.col("response") == "responded").row(0, named=True)
    assert row["authority_code"] == "E08000026"
    assert row["authority_name"] == "Coventry"
    assert row["ofsted_informed"] is True
    assert row["decision_level"] == "authority_wide"
    assert {"Senior Leadership Team", "Lead Member for Children's Services"} <= set(row["sign_off"])
