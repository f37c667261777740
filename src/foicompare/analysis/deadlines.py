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

import duckdb
import holidays
import polars as pl

from foicompare.analysis._context import enriched_decisions_sql, group_columns
from foicompare.analysis._db import columns, has_table

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


_CASE_SCHEMA = {
    "authority_code": pl.String,
    "authority_name": pl.String,
    "region": pl.String,
    "authority_type": pl.String,
    "nation": pl.String,
    "ofsted": pl.String,
    "source": pl.String,
    "case": pl.String,
    "act": pl.String,
    "received": pl.Date,
    "responded": pl.Date,
    "working_days": pl.Int64,
    "limit_days": pl.Int64,
    "due": pl.Date,
    "late": pl.Boolean,
    "open": pl.Boolean,
    "public_interest_test": pl.Boolean,
    "limit_basis": pl.String,
    "doc_ids": pl.List(pl.String),
}


def cases(con: duckdb.DuckDBPyConnection, *, as_of: dt.date | None = None) -> pl.DataFrame:
    """One row per request whose receipt date is known, with its timing against the limit.

    Two sources, never counting one case twice: WhatDoTheyKnow requests (``source =
    'request'``: sent ``created_at``, answered at the first incoming response message) and
    parsed response letters that state when the request was received (``source =
    'document'``), leaving out letters that belong to a fetched request. Open requests
    (no response yet) have ``open = True`` and are ``late`` once ``as_of`` (default today)
    is past their due date.
    """
    as_of = as_of or dt.date.today()
    raw = _document_cases(con) + _request_cases(con)
    out = []
    for c in raw:
        r = rule(c["responded"] or as_of, act=c["act"], nation=c["nation"])
        row = {**c, "limit_days": r.limit, "limit_basis": r.basis, "open": c["responded"] is None}
        if r.limit is None or c["received"] is None:
            row.update(working_days=None, due=None, late=None)
        else:
            row["due"] = due_date(c["received"], r.limit, scotland=r.scotland)
            end = c["responded"] or as_of
            row["working_days"] = working_days(
                c["received"], end, act=c["act"], nation=c["nation"]
            ) if end >= c["received"] else None  # fmt: skip
            row["late"] = end > row["due"]
        out.append(row)
    df = (
        pl.DataFrame(out, schema=_CASE_SCHEMA, orient="row")
        if out
        else pl.DataFrame(schema=_CASE_SCHEMA)
    )
    return df.sort("authority_name", "received", nulls_last=True)


def _rows(rel: duckdb.DuckDBPyRelation) -> list[dict]:
    names = rel.columns
    return [dict(zip(names, r, strict=True)) for r in rel.fetchall()]


def _document_cases(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not has_table(con, "responses"):
        return []
    decisions, params = enriched_decisions_sql(con, "response")
    in_request = _request_doc_ids_sql(con)
    sql = f"""
        WITH e AS ({decisions})
        SELECT authority_code, authority_name, region, authority_type, nation, ofsted,
               'document' AS source, coalesce(reference, doc_id) AS case,
               act, received, date AS responded, public_interest_test, doc_ids
        FROM e
        WHERE received IS NOT NULL AND date IS NOT NULL
          {f"AND NOT list_has_any(doc_ids, (SELECT coalesce(list(doc_id), []) FROM ({in_request})))" if in_request else ""}
    """
    return _rows(con.sql(sql, params=params or None))


def _request_doc_ids_sql(con: duckdb.DuckDBPyConnection) -> str | None:
    parts = []
    if has_table(con, "request_messages"):
        parts.append("SELECT doc_id FROM request_messages WHERE doc_id IS NOT NULL")
    if has_table(con, "request_documents"):
        parts.append("SELECT doc_id FROM request_documents WHERE doc_id IS NOT NULL")
    if "request_id" in columns(con, "documents"):
        parts.append("SELECT doc_id FROM documents WHERE request_id IS NOT NULL")
    return " UNION ".join(parts) or None


def _request_cases(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not (has_table(con, "requests") and has_table(con, "request_messages")):
        return []
    from foicompare.analysis._context import NOT_INSPECTED, authorities_sql, ofsted_sql

    ofsted = ofsted_sql(con)
    ofsted_join = "NULL::VARCHAR AS judgement FROM q"
    if ofsted is not None:
        ofsted_join = f"""o.judgement FROM q ASOF LEFT JOIN ({ofsted}) o
            ON q.la_code = o.la_code AND coalesce(q.responded, q.received) >= o.published"""
    sql = f"""
        WITH a AS (SELECT DISTINCT ON (authority_code) * FROM ({authorities_sql(con)})),
             answered AS (
                SELECT request_id, min(sent_at)::DATE AS responded,
                       list_sort(list(doc_id) FILTER (doc_id IS NOT NULL)) AS doc_ids
                FROM request_messages
                WHERE direction = 'incoming' AND kind IN ('response', 'internal_review')
                GROUP BY request_id
             ),
             q AS (
                SELECT r.authority_code,
                       coalesce(a.authority_name, r.authority_name, r.body_name) AS authority_name,
                       a.la_code, coalesce(a.region, 'unknown') AS region,
                       coalesce(a.authority_type, 'unknown') AS authority_type,
                       coalesce(a.nation, 'unknown') AS nation,
                       'request' AS source, r.request_id AS case,
                       CASE lower(r.law_used) WHEN 'eir' THEN 'EIR'
                            ELSE CASE WHEN a.nation = 'Scotland' THEN 'FOISA' ELSE 'FOIA' END
                       END AS act,
                       r.created_at::DATE AS received, x.responded,
                       NULL::BOOLEAN AS public_interest_test,
                       coalesce(x.doc_ids, []) AS doc_ids
                FROM requests r
                LEFT JOIN a ON a.authority_code = r.authority_code
                LEFT JOIN answered x USING (request_id)
                WHERE r.created_at IS NOT NULL
                  AND coalesce(r.described_state, '') NOT IN ('user_withdrawn')
             )
        SELECT q.* EXCLUDE (la_code), coalesce(judgement, '{NOT_INSPECTED}') AS ofsted
        FROM (SELECT q.*, {ofsted_join}) q
    """
    return _rows(con.sql(sql))


def timeliness(
    con: duckdb.DuckDBPyConnection,
    by: str | None = None,
    *,
    as_of: dt.date | None = None,
) -> pl.DataFrame:
    """Timeliness per case (``by=None``) or summarised per group (``"authority"``, ``"region"``…).

    Per case: see :func:`cases`. Per group: ``cases``, ``answered``, ``open``,
    ``median_working_days``, ``p90_working_days``, ``max_working_days`` (answered cases),
    ``late`` (answered after the limit, or open past it), ``late_share`` and ``doc_ids``.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> timeliness(ds.con, by="authority").columns[:5]
    ['authority_code', 'authority_name', 'region', 'authority_type', 'cases']
    """
    per_case = cases(con, as_of=as_of)
    if by is None:
        return per_case
    groups = list(group_columns(by))
    answered = pl.col("working_days").filter(~pl.col("open"))
    agg = [
        pl.len().cast(pl.Int64).alias("cases"),
        (~pl.col("open")).sum().cast(pl.Int64).alias("answered"),
        pl.col("open").sum().cast(pl.Int64).alias("open"),
        answered.median().alias("median_working_days"),
        answered.quantile(0.9, interpolation="nearest").cast(pl.Float64).alias("p90_working_days"),
        answered.max().cast(pl.Int64).alias("max_working_days"),
        pl.col("late").fill_null(False).sum().cast(pl.Int64).alias("late"),
        pl.col("doc_ids")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique()
        .sort()
        .alias("doc_ids"),
    ]
    if per_case.is_empty():
        schema = {g: pl.String for g in groups} | {
            "cases": pl.Int64, "answered": pl.Int64, "open": pl.Int64,
            "median_working_days": pl.Float64, "p90_working_days": pl.Float64,
            "max_working_days": pl.Int64, "late": pl.Int64, "late_share": pl.Float64,
            "doc_ids": pl.List(pl.String),
        }  # fmt: skip
        return pl.DataFrame(schema=schema)
    out = (
        per_case.group_by(groups, maintain_order=False)
        .agg(agg)
        .with_columns((pl.col("late") / pl.col("cases")).alias("late_share"))
        .sort(groups, nulls_last=True)
    )
    return out.select(*groups, "cases", "answered", "open", "median_working_days",
                      "p90_working_days", "max_working_days", "late", "late_share", "doc_ids")  # fmt: skip
