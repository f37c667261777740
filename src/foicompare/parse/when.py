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

import datetime as dt
import re

from foicompare import linre
from foicompare.parse.dates import MONTHS, DateHit, find_dates, first_date

_MONTH_NAMES = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_D = r"(?P<when>[^\n]{0,12}?(?:\d{1,2}\^?(?:st|nd|rd|th)?,?[\s/.\-]+(?:\w+\.?|\d{1,2})[\s/.\-,]*\d{2,4}|\w+ \d{1,2},? \d{4}|\d{4}-\d\d-\d\d))"
_LABELLED_DATE = linre.compile(
    r"^[ \t\-*•#]*(?:\*\*)?(?:date of (?:decision|response|reply|disclosure|publication)|publication date|published(?: on)?|"
    r"decision date|response date|date (?:responded|published|sent|of letter|closed)|responded(?: on)?|"
    r"date|dated|response|decision|clarification (?:sought|requested)|review (?:date|completed))"
    r"(?:\*\*)?[ \t]*[:\-–]?[ \t]*(?:\*\*)?[ \t]*(?:\n[ \t\-]*)*" + _D,
    re.I | re.M,
)
_RECEIVED_LABEL_HEAD = (
    r"^[ \t\-*•#]*(?:\*\*)?(?:date (?:request )?received|request received|received(?: on)?|date of request|"
    r"request date|date requested|requested(?: on)?|(?:date )?submitted(?: on)?|request (?:made|submitted)(?: on)?|"
    r"(?:customer |your |the )?request details)(?:\*\*)?[ \t]*[:\-–]?[ \t]*(?:\n[ \t\-]*)*"
)
_RECEIVED_LABEL = linre.compile(_RECEIVED_LABEL_HEAD + _D, re.I | re.M)
_RECEIVED_PHRASE_HEAD = (
    r"(?:\b(?:request|e-?mail|letter|application|correspondence)\b[^.]{0,80}?\breceived\b(?:[^.]{0,20}?\b(?:on|dated))?\s+(?:the\s+)?"
    r"|\b(?:your|the)\s(?:recent\s|original\s|initial\s)?(?:freedom\sof\sinformation\s|foi\s|information\s)?(?:request|e-?mail|letter|application)s?\b(?:\sfor\sinformation(?:\s[^.\n]{0,60}?)?)?\s(?:dated|of|made\son|sent\son|on)\s+(?:the\s+)?"
    r"|\breceipt of your (?:freedom of information |foi |information )?(?:request|e-?mail|letter|enquiry)[^.\n]{0,30}?\bon\s+(?:the\s+)?"
    r"|\b(?:which|that) (?:we|the council|i|was|were|has been|had been)(?: first)? received\b[^.\n]{0,20}?\bon\s+(?:the\s+)?"
    r"|\b(?:your|the) (?:correspondence|enquiry|communication) (?:dated|of) (?:the\s+)?"
    r"|\bOn\s+(?=[^,\n]{6,25},?\s+(?:the\s+)?[A-Z][\w .&']{0,60}?\b(?:made (?:a|an|the|their|his|her) (?:request|application)|received (?:your|the|a) (?:request|application))))"
)
_RECEIVED_PHRASE = linre.compile(_RECEIVED_PHRASE_HEAD + _D, re.I)
# a day and month with no year after it ("your enquiry of 26 March", "dated 18th June,")
_DAY_MONTH = (
    r"(?P<dm>(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>" + _MONTH_NAMES + r")\b"
    r"|(?P<mon2>"
    + _MONTH_NAMES
    + r")\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b)(?![\s,./\-]*(?:19|20)?\d\d\b)"
)
_RECEIVED_NO_YEAR = [
    linre.compile(_RECEIVED_LABEL_HEAD + _DAY_MONTH, re.I | re.M),
    linre.compile(_RECEIVED_PHRASE_HEAD + _DAY_MONTH, re.I),
]
_ASKS_REVIEW = linre.compile(
    r"[^.]{0,40}?\b(?:requested|asked for|asking for|requesting|sought)\b[^.]{0,20}?\b(?:review|reconsider)|"
    r"[^.]{0,40}?\b(?:complain|complaint)",
    re.I,
)
_DATE_LINE = linre.compile(r"^[ \t*#]*(?:Date[ \t]*:?[ \t]*)?(?P<when>[^\n]{6,40}?)[ \t*]*$", re.M)


_DEAR = linre.compile(r"^\s*Dear\b", re.M | re.I)


# a field label for the request's date, just before a date ("Request Date\nMarch 23, 2018")
_RECEIVED_FIELD = linre.compile(
    r"(?:request(?:ed)?|received|submitted)(?: on| date)?|date (?:request(?:ed)?|received|submitted)|"
    r"date of (?:request|receipt)"
)
_FIELD_TAIL = linre.compile(r"([A-Za-z][A-Za-z ]{2,30}?)[ \t*]*[:\-–]?[ \t*]*(?:\n[ \t\-]*)?$")


def received_field_before(text: str, pos: int) -> bool:
    """Whether the date at ``pos`` is the value of a received/requested field.

    >>> received_field_before("Request Date\\nMarch 23, 2018", 13)
    True
    >>> received_field_before("Date\\n3 May 2021", 5)
    False
    """
    m = _FIELD_TAIL.search(text, max(0, pos - 40), pos)
    return bool(m) and bool(_RECEIVED_FIELD.fullmatch(m.group(1).strip().lower()))


# a response heading with its date on the next line: "East Herts Council Response\n28 May 2021"
_RESPONSE_HEADING = linre.compile(
    r"^[ \t*#]*(?:[A-Z][\w'’&.]*[ \t]+){0,5}(?:Response|Reply|Answer)[ \t]*:?[ \t*]*\n[ \t]*" + _D,
    re.M,
)


# a publication or response field inside a line: "Request ID: FOI-4211 Date published: 11 March 2024"
_INLINE_FIELD = linre.compile(
    r"(?:\b(?:date (?:published|of publication|of response|responded)|response date\b)|(?:^|[|,]|\band)[ \t]*published on)"
    r"[ \t]*[:\-–]?[ \t]*(?:\n[ \t]*)?" + _D,
    re.I | re.M,
)


def labelled_date(text: str, lo: int = 0, hi: int | None = None) -> DateHit | None:
    """A date printed in a date field of the decisive document (decision, publication).

    >>> labelled_date("Request ID: FOI-4211-2324 Date published: 11 March 2024").iso
    '2024-03-11'
    """
    best: tuple[int, int, DateHit] | None = None
    for rx in (_LABELLED_DATE, _RESPONSE_HEADING, _INLINE_FIELD):
        for m in rx.finditer(text, lo, len(text) if hi is None else hi):
            hit = first_date(text, m.start("when"), m.end("when"))
            if hit is None or received_field_before(text, hit.start):
                continue  # "Date received: 10 February 2018" is the request's date
            label = text[m.start() : hit.start].lower()
            rank = 2 if "publi" in label else (0 if _ANSWERED.search(label) else 1)
            if best is None or (rank, hit.start) < best[:2]:
                best = (rank, hit.start, hit)
    if best is None:
        return None
    if best[0] == 2:
        # a page's publication date: the letter's own date, where it prints one, wins
        own = letter_date(text, lo, hi)
        if own is not None:
            return own
    return best[2]


_ANSWERED = linre.compile(r"respon|repl|decision|sent|letter|closed|review|answer")
# a page's furniture label just before a date ("First published:\n23 March 2022")
_PUBLISHED_BEFORE = linre.compile(
    r"(?:published|publication date|updated|modified)[ \t*:\-–]*(?:\n[ \t\-]*)?$", re.I
)


def letter_date(text: str, lo: int = 0, hi: int | None = None) -> DateHit | None:
    """A line holding nothing but a date, before the letter's salutation."""
    hi = len(text) if hi is None else hi
    dear = _DEAR.search(text, lo, hi)
    stop = dear.start() if dear else min(hi, lo + 800)
    for m in _DATE_LINE.finditer(text, lo, stop):
        hits = find_dates(text, m.start("when"), m.end("when"))
        if (
            len(hits) == 1
            and not received_field_before(text, hits[0].start)
            and not _PUBLISHED_BEFORE.search(text, max(0, hits[0].start - 40), hits[0].start)
        ):
            rest = (
                text[m.start("when") : hits[0].start] + text[hits[0].end : m.end("when")]
            ).strip(" ,.")
            rest = (
                linre.compile(r"(?i)(?:our|your)\s+ref(?:erence)?\b.*$").sub("", rest).strip(" ,.")
            )  # glued letter-head columns
            if not rest or linre.compile(
                r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I
            ).fullmatch(rest):
                return hits[0]
    return None


def received_date(
    text: str, lo: int = 0, hi: int | None = None, *, before: str | None = None
) -> DateHit | None:
    """The date the request was received or made, when the text states it.

    A date printed without a year ("your enquiry of 26 March") takes its year from
    ``before``, the ISO date of the letter: the latest such date not after it.

    >>> received_date("Further to your request dated 18 June,", before="2018-10-28").iso
    '2018-06-18'
    >>> received_date("In response to your enquiry of 26 December", before="2014-01-09").iso
    '2013-12-26'
    """
    hi = len(text) if hi is None else hi
    best: DateHit | None = None
    for rx in (_RECEIVED_LABEL, _RECEIVED_PHRASE):
        for m in rx.finditer(text, lo, hi):
            hit = first_date(text, m.start("when"), m.end("when"))
            if hit and _ASKS_REVIEW.match(text, hit.end, min(len(text), hit.end + 100)):
                continue  # "your email of 10 May in which you asked for a review": not the request
            if hit and (best is None or hit.start < best.start):
                best = hit
                break
    if best is None and before:
        for rx in _RECEIVED_NO_YEAR:
            for m in rx.finditer(text, lo, hi):
                hit = _infer_year(m, before)
                if hit and (best is None or hit.start < best.start):
                    best = hit
                    break
    return best


def _infer_year(m: re.Match[str], before: str) -> DateHit | None:
    """The latest date with the match's day and month that is not after ``before``."""
    try:
        limit = dt.date.fromisoformat(before)
    except ValueError:
        return None
    mon = (m.group("mon") or m.group("mon2")).lower()
    day = int(m.group("day") or m.group("day2"))
    month = MONTHS[mon]
    for year in (limit.year, limit.year - 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        if when <= limit:
            return DateHit(when.isoformat(), m.start("dm"), m.end("dm"))
    return None
