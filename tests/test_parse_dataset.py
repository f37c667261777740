"""Responses in the dataset: tables, human corrections that survive reparse, and reparse."""

from __future__ import annotations

from pathlib import Path

import pytest

import foicompare

LETTER = """Our ref: FOI 4455
3 May 2021
Dear Ms Smith
Thank you for your request. The information is exempt under section 40(2) of the Freedom of
Information Act 2000 as it is personal data.
Yours sincerely
"""


@pytest.fixture()
def ds(tmp_path: Path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    with foicompare.open(":memory:") as d:
        d.ingest([str(path)])
        yield d


def test_ingest_writes_responses_exemptions_and_answers(ds) -> None:
    resp = ds.responses()
    assert resp.height == 1
    row = resp.row(0, named=True)
    assert (row["reference"], row["outcome"], row["exemptions"], row["corrected"]) == (
        "FOI 4455",
        "refused",
        ["40"],
        [],
    )
    assert str(row["date"]) == "2021-05-03"
    ex = ds.exemption_rows()
    assert ex.select("section", "act", "corrected").rows() == [("40", "FOIA", False)]
    start, end = ex.row(0, named=True)["span_start"], ex.row(0, named=True)["span_end"]
    assert LETTER[start:end] == "40(2)"


def test_correction_wins_and_survives_reparse(ds) -> None:
    doc_id = ds.responses()["doc_id"][0]
    ds.correct(doc_id, "outcome", "partially_successful", "a table was released too")
    ds.correct(doc_id, "exemptions", ["40", "43"], "s43 cited in the annex")
    assert ds.reparse() == 1
    row = ds.responses().row(0, named=True)
    assert row["outcome"] == "partially_successful"
    assert row["exemptions"] == ["40", "43"]
    assert row["corrected"] == ["exemptions", "outcome"]
    assert ds.responses(corrected=False).row(0, named=True)["outcome"] == "refused"
    assert ds.exemption_rows()["section"].to_list() == ["40", "43"]


def test_reparse_rewrites_rows_from_stored_text(ds) -> None:
    ds.con.execute("UPDATE responses SET reference = 'stale', parser_version = '0'")
    ds.con.execute("DELETE FROM exemptions")
    assert ds.reparse() == 1
    row = ds.responses(corrected=False).row(0, named=True)
    assert row["reference"] == "FOI 4455"
    assert row["parser_version"] == foicompare.parse.PARSER_VERSION
    assert ds.exemption_rows().height == 1


def test_bad_corrections_are_refused_with_a_reason(ds) -> None:
    doc_id = ds.responses()["doc_id"][0]
    with pytest.raises(ValueError, match="outcome must be one of"):
        ds.correct(doc_id, "outcome", "mostly")
    with pytest.raises(KeyError, match="no document"):
        ds.correct("nope", "outcome", "refused")
