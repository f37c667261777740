"""Flexibility extraction from text: the seed answer, tables in text, prose rules, sign-off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from foicompare.text.base import Table
from foicompare.topics import flexibilities
from foicompare.topics.counts import month_of, parse_count
from foicompare.topics.vocabulary import cited_instruments, find_mentions, load, normalise

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
)
SEED = SHARED / "seeds" / "000_089b7bbd9c056ddd.txt"
TOPIC = "Re: The Adoption and Children (Coronavirus) (Amendment) Regulations 2020.\n\n"


def used(result: dict) -> dict[str, bool | None]:
    return {f["code"]: f["used"] for f in result["flexibilities"]}


@pytest.mark.skipif(not SEED.exists(), reason="../shared seeds not available")
def test_seed_every_code_not_used_except_virtual_visits():
    text = SEED.read_text(encoding="utf-8")
    r = flexibilities.extract(text)
    got = used(r)
    assert set(got) == set(load().codes)
    assert [c for c, v in got.items() if v] == ["cppcr-visits-remote"]
    assert all(v is False for c, v in got.items() if c != "cppcr-visits-remote")
    for role in (
        "Senior Leadership Team",
        "Lead Member for Children's Services",
        "Children's Services Improvement Executive Board",
    ):
        assert role in r["sign_off"]
    assert r["ofsted_informed"] is True
    start, end = next(f["evidence"] for f in r["flexibilities"] if f["used"])
    assert "virtual visits" in text[start:end]


def test_vocabulary_is_the_shared_csv_with_dates():
    vocab = load()
    row = vocab.by_code["cppcr-visits-remote"]
    assert row["regulation"] == "28(1A)"
    assert row["extended_to"] == "2021-09-30" and row["lapsed_2020_09_25"] is False
    assert vocab.by_code["cppcr-emergency-placement-24-weeks"]["lapse_date"] == "2020-09-25"


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Regulation 23 emergency placement", "cppcr-emergency-placement-24-weeks"),
        ("reg 28(1A)", "cppcr-visits-remote"),
        (
            "Care Planning, Placement and Case Review (England) Regulations 2010 regulation 33",
            "cppcr-reviews-timescale",
        ),
        ("virtual visits", "cppcr-visits-remote"),
        ("medical reports for prospective adopters", "aar-stage1-medical-deferred"),
        ("medical reports for foster carers", "fs-assessment-medical-deferred"),
        ("Fostering Services Regulations 2011 regulation 23", "fs-panel-constitution-optional"),
        ("approving foster carers without a panel", "fs-approval-without-panel"),
        (
            "Children's Homes Regulations 2015 reg 44 visits by video",
            "ch-independent-visit-interviews-remote",
        ),
    ],
)
def test_ways_councils_name_a_flexibility(phrase, code):
    assert [m.code for m in find_mentions(normalise(phrase))] == [code]


def test_continuation_instruments_are_recognised():
    text = normalise(
        "the Adoption and Children (Coronavirus) (Amendment) (No. 2) Regulations 2020, the "
        "Adoption and Children (Coronavirus) (Amendment) Regulations 2021 and the Secure Training "
        "Centre (Coronavirus) (Amendment) Rules 2020"
    )
    assert cited_instruments(text) == [
        "SI 2020/909",
        "SI 2021/261",
        "Secure Training Centre (Coronavirus) (Amendment) Rules 2020",
    ]
    assert flexibilities.is_about_flexibilities(
        "Secure Training Centre (Coronavirus) (Amendment) Rules 2020"
    )


@pytest.mark.parametrize(
    ("cell", "kind", "value"),
    [("12", "number", 12), ("twenty-one", "number", 21), ("nil", "zero", 0), ("0", "zero", 0),
     ("n/a", "zero", 0), ("<5", "suppressed", None), ("fewer than five", "suppressed", None),
     ("XX", "echo", None), ("Not recorded", "unknown", None), ("Yes", "yes", None)],
)  # fmt: skip
def test_cells_read_as_counts(cell, kind, value):
    c = parse_count(cell)
    assert (c.kind, c.value) == (kind, value)


def test_month_headers():
    assert month_of("Number of uses in May") == "2020-05"
    assert month_of("Jan 2021") == "2021-01"
    assert month_of("Total number of uses") is None


def test_template_table_any_order_words_nil_and_suppression():
    table = Table(
        [
            [
                "Summary of reasons",
                "Number of uses in June",
                "Regulation",
                "Total number of uses",
                "Number of uses in May",
            ],
            ["Shielding families", "four", "Regulation 28(1A)", "seven", "three"],
            ["", "nil", "Regulation 33", "0", "nil"],
            ["Placement shortage", "<5", "Regulation 23", "fewer than five", "0"],
            ["", "n/a", "Regulation 24", "n/a", "n/a"],
        ]
    )
    r = flexibilities.extract(TOPIC, [table])
    by = {f["code"]: f for f in r["flexibilities"]}
    remote = by["cppcr-visits-remote"]
    assert (remote["used"], remote["uses"], remote["by_month"]) == (
        True,
        7,
        {"2020-05": 3, "2020-06": 4},
    )
    assert remote["reason"] == "Shielding families"
    assert (by["cppcr-reviews-timescale"]["used"], by["cppcr-reviews-timescale"]["uses"]) == (
        False,
        0,
    )
    emergency = by["cppcr-emergency-placement-24-weeks"]
    assert (emergency["used"], emergency["uses"], emergency["suppressed"]) == (True, None, True)
    assert by["cppcr-temp-approval-any-person"]["used"] is False
    assert len(by) == 4  # nothing said about the other codes


def test_months_only_table_sums_the_total():
    text = TOPIC + "Flexibility | April | May | June\nVirtual visits | 2 | 10 | 5\n"
    f = next(f for f in flexibilities.extract(text)["flexibilities"])
    assert (f["code"], f["uses"], f["by_month"]) == (
        "cppcr-visits-remote",
        17,
        {"2020-04": 2, "2020-05": 10, "2020-06": 5},
    )


def test_request_example_row_with_placeholders_is_not_a_use():
    text = (
        TOPIC + "Please present the information as per the following table:\n\n"
        "Regulation\nDescription of flexibility\nTotal number of uses\nNumber of uses in May\n"
        "Number of uses in June\nSummary of reasons and local circumstances\n"
        "Care Planning, Placement and Case Review (England) Regulation 23\nAn emergency placement "
        "with an approved foster carer can now last 24 weeks, rather than 6 days\nXX\nXX\nXX\n"
        "E.g. Shortage of foster carers and inability to recruit more\n\n3. What information has "
        "been provided to Ofsted?"
    )
    r = flexibilities.extract(text)
    assert r["flexibilities"] == [] and r["ofsted_informed"] is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The council has not needed to use any of the flexibilities.", {"*": False}),
        ("No flexibilities have been used.", {"*": False}),
        ("We have not used any of the flexibilities other than virtual visits.", {"*": False, "cppcr-visits-remote": True}),
        ("The flexibilities have only been used in relation to virtual visits.", {"*": False, "cppcr-visits-remote": True}),
        ("Had we needed to use the flexibilities, the DCS would have approved it.", {"*": False}),
        ("Virtual visits were used where it was not possible to visit in person.", {"cppcr-visits-remote": True}),
        ("Where it was not safe to visit in person, virtual visits were used.", {"cppcr-visits-remote": True}),
        ("We considered using emergency placements beyond 6 days but decided against it.", {"cppcr-emergency-placement-24-weeks": False}),
        ("If required, visits may be carried out by video.", {}),
        ("Looked after reviews have remained within statutory timescales.", {"cppcr-reviews-timescale": False}),
    ],
)  # fmt: skip
def test_prose_rules(answer, expected):
    got = used(flexibilities.extract(TOPIC + answer))
    if expected.get("*") is False:
        rest = {c: v for c, v in got.items() if c not in expected}
        assert rest and set(rest.values()) == {False}
    named = {c: v for c, v in expected.items() if c != "*"}
    assert {c: got.get(c) for c in named} == named
    if not expected:
        assert not any(got.values())


def test_sign_off_ofsted_and_decision_level():
    text = TOPIC + (
        "Each decision is made on a case by case basis and signed off by the Director of "
        "Children's Services, with the Principal Social Worker consulted. The Improvement Board "
        "has been updated. We have not shared this information with Ofsted."
    )
    r = flexibilities.extract(text)
    assert r["sign_off"][:2] == ["Director of Children's Services", "Principal Social Worker"]
    assert r["ofsted_informed"] is False
    assert r["decision_level"] == "case_by_case"


def test_unrelated_documents_return_empty_quickly():
    import time

    text = "Dear Sir, your request about bin collections. We have not used any agency staff. " * 200
    start = time.perf_counter()
    for _ in range(200):
        assert flexibilities.extract(text)["flexibilities"] == []
    assert time.perf_counter() >= start  # speed is measured in bench/, not asserted here


def test_rows_keep_definite_answers_only():
    response = {
        "authority": {"name": "Coventry City Council", "code": "E08000026"},
        "date": "2020-08-03",
    }
    response.update(
        flexibilities.extract(TOPIC + "No flexibilities were used, except virtual visits.")
    )
    rows = flexibilities.rows("doc1", response)["flexibility_usage"]
    assert len(rows) == len(load().codes)
    row = next(r for r in rows if r["used"])
    assert row["code"] == "cppcr-visits-remote" and row["authority_code"] == "E08000026"
    assert row["response_date"] == "2020-08-03" and row["by_month"] == "{}"
