"""Dates as disclosure logs print them → :class:`datetime.date`.

>>> parse_date("Received: 25 June 2021")
datetime.date(2021, 6, 25)
>>> parse_date("Monday 10 September 2018")
datetime.date(2018, 9, 10)
>>> parse_date("10/09/2018"), parse_date("2018-09-10T12:00:00")
(datetime.date(2018, 9, 10), datetime.date(2018, 9, 10))
>>> parse_date("Response 10-08-2023")  # Moray prints dd-mm-yyyy
datetime.date(2023, 8, 10)
>>> parse_date("soon") is None
True
"""

from __future__ import annotations

import datetime as dt

from foicompare import linre

__all__ = ["parse_date"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_ISO = linre.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# day, month, year with one separator kind throughout (checked on the match: RE2 has no
# back-references): 25/06/2021, 25.06.21, 25-06-2021 (Moray prints dd-mm-yyyy)
_DMY_NUM = linre.compile(r"\b(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{2}|\d{4})\b")
_DMY_TEXT = linre.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY_TEXT = linre.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str | None) -> dt.date | None:
    """The first date written in ``text`` (UK day-first order), or ``None``.

    Understands ``2021-06-25``, ``25/06/2021``, ``25-06-2021``, ``25.06.21``, ``25 June 2021``,
    ``25th Jun 2021`` and ``June 25, 2021``.
    """
    if not text:
        return None
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        if d := _make(int(m[1]), int(m[2]), int(m[3])):
            found.append((m.start(), d))
    for m in _DMY_NUM.finditer(text):
        if m[2] == m[4] and (d := _make(int(m[5]), int(m[3]), int(m[1]))):
            found.append((m.start(), d))
    for m in _DMY_TEXT.finditer(text):
        month = _MONTHS.get(m[2].lower())
        if month and (d := _make(int(m[3]), month, int(m[1]))):
            found.append((m.start(), d))
    for m in _MDY_TEXT.finditer(text):
        month = _MONTHS.get(m[1].lower())
        if month and (d := _make(int(m[3]), month, int(m[2]))):
            found.append((m.start(), d))
    return min(found)[1] if found else None
