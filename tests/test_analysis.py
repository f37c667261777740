"""Comparisons across councils: outcomes, exemptions, cost estimates, timeliness, neighbours."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from tests.test_analysis_world import build

import foicompare
from foicompare.analysis import deadlines as tl

D = dt.date


@pytest.fixture(scope="module")
def ds():
    ds = build()
    yield ds
    ds.close()


def row(frame: pl.DataFrame, **match) -> dict:
    rows = frame.filter(**match).to_dicts()
    assert len(rows) == 1, f"{match}: {len(rows)} rows"
    return rows[0]


# --- outcomes ---------------------------------------------------------------------------


def test_a_letter_stored_twice_counts_once_and_keeps_both_documents(ds):
    cov = row(ds.outcomes(by="authority"), authority_code="E08000026", outcome="refused")
    assert cov["responses"] == 1
    assert cov["doc_ids"] == ["cov-eml", "cov-pdf"]
    assert cov["authority_name"] == "Coventry" and cov["region"] == "West Midlands"


def test_only_first_decisions_count_unless_reviews_are_asked_for(ds):
    per_council = ds.outcomes(by="authority").filter(authority_code="E08000026")
    assert per_council.select("outcome", "responses").to_dicts() == [
        {"outcome": "successful", "responses": 1},
        {"outcome": "refused", "responses": 1},
    ]
    reviews = ds.outcomes(by=None, document_type="internal_review")
    assert reviews.select("outcome", "responses", "doc_ids").to_dicts() == [
        {"outcome": "partially_successful", "responses": 1, "doc_ids": ["cov-review"]}
    ]


def test_outcomes_by_region_wide_counts_every_decision_once(ds):
    wide = ds.outcomes(by="region", wide=True)
    assert wide.filter(region="West Midlands").select("successful", "refused", "total").row(0) == (
        1,
        1,
        2,
    )
    # Northamptonshire's pre-2021 code still finds its region; the unresolved letter is kept
    assert row(wide, region="East Midlands")["total"] == 2  # Derby + Northamptonshire
    assert row(wide, region="unknown")["unclassified"] == 1
    assert wide["total"].sum() == 7


def test_outcomes_by_ofsted_use_the_judgement_in_force_when_the_council_answered(ds):
    by = ds.outcomes(by="ofsted")
    assert row(by, ofsted="requires improvement")["doc_ids"] == ["sth-1"]
    # Coventry's 2023 answer falls under its August 2022 "good"; its 2020 one had none on record
    assert row(by, ofsted="good", outcome="successful")["doc_ids"] == ["cov-2023"]
    assert "cov-pdf" in row(by, ofsted="no judgement on record", outcome="refused")["doc_ids"]


def test_shares_add_up_to_one_within_each_group(ds):
    by = ds.outcomes(by="nation")
    sums = by.group_by("nation").agg(pl.col("share").sum()).sort("nation")
    assert sums["share"].round(9).to_list() == [1.0, 1.0, 1.0]


def test_an_unknown_grouping_is_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match="'region'"):
        foicompare.open(":memory:").outcomes(by="colour")


# --- exemptions and cost estimates ------------------------------------------------------------


def test_exemption_frequency_counts_decisions_not_documents(ds):
    ex = ds.exemptions()
    s12 = row(ex, section="12")
    assert (s12["responses"], s12["authorities"], s12["label"]) == (2, 2, "s12 cost limit")
    assert s12["doc_ids"] == ["abd-1", "cov-eml", "cov-pdf"]
    # share of decisions that withheld something (3: Coventry, Southampton, Aberdeenshire)
    assert s12["share"] == pytest.approx(2 / 3)
    assert ex["section"].to_list() == ["12", "40"]


def test_exemptions_per_authority_join_to_the_register(ds):
    per = ds.exemptions(by="authority")
    assert row(per, authority_code="E06000045")["section"] == "40"


def test_cost_estimates_are_compared_with_the_18_hour_limit_except_in_scotland(ds):
    est = ds.cost_hours()
    assert est.select("authority_code", "cost_hours", "over_limit_ratio").to_dicts() == [
        {"authority_code": "E08000026", "cost_hours": 902.0, "over_limit_ratio": 902 / 18},
        {"authority_code": "S12000034", "cost_hours": 40.0, "over_limit_ratio": None},
    ]


# --- timeliness -----------------------------------------------------------------------------


def test_working_days_skip_weekends_and_uk_bank_holidays():
    # Fri 1 May 2020 -> Mon 1 June: VE Day (8 May) and the spring bank holiday skipped
    assert tl.working_days(D(2020, 5, 1), D(2020, 6, 1), act="FOIA", nation="England") == 19


def test_foia_stops_the_clock_on_a_bank_holiday_anywhere_in_the_uk():
    # St Patrick's Day 2021 (Wed) is a Northern Irish bank holiday: not a FOIA working day
    # for an English council, but a FOISA working day for a Scottish one
    eng = tl.working_days(D(2021, 3, 15), D(2021, 3, 19), act="FOIA", nation="England")
    sco = tl.working_days(D(2021, 3, 15), D(2021, 3, 19), act="FOISA", nation="Scotland")
    assert (eng, sco) == (3, 4)
    # 2 January is a bank holiday only in Scotland, yet it stops an English council's clock:
    # from Wed 20 Dec 2023 the 20th FOIA working day is 23 (not 22) January
    assert tl.due_date(D(2023, 12, 20), 20, scotland=False) == D(2024, 1, 23)
    # Easter Monday is not a Scottish bank holiday, so FOISA's clock runs through it
    assert tl.due_date(D(2024, 3, 28), 20, scotland=False) == D(2024, 4, 29)
    assert tl.due_date(D(2024, 3, 28), 20, scotland=True) == D(2024, 4, 26)


def test_scotland_60_day_limit_applies_to_responses_issued_7_april_to_26_may_2020():
    assert tl.rule(D(2020, 4, 6), act="FOISA", nation="Scotland").limit == 20
    assert tl.rule(D(2020, 4, 7), act="FOISA", nation="Scotland").limit == 60
    assert tl.rule(D(2020, 5, 26), act="FOISA", nation="Scotland").limit == 60
    assert tl.rule(D(2020, 5, 27), act="FOISA", nation="Scotland").limit == 20
    # never for environmental information, and never in England
    assert tl.rule(D(2020, 5, 1), act="EIR", nation="Scotland").limit == 20
    assert tl.rule(D(2020, 5, 1), act="FOIA", nation="England").limit == 20


def test_a_request_received_at_the_weekend_starts_the_next_working_day():
    assert tl.effective_receipt(D(2024, 3, 30), scotland=False) == D(2024, 4, 2)
    assert tl.working_days(D(2024, 3, 30), D(2024, 4, 2)) == 0


def test_timeliness_per_case(ds):
    cases = ds.timeliness(as_of=D(2024, 1, 1))
    # 1 July -> 3 August 2020: 23 weekdays, less 13 July (the Twelfth, observed, in Northern
    # Ireland) and 3 August itself (Scotland's summer bank holiday)
    cov = row(cases, case="REQ1")
    assert (cov["working_days"], cov["limit_days"], cov["due"], cov["late"]) == (
        21,
        20,
        D(2020, 7, 30),
        True,
    )
    abd = row(cases, case="ABD-5")
    assert (abd["working_days"], abd["limit_days"], abd["late"]) == (33, 60, False)
    assert "Coronavirus (Scotland) Act 2020" in abd["limit_basis"]
    # letters without a received date cannot be timed
    assert "N1" not in cases["case"].to_list()


def test_timeliness_summary_by_authority(ds):
    per = ds.timeliness(by="authority", as_of=D(2024, 1, 1))
    # the 2023 request: 1 -> 20 March, St Patrick's Day (Fri 17th) not counted: 12 days
    cov = row(per, authority_code="E08000026")
    assert (cov["cases"], cov["late"], cov["median_working_days"]) == (2, 1, (21 + 12) / 2)
    assert cov["doc_ids"] == ["cov-2023", "cov-eml", "cov-pdf"]


def test_open_wdtk_requests_become_late_once_past_their_due_date():
    ds = foicompare.open(":memory:")
    ds.con.execute(
        "INSERT INTO requests (request_id, source, created_at, authority_code, law_used) VALUES"
        " ('wdtk:a', 'whatdotheyknow', '2020-06-01 10:00', 'E08000026', 'foi'),"
        " ('wdtk:b', 'whatdotheyknow', '2020-06-01 10:00', 'E08000026', 'foi')"
    )
    ds.con.execute(
        "INSERT INTO request_messages (request_id, message_key, direction, kind, sent_at)"
        " VALUES ('wdtk:a', 'incoming:1', 'incoming', 'response', '2020-06-19 16:00')"
    )
    cases = ds.timeliness(as_of=D(2020, 6, 29))
    assert cases.select("case", "open", "working_days", "late").to_dicts() == [
        {"case": "wdtk:a", "open": False, "working_days": 14, "late": False},
        {"case": "wdtk:b", "open": True, "working_days": 20, "late": False},
    ]
    assert ds.timeliness(as_of=D(2020, 6, 30)).filter(case="wdtk:b")["late"].to_list() == [True]


# --- comparing with neighbours ------------------------------------------------------------------


def test_compare_puts_the_council_first_then_its_ranked_neighbours(ds):
    cmp = ds.compare("Coventry", on="outcomes")
    assert cmp["la_code"].unique(maintain_order=True).to_list()[:3] == ["COV", "DER", "STH"]
    assert row(cmp, la_code="DER")["outcome"] == "successful"
    # a neighbour without any letters is still listed, with nulls
    assert row(cmp, la_code="PTE")["responses"] is None


def test_compare_accepts_any_code_and_other_comparators(ds):
    by_gss = ds.compare("E08000026", on="timeliness")
    assert by_gss.filter(role="council")["cases"].to_list() == [2]
    listed = ds.compare("COV", ["Aberdeenshire"], on="exemptions")
    assert listed.filter(la_code="ABD")["section"].to_list() == ["12"]


def test_compare_explains_councils_without_neighbours(ds):
    with pytest.raises(ValueError, match="no statistical neighbours"):
        ds.compare("Aberdeenshire")
    with pytest.raises(ValueError, match="no authority"):
        ds.compare("Atlantis")


def test_an_empty_dataset_gives_empty_frames_with_their_columns():
    ds = foicompare.open(":memory:")
    assert ds.outcomes(by="region").columns == [
        "region", "outcome", "responses", "share", "authorities", "doc_ids",
    ]  # fmt: skip
    assert ds.exemptions().height == 0
    assert ds.timeliness(by="authority").height == 0
