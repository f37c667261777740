"""Responses in the dataset: tables, human corrections that survive reparse, and reparse."""

from __future__ import annotations

import os
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


FLEX_LETTER = """Our ref: FOI 5566
3 June 2020
Dear Mr Jones
1. Did the council use the Adoption and Children (Coronavirus) (Amendment) Regulations 2020?
Regulation 8 (visits to children in care) was used 12 times. The information about staff is
exempt under section 40(2) and section 31 of the Freedom of Information Act 2000.
2. How many staff? 14.
Yours sincerely
"""


def test_detail_tables_keep_one_row_per_key_across_reingest_and_reparse(tmp_path: Path) -> None:
    # exemptions, answers, flexibility_usage and text_tables have no primary key (their
    # in-memory keys grew with the corpus): rows are replaced per document instead.
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(FLEX_LETTER, encoding="utf-8")
    (inbox / "b.txt").write_text(FLEX_LETTER, encoding="utf-8")  # same bytes: a duplicate
    keys = {
        "exemptions": "doc_id, section",
        "answers": "doc_id, position",
        "flexibility_usage": "doc_id, code",
        "responses": "doc_id",
    }
    with foicompare.open(tmp_path / "x.duckdb") as d:
        d.ingest([str(inbox)])
        first = {t: d.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in keys}
        os.utime(inbox / "a.txt", (1, 1))  # changed mtime: read again, same document
        d.ingest([str(inbox)])
        assert d.reparse() == 1
        assert d.reparse() == 1
        for table, key in keys.items():
            total, distinct = d.con.execute(
                f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"
            ).fetchall()[0]
            assert total == distinct == first[table], table
    assert first["exemptions"] >= 1 and first["answers"] >= 1 and first["flexibility_usage"] >= 1
