"""Working days in SQL: a calendar table with a running count of working days.

Counting working days one case at a time in Python took about a minute for 700,000 cases.
Here every date of the needed range gets a row per calendar — the UK-wide one of FOIA and
the EIR (bank holidays anywhere in the UK stop the clock) and the Scottish one of FOISA —
holding ``n``, the number of working days from the start of the range up to and including
that date. With ``c(d)`` that counter:

* the clock starts on the first working day on or after receipt, whose counter is
  ``c(received - 1) + 1`` whether or not ``received`` was a working day;
* working days from receipt to a response = ``max(0, c(responded) - c(received - 1) - 1)``
  (the same as :func:`foicompare.analysis.deadlines.working_days`);
* the due date is the working day whose counter is ``c(received - 1) + 1 + limit``
  (the same as :func:`foicompare.analysis.deadlines.due_date`).

So timing a case is three lookups in lists of a few thousand elements. The bank
holidays are the ones :mod:`foicompare.analysis.deadlines` uses (the ``holidays`` library),
and the limits come from calling :func:`foicompare.analysis.deadlines.rule` itself.

>>> import datetime as dt, duckdb
>>> sql, params = calendar_sql(dt.date(2020, 12, 18), dt.date(2021, 1, 5))
>>> n_uk, n_scot, days_uk, days_scot = duckdb.connect().execute(sql, params).fetchall()[0]
>>> n_uk[-1] - n_uk[0]   # 25 and 28 December, 1 and 4 January are off
8
"""

from __future__ import annotations

import datetime as dt

from foicompare.analysis import deadlines

#: how ``act`` values are told apart by :func:`foicompare.analysis.deadlines.rule`;
#: any other act (FOIA, null, ...) is ``'other'``
ACT_CLASSES: dict[str, str | None] = {"DPA": "DPA", "EIR": "EIR", "FOISA": "FOISA", "other": None}


def rule_index_sql(act: str, nation: str, in_window: str) -> str:
    """SQL for a case's 1-based index into :func:`rule_table` (from its ``act`` and
    ``nation`` columns and the boolean SQL ``in_window``: the response, or ``as_of`` for open
    cases, falls in Scotland's 2020 window).

    >>> rule_index_sql("act", "nation", "false")[:40]
    "1 + 4 * CASE act WHEN 'DPA' THEN 0 WHEN "
    """
    classes = " ".join(f"WHEN '{a}' THEN {i}" for i, a in enumerate(ACT_CLASSES) if a != "other")
    other = list(ACT_CLASSES).index("other")
    return (
        f"1 + 4 * CASE {act} {classes} ELSE {other} END"
        f" + 2 * coalesce({nation} = 'Scotland', false)::INTEGER"
        f" + coalesce({in_window}, false)::INTEGER"
    )


def rule_table() -> tuple[list[int | None], list[bool], list[str]]:
    """Every limit :func:`~foicompare.analysis.deadlines.rule` can give, as three lists
    indexed by :func:`rule_index_sql`: ``limit_days``, ``scotland`` (the Scottish calendar
    applies) and ``limit_basis``. Built by calling ``rule`` on one representative of each
    class of act × Scottish council or not × in Scotland's 2020 window or not, so the SQL
    never restates the law.

    >>> limits, scotland, basis = rule_table()
    >>> limits[:4], limits[-4:]   # DPA: no limit; FOIA in Scotland's window: 60
    ([None, None, None, None], [20, 20, 20, 60])
    """
    limits, scotland, basis = [], [], []
    for act in ACT_CLASSES.values():
        for scot_nation in (False, True):
            for in_window in (False, True):
                responded = deadlines.SCOTLAND_COVID_WINDOW[0] if in_window else None
                nation = "Scotland" if scot_nation else None
                r = deadlines.rule(responded, act=act, nation=nation)
                limits.append(r.limit)
                scotland.append(r.scotland)
                basis.append(r.basis)
    return limits, scotland, basis


def calendar_sql(first: dt.date, last: dt.date) -> tuple[str, list]:
    """SQL (and parameters) for one row of four lists describing the days from ``first`` to
    ``last`` inclusive: ``n_uk`` and ``n_scot`` (element ``d - first + 1`` counts the working
    days from ``first`` up to and including day ``d``, UK-wide and Scottish calendars) and
    ``days_uk`` and ``days_scot`` (element ``k`` is the ``k``-th working day). A lookup in
    a list costs less than a join with a calendar table.

    >>> sql, params = calendar_sql(dt.date(2021, 3, 15), dt.date(2021, 3, 19))
    >>> import duckdb
    >>> duckdb.connect().execute(sql, params).fetchall()[0][:2]   # 17 March: NI holiday
    ([1, 2, 2, 3, 4], [1, 2, 3, 4, 5])
    """
    years = (first.year, last.year)
    uk = sorted(deadlines._holidays(False, *years))
    scot = sorted(deadlines._holidays(True, *years))
    sql = """
        SELECT list(n ORDER BY day) FILTER (NOT scotland) AS n_uk,
               list(n ORDER BY day) FILTER (scotland) AS n_scot,
               list(day ORDER BY day) FILTER (NOT scotland AND working) AS days_uk,
               list(day ORDER BY day) FILTER (scotland AND working) AS days_scot
        FROM (
            SELECT scotland, day, working,
                   sum(working::INTEGER) OVER (PARTITION BY scotland ORDER BY day)::BIGINT AS n
            FROM (
                SELECT s.scotland, d.range::DATE AS day,
                       isodow(d.range) < 6
                       AND NOT list_contains(CASE WHEN s.scotland THEN ?::DATE[]
                                                  ELSE ?::DATE[] END, d.range::DATE) AS working
                FROM range(?::DATE, ?::DATE + 1, INTERVAL 1 DAY) d,
                     (VALUES (false), (true)) s(scotland)
            )
        )
    """
    return sql, [scot, uk, first, last]
