"""Dates of a round robin: when requests arrive, when answers are due, which are late.

FOI answers are due within 20 working days of receipt (weekends and English bank
holidays excluded).

>>> import datetime as dt
>>> add_working_days(dt.date(2020, 7, 6), 20)
datetime.date(2020, 8, 3)
>>> add_working_days(dt.date(2020, 8, 28), 1)  # skips the August bank holiday
datetime.date(2020, 9, 1)
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays


@functools.cache
def _bank_holidays() -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2023)))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not an English bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays()


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days after ``day``."""
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``.

    >>> working_days_between(dt.date(2020, 7, 6), dt.date(2020, 8, 3))
    20
    """
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n += 1
    return n


#: the two requests of the demo round robin: first day requests arrive
REQUEST_WINDOWS = {
    "flexibilities": dt.date(2020, 7, 1),
    "qa_systems": dt.date(2021, 4, 19),
}
