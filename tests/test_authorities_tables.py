"""The register as DuckDB tables, the Dataset methods, the CLI and the build script."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner

import foicompare
from foicompare.authorities import install, register
from foicompare.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))


def test_install_creates_the_tables_once_per_register_version():
    con = duckdb.connect()
    assert install(con) is True
    assert install(con) is False
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("authorities", "ofsted_judgements", "statistical_neighbours")
    }
    assert counts == {"authorities": 470, "ofsted_judgements": 497, "statistical_neighbours": 3068}
    stored = con.execute("SELECT value FROM authority_register WHERE key = 'version'").fetchone()
    assert stored[0] == register().version


def test_install_refreshes_a_stale_register():
    con = duckdb.connect()
    install(con)
    con.execute("UPDATE authority_register SET value = 'old' WHERE key = 'version'")
    con.execute("DELETE FROM authorities")
    assert install(con) is True
    assert con.execute("SELECT count(*) FROM authorities").fetchone()[0] == 470


def test_joins_are_plain_sql():
    ds = foicompare.open(":memory:")
    latest = ds.sql(
        "SELECT a.official_name, o.overall_effectiveness FROM authorities a"
        " JOIN ofsted_judgements o ON o.code = a.code AND o.is_latest WHERE a.dfe_la_code = '331'"
    )
    assert latest["official_name"].to_list() == ["Coventry City Council"]
    barnsley = ds.sql("SELECT code FROM authority_gss_codes WHERE gss_code = 'E08000038'")
    assert barnsley["code"].to_list() == ["BNS"]


def test_dataset_methods_return_polars():
    ds = foicompare.open(":memory:")
    auth = ds.authorities(childrens_services=True)
    assert isinstance(auth, pl.DataFrame)
    assert auth.filter(pl.col("current")).height == 153
    grades = ds.ofsted(latest=True)["overall_effectiveness"].value_counts(sort=True)
    assert dict(zip(*grades.to_dict(as_series=False).values(), strict=True))["good"] == 61
    neighbours = ds.neighbours("London Borough of Barnet")
    assert neighbours.height == 10 and neighbours["position"].to_list() == list(range(1, 11))
    assert ds.neighbours("E06000063", neighbour_set="previous").height == 9  # Cumberland
    with pytest.raises(ValueError, match="no authority matches"):
        ds.neighbours("Atlantis")


def test_cli_prints_the_resolution_and_why():
    run = CliRunner().invoke(main, ["authority", "Northamptonshire", "--on", "2022-01-01"])
    assert run.exit_code == 0
    assert "Northamptonshire County Council (E10000021, NTH)" in run.output
    assert "North Northamptonshire" in run.output  # the flag
    as_json = CliRunner().invoke(main, ["authority", "--json", "Bucks", "--on", "2019-01-01"])
    assert json.loads(as_json.output)["code"] == "E10000002"


def test_cli_exits_1_with_candidates_when_unsure():
    run = CliRunner().invoke(main, ["authority", "Richmond"])
    assert run.exit_code == 1
    assert "candidate: London Borough of Richmond upon Thames" in run.output


@pytest.mark.skipif(not (SHARED / "reference").exists(), reason="../shared not present")
def test_the_build_script_reproduces_the_packaged_register(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_register", ROOT / "scripts" / "build_register.py"
    )
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out = tmp_path / "register.json.gz"
    assert build.main(["--reference", str(SHARED / "reference"), "--out", str(out)]) == 0
    packaged = ROOT / "src" / "foicompare" / "data" / "authorities_register.json.gz"
    assert json.loads(gzip.decompress(out.read_bytes()))["version"] == register().version
    assert out.read_bytes() == packaged.read_bytes()
