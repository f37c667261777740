"""The decisive document's date and the date the request was received.

The date is read from a labelled field ("Date of decision", "Publication date",
"Response 23-02-2024", "Date: …"), else from a letter's own date line above its
salutation, else from the email header of the decisive message. The received date
comes from "Received: …", "Date request received", "your request … received on …",
"your request dated …" or "On …, the Applicant made a request".

>>> letter_date("Our ref: X\\n03 August 2020\\nDear Sir").iso
'2020-08-03'
>>> received_date("Thank you for your email received here on 30 December 2013.").iso
'2013-12-30'
"""

from __future__ import annotations

import re

from foicompare.parse.dates import DateHit, find_dates, first_date

_D = r"(?P<when>[^\n]{0,12}?(?:\d{1,2}(?:st|nd|rd|th)?[\s/.\-]+(?:\w+\.?|\d{1,2})[\s/.\-,]+\d{2,4}|\w+ \d{1,2},? \d{4}|\d{4}-\d\d-\d\d))"
_LABELLED_DATE = re.compile(
    r"^[ \t\-*•#]*(?:\*\*)?(?:date of (?:decision|response|reply|disclosure|publication)|publication date|published(?: on)?|"
    r"decision date|response date|date (?:responded|published|sent|of letter|closed)|responded(?: on)?|"
    r"date|dated|response|decision|clarification (?:sought|requested)|review (?:date|completed))"
    r"(?:\*\*)?[ \t]*[:\-–]?[ \t]*(?:\*\*)?[ \t]*(?:\n[ \t\-]*)*" + _D,
    re.I | re.M,
)
_RECEIVED_LABEL = re.compile(
    r"^[ \t\-*•#]*(?:\*\*)?(?:date (?:request )?received|request received|received(?: on)?|date of request|"
    r"request date|date requested)(?:\*\*)?[ \t]*[:\-–]?[ \t]*(?:\n[ \t\-]*)*" + _D,
    re.I | re.M,
)
_RECEIVED_PHRASE = re.compile(
    r"(?:\b(?:request|e-?mail|letter|application|correspondence)\b[^.\n]{0,80}?\breceived\b[^.\n]{0,20}?\b(?:on|dated)\s+(?:the\s+)?"
    r"|\b(?:your|the) (?:freedom of information |foi |information )?(?:request|e-?mail|letter|application)s?\b(?: for information)? (?:dated|of|made on|sent on) (?:the\s+)?"
    r"|\breceipt of your (?:freedom of information |foi |information )?(?:request|e-?mail|letter|enquiry)[^.\n]{0,30}?\bon\s+(?:the\s+)?"
    r"|\b(?:your|the) (?:correspondence|enquiry) (?:dated|of) (?:the\s+)?"
    r"|\bOn\s+(?=[^,\n]{6,25},?\s+(?:the\s+)?[A-Z][\w .&']{0,60}?\b(?:made (?:a|an|the|their|his|her) (?:request|application)|received (?:your|the|a) (?:request|application))))"
    + _D,
    re.I,
)
_DATE_LINE = re.compile(r"^[ \t*#]*(?:Date[ \t]*:?[ \t]*)?(?P<when>[^\n]{6,40}?)[ \t*]*$", re.M)


def labelled_date(text: str, lo: int = 0, hi: int | None = None) -> DateHit | None:
    """A date printed in a date field of the decisive document (decision, publication)."""
    for m in _LABELLED_DATE.finditer(text, lo, len(text) if hi is None else hi):
        hit = first_date(text, m.start("when"), m.end("when"))
        if hit:
            return hit
    return None


def letter_date(text: str, lo: int = 0, hi: int | None = None) -> DateHit | None:
    """A line holding nothing but a date, before the letter's salutation."""
    hi = len(text) if hi is None else hi
    dear = re.compile(r"^\s*Dear\b", re.M | re.I).search(text, lo, hi)
    stop = dear.start() if dear else min(hi, lo + 800)
    for m in _DATE_LINE.finditer(text, lo, stop):
        hits = find_dates(text, m.start("when"), m.end("when"))
        if len(hits) == 1:
            rest = (
                text[m.start("when") : hits[0].start] + text[hits[0].end : m.end("when")]
            ).strip(" ,.")
            rest = re.sub(r"(?i)(?:our|your)\s+ref(?:erence)?\b.*$", "", rest).strip(
                " ,."
            )  # glued letter-head columns
            if not rest or re.fullmatch(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", rest, re.I):
                return hits[0]
    return None


def received_date(text: str, lo: int = 0, hi: int | None = None) -> DateHit | None:
    """The date the request was received or made, when the text states it."""
    hi = len(text) if hi is None else hi
    best: DateHit | None = None
    for rx in (_RECEIVED_LABEL, _RECEIVED_PHRASE):
        for m in rx.finditer(text, lo, hi):
            hit = first_date(text, m.start("when"), m.end("when"))
            if hit and (best is None or hit.start < best.start):
                best = hit
                break
    return best
