"""Reading a count out of a table cell or phrase: "12", "twelve", "nil", "n/a", "<5", "XX".

>>> parse_count("<5")
Count(kind='suppressed', value=None)
>>> parse_count("Twenty-three")
Count(kind='number', value=23)
>>> parse_count("Nil").kind, parse_count("XX").kind
('zero', 'echo')
>>> month_of("Number of uses in June")
'2020-06'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from foicompare import linre

Kind = Literal["number", "zero", "suppressed", "yes", "unknown", "echo", "empty", "text"]


@dataclass(frozen=True, slots=True)
class Count:
    """A cell read as a count. ``value`` is set for ``number`` (and 0 for ``zero``)."""

    kind: Kind
    value: int | None = None

    @property
    def used(self) -> bool | None:
        """True for a positive count, yes or a suppressed small number; False for nil."""
        if self.kind in ("yes", "suppressed"):
            return True
        if self.kind == "number":
            return bool(self.value)
        if self.kind == "zero":
            return False
        return None


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
NUMBER_WORDS = linre.compile(
    rf"\b(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(k for k in _UNITS if _UNITS[k] < 10)}))?"
    rf"|(?:{'|'.join(_UNITS)}))(?: hundred)?\b"
)


def words_to_int(text: str) -> int | None:
    """``"twenty-three"`` -> 23, ``"one hundred"`` -> 100; None if ``text`` is not a number word."""
    t = text.strip().lower().replace("-", " ")
    parts = t.split()
    if not parts or any(p not in _UNITS and p not in _TENS and p != "hundred" for p in parts):
        return None
    total = 0
    for p in parts:
        if p == "hundred":
            total = (total or 1) * 100
        else:
            total += _UNITS.get(p, 0) + _TENS.get(p, 0)
    return total


_SUPPRESSED = linre.compile(
    r"^(?:<|&lt;|≤|fewer than|less than|under|below)\s*(?:5|five|10|ten|3|three)\b"
    r"|^(?:1|one)\s*(?:-|to)\s*(?:4|four|9)\b"
    r"|\b(?:5|five) or (?:fewer|less)\b|^\*+$|suppress|redact|section 40|\bs\.? ?40\b"
    r"|small numbers?|low numbers?"
)
_ZERO = linre.compile(
    r"^(?:0+|nil(?: return)?|none|zero|no|nothing|n/?a|not applicable|not used|not utili[sz]ed"
    r"|not required|not needed|not applied|-+|\u2013|x|no uses?|no flexibilit\w+ used)\.?$"
)
_UNKNOWN = linre.compile(
    r"not (?:known|recorded|held|available|collated|captured|centrally recorded)|unknown"
    r"|unable to|cannot be|can ?not|no data|data not|information not|not possible|tbc|"
    r"\bsection 12\b|\bs\.? ?12\b"
)
_YES = linre.compile(
    r"^(?:yes|y|used|utili[sz]ed|applied|✓|✔|various|several|multiple|many|numerous|all|some"
    r"|ongoing|throughout|as required|as needed|in use)\b"
)
_NUM = linre.compile(
    r"^(?:approx(?:imately|\.)?|about|around|c\.|circa|~|over|more than)?\s*(\d[\d,]*)\+?"
)


def parse_count(cell: str) -> Count:
    """Read one cell as a count (see module examples)."""
    t = (
        linre.compile(r"\s+")
        .sub(" ", cell.replace("\u00a0", " "))
        .strip()
        .lower()
        .rstrip("*")
        .strip()
    )
    if not t:
        return Count("empty")
    if linre.compile(r"x{2,}|\?+").fullmatch(t):
        return Count("echo")
    if _SUPPRESSED.search(t):
        return Count("suppressed")
    if _ZERO.match(t):
        return Count("zero", 0)
    m = _NUM.match(t)
    if m:
        n = int(m.group(1).replace(",", ""))
        return Count("number", n) if n else Count("zero", 0)
    head = linre.compile(r"[(,;:.]").split(t, 1)[0].strip()
    n = words_to_int(head)
    if n is not None:
        return Count("number", n) if n else Count("zero", 0)
    if _UNKNOWN.search(t):
        return Count("unknown")
    if _YES.match(t):
        return Count("yes")
    return Count("text")


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = linre.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?[\s,'-]*((?:20)?2[01])?\b"
)
_ISO_MONTH = linre.compile(r"\b(202[01])[-/](0[1-9]|1[0-2])\b|\b(0?[1-9]|1[0-2])[-/](202[01])\b")


@functools.lru_cache(maxsize=4096)  # headers repeat within and across documents
def month_of(header: str) -> str | None:
    """The ``YYYY-MM`` a column header counts ("uses in May" -> 2020-05; Jan-Mar default 2021).

    >>> month_of("April 2021"), month_of("Sept"), month_of("Jan"), month_of("Total")
    ('2021-04', '2020-09', '2021-01', None)
    """
    h = header.lower()
    iso = _ISO_MONTH.search(h)
    if iso:
        if iso.group(1):
            return f"{iso.group(1)}-{iso.group(2)}"
        return f"{iso.group(4)}-{int(iso.group(3)):02d}"
    found = [m for m in _MONTH.finditer(h) if not (m.group(1) == "may" and _modal_may(h, m))]
    if len(found) != 1:
        return None
    m = found[0]
    month = _MONTHS[m.group(1)[:3]]
    year = m.group(2)
    if year:
        y = int(year) if len(year) == 4 else 2000 + int(year)
    else:
        y = 2021 if month <= 3 else 2020
    return f"{y}-{month:02d}"


def _modal_may(h: str, m: re.Match[str]) -> bool:
    """``may`` used as a verb ("may be", "may have") rather than the month."""
    return bool(
        linre.compile(r"\s+(?:be|have|not|also|use|need|include|require)\b").match(h[m.end(1) :])
    )
