"""The authority register and name resolution: aliases, normalisation, dates, ambiguity."""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pytest

from foicompare.authorities import lookup, norm, register, resolve, resolve_domain

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
NAMES = SHARED / "reference" / "authority_names.csv"
needs_shared = pytest.mark.skipif(not NAMES.exists(), reason="../shared reference data not present")

#: names in authority_names.csv that are expected NOT to resolve alone. The file leaves
#: the ambiguous bare names out (AUTHORITIES.md), so every row it has must resolve.
UNRESOLVABLE_IN_NAMES_FILE: set[str] = set()
#: bare names and initialisms several councils share: no answer without context
AMBIGUOUS = ["Newcastle", "Kingston", "Richmond", "LCC", "KCC", "NCC", "Richmond Council"]


def code_of(name: str, on: str | None = None) -> str | None:
    a = resolve(name, on=on).authority
    return a.code if a else None


# --- the register -------------------------------------------------------------------


def test_register_holds_the_153_childrens_services_authorities_of_today():
    current = [a for a in register().authorities if a.childrens_services and a.current]
    assert len(current) == 153
    assert all(a.dfe_la_code and a.ofsted_urn for a in current)


def test_register_rows_carry_the_issue_columns():
    cov = lookup("E08000026")
    assert (cov.code, cov.official_name, cov.short_name) == (
        "COV",
        "Coventry City Council",
        "Coventry",
    )
    assert (cov.nation, cov.region, cov.type) == ("England", "West Midlands", "MD")
    assert (cov.dfe_la_code, cov.childrens_services) == ("331", True)
    nth = lookup("NTH")
    assert nth.successors == ("NNT", "WNT") and nth.end_date == "2021-04-01"
    assert nth.valid_to == dt.date(2021, 4, 1)
    assert lookup("BKM").valid_to == dt.date(2020, 4, 1)  # recorded as 2020-03-31, inclusive


def test_register_is_versioned_and_attributed():
    reg = register()
    assert len(reg.version) == 16
    assert any("mySociety" in a and "CC BY 4.0" in a for a in reg.attribution)
    assert any("Data to Insight" in a for a in reg.attribution)


# --- names --------------------------------------------------------------------------


@needs_shared
def test_every_name_in_the_reference_names_file_resolves_to_its_code():
    wrong = []
    with NAMES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["name"] in UNRESOLVABLE_IN_NAMES_FILE:
                continue
            got = code_of(row["name"])
            if got != row["local-authority-code"]:
                wrong.append((row["name"], row["local-authority-code"], got))
    assert wrong == []


@needs_shared
def test_names_resolve_after_normalisation_not_only_as_written():
    """Upper case and '&'/'and' swaps miss the exact alias and go through norm()."""
    wrong = []
    with NAMES.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            variant = row["name"].upper().replace(" AND ", " & ")
            got = resolve(variant)
            if got.authority is None or got.authority.code != row["local-authority-code"]:
                wrong.append((variant, row["local-authority-code"], got.reason))
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("Coventry City Council", "COV", "exact alias"),
        ("LB Barnet", "BNE", "exact alias"),
        ("RBKC", "KEC", "exact alias"),
        ("ROYAL BOROUGH OF KENSINGTON & CHELSEA", "KEC", "normalised name"),
        ("St. Helens Council", "SHN", "exact alias"),
        ("Southend Borough Council", "SOS", 'name without designators "southend"'),
        ("Durham Council", "DUR", 'name without designators "durham"'),
    ],
)
def test_names_resolve_with_the_reason(name, code, reason):
    res = resolve(name)
    assert (res.authority.code, res.reason) == (code, reason)


def test_misspellings_resolve_by_fuzzy_match_with_lower_confidence():
    res = resolve("Westmoreland and Furness Council")
    assert res.authority.code == "WAF"
    assert res.reason.startswith("fuzzy match") and res.confidence < 0.9


@pytest.mark.parametrize(
    "name",
    ["Department for Education", "Surrey Police", "NHS England", "Home Office",
     "Cafcass", "Sir"],
)  # fmt: skip
def test_other_bodies_resolve_to_nothing_rather_than_a_wrong_council(name):
    # Children's trusts answer for their councils: see tests/test_authorities_trusts.py.
    assert resolve(name).authority is None


@pytest.mark.parametrize("name", AMBIGUOUS)
def test_ambiguous_bare_names_give_no_answer(name):
    res = resolve(name)
    assert res.authority is None and res.code is None


def test_ambiguous_names_list_their_candidates():
    res = resolve("Kingston")
    assert sorted(c.code for c in res.candidates) == ["KHL", "KTT"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("London Borough of Richmond", "RIC"),
        ("Richmond District Council", "RIH"),
        ("Royal Borough of Kingston", "KTT"),
        ("Kingston City Council", "KHL"),
        ("Newcastle City Council", "NET"),
        ("Newcastle-under-Lyme", "NEC"),
        ("newcastle.gov.uk", "NET"),
    ],
)
def test_ambiguous_names_resolve_with_supporting_context(name, code):
    assert code_of(name) == code


# --- domains ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("www.coventry.gov.uk", "COV"),
        ("infogov@coventry.gov.uk", "COV"),
        ("https://herefordshire.disclosurelog.co.uk/requests/123", "HEF"),
        ("https://disclosures.pembrokeshire.gov.uk/foi/1", "PEM"),
        ("foi@rbkc.gov.uk", "KEC"),  # from the hand-checked domain table
        ("https://www.carmarthenshire.gov.wales/", "CMN"),
    ],
)
def test_domains_resolve(text, code):
    assert resolve(text).authority.code == code


def test_non_council_domains_do_not_resolve():
    assert resolve_domain("www.kent.ac.uk") is None
    assert resolve_domain("foi@education.gov.uk") is None
    assert resolve_domain("https://www.whatdotheyknow.com/request/x") is None


# --- dates --------------------------------------------------------------------------


def test_buckinghamshire_before_and_after_april_2020():
    before = resolve("Buckinghamshire", on="2020-03-31")
    after = resolve("Buckinghamshire", on="2020-04-01")
    assert (before.authority.code, before.code) == ("BKM", "E10000002")
    assert (after.authority.code, after.code) == ("BUC", "E06000060")
    moved = resolve("Buckinghamshire County Council", on="2021-06-01")
    assert moved.code == "E06000060" and "succeeded by Buckinghamshire Council" in moved.reason


def test_northamptonshire_in_2022_keeps_the_old_code_and_is_flagged():
    res = resolve("Northamptonshire County Council", on="2022-01-10")
    assert res.code == "E10000021"
    assert "North Northamptonshire" in res.flag and "West Northamptonshire" in res.flag
    assert resolve("Northamptonshire County Council", on="2020-01-10").flag is None


def test_cumbria_in_2023_is_flagged_too():
    res = resolve("Cumbria County Council", on="2023-06-01")
    assert res.code == "E10000006" and "Cumberland" in res.flag


def test_barnsley_and_sheffield_take_their_2025_codes_from_april_2025():
    assert resolve("Barnsley Council", on="2025-03-31").code == "E08000016"
    assert resolve("Barnsley Council", on="2025-04-01").code == "E08000038"
    assert resolve("Sheffield City Council", on="2024-12-01").code == "E08000019"
    assert resolve("Sheffield City Council", on="2025-06-01").code == "E08000039"
    assert lookup("E08000039").code == "SHF"


def test_a_chain_of_successors_is_followed():
    res = resolve("Taunton Deane Borough Council", on="2024-01-01")
    assert res.authority.code == "SMT"


def test_undated_names_are_not_moved():
    assert code_of("Buckinghamshire County Council") == "BKM"
    assert resolve("Northamptonshire County Council").flag is None


def test_norm_follows_the_reference_definition():
    assert norm("Bath & North East Somerset") == "bath and north east somerset"
    assert norm("Saint Helens") == "st helens"
    assert norm("King’s Lynn and West Norfolk") == "king s lynn and west norfolk"
