"""A labelled set of flexibility answers written in many councils' styles, scored per
(document, code) like the hidden evaluation: ``scripts/flex_accuracy.py`` prints the same score
for these cases and for the corpus documents that carry flexibility labels.

Labels follow ../shared/corpus/LABELS.md: ``{"*": False}`` is a blanket "none used" (every
code not used); other keys are codes with ``used``. An empty label means no usage is stated
(e.g. only the request is visible), so nothing may be marked used.
"""

from __future__ import annotations

from typing import Any

from foicompare.topics.flexibilities import extract
from foicompare.topics.vocabulary import load

REQUEST = (
    "1. Please could you a) provide a statement of the overarching approach that you have taken to "
    "utilising the legislative flexibilities provided by The Adoption and Children (Coronavirus) "
    "(Amendment) Regulations 2020 and b) confirm who signed this off?\n\n"
    "2. Please confirm how many of each specific flexibility has been utilised in total and in each "
    "month since the regulations came into force, and summarise the reasons?\n\n"
    "In your answer, please present the information as per the following table:\n\n"
    "Regulation\tDescription of flexibility\tTotal number of uses\tNumber of uses in May\t"
    "Number of uses in June\tSummary of reasons and local circumstances\n"
    "Care Planning, Placement and Case Review (England) Regulation 23\tAn emergency placement with "
    "an approved foster carer can now last 24 weeks, rather than 6 days\tXX\tXX\tXX\tE.g. Shortage "
    "of foster carers and inability to recruit more\n\n"
    "3. What information relating to your use of the legislative flexibilities has been a) "
    "requested by or b) provided to Ofsted?\n\n"
)

CASES: list[dict[str, Any]] = [
    {
        "id": "blanket-not-needed",
        "text": REQUEST + "Response\n\nThe Council has not needed to use any of the flexibilities "
        "introduced by the regulations. Decisions would have been taken by the Director of "
        "Children's Services. Ofsted has not requested any information.",
        "labels": {"*": False},
    },
    {
        "id": "blanket-none-utilised-statutory",
        "text": "Re: Adoption and Children (Coronavirus) (Amendment) Regulations 2020\n\n"
        "None of the temporary flexibilities have been utilised by Anyshire County Council. All "
        "statutory visits, reviews and fostering panels have continued in line with the statutory "
        "requirements throughout the pandemic.",
        "labels": {"*": False},
    },
    {
        "id": "only-virtual-visits",
        "text": REQUEST
        + "Our response: We have only used the flexibility relating to virtual visits "
        "(Regulation 28(1A) of the Care Planning Regulations), where families were shielding or "
        "self-isolating. This approach was agreed by the Senior Leadership Team.",
        "labels": {"*": False, "cppcr-visits-remote": True},
    },
    {
        "id": "none-except-medicals",
        "text": "FOI 2020/1187 - coronavirus flexibilities\n\nAnswer: Nil, with the exception of "
        "medical reports for prospective adopters, which were obtained at stage two of the "
        "assessment because GP surgeries were not offering appointments.",
        "labels": {"*": False, "aar-stage1-medical-deferred": True},
    },
    {
        "id": "pipe-table-counts",
        "text": "Response to FOI on the Adoption and Children (Coronavirus) (Amendment) Regulations 2020\n\n"
        "| Regulation | Description of flexibility | Total number of uses | Number of uses in May | "
        "Number of uses in June | Summary of reasons |\n|---|---|---|---|---|---|\n"
        "| Care Planning Regulation 28(1A) | Statutory visits by video | twelve | five | seven | "
        "Households self-isolating |\n"
        "| Regulation 24 | Temporary approval of connected persons for 24 weeks | 0 | 0 | 0 | n/a |\n"
        "| Regulation 33 | Looked after reviews timescales | nil | nil | nil | |\n"
        "| Regulation 23 | Emergency placements beyond 6 days | <5 | <5 | 0 | Sufficiency |\n",
        "labels": {
            "cppcr-visits-remote": True,
            "cppcr-temp-approval-24-weeks": False,
            "cppcr-reviews-timescale": False,
            "cppcr-emergency-placement-24-weeks": True,
        },
    },
    {
        "id": "tab-table-reordered",
        "text": "Adoption and Children (Coronavirus) (Amendment) Regulations 2020 - usage\n\n"
        "Reasons\tUses (total)\tFlexibility\tApril\tMay\tJune\tJuly\n"
        "Staff shielding\t3\tFostering panel quorum reduced\t0\t1\t2\t0\n"
        "\tNone\tAdoption panel not convened\t0\t0\t0\t0\n"
        "Families isolating\tNot recorded\tVirtual visits\t\t\t\t\n",
        "labels": {
            "fs-panel-quorum-reduced": True,
            "aar-panel-constitution-optional": False,
        },
    },
    {
        "id": "request-echo-only",
        "text": "Freedom of Information Request\n\nThe Adoption and Children (Coronavirus) "
        "(Amendment) Regulations 2020\n\nReceived: 3 July 2020\n\n" + REQUEST,
        "labels": {},
    },
    {
        "id": "counterfactual-signoff",
        "text": REQUEST
        + "The Local Authority has not deviated from the statutory framework. Had we "
        "needed to use the flexibilities, any decision would have been signed off by the DCS "
        "and reported to the Lead Member.",
        "labels": {"*": False},
    },
    {
        "id": "hypothetical-reg44",
        "text": "Coronavirus regulations - children's homes\n\nIf we need to use the regulation 44 "
        "flexibilities in future we will inform Ofsted. To date, independent visitors have "
        "continued to visit our children's homes monthly, although some regulation 44 interviews "
        "were carried out by video call.",
        "labels": {
            "ch-independent-visits-monthly": False,
            "ch-independent-visit-interviews-remote": True,
        },
    },
    {
        "id": "considered-decided-against",
        "text": "Your request about the coronavirus flexibilities\n\nThe fostering service considered "
        "approving foster carers without a fostering panel but decided against this. Medical "
        "reports for foster carers have been deferred to stage two in 4 cases due to GP "
        "availability.",
        "labels": {"fs-approval-without-panel": False, "fs-assessment-medical-deferred": True},
    },
    {
        "id": "used-list-prose",
        "text": REQUEST + "In answer to question 2, we have used the following flexibilities: "
        "virtual visits (Regulation 28(1A)) and the extension of temporary approval of connected "
        "persons to 24 weeks (Regulation 24). Looked after reviews have remained within statutory "
        "timescales.",
        "labels": {
            "cppcr-visits-remote": True,
            "cppcr-temp-approval-24-weeks": True,
            "cppcr-reviews-timescale": False,
        },
    },
    {
        "id": "na-after-question",
        "text": REQUEST.split("In your answer")[0] + "N/A\n\n3. Not applicable.",
        "labels": {"*": False},
    },
    {
        "id": "no2-regs",
        "text": "Adoption and Children (Coronavirus) (Amendment) (No. 2) Regulations 2020\n\nSince 25 "
        "September 2020 the council has used the re-made flexibility for social worker visits to be "
        "carried out by video where a household was self-isolating. Medical information for "
        "prospective adopters has not been deferred.",
        "labels": {"cppcr-visits-remote": True, "aar-stage1-medical-deferred": False},
    },
    {
        "id": "not-about-regs",
        "text": "Freedom of Information request: flexible working.\n\nWe have not used any flexible "
        "working policies in waste services. Our bin collections are weekly.",
        "labels": {},
    },
    {
        "id": "mixed-negation",
        "text": "Response regarding the coronavirus amendment regulations:\n\nNo children have been "
        "placed in emergency placements beyond 6 days. Some statutory visits were undertaken "
        "virtually where it was not safe to visit in person. Private fostering visits continued "
        "to take place in person.",
        "labels": {"cppcr-emergency-placement-24-weeks": False, "cppcr-visits-remote": True},
    },
    {
        "id": "short-answer-none-except-prose",
        "text": REQUEST + "Answer: None, except virtual visits, which have been used in a small "
        "number of cases.",
        "labels": {"*": False, "cppcr-visits-remote": True},
    },
]


def expand(labels: dict[str, bool]) -> dict[str, bool]:
    """Labels per code: ``"*"`` spreads to every code of the vocabulary, explicit codes win."""
    out: dict[str, bool] = {}
    if labels.get("*") is False:
        out = dict.fromkeys(load().codes, False)
    out.update({k: v for k, v in labels.items() if k != "*"})
    return out


def score(text: str, labels: dict[str, bool]) -> tuple[int, int, int]:
    """``(correct, total, false_used)`` for one document, per (document, code).

    With no labels the document is one item: right when nothing is marked used.
    """
    predicted = {f["code"]: f["used"] for f in extract(text)["flexibilities"]}
    expected = expand(labels)
    if not expected:
        false_used = sum(1 for v in predicted.values() if v)
        return (int(false_used == 0), 1, false_used)
    correct = sum(1 for code, v in expected.items() if predicted.get(code) is v)
    false_used = sum(1 for code, v in predicted.items() if v and expected.get(code) is not True)
    return correct, len(expected), false_used


def test_every_case_label_uses_known_codes():
    codes = set(load().codes)
    for case in CASES:
        assert set(case["labels"]) - {"*"} <= codes, case["id"]


def test_case_set_accuracy_per_document_and_code():
    correct = total = false_used = 0
    failures = []
    for case in CASES:
        c, t, f = score(case["text"], case["labels"])
        correct, total, false_used = correct + c, total + t, false_used + f
        if c != t or f:
            failures.append(case["id"])
    assert total > 0
    assert correct / total >= 0.97, failures
    assert false_used == 0, failures


def test_request_echo_never_marks_a_use():
    for case in CASES:
        if case["id"] in ("request-echo-only", "not-about-regs"):
            assert not any(f["used"] for f in extract(case["text"])["flexibilities"])


#: Written after the rules above were tuned and scored once, untouched, to estimate accuracy on
#: unseen wording (see docs/notes/flexibilities.md for the figure at the time).
HELD_OUT: list[dict[str, Any]] = [
    {
        "id": "ho-dcs-letter",
        "text": "Dear Requester\n\nRE: FOI 4471 - Adoption and Children (Coronavirus) (Amendment) "
        "Regulations 2020\n\nThe Director of Children's Services agreed on 28 April 2020 that the "
        "authority would not make use of the amended regulations. All children in care have "
        "continued to receive face to face visits, and no changes have been made to panel "
        "arrangements. Our Ofsted link inspector was informed of this decision.",
        "labels": {"*": False},
    },
    {
        "id": "ho-html-style-table",
        "text": "Coronavirus flexibilities - response\n\nFlexibility | Used (Y/N) | Number of "
        "occasions | Comments\nVirtual visits to looked after children | Y | 86 | Used where the "
        "household was symptomatic\nFostering panels not convened | N | 0 | Panels held on Teams"
        "\nReg 44 independent visits by video | Y | Not recorded | Children's homes in lockdown"
        "\nOfsted inspection frequency | N/A | | Ofsted matter\n",
        "labels": {
            "cppcr-visits-remote": True,
            "fs-panel-constitution-optional": False,
            "ch-independent-visit-interviews-remote": True,
        },
    },
    {
        "id": "ho-suppressed",
        "text": "The Adoption and Children (Coronavirus) (Amendment) Regulations 2020\n\n"
        "Regulation 24 (temporary approval of connected persons for up to 24 weeks): fewer than "
        "five uses. The exact number is withheld under section 40(2) to protect the children "
        "concerned. No other flexibilities have been used.",
        "labels": {"*": False, "cppcr-temp-approval-24-weeks": True},
    },
    {
        "id": "ho-wdtk-request",
        "text": "Dear Anytown Council,\n\nI would like to know whether you have used any of the "
        "flexibilities in the Adoption and Children (Coronavirus) (Amendment) Regulations 2020, "
        "for example virtual visits under regulation 28(1A) or emergency placements under "
        "regulation 23.\n\nPlease provide the number of uses per month.\n\nYours faithfully,\n\nA Person",
        "labels": {},
    },
    {
        "id": "ho-we-did-not",
        "text": "Our reference: FOI-2020-332. Coronavirus amendment regulations.\n\n1. We did not "
        "adopt an authority-wide approach. Each case was considered individually by a Head of "
        "Service.\n2. The only flexibility used was the deferral of medical reports for foster "
        "carer applicants (Fostering Services Regulations 2011, regulation 26), used twice in June "
        "2020.\n3. No information has been requested by Ofsted.",
        "labels": {"*": False, "fs-assessment-medical-deferred": True},
    },
    {
        "id": "ho-short-breaks",
        "text": "Response: The Council used the relaxation allowing disabled children's short breaks "
        "to exceed 17 days in a single stay for three families whose parents were hospitalised. "
        "Visits to children on short breaks were not carried out remotely.",
        "labels": {
            "cppcr-short-breaks-modifications": True,
            "cppcr-short-breaks-visits-remote": False,
        },
    },
]
