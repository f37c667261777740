"""The authority's own reference for a request, as printed.

Letters print it as "Our Ref: FoI/2009/IR/07", "Request ID: REQ07286", "Reference number
FOI 6506605", "(Ref NCC-029999-17)", "REF NO - F11575", a log heading "Request 101002661167"
or an email subject "Freedom of Information Request - WCC 12026". "Your ref" is the
requester's and is skipped; so is any reference inside the requester's own text.

>>> find_reference("Our Ref: FoI/2009/IR/07\\nYour Ref: ABC1").value
'FoI/2009/IR/07'
>>> find_reference("Please quote the reference number above.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from foicompare import linre

# a reference token: letters/digits with / - _ . ( ), holding at least one digit;
# "FOI 740706" style (a short letter prefix, one space, digits) is allowed
_TOKEN = r"(?=(?:[A-Z]{2,6}(?:/[A-Z]{2,6})? )?[A-Za-z0-9/_\-.()]*\d)(?P<ref>(?:[A-Z]{2,6}(?:/[A-Z]{2,6})? (?=[A-Z]{0,3}\d{3,}))?[A-Za-z0-9][A-Za-z0-9/_\-.()]*[A-Za-z0-9)])"

_LABELLED = linre.compile(
    r"(?<![A-Za-z])(?:(?P<whose>our|your|my|the|case|request|foi|foisa|eir|ico|council|enquiry)\s+|(?P<glued>our)(?=ref))?"
    r"(?:ref(?:erence)?\b\.?(?:\s*(?:n ?o\b\.?|number|num|id|code))?|request\s+(?:id|ref|number|no\b\.?)|"
    r"case\s+(?:number|no\b\.?)|foi\s+(?:number|no\b\.?))"
    r"(?:\s+(?:is|was|will be|has been|of))?(?:\s+(?:allocated|given|assigned))?(?:\s+(?:to|as))?"
    r"[ \t]*[:\-–.#]*\s*(?:\n[ \t\-]*)?" + _TOKEN,
    re.I,
)
# "reference number INT1-165305963", "allocated the reference number 2012/0013653"
_HEADING = linre.compile(
    r"^[ \t]*(?:FOI\s+|EIR\s+)?Request\s+(?P<ref>(?=[A-Z]*\d)[A-Z0-9][A-Z0-9/\-]{4,})[ \t]*$", re.M
)
_SUBJECT = linre.compile(
    r"^[ \t>*]*(?:Subject|Re|RE)\s*:[^\n]*?(?:Freedom of Information|FOI|FoI|EIR|Information)"
    r"(?:\s+Act)?(?:\s+(?:Request|Req))?\s*(?:[-–:]|No\.?|Ref\.?)\s*"
    + _TOKEN
    + r"[ \t]*(?:$|[:\-–]\s)",
    re.M,
)
_SUBJECT_BARE = linre.compile(
    r"^[ \t>*]*Subject\s*:.*?(?<![\w/])(?P<ref>(?:FOI|FOIA|FOISA|EIR|RFI|REQ) \d{4,}|[A-Z]{1,5}[-/]?\d{3,}(?:[-/]\d+)*)[ \t]*$",
    re.M,
)
# "… Information Request ENQ-497039-Z1M0C5" ending a heading line
# (RE2 has no look-ahead: "the token holds three digits in a row" is checked on the match,
# see _checked)
_REQUEST_TOKEN = linre.compile(
    r"\b(?:Information|FOI|FoI|EIR|FOISA)\s+Request[ \t]*(?:No\.?|Number)?[ \t]*[:#\-–]?[ \t]*"
    r"(?P<ref>[A-Z0-9][A-Z0-9/\-]{4,}[A-Z0-9]|\d{4,5}(?:[ \t]+(?:19|20)\d\d/\d\d)?)[ \t]*$",
    re.M,
)
# "your FOI/EIR request 15/16-514": a request's number straight after the words
_NUMBERED_REQUEST = linre.compile(
    r"\b(?:FOI|FoI|EIR|FOISA|information)(?:/(?:FOI|EIR))?\s+request\s+(?:no\.?\s*|number\s*)?"
    r"(?P<ref>\d[\d/\-]*\d)(?:[ \t]*[.,;:)]|[ \t]*$)",
    re.M,
)
# a heading that opens with the prefixed reference: "FOI/EIR 25/26-411-Council Tax Enforcement"
_PREFIXED_HEAD = linre.compile(
    r"^[ \t#*]*(?P<ref>(?:FOI|EIR|FOISA|RFI|ATISN|ENQ|CIR|REQ)(?:/(?:FOI|EIR))?[ \-/]?\d[\d/]*(?:-\d+)*)"
    r"[ \t]*(?:[-–:][ \t]*)?[A-Z][a-z]",
    re.M,
)
# two-digit groups running on to the end of the line after a labelled reference
_DIGIT_PAIRS = linre.compile(r"(?:[ \t]\d\d)+[ \t]*(?:\n|$)")
_THREE_DIGITS = linre.compile(r"[A-Z0-9/\- ]*\d{3}")
# a line holding nothing but a reference-shaped token ("FI17008" as a log page's title)
_BARE_LINE = linre.compile(r"^[ \t#*]*(?P<ref>[A-Z]{1,6}[-/]?\d{4,}(?:[-/]\d+)*)[ \t*]*$", re.M)
_STOP = linre.compile(r"^(?:above|below|given|number|and|the|is|for|of|to|no|in|on|as)$", re.I)
_NOT_REF = linre.compile(
    r"^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:19|20)\d\d(?:[/\-](?:19|20)?\d\d)?|\d{1,3}|\d\d/\d\d)$"
)  # dates, years, financial years ("2019/20", "17/18"), small numbers


@dataclass(frozen=True, slots=True)
class Reference:
    """The reference and the span it was read from."""

    value: str
    start: int
    end: int


def _clean(value: str) -> str:
    value = value.strip().rstrip(".")
    while value.endswith(")") and value.count("(") < value.count(")"):
        value = value[:-1]
    return value


def _valid(value: str) -> bool:
    return (
        bool(linre.compile(r"\d").search(value))
        and not _STOP.match(value)
        and not _NOT_REF.match(value)
        and len(value) <= 40
    )


def _checked(rx, text: str, lo: int, hi: int):
    """``rx.finditer(text, lo, hi)``, with the look-ahead ``_REQUEST_TOKEN`` cannot hold."""
    for m in rx.finditer(text, lo, hi):
        if rx is _REQUEST_TOKEN and not _THREE_DIGITS.match(text, m.start("ref"), hi):
            continue
        yield m


def find_reference(
    text: str,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    skip: Sequence[tuple[int, int]] = (),
) -> Reference | None:
    """The first authority reference in ``spans`` of ``text`` (whole text by default).

    ``skip`` holds spans written by the requester, where a quoted reference (an earlier
    request's) is not this request's.

    >>> find_reference("Subject: Freedom of Information Request - WCC 12026").value
    'WCC 12026'
    """
    spans = spans or [(0, len(text))]
    for a, b in spans:
        best: Reference | None = None
        for rx in (
            _LABELLED,
            _HEADING,
            _SUBJECT,
            _SUBJECT_BARE,
            _REQUEST_TOKEN,
            _NUMBERED_REQUEST,
            _PREFIXED_HEAD,
        ):
            for m in _checked(rx, text, a, b):
                whose = (m.groupdict().get("whose") or m.groupdict().get("glued") or "").lower()
                if whose in ("your", "my") and rx is _LABELLED:
                    # a letter head's "Your Ref:" field is the requester's own; "please quote your
                    # reference number X" and "YOUR REQUEST REF NO. X" give the authority's
                    line_start = text.rfind("\n", 0, m.start()) + 1
                    head = text[line_start : m.start("ref")]
                    if (
                        linre.compile(r"[ \t*]*(?:your|my)\s+ref(?:erence)?\b\.?\s*:", re.I).match(
                            head
                        )
                        or whose == "my"
                    ):
                        continue
                value = _clean(m.group("ref"))
                s = m.start("ref")
                pairs = _DIGIT_PAIRS.match(
                    text, s + len(value), min(len(text), s + len(value) + 20)
                )
                if rx is _LABELLED and pairs:
                    value = text[s : pairs.end()].rstrip()  # "ECC19947203 03 26": one reference
                if not _valid(value) or (
                    rx not in (_HEADING, _SUBJECT_BARE, _SUBJECT, _REQUEST_TOKEN, _PREFIXED_HEAD)
                    and whose != "our"  # "Our ref" is the authority's, wherever it stands
                    and any(x <= s < y for x, y in skip)
                ):
                    continue
                if best is None or s < best.start:
                    best = Reference(value, s, s + len(value))
                break
        if best:
            return best
    return None


def bare_reference(text: str) -> Reference | None:
    """A reference printed alone on a line (a log page's title, a letter-head field).

    The last resort when no labelled reference is found: a line holding only a token of
    capital letters and at least four digits.

    >>> bare_reference("FI17008\\nRequest\\nHow many children…").value
    'FI17008'
    >>> bare_reference("2019/20\\nG1 1JL") is None
    True
    """
    for m in _BARE_LINE.finditer(text):
        value = m.group("ref")
        if _valid(value):
            return Reference(value, m.start("ref"), m.end("ref"))
    return None


# --- references in formats the labelled patterns above miss (linear-time patterns) ---------

# a reference token: an optional capitalised prefix ("FOI ", "ATISN ", "RFI-", "DMBCIR:"), then
# a run that starts with a digit, optionally followed by /- separated parts ("615/20", "822A/23")
_TOKEN2 = (
    r"(?P<ref>(?:[A-Z][A-Za-z]{1,7}(?:/[A-Z]{2,5})?[ \-/:]?|[A-Z]{1,3}/[A-Z]{1,3}/)?(?:[a-z]|[A-Z]{1,3})?\d[0-9A-Za-z]*"
    r"(?:[/\-.][0-9A-Za-z]+)*)"
)
_LABEL2 = linre.compile(
    r"(?i:\b(?:our\s*ref(?:erence)?(?:\s*(?:no|number))?|request\s+(?:number|no|id|reference|ref)|"
    r"case\s+(?:number|no|ref(?:erence)?)|enquiry\s+ref(?:erence)?|reference\s+(?:number|no)|ref(?:erence)?))"
    r"\.?(?:\s+is)?[ \t]*[:\-–#]*[ \t]*(?:/[ \t]*)?(?:\n[ \t]*)?"
    + _TOKEN2
    + r"(?:[ \t]*[).,;]|[ \t]*$|[ \t]+\S)",
    re.M,
)
# a title line ending in the reference: "Taser Use (822A/23)", "Request for Information – ATISN 16048"
_TITLE2 = linre.compile(
    r"^[^\n]{3,120}?(?:\(|[ \t][-–:][ \t]*)" + _TOKEN2 + r"\)?[ \t]*$",
    re.M,
)
_BARE2 = linre.compile(
    r"^[ \t#*]*(?P<ref>(?i:FOI|EIR|FOISA|RFI|ATISN|ENQ|CIR|REQ)[ \-/]?\d[\d/\-]{2,}[0-9A-Za-z]*|\d{8,})[ \t*]*$",
    re.M,
)
# prefixes that only ever start a request's reference, anywhere in a line:
# "Complaint in respect of ATISN 16046 – Waiting Lists"
_REF_ONLY_PREFIX = linre.compile(r"(?<![\w/])(?P<ref>(?:ATISN|RFI|ENQ|CIR)[ \-]?\d{4,})\b")
# numbers that are never a request's reference: the Commissioner's and the Tribunal's cases,
# years, dates, sums
_FOREIGN = linre.compile(
    r"^(?:FS5\d+|FER\d+|IC-\d|EA/\d|IRQ\d|(?:19|20)\d\d$|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|\d{1,2}$|\d\d/\d\d$)",
    re.I,
)
_TWO_DIGITS = linre.compile(r"\d{2,}")
_LOWER_WORD = linre.compile(
    r"^[a-z]{2,}[ \-:]|^(?i:section|sections|regulation|reg|sec|part|para|paragraph|page|appendix|annex|"
    r"tel|telephone|phone|room|floor|question|item|schedule|article|number|no|date|ref|reference|case|id|our|your)\b"
)


def plausible(value: str) -> bool:
    """Whether a reference read from a text is shaped like one (not "bers 11018", not a year).

    >>> plausible("ATISN 16048"), plausible("bers 11018"), plausible("2019")
    (True, False, False)
    """
    return (
        any(c.isdigit() for c in value)
        and not _LOWER_WORD.search(value)
        and not _FOREIGN.search(value)
        and 2 <= len(value) <= 40
    )


def other_reference(text: str, spans: Sequence[tuple[int, int]] | None = None) -> Reference | None:
    """A reference in a labelled, title or bare-line format that :func:`find_reference` misses.

    >>> other_reference("Request Number: FOI/13985\\nDear Sir").value
    'FOI/13985'
    >>> other_reference("Taser Use (822A/23)\\n\\nPlease provide").value
    '822A/23'
    >>> other_reference("has been logged under the reference number 347.").value
    '347'
    >>> other_reference("there were numbers 11018 in the list") is None
    True
    """
    spans = spans or [(0, len(text))]
    for rx in (_LABEL2, _TITLE2, _BARE2, _REF_ONLY_PREFIX):
        for a, b in spans:
            for m in rx.finditer(text, a, b):
                value = _clean(m.group("ref")).rstrip(":-/ ")
                if rx is _TITLE2 and not _TWO_DIGITS.search(value):
                    continue
                if rx is _TITLE2 and value.isdigit() and len(value) < 5:
                    continue
                if plausible(value):
                    s = m.start(rx.groupindex["ref"])
                    return Reference(value, s, s + len(value))
    return None
