"""The overall outcome (and the fields read with it) on letters written for these tests.

Each test is one general way UK FOI decisions are worded, in words of its own rather than
any corpus document's, so that a rule passing here is about FOI practice, not a template:
advice under section 16 is not disclosure, a refusal of part of a request is partial, a log
page may answer in a table of figures, a page that stops before its decision shows none.
"""

from __future__ import annotations

from foicompare.parse import parse_response
from foicompare.parse.act import find_act
from foicompare.parse.outcome import classify_answer, overall
from foicompare.parse.reference import bare_reference, find_reference
from foicompare.parse.when import received_date

# --- advice and assistance is not disclosure -------------------------------------------------

PRIVACY_REFUSAL_WITH_POINTERS = """12 October 2022

Dear Mr Osei

Thank you for your request about the number of adoptions that broke down in each ward.

We hold this information. However, the numbers in each ward are very low and releasing them
would be likely to identify the children concerned. The information is therefore exempt under
section 40(2) of the Freedom of Information Act 2000 and we are withholding it.

For your assistance, national adoption statistics are published by the Department for
Education at https://explore-education-statistics.service.gov.uk, which you may find useful.

If you are dissatisfied with this response you may ask for an internal review.

Yours sincerely
Information Governance Team
"""


def test_a_refusal_that_points_to_published_statistics_is_still_refused() -> None:
    r = parse_response(PRIVACY_REFUSAL_WITH_POINTERS)
    assert r["exemptions"] == ["40"]
    assert r["outcome"] == "refused"


SMALL_NUMBERS_FOLLOW_UP = """Dear Ms Adeyemi,

Thank you for your email asking why our reply gave no figures.

We do record these cases, but in a county of our size the number is often below five, and
publishing it would allow the families involved to be identified. That is why we are unable to
release the figures, which are exempt under section 40(2) of the Freedom of Information Act.

Kind regards,

Records Manager
"""


def test_a_refusal_that_describes_its_numbers_gives_none_of_them() -> None:
    assert parse_response(SMALL_NUMBERS_FOLLOW_UP)["outcome"] == "refused"


def test_a_question_the_requester_adds_after_a_numbered_item_is_not_an_answer() -> None:
    page = (
        "Request:\n\n1. How many foster carers were approved in 2019?\n"
        "I'd like the figure split by month if you have it.\n\n"
        "2. How many were deregistered?\n\n"
        "Response:\n\nWe have applied section 12 of the Freedom of Information Act: finding "
        "these figures would take longer than the 18 hours allowed.\n"
    )
    r = parse_response(page)
    assert [a["answer"] for a in r["answers"]] == [None, None]
    assert r["outcome"] == "refused"


# --- partial decisions -----------------------------------------------------------------------


def test_a_table_of_figures_with_gaps_is_a_partial_answer() -> None:
    page = (
        "Adoption breakdowns - disclosure log\n\n"
        "1. Please tell me how many adoptions broke down in each of the last four years.\n"
        "2. Please can you give the ages of the children concerned?\n\n"
        "Year Breakdowns Under 5 5 to 10 Over 10\n"
        "2019/20 14 not available 6 3\n"
        "2020/21 11 4 5 2\n"
        "2021/22 9 3 4 2\n"
        "2022/23 12 5 4 3\n\n"
        "Date of decision\n4 May 2023\n"
    )
    r = parse_response(page)
    assert r["document_type"] == "response"
    assert r["outcome"] == "partially_successful"


def test_not_held_for_early_years_with_later_years_listed_is_partial() -> None:
    page = (
        "Request\nAgency social worker spend for 2005/06 to 2022/23.\n"
        "Decision\nThe council does not hold figures before 2018/19. "
        "The information we do hold is set out below.\n"
        "Year Spend Notes\n2018/19 £1.2m Information not held by team\n2019/20 £1.4m\n"
    )
    assert parse_response(page)["outcome"] == "partially_successful"


def test_a_not_held_category_must_be_a_label_not_a_table_cell() -> None:
    decision = "Figures are listed below.\nYear Rate Vacancies\n2021 12% Information not held\n"
    assert overall(decision, [], relied_on=False, truncated=False) == "partially_successful"
    assert overall("Outcome: Information not held", [], relied_on=False, truncated=False) == (
        "not_held"
    )


def test_a_cost_refusal_of_one_part_only_is_partial() -> None:
    decision = (
        "The Council answered most questions but said that answering one part of the request "
        "would exceed the cost limit."
    )
    assert overall(decision, [], relied_on=True, truncated=False) == "partially_successful"


# --- no decision visible ---------------------------------------------------------------------


def test_declining_to_carry_out_a_review_is_not_a_refusal_of_information() -> None:
    decision = (
        "The Authority replied to the request, but later declined to carry out a review because "
        "it considered the requirement for review vexatious."
    )
    assert overall(decision, [], relied_on=False, truncated=False) is None


def test_another_body_being_unable_to_provide_is_not_this_bodys_refusal() -> None:
    email = """----- Original Message -----
From: foi@district.gov.uk
Sent: Tuesday, May 06, 2014 10:02 AM
Subject: RE: information request

Dear Mr Grant - as explained, reports we receive are forwarded to the county council's
children's services. You will need to ask the county council why they are unable to supply you
with their records.

Regards
"""
    assert parse_response(email)["outcome"] is None


ACK_PASSED_ON = """Dear Ms Lowe,

Thank you for your email, which will be forwarded to a service co-ordinator to provide a reply.
By law, the council may take up to twenty working days to provide you with information.

You can also make requests online at https://www.example.gov.uk/foi

Kind regards
Customer Contact Centre
"""


def test_an_acknowledgement_that_passes_the_request_on_is_not_a_response() -> None:
    r = parse_response(
        "Dear Borough Council,\nPlease provide your IT contracts.\nYours faithfully,\nJ Lowe\n\n"
        + ACK_PASSED_ON
    )
    assert r["document_type"] == "acknowledgement"
    assert r["outcome"] is None


def test_a_request_whose_questions_share_an_opening_has_no_answers() -> None:
    page = (
        "Dear Example County Council,\n"
        "Q1. The council's payroll is run by an outside contractor - how much was paid in 2019?\n"
        "Q2. The council's payroll is run by an outside contractor - who audits the service? "
        "If nobody, why not?\n"
        "Q3. Please send the contract and its schedules covering April 2019 to March 2021 incl"
    )
    r = parse_response(page)
    assert r["document_type"] == "request"
    assert r["outcome"] is None


def test_a_reply_to_several_requests_cut_off_after_the_first_shows_no_decision() -> None:
    letter = (
        "Dear Ms Ahmed\n"
        "Please find below our responses to each of the three requests you have made.\n"
        "1. Request of 2 March 2015 (agency staff)\n"
        "The Council is refusing this request under section 12 because it would exceed the "
        "appropriate limit.\n"
        "2. Request of 9 March 2015 (training)\n"
        "The training records show that"
    )
    assert parse_response(letter)["outcome"] is None


def test_numbered_nil_answers_that_end_the_page_are_complete() -> None:
    page = (
        "1. How many children were placed out of county?\n\n2. How many were placed abroad?\n\n"
        "Response 3 March 2016\n\n1. Nil\n\n2. None\n"
    )
    assert parse_response(page)["outcome"] == "successful"


# --- internal review on a log page -----------------------------------------------------------


def test_a_log_pages_review_result_is_the_authoritys_internal_review() -> None:
    page = (
        "Looked after children\n\nReceived: 3 March 2023\n\n"
        "1. How many children are looked after?\n2. How many are in foster care?\n\n"
        "Internal review requested on 4 April 2023\n\n"
        "* The answer to question 2 looks far too low.\n\n"
        "Review upheld. The figure given for question 2 was for in-house carers only; "
        "including agency carers there are actually 312 children in foster care.\n"
    )
    r = parse_response(page)
    assert r["document_type"] == "internal_review"
    assert r["outcome"] == "successful"


def test_answer_classification_still_reads_simple_answers() -> None:
    assert classify_answer("Nil") == "successful"
    assert classify_answer("We do not hold this information.") == "not_held"


# --- act, reference and received date ---------------------------------------------------------


def test_a_scottish_council_writing_only_foi_is_under_foisa() -> None:
    # another Scottish Act named in the text does not say which FOI Act applies
    text = (
        "Dear Mr Ross\nYour FOI request about duties under the Children (Scotland) Act 1995 is "
        "answered below.\nAberdeenshire Council"
    )
    assert find_act(text, scottish=True).act == "FOISA"
    r = parse_response(text, url="https://www.aberdeenshire.gov.uk/foi/response-123")
    assert r["act"] == "FOISA"


def test_a_reference_printed_alone_in_a_subject_line() -> None:
    assert find_reference("Subject: FOI 5521907\n\nDear Ms Hart").value == "FOI 5521907"


def test_a_reference_shaped_title_line_is_the_reference() -> None:
    page = "CF23114\n\nLooked after children placed out of area\n\nRequest\n1. How many?\n"
    assert find_reference(page) is None  # no label: only the last-resort reading finds it
    assert bare_reference(page).value == "CF23114"
    assert parse_response(page)["reference"] == "CF23114"


def test_a_received_date_without_a_year_takes_the_letters_year() -> None:
    letter = (
        "14 January 2019\n\nDear Mr Bell\n\nThank you for your request dated 28 December, which "
        "we have considered under the Freedom of Information Act 2000.\n"
    )
    assert parse_response(letter)["received"] == "2018-12-28"
    assert received_date("Your request of 3 May was received.") is None


# --- closing boilerplate, restated requests, follow-up questions ------------------------------

NOT_HELD_WITH_CLOSING = """Dear Mr Kaur

Freedom of Information Act 2000 - your request

You have requested the following information:
1. The number of emergency foster placements made under the 2020 regulations.
2. The reasons recorded for each.

The council does not hold this information: placements were recorded on each child's file
and no central record was kept.

Our responses are published in our disclosure log at https://www.example.gov.uk/foi-log.
If you are unhappy with this response you may ask for an internal review, and then complain to
the Information Commissioner at https://ico.org.uk.

Yours sincerely
Information Rights Officer
"""


def test_closing_links_and_a_restated_request_give_nothing() -> None:
    r = parse_response(NOT_HELD_WITH_CLOSING)
    assert r["outcome"] == "not_held"


def test_answers_headed_answer_to_question_n() -> None:
    page = (
        "Dear Requester\n\nYou asked:\n\n1. Which case management system do you use?\n\n"
        "2. How many audits were completed in 2021?\n\nResponse\n\n"
        "Answer to question 1:\n\nMosaic, supplied by Servelec.\n\n"
        "Answer to question 2:\n\n412 audits; placements where staff were unavailable are "
        "included.\n\nYours sincerely\nFOI Team\n"
    )
    r = parse_response(page)
    assert [(a["number"], a["outcome"]) for a in r["answers"]] == [
        ("1", "successful"),
        ("2", "successful"),
    ]
    assert r["outcome"] == "successful"


def test_follow_up_questions_on_the_same_line_are_part_of_the_question() -> None:
    letter = (
        "Dear Sir\n\nYou asked:\n\n1. Do you use external auditors? If so, which ones? "
        "If not, who audits?\n\n2. What did audits cost in 2021?\n\n"
        "Locating these records would take 60 hours, above the appropriate limit, so we are "
        "refusing your request under section 12 of the Freedom of Information Act 2000.\n"
    )
    r = parse_response(letter)
    assert [a["answer"] for a in r["answers"]] == [None, None]
    assert r["outcome"] == "refused"


def test_a_request_for_clarification_before_responding() -> None:
    letter = (
        "Dear Ms Ito\n\nThank you for your request. Before we can respond we need you to clarify "
        "which years you are interested in.\n\nUnder section 1(3) of the Freedom of Information "
        "Act 2000 we are not obliged to comply until we receive your clarification.\n\n"
        "Yours sincerely\nInformation Governance\n"
    )
    r = parse_response(letter)
    assert (r["document_type"], r["outcome"]) == ("clarification", None)


def test_a_review_that_withdraws_an_exemption_releases_the_information() -> None:
    letter = (
        "Dear Mr Dunn\n\nYou asked us to look again at our reply of 3 May 2022. I was not part of "
        "the first decision and have reviewed the handling of your request.\n\nThe report has "
        "since been published, so section 22 no longer applies. The information you asked for "
        "is provided below.\n\nYours sincerely\nHead of Legal Services\n"
    )
    r = parse_response(letter)
    assert r["document_type"] == "internal_review"
    assert r["exemptions"] == []
    assert r["outcome"] == "successful"


def test_received_date_in_a_relative_clause_after_a_long_subject() -> None:
    from foicompare.parse import parse_response

    letter = (
        "Dear Requester\n\nThank you for your request for information about the council's use of "
        "agency social workers in its children's services department, which we received on "
        "14 September 2021. We will respond within 20 working days.\n"
    )
    assert parse_response(letter)["received"] == "2021-09-14"


# --- session 3: kinds of wording found on the train and dev splits ---------------------------


def test_a_covering_note_pointing_to_an_attached_response_shows_no_decision() -> None:
    page = (
        "Dear Sir or Madam,\n\nPlease tell me how many gritting lorries the council owns.\n\n"
        "Yours faithfully,\nA Requester\n\nDear Ms Requester,\n\nThe reply to your request is "
        "attached.\n\nKind regards\nInformation Team\n"
    )
    r = parse_response(page)
    assert r["document_type"] == "response"
    assert r["outcome"] is None


def test_a_body_that_does_not_employ_the_staff_asked_about_holds_nothing() -> None:
    assert overall(
        "We do not employ any school crossing patrol staff; the service is provided by the "
        "county council.",
        [],
        relied_on=False,
        truncated=False,
    ) == ("not_held")


def test_a_request_redirected_to_another_body_is_not_held() -> None:
    assert (
        overall(
            "Highways are a function of the county council and your request should be sent to "
            "them at the address below.",
            [],
            relied_on=False,
            truncated=False,
        )
        == "not_held"
    )


def test_figures_in_a_cost_estimate_are_not_a_disclosure() -> None:
    text = (
        "The information is not held in a form that would allow it to be extracted within the "
        "appropriate limit. There are 4,200 case files which would need to be read, at ten "
        "minutes each."
    )
    assert overall(text, [], relied_on=False, truncated=False) == "refused"


def test_a_cost_refusal_that_hands_over_figures_anyway_is_partial() -> None:
    text = (
        "Complying with the whole request would exceed the appropriate limit under section 12. "
        "As a gesture of goodwill we have supplied the figures for 2022, which were already "
        "collated (see the attached spreadsheet)."
    )
    assert overall(text, [], relied_on=True, truncated=False, cost_only=True) == (
        "partially_successful"
    )
    context_only = (
        "Complying with the request would exceed the appropriate limit under section 12. "
        "There have been 1,203 journeys in total since the contract began."
    )
    assert overall(context_only, [], relied_on=True, truncated=False, cost_only=True) == "refused"


def test_answers_listed_by_letter_are_information_given() -> None:
    text = "Response\n\na) 14 days\n\nb) £32 per week\n\nc) None\n"
    assert overall(text, [], relied_on=False, truncated=False) == "successful"


def test_answers_given_per_period_beside_a_cost_refusal_make_it_partial() -> None:
    text = (
        "Compliance with question 1 would exceed the appropriate cost limit under section 12.\n"
        "For question 2 the figures are:\n"
        "1 April 2021 to 31 March 2022 - 312 claims, £12,400 paid\n"
        "1 April 2022 to 31 March 2023 - 290 claims, £9,870 paid\n"
    )
    assert overall(text, [], relied_on=False, truncated=False) == "partially_successful"


def test_a_page_ending_on_a_figure_is_whole_not_cut() -> None:
    page = (
        "Request\n\nHow many parks and play areas does the council maintain?\n\nResponse\n\n"
        "Parks maintained by the council - 41\nPlay areas maintained by the council - 17"
    )
    assert parse_response(page)["outcome"] == "successful"


def test_confirming_that_information_is_held_gives_none_of_it() -> None:
    text = (
        "I can confirm that the department holds information of this description. However, "
        "it is exempt under section 43(2) and is withheld."
    )
    assert overall(text, [], relied_on=True, truncated=False) == "refused"


def test_neither_confirm_nor_deny_beside_answers_is_partial() -> None:
    text = (
        "The number of firearms licences in force is 2,310. We neither confirm nor deny "
        "whether any are held by serving councillors."
    )
    assert overall(text, [], relied_on=False, truncated=False) == "partially_successful"


def test_a_log_page_answering_between_the_request_lines_is_a_response() -> None:
    page = (
        "Library visits\n\nI would like to request the number of visits to each library.\n"
        "Please give the figures by month.\n"
        "We are unable to provide the figures: they are exempt under section 21 because they are "
        "already published on our website.\nAttachment 1\n"
    )
    r = parse_response(page)
    assert (r["document_type"], r["outcome"]) == ("response", "refused")


def test_a_reply_cut_after_its_salutation_is_no_decision() -> None:
    thread = (
        "Dear Borough Council,\n\nPlease send me your pothole repair figures for 2023.\n\n"
        "Yours faithfully,\nA Requester\n\nFOI Team, Borough Council\n\nCase Reference: FOI 77\n\n"
        "Dear A Requester\n\nThank y"
    )
    r = parse_response(thread)
    assert (r["document_type"], r["outcome"]) == ("acknowledgement", None)


def test_an_acknowledgement_that_confirms_receipt_is_no_response() -> None:
    letter = (
        "Dear Mr Hale\n\nThank you for contacting the council. We confirm receipt of your "
        "request and will contact you in due course.\n\nFOI Team\n"
    )
    assert parse_response(letter)["document_type"] == "acknowledgement"
    dealing = (
        "Dear Mr Hale\n\nI can confirm that we are dealing with your request under the Freedom "
        "of Information Act 2000, and we aim to answer it within 20 working days.\n\nFOI Team\n"
    )
    assert parse_response(dealing)["document_type"] == "acknowledgement"


def test_a_named_attachment_is_a_decision_and_a_decision_to_disclose_survives_a_cut() -> None:
    page = (
        "Response:\n\nPlease see schedule B attached.\n\nYou are free to re-use this information.\n"
    )
    r = parse_response(page)
    assert (r["document_type"], r["outcome"]) == ("response", "successful")
    cut = (
        "Dear Ms Rowe\n\nThank you for your request about speed cameras.\n\nI have decided to "
        "release the information we hold, which is set out below.\n\n1. The county has 42 fixed "
        "cameras and 6 mobile units, of which"
    )
    assert parse_response(cut)["outcome"] == "successful"


def test_a_review_is_known_by_the_request_for_it_or_its_panel() -> None:
    for opening in (
        "I am replying to your email of 4 May in which you asked us to review our response to "
        "your request for information.",
        "I write further to your email seeking a review of the decision to refuse your request. "
        "The appeal panel met on 12 June.",
    ):
        letter = f"Dear Ms Khan\n\n{opening}\n\nThe information remains exempt under section 41.\n"
        assert parse_response(letter)["document_type"] == "internal_review", opening
    rights = (
        "Dear Ms Khan\n\nWe do not hold the information you asked for.\n\nIf you are unhappy "
        "you can ask us to review our response within 40 working days.\n"
    )
    assert parse_response(rights)["document_type"] == "response"
