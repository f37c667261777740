"""Field rules for wordings seen across real responses (issue 15), on texts written for these tests.

Each test states one kind of wording (a list of exemptions under an opening line, a "Requested"
field, a reference prefix, a page's publication date beside the letter's own date ...) in words
of its own, so the rules are checked as kinds, not as any one authority's template.
"""

from __future__ import annotations

import re

import pytest

from foicompare import linre
from foicompare.authorities.document import other_body_host, resolve_document
from foicompare.parse import parse_response
from foicompare.parse.act import find_act
from foicompare.parse.dates import find_dates
from foicompare.parse.exemptions import cost_limit_refusal, find_exemptions, provisions_cited
from foicompare.parse.reference import find_reference, other_reference, plausible
from foicompare.parse.when import labelled_date, received_date


def sections(text: str) -> list[str]:
    return [e.section for e in find_exemptions(text)]


# --- exemptions ---------------------------------------------------------------------------


def test_a_list_of_exemptions_under_an_opening_line() -> None:
    text = (
        "We can neither confirm nor deny that we hold the information, by virtue of the "
        "following exemptions:\n\nSection 23(5) Information from security bodies\n\n"
        "Section 24(2) National security\n\nSection 31(3) Law enforcement.\n"
    )
    assert sections(text) == ["23", "24", "31"]


def test_bare_section_numbers_in_a_bulleted_list() -> None:
    text = (
        "We are unable to provide some of the information because an exemption under sections;\n"
        "  • 30(b)(i) (free and frank provision of advice),\n"
        "  • 33(1)(b) (commercial interests) and\n"
        "  • 38(1)(b) (personal information)\n"
        "of FOISA applies to that information.\n"
    )
    assert sections(text) == ["30", "33", "38"]


def test_sections_with_their_headings_in_brackets() -> None:
    text = (
        "The board withheld the reports under sections 31(1)(a) (law enforcement), "
        "38(1)(b) (health and safety) and 40(2) (personal data) of FOIA."
    )
    assert sections(text) == ["31", "38", "40"]


def test_a_list_of_what_may_apply_is_not_reliance() -> None:
    text = "The following exemptions may apply:\nSection 40 Personal data\nSection 43 Commercial\n"
    assert sections(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The names are exempt under Sec 40 of the Act.", ["40"]),
        ("It is exempt from disclosure under FOISA s 25(1) as it is accessible.", ["25"]),
        ("The report is exempt under Regulation 12(5(b) of the EIR.", ["reg12(5)(b)"]),
        (
            "The council was entitled to refuse under section 12(4)(b) of the Environmental "
            "Information Regulations.",
            ["reg12(4)(b)"],
        ),
        (
            "The force refused to confirm whether it held the details in terms of section 18 "
            "of FOISA.",
            ["18"],
        ),
        ("The Commission must refer the matter under section 18 of the Act to the court.", []),
    ],
)
def test_forms_of_citation(text: str, want: list[str]) -> None:
    assert sections(text) == want


def test_a_cost_refusal_stated_as_a_fact_or_as_the_appropriate_level() -> None:
    stated = (
        "Some of the information was not provided because we determined that the cost would "
        "exceed the appropriate limit."
    )
    level = "Retrieving it exceeds the 'appropriate level' set by the Fees Regulations."
    unsure = "We will tell you if the cost may exceed the appropriate limit."
    assert cost_limit_refusal(stated).section == "12"
    assert cost_limit_refusal(level).section == "12"
    assert cost_limit_refusal(unsure) is None


def test_scottish_eir_exceptions_in_a_decisions_list_of_provisions() -> None:
    text = (
        "Relevant statutory provisions\n"
        "Freedom of Information (Scotland) Act 2002 (FOISA) sections 1(1) (General entitlement); "
        "39(2) (Health, safety and the environment); 47(1) (Application for decision)\n\n"
        "The Environmental Information (Scotland) Regulations 2004 (the EIRs) regulations 5(1) "
        "(Duty to make information available); 10(1), (2) and (5)(e) (Exceptions from duty); "
        "11(2) (Personal data)\n\nBackground\n"
    )
    assert [e.section for e in provisions_cited(text)] == ["reg10(5)(e)", "reg11(2)"]


def test_the_commissioners_own_appointment_is_no_exemption() -> None:
    text = (
        "The Commissioner has delegated to the staff the functions of the Commissioner under "
        "section 42(8) of FOISA, and applied them here."
    )
    assert sections(text) == []


def test_grounds_outside_any_authority_message_count_only_in_the_authoritys_voice() -> None:
    review = (
        "I am writing to ask for an internal review of how you handled my request.\n\n"
        "I have reviewed the response provided to your request. The original request was "
        "refused under Section 43 of the Freedom of Information Act 2000 because release would "
        "prejudice the council's commercial interests.\n"
    )
    asking = (
        "Dear Council,\n\nIf it is not possible to answer this request within the cost limit in "
        "Section 12, please answer the parts that can be answered.\n\nYours faithfully,\nA Reader\n"
    )
    assert parse_response(review)["exemptions"] == ["43"]
    assert parse_response(asking)["exemptions"] == []


# --- received and date --------------------------------------------------------------------


def test_requested_and_submitted_fields_give_the_received_date() -> None:
    page = "FOI request (FOIR-1234)\nRequested Tue 31 October 2023\nResponded Mon 11 December 2023"
    assert received_date(page).iso == "2023-10-31"
    assert received_date("Submitted: 2 March 2022").iso == "2022-03-02"


def test_a_request_date_field_is_not_the_response_date() -> None:
    page = "Disclosure record\n\nRequest Date\nMarch 23, 2018\nWaiting times\n\nThe trust holds ..."
    r = parse_response(page)
    assert r["date"] is None
    assert r["received"] == "2018-03-23"


def test_a_letters_own_date_beats_the_pages_publication_date() -> None:
    page = (
        "Road scheme: FOI release\n\nFirst published:\n23 March 2022\nLast updated:\n\nDetails\n\n"
        "21 March 2022\n\nDear requester\n\nThank you for your request. We hold the information "
        "and it is attached.\n\nYours sincerely\n"
    )
    assert parse_response(page)["date"] == "2022-03-21"


def test_a_response_field_beats_a_publication_field() -> None:
    page = "- Published\n- 11 June 2025\n- Date received\n- 6 March 2025\n- Date responded\n- 3 April 2025\n"
    assert labelled_date(page).iso == "2025-04-03"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        (
            "1. On 6 May 2019, the Applicant made a nine-part request for information to the Council.",
            "2019-05-06",
        ),
        (
            "1. The Applicant wrote to the Authority on 22 July 2024 asking for its budget.",
            "2024-07-22",
        ),
        ("Thank you for your request which we received 30, September 2016.", "2016-09-30"),
        (
            "I am writing in response to your Freedom of Information request on\n22.04.2021, the body",
            "2021-04-22",
        ),
    ],
)
def test_received_phrasings(text: str, iso: str) -> None:
    assert parse_response(text)["received"] == iso


def test_a_received_date_without_a_year_takes_the_year_of_the_reference() -> None:
    text = (
        "Our ref: 2019-0013853\n\nDear Mr Smith\n\nThank you for your request for information, "
        "which was received on 4 April. The information is not held by this department.\n"
    )
    assert parse_response(text)["received"] == "2019-04-04"


def test_dates_with_a_comma_or_a_raised_ordinal() -> None:
    assert [d.iso for d in find_dates("received 3^rd April 2017 and 30, September 2016")] == [
        "2017-04-03",
        "2016-09-30",
    ]


# --- reference ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Dr A Reader\nOur Ref: FOI DA4603\nDear Dr Reader,", "FOI DA4603"),
        ("Freedom of Information Request: 0329\nThe Trust holds", "0329"),
        (
            "I have reviewed the response to your FOI/EIR request 15/16-514. In doing so",
            "15/16-514",
        ),
        (
            "FOI/EIR 25/26-411-Council Tax Enforcement\n\nDetails of the request",
            "FOI/EIR 25/26-411",
        ),
        ("Freedom of Information Request Reference N o: FOI 001264-19\n\nI write", "FOI 001264-19"),
        ("OurRef: L/RT/e11544\n\nDear D Reader", "L/RT/e11544"),
    ],
)
def test_reference_formats(text: str, ref: str) -> None:
    assert find_reference(text).value == ref


def test_reference_only_prefixes_inside_a_line() -> None:
    assert (
        other_reference("Complaint in respect of ATISN 16046 – Waiting Lists").value
        == "ATISN 16046"
    )


def test_financial_years_and_label_words_are_not_references() -> None:
    assert not plausible("17/18")
    assert not plausible("Date 20")


# --- act ----------------------------------------------------------------------------------


def test_either_regime_named_in_general_is_not_this_requests() -> None:
    text = "Our response to a freedom of information (FOI) or environmental information regulations (EIR) request."
    assert find_act(text).act == "FOIA"
    assert find_act("handled under the Freedom of\nInformation Act 2000").act == "FOIA"


def test_exemptions_relied_on_show_the_act_when_none_is_named() -> None:
    text = "Dear Ms Reader\n\nWe therefore engage an exemption relying on Section 40(2): Personal Data.\n"
    assert parse_response(text)["act"] == "FOIA"


# --- authority ----------------------------------------------------------------------------


def test_a_document_on_a_police_nhs_or_government_site_is_not_a_councils() -> None:
    text = "Speed cameras near Leeds\n\nThe force holds the figures for Leeds below."
    assert resolve_document(text, url="https://www.westyorkshire.police.uk/foi/1")["code"] is None
    assert other_body_host("https://gov.wales/atisn1") == "gov.wales"
    assert other_body_host("https://www.leeds.gov.uk/foi") is None


def test_a_host_that_runs_a_councils_name_together() -> None:
    page = "Disclosure log entry\n\nThe council does not hold this information."
    found = resolve_document(page, url="https://eastherts.disclosure-log.co.uk/request?id=1")
    assert found["code"] == "E07000242"  # East Hertfordshire


def test_a_place_inside_another_bodys_name_is_no_council() -> None:
    text = "NHS Greater Glasgow and Clyde holds the records; Greater Glasgow and Clyde Health Board replied."
    assert resolve_document(text)["code"] is None


# --- linre --------------------------------------------------------------------------------


def test_a_class_ending_in_a_hyphen_stays_literal_ignoring_case() -> None:
    assert linre.compile(r"[\w-]+", re.I).search("nine-part").group() == "nine-part"


def test_a_crown_dependencys_own_law_is_none_of_the_uk_acts() -> None:
    text = (
        "Response\nThe request is refused because finding the information would exceed the cost "
        "limit allowed under Article 16 of the Freedom of Information (Guernsey) Law and its "
        "regulations.\n"
    )
    r = parse_response(text)
    assert (r["act"], r["exemptions"]) == (None, [])


def test_a_labelled_reference_runs_on_in_two_digit_groups_to_the_line_end() -> None:
    assert (
        find_reference("Reference: ABC1234567 04 11\nResponse: 2 May 2026").value
        == "ABC1234567 04 11"
    )
    assert find_reference("Our ref: FOI 1234 in 2 parts\n").value == "FOI 1234"


def test_a_review_requests_date_is_not_the_requests() -> None:
    text = (
        "Dear Mr Reader\n\nI write further to your email of 10th May 2016 in which you asked for a "
        "review of our decision on your request for information made on 20th April 2016.\n"
    )
    assert received_date(text).iso == "2016-04-20"


def test_a_named_requester_with_a_bracketed_note_made_the_request() -> None:
    text = "Background\n\n1. On 19 January 2017, Mr Jones (of a newspaper) made a request for information."
    assert parse_response(text)["received"] == "2017-01-19"
