"""The HTML report: offline, every chart drawn, every number linked to its documents; charts;
the terminal summary; `foicompare demo` end to end."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from tests.test_analysis_world import build

from foicompare import charts, report
from foicompare.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def world():
    ds = build()
    yield ds
    ds.close()


@pytest.fixture(scope="module")
def html(world) -> str:
    return report.render_html(world, title="World")


def test_every_section_is_built(world):
    sections = report.build_sections(world)
    assert [s.key for s in sections if s.error] == []
    assert [s.key for s in sections if s.chart is not None] == [
        "outcomes", "exemptions", "flexibilities", "by_month", "timeliness",
    ]  # fmt: skip


def test_the_report_needs_no_network(html):
    assert html.count('<figure class="chart"><svg') == 5
    for fetches in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert fetches not in html
    # the only absolute URLs are plain links (legal sources), never loaded
    assert all(m.startswith("<a ") for m in re.findall(r"<\w+[^>]*https?://(?!www\.w3\.org)", html))


def test_every_number_links_to_the_documents_behind_it(html):
    targets = set(re.findall(r'href="#(d-[0-9a-z-]+)"', html))
    anchors = set(re.findall(r'id="(d-[0-9a-z-]+)"', html))
    assert targets and targets <= anchors
    # Coventry's refusal is one decision read from two stored copies: both are listed
    assert {"d-cov-pdf", "d-cov-eml"} <= anchors


def test_the_headline_counts(world):
    s = report.summary(world)
    assert (s["decisions"], s["authorities_answering"], s["authorities_expected"]) == (7, 3, 153)


def test_the_terminal_summary(world):
    console = Console(record=True, width=120)
    report.print_summary(world, console)
    text = console.export_text()
    assert "7 decisions from 3 of 153 children's services authorities" in text
    assert "partially_successful" in text


def test_charts_render_to_svg_with_their_data(world):
    svg = charts.to_svg(charts.outcomes_by_region(world))
    assert "West Midlands" in svg and "share of decisions" in svg
    assert "s12 cost limit" in charts.to_svg(charts.exemption_frequency(world))
    heat = charts.to_svg(charts.flexibility_heatmap(world))
    assert "no authority says whether it used any flexibility" in heat


def test_uses_by_month_panels_run_most_used_first_and_say_so():
    import polars as pl

    # alphabetical order (a, b, c, z) is not the order of use (z 50, b 5, c 5 tie, a 1)
    counts = pl.DataFrame({
        "code": ["a-rare", "b-tie", "c-tie", "z-most", "z-most", "b-tie"],
        "month": ["2020-05", "2020-05", "2020-06", "2020-05", "2020-06", "2020-06"],
        "uses": [1, 2, 5, 20, 30, 3],
    })  # fmt: skip
    svg = charts.to_svg(charts.uses_by_month(counts, top=3))
    headers = re.findall(r">([a-z]-[a-z]+) \((\d+)\)</text>", svg)
    assert headers == [("z-most", "50"), ("b-tie", "5"), ("c-tie", "5")]
    assert "most used flexibilities first" in svg and "highest first" in svg


def test_a_wide_flexibility_matrix_becomes_a_heatmap():
    import polars as pl

    matrix = pl.DataFrame({"authority_code": ["E1", "E2"], "authority_name": ["A", "B"],
                           "x-visits": ["used", "unknown"], "y-panels": ["not used", "unknown"],
                           "z-never": ["unknown", "unknown"]})  # fmt: skip
    long = charts._long_matrix(matrix)
    # B and z-never say nothing and are dropped; the rest keeps its state
    assert long.select("authority", "code", "state").to_dicts() == [
        {"authority": "A", "code": "x-visits", "state": "used"},
        {"authority": "A", "code": "y-panels", "state": "not used"},
    ]


def test_cli_report(tmp_path):
    db = tmp_path / "w.duckdb"
    build(str(db)).close()
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().count("<svg") >= 5


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--limit", "6"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_builds_corpus_dataset_summary_and_report(demo):
    out, output = demo
    assert (out / "corpus" / "ground_truth.jsonl").exists()
    assert (out / "demo.duckdb").exists() and (out / "report.html").exists()
    assert "of 153 children's services authorities" in output
    assert "Coverage" in output and "Outcomes of first responses" in output


@pytest.mark.skipif(
    not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")),
    reason="Chromium is not installed (apt-get install -y chromium)",
)
def test_the_demo_report_renders_in_headless_chromium(demo, tmp_path):
    out, _ = demo
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot_report.py"), str(out / "report.html"),
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("drawn ") == 7  # the page and its six charts


def test_a_table_whose_documents_are_not_listed_says_so() -> None:
    import polars as pl

    from foicompare.report import html_table

    frame = pl.DataFrame(
        {"outcome": ["refused", "successful"], "doc_ids": [None, ["abc123"]]},
        schema={"outcome": pl.String, "doc_ids": pl.List(pl.String)},
    )
    seen: set[str] = set()
    out = html_table(frame, seen)
    assert "not listed (provenance=True lists them)" in out
    assert 'href="#' in out and seen == {"abc123"}
