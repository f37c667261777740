"""On the demo round robin every flexibility total equals the demo's own key.

The demo generator writes its ground truth (``ground_truth.jsonl``: what each letter says);
the dataset is built from the letters alone. For each flexibility, the councils that used it,
the councils that said they did not, and the uses counted (each council's count once) must
equal the key exactly, and the matrix has one row per council of the request's date.
"""

from __future__ import annotations

import collections
from pathlib import Path

import polars as pl
import pytest

import foicompare
from foicompare.demo import truth
from foicompare.report import build_demo
from foicompare.topics.vocabulary import codes as vocabulary_codes

REQUEST = "demo:flexibilities:c000"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[foicompare.Dataset, list[dict]]:
    out = tmp_path_factory.mktemp("demo")
    result = build_demo(out, echo=lambda _: None)
    records = list(truth.read(Path(result.corpus) / truth.FILE_NAME))
    ds = foicompare.open(result.db, read_only=True)
    yield ds, records
    ds.close()


def key(records: list[dict]) -> dict[str, dict]:
    """Per code: the councils that used it, that did not, and the uses, from the key."""
    used, not_used = collections.defaultdict(set), collections.defaultdict(set)
    uses: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for r in records:
        if r["request"] != "flexibilities" or r["document_type"] not in (
            "response",
            "internal_review",
        ):
            continue
        named = {f["code"]: f["used"] for f in r["flexibilities"] if f["code"] != "*"}
        blanket = any(f["code"] == "*" and not f["used"] for f in r["flexibilities"])
        for code in vocabulary_codes():
            if named.get(code):
                used[code].add(r["authority_code"])
            elif named.get(code) is False or (blanket and code not in named):
                not_used[code].add(r["authority_code"])
        for code, n in (r["uses"] or {}).items():
            if n:
                uses[code][r["authority_code"]] = n  # a review repeats its response's count
    return {
        c: {
            "used": len(used[c]),
            "not used": len(not_used[c] - used[c]),
            "uses": sum(uses[c].values()),
        }
        for c in vocabulary_codes()
    }


def test_every_flexibility_total_equals_the_demo_key(demo):
    ds, records = demo
    counts = ds.flexibility_counts(by="code", request=REQUEST)
    got = {
        r["code"]: {"used": r["authorities_used"], "not used": r["authorities_not_used"],
                    "uses": r["uses"] or 0}
        for r in counts.iter_rows(named=True)
    }  # fmt: skip
    expected = key(records)
    assert {c: got[c] for c in expected} == expected
    # the three: virtual visits, stage-1 medicals, 24-week placements
    assert [expected[c]["used"] for c in ("cppcr-visits-remote", "aar-stage1-medical-deferred",
            "cppcr-emergency-placement-24-weeks")] == [got[c]["used"] for c in (
            "cppcr-visits-remote", "aar-stage1-medical-deferred",
            "cppcr-emergency-placement-24-weeks")]  # fmt: skip


def test_one_row_per_council_of_the_request_date_with_no_response_rows(demo):
    ds, records = demo
    asked = {r["authority_code"] for r in records if r["request"] == "flexibilities"}
    sent = {
        r["authority_code"] for r in records if r["request"] == "flexibilities" and not r["missing"]
    }
    m = ds.flexibility_matrix(request=REQUEST)
    assert m.height == len(asked) and m["authority_code"].is_unique().all()
    assert set(m["authority_code"]) == asked  # 2020 councils: Northamptonshire, not its heirs
    silent = set(m.filter(pl.col("response") == "no response")["authority_code"])
    assert silent == asked - sent
    northants = m.filter(pl.col("authority_code") == "E10000021").row(0, named=True)
    assert northants["successors"] == "North Northamptonshire; West Northamptonshire"


def test_governance_is_one_row_per_council_and_matches_the_key(demo):
    ds, records = demo
    gov = ds.flexibility_governance(request=REQUEST)
    assert gov["authority_code"].is_unique().all()
    told = {
        r["authority_code"]: r["ofsted_informed"]
        for r in records
        if r["request"] == "flexibilities" and r["document_type"] == "response"
        and r["ofsted_informed"] is not None
    }  # fmt: skip
    got = dict(zip(gov["authority_code"], gov["ofsted_informed"], strict=True))
    agree = sum(got.get(c) == v for c, v in told.items())
    assert agree / len(told) >= 0.95, (agree, len(told))


def test_the_readme_figures_are_the_demo_s(demo):
    """README's example sentence says councils where it counts councils, uses where uses."""
    import re

    ds, _ = demo
    got = {r["code"]: r for r in ds.flexibility_counts(by="code", request=REQUEST).iter_rows(
        named=True)}  # fmt: skip
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    m = re.search(
        r"virtual visits were used by (\d+) councils \(([\d,]+) uses between them\), stage-1 "
        r"adopter medicals deferred by (\d+) councils and 24-week emergency placements made by "
        r"(\d+) councils",
        readme,
    )
    assert m, "the README's example sentence about the demo's flexibilities has changed"
    assert [int(g.replace(",", "")) for g in m.groups()] == [
        got["cppcr-visits-remote"]["authorities_used"],
        got["cppcr-visits-remote"]["uses"],
        got["aar-stage1-medical-deferred"]["authorities_used"],
        got["cppcr-emergency-placement-24-weeks"]["authorities_used"],
    ]
