"""Scope of negation and exception, and counts stated in prose, on sentences written in many
councils' ways (not one letter's wording): "none ... except X", "only X", "not used ... however
X was", counts in words and digits, per month, and withheld small numbers."""

from __future__ import annotations

import pytest

from foicompare.text.base import Table
from foicompare.topics import flexibilities
from foicompare.topics.vocabulary import load

TOPIC = "Re: The Adoption and Children (Coronavirus) (Amendment) Regulations 2020.\n\n"
VV = "cppcr-visits-remote"
EP = "cppcr-emergency-placement-24-weeks"


def answers(text: str) -> dict[str, dict]:
    return {f["code"]: f for f in flexibilities.extract(TOPIC + text)["flexibilities"]}


def used_codes(got: dict[str, dict]) -> set[str]:
    return {c for c, f in got.items() if f["used"]}


@pytest.mark.parametrize(
    ("sentence", "used"),
    [
        ("We have not needed to use any of the flexibilities except virtual visits.", {VV}),
        ("None of the flexibilities have been used, apart from virtual visits to looked after children.", {VV}),
        ("The council has not made use of the amended regulations, save for remote visits.", {VV}),
        ("We have not relied on any of the flexibilities with the\nexception of virtual visits.", {VV}),
        ("No flexibilities were used other than the extension of emergency placements to 24 weeks.", {EP}),
        ("With the exception of virtual visits, no flexibilities were used.", {VV}),
        ("Aside from virtual visits and emergency placements beyond 6 days, we have not used the flexibilities.", {VV, EP}),
        ("The flexibilities were not used. However, virtual visits were used where families were shielding.", {VV}),
        ("The only flexibility we used was virtual visits.", {VV}),
        ("We only used virtual visits.", {VV}),
    ],
)  # fmt: skip
def test_none_except_only_and_however_make_one_used_and_every_other_code_not_used(sentence, used):
    got = answers(sentence)
    assert used_codes(got) == used
    assert len(got) == len(load().codes)  # every other code is answered: not used
    assert all(f["used"] is False for c, f in got.items() if c not in used)


@pytest.mark.parametrize(
    ("sentence", "uses", "by_month"),
    [
        ("37 statutory visits to looked after children were carried out by video call.", 37, {}),
        ("We carried out 37 visits by video call between May and July.", 37, {}),
        ("In May 212 visits and in June 51 visits were carried out virtually.", 263,
         {"2020-05": 212, "2020-06": 51}),
        ("Virtual visits: 14 in April, 22 in May and 9 in June.", 45,
         {"2020-04": 14, "2020-05": 22, "2020-06": 9}),
        ("We did not use any flexibilities other than virtual visits (37 visits).", 37, {}),
        ("Adopter medical reports obtained at stage two (Reg 26(b); 27(1A) Adoption Agencies "
         "2005):\nused in one case between 24 April and 30 June 2020.", 1, {}),
    ],
)  # fmt: skip
def test_counts_stated_in_prose(sentence, uses, by_month):
    got = [f for f in answers(sentence).values() if f["used"]]
    assert len(got) == 1
    assert (got[0]["uses"], got[0]["by_month"]) == (uses, by_month)


def test_a_regulation_number_is_not_a_count():
    got = answers("Regulation 44 visits to children's homes were carried out remotely.")
    assert [(f["used"], f["uses"]) for f in got.values() if f["used"]] == [(True, None)]


def test_a_withheld_small_number_is_used_without_a_count():
    got = answers("Fewer than five emergency placements were extended beyond 6 days.")[EP]
    assert (got["used"], got["uses"], got["suppressed"]) == (True, None, True)


def test_words_inside_a_flexibilitys_name_are_not_its_verdict():
    got = answers(
        "Temporary approval of a person who is not a connected person (Reg 2(1); 24(1) Care "
        "Planning 2010): used in 35 cases between 24 April and 30 June 2020. Reason: placement "
        "sufficiency during lockdown; fostering panel suspended in April."
    )
    assert {c: (f["used"], f["uses"]) for c, f in got.items()} == {
        "cppcr-temp-approval-any-person": (True, 35)
    }  # and "Reason: ... panel suspended" explains it, it is no second use


@pytest.mark.parametrize(
    "sentence",
    [
        "No information has been requested by or provided to Ofsted about the use of the flexibilities.",
        "There is currently no reporting mechanism for the use of the flexibilities.",
    ],
)  # fmt: skip
def test_a_negative_sentence_about_information_is_not_a_blanket_none_used(sentence):
    assert answers(sentence) == {}


def test_a_table_cut_by_a_page_break_keeps_its_header_and_wrapped_cells():
    header = Table([["Regulation", "Description", "Total", "May", "June", "Reasons"],
                    ["", "", "number", "of uses in", "of uses in", ""]])  # fmt: skip
    rows = Table([["Regulation 26 Fostering", "Foster carer medical", "94", "56", "38", "GP"],
                  ["Services (England)", "information obtained later", "", "", "", ""],
                  ["Regulations 2011", "in the assessment", "", "", "", ""],
                  ["Reg 28(1A) Care Planning", "Virtual visits", "nil", "nil", "nil", ""]])  # fmt: skip
    got = {f["code"]: (f["used"], f["uses"]) for f in
           flexibilities.extract(TOPIC, [header, rows])["flexibilities"]}  # fmt: skip
    assert got == {"fs-assessment-medical-deferred": (True, 94), VV: (False, 0)}


def test_aligned_text_columns_split_where_every_line_has_a_gap():
    text = TOPIC + (
        "Regulation                 Description        Total uses  Uses in May  Uses in June\n"
        "Reg 28(1A) Care Planning   Virtual visits     94          56           38\n"
        "Reg 23 Care Planning       Emergency placing  <5          <5           0\n"
    )
    got = {f["code"]: f for f in flexibilities.extract(text)["flexibilities"]}
    assert (got[VV]["uses"], got[VV]["by_month"]) == (94, {"2020-05": 56, "2020-06": 38})
    assert (got[EP]["used"], got[EP]["suppressed"]) == (True, True)
