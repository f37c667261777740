"""Confidence per field and the needs_review flag: in the Response, the responses table and exports."""

from __future__ import annotations

from foicompare import export as exp
from foicompare import pipeline
from foicompare.parse import parse_response

ACK = (
    "Dear Ms Smith\n\nThank you for your request for information received on 3 May 2021. "
    "We aim to respond within 20 working days.\n\nYours sincerely\nFOI Team\n"
)
CUT = (
    "Our ref: FOI 1234\n3 May 2021\nDear Ms Smith\n\nThank you for your request about parking "
    "permits issued in 2020, which we received on 1 April 2021. We have considered your request "
    "under the Freedom of Information Act 2000 and our"
)


def test_every_field_has_a_confidence_between_0_and_1() -> None:
    r = parse_response(ACK)
    assert set(r["confidence"]) >= {"document_type", "outcome", "date", "reference", "act"}
    assert all(0.0 <= v <= 1.0 for v in r["confidence"].values())


def test_an_acknowledgement_has_no_outcome_and_needs_no_review_for_it() -> None:
    r = parse_response(ACK)
    assert (r["document_type"], r["outcome"]) == ("acknowledgement", None)
    assert "no decision visible in a response" not in r["review_reasons"]


def test_a_response_cut_before_its_decision_has_a_low_outcome_confidence() -> None:
    # the text shows no decision because it stops: null is the right value, so not a reason to
    # review on its own (most such documents are labelled null), but the outcome is uncertain
    r = parse_response(CUT)
    assert (r["document_type"], r["outcome"]) == ("response", None)
    assert r["confidence"]["outcome"] <= 0.5
    assert "no decision visible in a response" not in r["review_reasons"]


WHOLE = (
    "Our ref: FOI 1234\n3 May 2021\nDear Ms Smith\n\nThank you for your request about parking.\n"
    "Our response is that the matter is under consideration by the parking team.\n\n"
    "Yours sincerely\nFOI Team\n"
)


def test_a_whole_response_whose_decision_no_rule_reads_is_flagged() -> None:
    r = parse_response(WHOLE)
    assert (r["document_type"], r["outcome"]) == ("response", None)
    assert "no decision visible in a response" in r["review_reasons"] and r["needs_review"]


def test_an_internal_review_is_flagged() -> None:
    r = parse_response(
        "Dear Mr Jones\n\nI have completed an internal review of the handling of your request. "
        "I uphold the original decision to withhold the information under section 43.\n"
        "Yours sincerely\n"
    )
    assert r["document_type"] == "internal_review"
    assert r["needs_review"] is True


def test_pipeline_adds_the_authority_confidence_and_reason() -> None:
    r = pipeline.analyse(
        "Thank you for your request to the Council. We do not hold the information."
    )
    assert "authority" in r["confidence"]
    assert "authority not found" in r["review_reasons"] and r["needs_review"]


def test_a_body_outside_the_council_register_is_not_flagged_for_it() -> None:
    # the register holds councils; a police force's letter finds none by design
    r = pipeline.analyse(
        "Thank you for your request to the Constabulary. We do not hold the information."
    )
    assert "authority not found" not in r["review_reasons"]


def test_review_columns_are_described_in_the_data_dictionary() -> None:
    comments = exp.schema_comments()
    assert "uncertain" in comments[("responses", "needs_review")]
    assert comments[("responses", "confidence")].startswith('{"field"')
