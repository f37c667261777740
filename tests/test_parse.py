"""The FOI response parser on letters written for these tests, one behaviour each.

The letters vary wording, layout and regime on purpose, so that the rules are about how FOI
letters are written rather than about any one council's template.
"""

from __future__ import annotations

import pytest

from foicompare.parse import PARSER_VERSION, TABLES, parse_response, rows
from foicompare.parse.cost import find_cost_hours
from foicompare.parse.dates import find_dates
from foicompare.parse.exemptions import find_exemptions

COST_REFUSAL = """Our ref: FOI/2023/0412
14 March 2023

Dear Ms Patel

Freedom of Information Act 2000 – request for information

Thank you for your request received on 20 February 2023.

We estimate that locating and extracting this information would take approximately 140 hours
of officer time, as each of 700 case files would need to be read. This is above the appropriate
limit of 18 hours. We are therefore refusing your request under section 12(1) of the Act.

Under section 16 we are happy to advise and assist you to narrow your request.
If you are unhappy you may ask for an internal review, and then complain to the Information
Commissioner under section 50.

Yours sincerely
Information Governance
"""

PARTIAL_SCOTLAND = """Reference: 101004455667
Date: 2 June 2022

Dear Mr Brown

Your request under the Freedom of Information (Scotland) Act 2002

Q1 How many children were looked after on 31 March 2022?
Response: 214

Q2 How many of them were placed outside the council area?
Response: Fewer than 5. This figure is exempt under section 38(1)(b) of FOISA, as it could
identify individuals.

Q3 What did the council spend on external residential placements?
Response: The council does not hold this information in a recorded form.

Yours sincerely
"""

EIR_LETTER = """Date: 5 January 2024
Your request has been handled under the Environmental Information Regulations 2004.
We are withholding the draft report under regulation 12(4)(d) (material in the course of
completion). We have considered the public interest test and concluded that the public
interest in maintaining the exception outweighs that in disclosure.
Yours sincerely
"""


def test_cost_limit_refusal_gives_reference_dates_exemption_and_hours() -> None:
    r = parse_response(COST_REFUSAL)
    assert r["reference"] == "FOI/2023/0412"
    assert r["date"] == "2023-03-14"
    assert r["received"] == "2023-02-20"
    assert r["document_type"] == "response"
    assert r["outcome"] == "refused"
    assert r["act"] == "FOIA"
    assert r["exemptions"] == ["12"]  # s16 advice and s50 rights are boilerplate
    assert r["cost_hours"] == 140  # 18 is the limit, not an estimate
    assert r["parser_version"] == PARSER_VERSION


def test_every_value_keeps_its_evidence_span() -> None:
    r = parse_response(COST_REFUSAL)
    for field, value in (("reference", "FOI/2023/0412"), ("date", "14 March 2023")):
        a, b = r["evidence"][field]
        assert COST_REFUSAL[a:b] == value
    a, b = r["evidence"]["cost_hours"]
    assert "140 hours" in COST_REFUSAL[a:b]


def test_scottish_partial_answer_by_answer() -> None:
    r = parse_response(PARTIAL_SCOTLAND)
    assert r["act"] == "FOISA"
    assert r["reference"] == "101004455667"
    assert r["date"] == "2022-06-02"
    assert r["exemptions"] == ["38"]
    assert r["outcome"] == "partially_successful"
    assert [(a["number"], a["outcome"]) for a in r["answers"]] == [
        ("1", "successful"),
        ("2", "refused"),
        ("3", "not_held"),
    ]
    assert r["answers"][0]["answer"] == "214"
    assert r["answers"][0]["question"].startswith("How many children were looked after")


def test_eir_exception_and_public_interest_test() -> None:
    r = parse_response(EIR_LETTER)
    assert r["act"] == "EIR"
    assert r["exemptions"] == ["reg12(4)(d)"]
    assert r["public_interest_test"] is True
    assert r["outcome"] == "refused"


def test_not_held_letter() -> None:
    text = (
        "12/09/2021\nDear Dr Khan\nThank you for your FOI request. Having searched our records, the "
        "Council does not hold the information you requested, as the service is run by the county "
        "council.\nKind regards"
    )
    r = parse_response(text)
    assert (r["date"], r["outcome"], r["exemptions"]) == ("2021-09-12", "not_held", [])


def test_successful_letter_with_parenthesised_questions() -> None:
    text = (
        "Dear Mr Jones\nThank you for your request. Please find our response below.\n"
        "(1) How many foster carers did you approve in 2022?\n31\n"
        "(2) How many were kinship carers?\n9\nYours sincerely\n"
    )
    r = parse_response(text)
    assert r["outcome"] == "successful"
    assert [(a["number"], a["answer"]) for a in r["answers"]] == [("1", "31"), ("2", "9")]


def test_acknowledgement_is_not_a_decision() -> None:
    text = (
        "Dear Ms Lee\nYOUR REQUEST REF NO. 55120 UNDER THE FREEDOM OF INFORMATION ACT 2000\n"
        "Thank you for your request for information received on the 3 May 2019. We will respond "
        "within 20 working days. The Act defines a number of exemptions which may prevent release.\n"
        "Regards"
    )
    r = parse_response(text)
    assert r["document_type"] == "acknowledgement"
    assert r["outcome"] is None
    assert r["reference"] == "55120"
    assert r["received"] == "2019-05-03"
    assert r["exemptions"] == []


def test_internal_review_upholding_refusal() -> None:
    text = (
        "Our Ref: IR/2020/15\n1 October 2020\nDear Mr Smith\nInternal review of your request\n"
        "I have now completed the internal review of the handling of your request. I uphold the "
        "original decision that the information is exempt under section 43(2) of the Freedom of "
        "Information Act 2000, as disclosure would prejudice commercial interests.\nYours sincerely"
    )
    r = parse_response(text)
    assert r["document_type"] == "internal_review"
    assert r["exemptions"] == ["43"]
    assert r["outcome"] == "refused"


def test_whatdotheyknow_thread_the_decisive_message_wins() -> None:
    text = (
        "Children in need figures\n\nA. Person made this Freedom of Information request to Exampleshire "
        "County Council\n\nThe request was refused by Exampleshire County Council.\n\n"
        "Dear Exampleshire County Council,\n\nPlease provide the number of children in need in 2019. "
        "My earlier request reference number FOI-1111 was not answered.\n\nYours faithfully,\n\nA. Person\n\n"
        "Dear A. Person\n\nThank you for your request. Your reference number is FOI-2222. We will respond "
        "within 20 working days.\n\nRegards\n\n"
        "Dear A. Person\n\nIn response to your request, there were 1,204 children in need in 2019.\n\n"
        "Yours sincerely\n"
    )
    r = parse_response(text)
    assert r["document_type"] == "response"
    assert r["outcome"] == "successful"  # the WDTK status line is the requester's view
    assert r["reference"] == "FOI-2222"  # not the requester's quoted earlier reference


def test_disclosure_log_page_pairs_questions_and_answers_by_number() -> None:
    text = (
        "Request\n1. How many social workers do you employ?\n2. How many are agency staff?\n"
        "Response\n1. 120\n2. 14\nReference number\nFOI 778899\nDate of decision\n04/05/23\n"
    )
    r = parse_response(text)
    assert r["reference"] == "FOI 778899"
    assert r["date"] == "2023-05-04"
    assert r["outcome"] == "successful"
    assert [(a["number"], a["question"], a["answer"]) for a in r["answers"]] == [
        ("1", "How many social workers do you employ?", "120"),
        ("2", "How many are agency staff?", "14"),
    ]


def test_request_only_page() -> None:
    text = "Dear Borsetshire Council,\n\nUnder the Freedom of Information Act, please tell me:\n1. How many?\n2. Where?\n\nYours faithfully,\n\nJ. Doe\n"
    r = parse_response(text)
    assert r["document_type"] == "request"
    assert r["outcome"] is None
    assert [a["answer"] for a in r["answers"]] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "sections"),
    [
        ("Personal data is exempt under s.40(2) of the FOIA.", ["40"]),
        ("We have applied sections 41 and 43(2) to the contract.", ["41", "43"]),
        (
            "In issuing our response the council have applied S21 of the Freedom of Information Act.",
            ["21"],
        ),
        ("This is a refusal notice under section 17 of the Act.", []),
        ("Under section 16 of the FOI Act we offer advice and assistance.", []),
        ("Referrals under section 47 of the Children Act 1989 were refused.", []),
        (
            "Juveniles detained under section 38 Police and Criminal Evidence Act were refused bail.",
            [],
        ),
        ("You may ask the Commissioner for a decision under section 50.", []),
    ],
)
def test_exemptions_relied_on_versus_quoted(sentence: str, sections: list[str]) -> None:
    assert [e.section for e in find_exemptions(sentence)] == sections


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("It has been estimated that this would take an officer approximately 902 hours.", 902),
        ("Compliance would take over 80 hours, which exceeds the cost limit.", 80),
        ("At 20 minutes per case for 322 cases, this would exceed the cost limit.", 107.33),
        (
            "We estimate that 1,250 files would each take 10 minutes each to review, over the cost limit.",
            208.33,
        ),
        ("The cost limit is 18 hours; this would take longer than 18 hours.", None),
    ],
)
def test_cost_hours(text: str, hours: float | None) -> None:
    found = find_cost_hours(text)
    assert (found.hours if found else None) == hours


def test_dates_read_day_first_and_in_words() -> None:
    assert [
        d.iso for d in find_dates("04/05/23, 27th March 2014, January 27, 2014, 23-02-2024")
    ] == [
        "2023-05-04",
        "2014-03-27",
        "2014-01-27",
        "2024-02-23",
    ]


def test_rows_fill_the_three_tables() -> None:
    r = parse_response(PARTIAL_SCOTLAND)
    r["authority"] = {"name": "Moray Council", "code": "S12000020", "confidence": 1.0, "flag": None}
    out = rows("doc1", r)
    assert set(out) == set(TABLES)
    assert out["responses"][0]["authority_code"] == "S12000020"
    assert out["responses"][0]["exemptions"] == ["38"]
    assert [(e["section"], e["act"]) for e in out["exemptions"]] == [("38", "FOISA")]
    assert [a["position"] for a in out["answers"]] == [0, 1, 2]


def test_empty_text_gives_an_empty_record() -> None:
    r = parse_response("")
    assert r["outcome"] is None and r["answers"] == [] and r["exemptions"] == []
