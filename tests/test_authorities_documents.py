"""Resolving a whole document: letterhead and sign-off outweigh councils in the body."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest

from foicompare.authorities import lookup, resolve_document

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
CORPUS = SHARED / "corpus"

LETTER = """Coventry City Council
Information Governance
Council House, Coventry CV1 5RR
infogov@coventry.gov.uk

Our ref: REQ07286
3 August 2020

Dear Ms Smith,
Freedom of Information Act 2000
You asked how many children were placed in Warwickshire and in Birmingham. Warwickshire
County Council and Birmingham City Council may hold figures for their own areas.

Yours sincerely,
Information Governance Team
Coventry City Council
"""


def test_the_letterhead_and_sign_off_outweigh_councils_in_the_body():
    got = resolve_document(LETTER, on="2020-08-03")
    assert (got["name"], got["code"], got["authority_code"]) == (
        "Coventry City Council", "E08000026", "COV",
    )  # fmt: skip
    assert got["reason"].startswith("score") and "Coventry" in got["reason"]
    assert 0.5 < got["confidence"] <= 1.0


def test_a_whatdotheyknow_header_names_the_body():
    page = (
        "Looked after children 2017\n\n"
        "Jo Bloggs made this Freedom of Information request to Trafford Metropolitan "
        "Borough Council\n\nDear Trafford Metropolitan Borough Council,\nPlease tell me "
        "how Manchester and Salford compare.\n"
    )
    assert resolve_document(page)["authority_code"] == "TRF"


def test_a_request_to_a_government_department_gives_no_council():
    page = (
        "Improvement capacity\n\nWaiting for an internal review by Department for "
        "Education of their handling of this request.\n\nDear Department for Education,\n"
        "The review of Birmingham's children's social care ...\n"
    )
    got = resolve_document(page)
    assert got["code"] is None and "Department for Education" in got["reason"]


def test_the_url_names_the_council_of_a_disclosure_log_page_that_never_does():
    text = "Freedom of information response\nPublication date: 9 June 2023\nLooked after children"
    assert resolve_document(text)["code"] is None
    got = resolve_document(text, url="https://www.thurrock.gov.uk/foi-responses/looked-after")
    assert got["code"] == "E06000034"
    hosted = resolve_document(text, url="https://herefordshire.disclosurelog.co.uk/r/1")
    assert hosted["authority_code"] == "HEF"
    path = resolve_document(text, url="http://www.example.org/foi/seftoncouncil.htm")
    assert path["authority_code"] == "SFT"


def test_the_source_hint_counts():
    assert resolve_document("Dear Sir", hint="Wokingham Borough Council")["authority_code"] == "WOK"


def test_other_bodies_sharing_a_place_name_are_not_the_council():
    text = "Surrey Police and Kent Fire and Rescue Service answered.\nThe University of Kent"
    assert resolve_document(text)["code"] is None


def test_a_document_from_an_abolished_county_is_flagged_after_the_split():
    letter = "Northamptonshire County Council\nOne Angel Square\n\nDear Sir,\n..."
    got = resolve_document(letter, on="2022-02-01")
    assert got["code"] == "E10000021" and "North Northamptonshire" in got["flag"]
    assert resolve_document(letter, on="2019-02-01")["flag"] is None


def test_a_county_council_letter_after_its_abolition_moves_to_the_single_successor():
    letter = "Buckinghamshire County Council\nWalton Street, Aylesbury\n\nDear Sir,\n..."
    assert resolve_document(letter, on="2019-05-01")["code"] == "E10000002"
    assert resolve_document(letter, on="2020-05-01")["code"] == "E06000060"


def test_an_empty_or_unrelated_text_gives_no_answer():
    assert resolve_document("")["code"] is None
    got = resolve_document("Reading the request, we hold no information.")
    assert got == got | {"name": None, "code": None}


def _labelled():
    index = {r["id"]: r for r in csv.DictReader((CORPUS / "index.csv").open(encoding="utf-8"))}
    for line in (CORPUS / "labels.jsonl").open(encoding="utf-8"):
        lab = json.loads(line)
        path = CORPUS / "docs" / f"{lab['id']}.txt"
        if lab.get("authority_code") and path.exists():
            url = index.get(lab["id"], {}).get("url") or lab.get("url")
            yield lab, path.read_text(encoding="utf-8"), url


@pytest.mark.skipif(not (CORPUS / "labels.jsonl").exists(), reason="../shared corpus not present")
def test_at_least_98_percent_of_the_labelled_corpus_resolves_quickly():
    """From the text; from the URL only where the label says the text never names it."""
    total, hits, misses, elapsed = 0, 0, [], 0.0
    for lab, text, url in _labelled():
        use_url = None if lab.get("authority_in_text") is not False else url
        t0 = time.perf_counter()
        got = resolve_document(text, url=use_url, on=lab.get("date"))
        elapsed += time.perf_counter() - t0
        total += 1
        same = got["code"] and lookup(got["code"]).code == lookup(lab["authority_code"]).code
        hits += bool(same)
        if not same:
            misses.append((lab["id"], lab["authority_code"], got["code"], got["reason"]))
    assert total >= 80
    assert hits / total >= 0.98, misses
    assert elapsed >= 0  # per-document speed is measured in bench/, not asserted here
