"""Dates as UK FOI letters print them, with their character spans.

Letters write "03 August 2020", "Friday 18 September 2020", "27th March 2014",
"January 27, 2014", "23-02-2024", "04/04/23" or "2021-05-20"; numeric dates are
read day-first (UK usage).

>>> [(d.iso, d.start, d.end) for d in find_dates("Date: 3rd Aug. 2020, ref 04/05/23")]
[('2020-08-03', 6, 19), ('2023-05-04', 25, 33)]
>>> [d.iso for d in find_dates("we received 30, September 2016; received 3^rd April 2017")]
['2016-09-30', '2017-04-03']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from foicompare import linre

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
#: month names and abbreviations → month number
MONTHS = _MONTHS
_MONTH = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)\^?(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

_PATTERNS = [
    # 3 August 2020, 3rd of August, 2020
    linre.compile(rf"\b{_WEEKDAY}{_DAY},?(?:\s+of)?[\s\-]+{_MONTH},?[\s\-]*{_YEAR}(?!\d)", re.I),
    # August 3, 2020
    linre.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    # 2020-08-03
    linre.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # 03/08/2020, 3.8.20, 23-02-2024
    linre.compile(
        r"(?<![\d/.\-])(?P<day>[0-3]?\d)([/.\-])(?P<mnum>[01]?\d)\2(?P<year>(?:19|20)?\d\d)(?![\d/\-]|\.\d)"
    ),
]


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date found in a text: ISO string and the span it was read from."""

    iso: str
    start: int
    end: int


def _build(year: str, month: int, day: str) -> str | None:
    y = int(year)
    if y < 100:
        y += 2000
    try:
        return dt.date(y, month, int(day)).isoformat()
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Every date in ``text[start:end]``, in order of position, spans in ``text``.

    >>> [d.iso for d in find_dates("Sent: Monday, January 27, 2014 2:30 PM")]
    ['2014-01-27']
    """
    end = len(text) if end is None else end
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            g = m.groupdict()
            month = _MONTHS[g["mon"].lower()] if g.get("mon") else int(g["mnum"])
            iso = _build(g["year"], month, g["day"])
            if iso:
                hits.append(DateHit(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def first_date(text: str, start: int = 0, end: int | None = None) -> DateHit | None:
    """The first date in ``text[start:end]``, or None.

    >>> first_date("Received: 24 January 2024").iso
    '2024-01-24'
    """
    hits = find_dates(text, start, end)
    return hits[0] if hits else None
