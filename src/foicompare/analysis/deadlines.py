"""Working days from receipt to response, against the statutory time limit.

The law, as applied here:

* **FOIA 2000 s10(1)** (and **EIR 2004 reg 5(2)**): answer "promptly and in any event not
  later than the twentieth working day following the date of receipt". A working day is
  any day but a Saturday, Sunday, Christmas Day, Good Friday "or a day which is a bank
  holiday under the Banking and Financial Dealings Act 1971 **in any part of the United
  Kingdom**" (FOIA s10(6); EIR reg 2(1) borrows it). So an English council's clock also
  stops on Scotland's 2 January and St Andrew's Day and on Northern Ireland's St Patrick's
  Day (ICO line to take LTT47).
* **FOISA 2002 s10(1)**: 20 working days; s73 excludes only bank holidays **in Scotland**.
  The Environmental Information (Scotland) Regulations 2004 use the same definition.
* **Scotland's pandemic limit**: the Coronavirus (Scotland) Act 2020 (asp 7), sch 6 part 2,
  raised FOISA's limit to 60 working days from 7 April 2020; the Coronavirus (Scotland)
  (No. 2) Act 2020 (asp 10), sch 4 para 11, repealed that from 27 May 2020 for every
  request, including those already received. The Scottish Information Commissioner judges
  a response *issued* from 7 April to 26 May 2020 inclusive against 60 working days and
  every other response against 20 (SIC, "Covid-19 and FOI: Emergency Legislation" and the
  authority FAQ, itspublicknowledge.info). The EIR(S) limit was never extended.
* A request received on a non-working day counts as received on the next working day
  (ICO guidance on section 10). Extensions for the public interest test (FOIA s10(3)) and
  clarification pauses are not modelled: such responses are flagged, not excused.
* Subject access requests (DPA) run in calendar months and are left out.

Bank holidays come from the maintained ``holidays`` library (its ``GB`` calendar with the
ENG, WLS, SCT and NIR subdivisions, including one-off days such as 19 September 2022).

The functions here time one case and are the reference; comparisons of many cases count in
SQL with :mod:`foicompare.analysis.workdays` (tested to agree with them) and
:mod:`foicompare.analysis.by_timeliness`.

>>> import datetime as dt
>>> working_days(dt.date(2020, 12, 18), dt.date(2021, 1, 5), act="FOIA", nation="England")
8
>>> rule(dt.date(2020, 5, 1), act="FOISA", nation="Scotland").limit
60
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import holidays

STANDARD_LIMIT = 20
#: FOISA responses issued in this window (inclusive) are judged against 60 working days
SCOTLAND_COVID_WINDOW = (dt.date(2020, 4, 7), dt.date(2020, 5, 26))
SCOTLAND_COVID_LIMIT = 60
UK_SUBDIVISIONS = ("ENG", "WLS", "SCT", "NIR")

SOURCES = {
    "FOIA s10(6)": "https://www.legislation.gov.uk/ukpga/2000/36/section/10",
    "FOISA s10, s73": "https://www.legislation.gov.uk/asp/2002/13/section/73",
    "Coronavirus (Scotland) Act 2020 sch 6": "https://www.legislation.gov.uk/asp/2020/7/schedule/6",
    "Coronavirus (Scotland) (No. 2) Act 2020 sch 4 para 11": (
        "https://www.legislation.gov.uk/asp/2020/10/schedule/4/part/8"
    ),
    "SIC: Covid-19 and FOI emergency legislation": (
        "https://www.itspublicknowledge.info/Law/Covid-19EmergencyLegislation.aspx"
    ),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """Which calendar and limit apply to one response."""

    limit: int | None
    scotland: bool
    basis: str


def rule(responded: dt.date | None, *, act: str | None, nation: str | None) -> Rule:
    """The time limit and calendar for a response issued on ``responded``.

    ``act`` missing means the usual act of the council's nation (FOISA in Scotland,
    FOIA elsewhere).

    >>> rule(dt.date(2020, 5, 26), act=None, nation="Scotland").limit
    60
    >>> rule(dt.date(2020, 5, 27), act="FOISA", nation="Scotland").limit
    20
    >>> rule(dt.date(2020, 5, 1), act="EIR", nation="Scotland").limit
    20
    >>> rule(None, act="DPA", nation="England").limit is None
    True
    """
    scotland = nation == "Scotland" or act == "FOISA"
    if act == "DPA":
        return Rule(None, scotland, "DPA subject access: calendar months, not modelled")
    if scotland:
        in_window = (
            responded is not None
            and SCOTLAND_COVID_WINDOW[0] <= responded <= SCOTLAND_COVID_WINDOW[1]
        )
        if act != "EIR" and in_window:
            return Rule(
                SCOTLAND_COVID_LIMIT,
                True,
                "FOISA as amended by the Coronavirus (Scotland) Act 2020: 60 working days "
                "for responses issued 7 April to 26 May 2020; Scottish bank holidays",
            )
        law = "EIR(S) reg 5(2)" if act == "EIR" else "FOISA s10(1)"
        return Rule(STANDARD_LIMIT, True, f"{law}: 20 working days; Scottish bank holidays (s73)")
    law = "EIR reg 5(2)" if act == "EIR" else "FOIA s10(1)"
    return Rule(
        STANDARD_LIMIT, False, f"{law}: 20 working days; bank holidays anywhere in the UK (s10(6))"
    )


@functools.lru_cache(maxsize=4)
def _holidays(scotland: bool, first_year: int, last_year: int) -> frozenset[dt.date]:
    years = range(first_year, last_year + 1)
    subdivs = ("SCT",) if scotland else UK_SUBDIVISIONS
    days: set[dt.date] = set()
    for sub in subdivs:
        days.update(holidays.country_holidays("GB", subdiv=sub, years=years))
    return frozenset(days)


def non_working_days(year: int, *, scotland: bool) -> list[dt.date]:
    """Bank holidays that stop the clock in ``year`` (weekends aside).

    >>> dt.date(2021, 3, 17) in non_working_days(2021, scotland=False)   # St Patrick's Day
    True
    >>> dt.date(2021, 3, 17) in non_working_days(2021, scotland=True)
    False
    """
    return sorted(d for d in _holidays(scotland, year, year) if d.year == year)


def _is_working(day: dt.date, hols: frozenset[dt.date]) -> bool:
    return day.weekday() < 5 and day not in hols


def _calendar(scotland: bool, *dates: dt.date) -> frozenset[dt.date]:
    years = [d.year for d in dates if d is not None]
    # a whole decade's block is cached once, so most cases share one set
    lo, hi = min(years) // 10 * 10, max(years) // 10 * 10 + 11
    return _holidays(scotland, lo, hi)


def effective_receipt(received: dt.date, *, scotland: bool) -> dt.date:
    """The day the clock starts from: ``received``, or the next working day if it was not one.

    >>> effective_receipt(dt.date(2024, 3, 30), scotland=False)   # Easter Saturday
    datetime.date(2024, 4, 2)
    """
    hols = _calendar(scotland, received)
    day = received
    while not _is_working(day, hols):
        day += dt.timedelta(days=1)
    return day


def working_days(
    received: dt.date, responded: dt.date, *, act: str | None = None, nation: str | None = None
) -> int:
    """Working days after receipt up to and including the response (0 = answered same day).

    >>> working_days(dt.date(2022, 9, 12), dt.date(2022, 9, 20), act="FOIA", nation="England")
    5
    """
    scotland = rule(responded, act=act, nation=nation).scotland
    start = effective_receipt(received, scotland=scotland)
    if responded <= start:
        return 0
    hols = _calendar(scotland, start, responded)
    n, day = 0, start
    while day < responded:
        day += dt.timedelta(days=1)
        n += _is_working(day, hols)
    return n


def due_date(received: dt.date, limit: int, *, scotland: bool) -> dt.date:
    """The last day of the limit: the ``limit``-th working day after (effective) receipt.

    >>> due_date(dt.date(2020, 12, 21), 20, scotland=False)   # Christmas, Boxing Day, 1-4 Jan
    datetime.date(2021, 1, 22)
    """
    start = effective_receipt(received, scotland=scotland)
    hols = _calendar(scotland, start, start + dt.timedelta(days=limit * 2 + 30))
    n, day = 0, start
    while n < limit:
        day += dt.timedelta(days=1)
        n += _is_working(day, hols)
    return day
