"""Children's trusts and companies resolve to the council(s) they acted for, by date.

The expected codes below are written out from the sources listed in
docs/notes/authorities.md, not read back from the trust table.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from foicompare import authorities, schema
from foicompare.authorities.trusts import TRUSTS, find_trust, match_trust, resolve_trust
from foicompare.parse.rows import rows as response_rows

KINGSTON, RICHMOND, WINDSOR = "E09000021", "E09000027", "E06000040"
NORTHANTS, NORTH_N, WEST_N = "E10000021", "E06000061", "E06000062"

#: (name as a letter or WhatDoTheyKnow writes it, a date inside its lifetime, GSS codes)
INSIDE = [
    ("Achieving for Children", "2015-06-01", {KINGSTON, RICHMOND}),
    ("Achieving for Children", "2024-02-01", {KINGSTON, RICHMOND, WINDSOR}),
    ("Brighter Futures for Children", "2019-01-10", {"E06000038"}),
    ("Brighter Futures for Children", "2026-03-31", {"E06000038"}),
    ("Bradford Children and Families Trust", "2023-04-01", {"E08000032"}),
    ("Slough Children's Services Trust", "2016-02-01", {"E06000039"}),
    ("Slough Children First", "2021-04-01", {"E06000039"}),
    ("Together for Children", "2017-04-01", {"E08000024"}),
    ("Birmingham Children's Trust", "2018-04-01", {"E08000025"}),
    ("Doncaster Children's Services Trust", "2022-08-31", {"E08000017"}),
    ("Northamptonshire Children's Trust", "2020-11-01", {NORTHANTS}),
    ("Northamptonshire Children's Trust", "2021-04-01", {NORTH_N, WEST_N}),
    ("Sandwell Children's Trust", "2019-07-15", {"E08000028"}),
    ("Worcestershire Children First", "2024-09-30", {"E10000034"}),
]

#: the same bodies on a date outside their lifetime: before they began or after they ended
OUTSIDE = [
    ("Achieving for Children", "2014-03-31", "only began on 2014-04-01"),
    ("Brighter Futures for Children", "2018-12-02", "only began on 2018-12-03"),
    ("Brighter Futures for Children", "2026-04-01", "ended on 2026-04-01"),
    ("Bradford Children and Families Trust", "2023-03-31", "only began"),
    ("Slough Children's Services Trust", "2015-09-30", "only began"),
    ("Slough Children's Services Trust", "2021-04-01", "ended on 2021-04-01"),
    ("Slough Children First", "2021-03-31", "only began"),
    ("Together for Children", "2017-03-31", "only began"),
    ("Birmingham Children's Trust", "2018-03-31", "only began"),
    ("Doncaster Children's Services Trust", "2014-09-30", "only began"),
    ("Doncaster Children's Services Trust", "2022-09-01", "ended on 2022-09-01"),
    ("Northamptonshire Children's Trust", "2020-10-31", "only began"),
    ("Sandwell Children's Trust", "2018-03-31", "only began"),
    ("Worcestershire Children First", "2019-09-30", "only began"),
    ("Worcestershire Children First", "2024-10-01", "ended on 2024-10-01"),
]


@pytest.mark.parametrize(("name", "on", "codes"), INSIDE)
def test_a_trust_resolves_to_its_councils_inside_its_lifetime(name, on, codes):
    found = resolve_trust(name, on=on)
    assert found is not None and set(found.codes) == codes
    assert found.responding_body == found.trust.name


@pytest.mark.parametrize(("name", "on", "why"), OUTSIDE)
def test_a_trust_resolves_to_nothing_outside_its_lifetime(name, on, why):
    found = resolve_trust(name, on=on)
    assert found is not None and found.codes == []
    assert why in found.reason
    res = authorities.resolve(name, on=on)
    assert res.authority is None and res.code is None
    assert res.responding_body == found.trust.name


def test_every_trust_in_the_table_is_covered_by_these_tests():
    tested = {match_trust(n).key for n, _, _ in INSIDE}
    assert tested == {t.key for t in TRUSTS}
    ended = {match_trust(n).key for n, _, why in OUTSIDE if "ended" in why}
    assert ended == {t.key for t in TRUSTS if t.end is not None}


def test_resolve_gives_the_council_and_keeps_the_trust_as_responding_body():
    res = authorities.resolve("Birmingham Children's Trust", on="2023-05-01")
    assert res.code == "E08000025"
    out = res.as_dict()
    assert out["responding_body"] == "Birmingham Children's Trust"
    assert out["responding_for"] == ["E08000025"]


def test_a_trust_for_several_councils_names_them_all_but_picks_none_from_the_name():
    res = authorities.resolve("Achieving for Children", on="2020-01-01")
    assert res.authority is None
    assert {c.gss_code for c in res.responding_for} == {KINGSTON, RICHMOND, WINDSOR}
    assert "does not say which" in res.reason


def test_a_trust_is_found_by_its_email_domain():
    res = authorities.resolve("foi@togetherforchildren.org.uk", on="2020-01-01")
    assert res.code == "E08000024"
    assert res.responding_body == "Together for Children"


def test_a_letter_from_a_trust_is_the_councils_answer():
    letter = (
        "Sandwell Children's Trust\nWellman Building, Oldbury\n\nDear Ms Smith,\n"
        "Freedom of Information request\nWe do not hold this information.\n"
    )
    out = authorities.resolve_document(letter, on="2021-06-01")
    assert out["code"] == "E08000028"
    assert out["responding_body"] == "Sandwell Children's Trust"


def test_a_letter_from_a_shared_company_is_decided_by_the_borough_it_names():
    letter = (
        "Achieving for Children\nGuildhall 2, High Street\n\nDear Mr Jones,\n"
        "Your request to the Royal Borough of Kingston upon Thames ...\n"
    )
    out = authorities.resolve_document(letter, on="2019-01-01")
    assert out["code"] == KINGSTON
    assert out["responding_body"] == "Achieving for Children"
    bare = authorities.resolve_document(
        "Achieving for Children\n\nDear Mr Jones,\n", on="2019-01-01"
    )
    assert bare["code"] is None and "does not say which" in bare["flag"]


def test_the_source_hint_names_the_trust():
    out = authorities.resolve_document(
        "Dear Requester,\nPlease find attached.", hint="Northamptonshire Children's Trust",
        on="2022-02-01",
    )  # fmt: skip
    assert out["code"] is None
    assert set(out["responding_for"]) == {NORTH_N, WEST_N}


def test_find_trust_reads_only_the_letterhead_and_sign_off():
    body = "x " * 5000
    assert find_trust("Birmingham Children's Trust\n" + body).key == "bct"
    assert find_trust(body + "Birmingham Children's Trust") is not None
    assert find_trust("x " * 2000 + "Birmingham Children's Trust" + body) is None


def test_councils_and_plain_names_are_not_trusts():
    assert match_trust("Birmingham City Council") is None
    assert authorities.resolve("Birmingham City Council").responding_body is None


def test_responding_bodies_table_and_response_columns():
    con = duckdb.connect()
    schema.migrate(con)
    authorities.install(con)
    got = con.execute(
        "SELECT code FROM responding_bodies WHERE body_key = 'nct' AND ? >= valid_from "
        "AND (valid_to IS NULL OR ? < valid_to) ORDER BY code",
        [dt.date(2022, 1, 1), dt.date(2022, 1, 1)],
    ).fetchall()
    assert [r[0] for r in got] == ["NNT", "WNT"]
    res = authorities.resolve("Sandwell Children's Trust", on="2021-01-01").as_dict()
    row = response_rows("d1", {"authority": res})["responses"][0]
    assert row["responding_body"] == "Sandwell Children's Trust"
    assert row["responding_for"] == ["E08000028"]
    assert authorities.install(con) is False  # already current
