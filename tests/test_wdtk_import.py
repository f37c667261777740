"""import-requests on the real WhatDoTheyKnow children's social care list (../shared)."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import foicompare
from foicompare.cli import main
from foicompare.requests_import import import_requests

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
CSV = SHARED / "reference" / "wdtk_csc_requests.csv"
#: principal councils by name; town/parish councils, NHS bodies and regulators are not
LA = r"(?i)\b(council|borough|county)\b"
NOT_LA = (
    r"(?i)\b(town|parish|community) council\b|council for|care council|medical council"
    r"|justice council|primary care trust|\btrust\b"
)


@pytest.fixture(scope="module")
def imported():
    if not CSV.exists():
        pytest.skip(f"{CSV} not available")
    ds = foicompare.open(":memory:")
    report = import_requests(ds.con, CSV)
    return ds, report


def test_every_row_is_imported_with_its_status_mapped(imported):
    ds, report = imported
    assert (report.rows, report.imported, report.skipped) == (5462, 5462, [])
    assert report.unknown_labels == {}
    states = dict(
        ds.sql("SELECT status_label, any_value(described_state) FROM requests GROUP BY 1").rows()
    )
    assert states["Refused"] == "rejected"
    assert states["Information not held"] == "not_held"
    assert states["Awaiting classification"] is None
    assert states["Long overdue"] == "waiting_response"


def test_at_least_99_percent_of_local_authority_rows_resolve(imported):
    ds, _ = imported
    rows = ds.sql("SELECT body_name, authority_code FROM requests")
    la = rows.filter(
        pl.col("body_name").str.contains(LA) & ~pl.col("body_name").str.contains(NOT_LA)
    )
    share = la["authority_code"].is_not_null().mean()
    assert la.height > 5000
    assert share >= 0.99, la.filter(pl.col("authority_code").is_null())["body_name"].unique()


def test_titles_group_into_round_robins_and_coverage_lists_councils_by_status(imported):
    ds, report = imported
    assert report.round_robins > 100
    top = ds.batches().row(0, named=True)
    assert top["title"].startswith("Number of Children who did not receive their final transition")
    assert (
        top["n_requests"] == 347
    )  # 2019 wave; the 2022 re-run of the title is its own round robin
    cov = ds.coverage(top["batch_id"])
    counts = dict(cov.group_by("status").len().rows())
    assert counts["not_held"] > counts["successful"] > counts["partially_successful"]
    assert cov.filter(status="awaiting")["late"].to_list() == [True] * counts["awaiting"]
    assert cov["authority_code"].null_count() <= 3


def test_a_csv_without_the_needed_columns_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(
        main, ["import-requests", str(bad), "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code != 0 and "bad.csv: no column for title, body" in result.output
