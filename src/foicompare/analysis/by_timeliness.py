"""Timeliness: each request's working days from receipt to response against its limit.

The rules are :mod:`foicompare.analysis.deadlines`'s; the counting is done in SQL with
:mod:`foicompare.analysis.workdays` (a calendar join instead of a loop per case), and
grouped summaries are aggregated in DuckDB too.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> timeliness(ds.con, by="authority").columns[:5]
['authority_code', 'authority_name', 'region', 'authority_type', 'cases']
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from foicompare.analysis import deadlines, workdays
from foicompare.analysis._context import (
    authorities_sql,
    decisions_sql,
    group_columns,
    provenance_wanted,
    responses_relation,
    with_context_sql,
    with_ofsted_sql,
)
from foicompare.analysis._db import columns, has_table

CASE_SCHEMA = {
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
SUMMARY_COLUMNS = {
    "cases": pl.Int64,
    "answered": pl.Int64,
    "open": pl.Int64,
    "median_working_days": pl.Float64,
    "p90_working_days": pl.Float64,
    "max_working_days": pl.Int64,
    "late": pl.Int64,
    "late_share": pl.Float64,
    "doc_ids": pl.List(pl.String),
}
#: days after the last receipt the calendar reaches, so a 60-working-day limit finds its due date
_MARGIN = dt.timedelta(days=deadlines.SCOTLAND_COVID_LIMIT * 2 + 30)


def _request_doc_ids_sql(con: duckdb.DuckDBPyConnection) -> str | None:
    parts = []
    if has_table(con, "request_messages"):
        parts.append("SELECT doc_id FROM request_messages WHERE doc_id IS NOT NULL")
    if has_table(con, "request_documents"):
        parts.append("SELECT doc_id FROM request_documents WHERE doc_id IS NOT NULL")
    if "request_id" in columns(con, "documents"):
        parts.append("SELECT doc_id FROM documents WHERE request_id IS NOT NULL")
    return " UNION ".join(parts) or None


def _document_cases_sql(con: duckdb.DuckDBPyConnection, docs: bool) -> tuple[str, list] | None:
    """Parsed letters that state their receipt date, leaving out letters of a fetched request."""
    if not has_table(con, "responses"):
        return None
    in_request = _request_doc_ids_sql(con)
    decisions, params = decisions_sql(con, "response", doc_ids=docs, flag_docs=in_request)
    flagged = "AND NOT coalesce(flagged, false)" if in_request else ""
    rows = f"""
        SELECT authority_code, authority_name, 'document' AS source,
               coalesce(reference, doc_id) AS case, act, received, date AS responded,
               public_interest_test, doc_ids
        FROM ({decisions})
        WHERE received IS NOT NULL AND date IS NOT NULL {flagged}
    """
    return with_context_sql(con, rows), params


def _request_cases_sql(con: duckdb.DuckDBPyConnection) -> str | None:
    """WhatDoTheyKnow requests: sent ``created_at``, answered at the first incoming response."""
    if not (has_table(con, "requests") and has_table(con, "request_messages")):
        return None
    return f"""
        WITH a AS (SELECT DISTINCT ON (authority_code) * FROM ({authorities_sql(con)})),
             answered AS (
                SELECT request_id, min(sent_at)::DATE AS responded,
                       list_sort(list(doc_id) FILTER (doc_id IS NOT NULL)) AS doc_ids
                FROM request_messages
                WHERE direction = 'incoming' AND kind IN ('response', 'internal_review')
                GROUP BY request_id
             )
        SELECT r.authority_code,
               coalesce(a.authority_name, r.authority_name, r.body_name) AS authority_name,
               'request' AS source, r.request_id AS case,
               CASE lower(r.law_used) WHEN 'eir' THEN 'EIR'
                    ELSE CASE WHEN a.nation = 'Scotland' THEN 'FOISA' ELSE 'FOIA' END
               END AS act,
               r.created_at::DATE AS received, x.responded,
               NULL::BOOLEAN AS public_interest_test,
               coalesce(x.doc_ids, []) AS doc_ids,
               a.la_code, coalesce(a.region, 'unknown') AS region,
               coalesce(a.authority_type, 'unknown') AS authority_type,
               coalesce(a.nation, 'unknown') AS nation
        FROM requests r
        LEFT JOIN a ON a.authority_code = r.authority_code
        LEFT JOIN answered x USING (request_id)
        WHERE r.created_at IS NOT NULL
          AND coalesce(r.described_state, '') NOT IN ('user_withdrawn')
    """


def _date_range(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day the calendar must cover, or None without any receipt date."""
    parts = []
    if has_table(con, "responses"):
        rel = responses_relation(con)
        if {"received", "date"} <= columns(con, rel):
            parts.append(
                f"SELECT min(TRY_CAST(received AS DATE)) AS lo,"
                f" greatest(max(TRY_CAST(received AS DATE)), max(TRY_CAST(date AS DATE))) AS hi"
                f" FROM {rel}"
            )
    if has_table(con, "requests") and has_table(con, "request_messages"):
        parts.append(
            "SELECT min(created_at)::DATE, max(created_at)::DATE FROM requests"
            " UNION ALL SELECT NULL, max(sent_at)::DATE FROM request_messages"
        )
    if not parts:
        return None
    lo, hi = con.execute(f"SELECT min(lo), max(hi) FROM ({' UNION ALL '.join(parts)})").fetchall()[
        0
    ]
    if lo is None:
        return None
    return lo - dt.timedelta(days=1), max(hi or lo, as_of, lo) + _MARGIN


def cases_sql(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: dt.date,
    ofsted: bool = True,
    provenance: bool | None = None,
) -> tuple[str, list] | None:
    """SQL (and parameters) for one row per timed case (see :func:`cases`), or None when the
    dataset has nothing to time. ``ofsted=False`` leaves the ``ofsted`` column null
    (saves an as-of join when no one groups by it)."""
    docs = provenance_wanted(con, provenance)
    sources, params = [], []
    document_cases = _document_cases_sql(con, docs)
    if document_cases is not None:
        sources.append(document_cases[0])
        params += document_cases[1]
    request_cases = _request_cases_sql(con)
    if request_cases is not None:
        sources.append(request_cases)
    span = _date_range(con, as_of)
    if not sources or span is None:
        return None
    union = " UNION ALL BY NAME ".join(f"SELECT * FROM ({s})" for s in sources)
    if ofsted:
        union = with_ofsted_sql(
            con, f"SELECT *, coalesce(responded, received) AS _on FROM ({union})", on="_on"
        )
    else:
        union = f"SELECT *, NULL::VARCHAR AS ofsted FROM ({union})"
    sql, timing_params = timing_sql(union, params, as_of=as_of, span=span, doc_ids=docs)
    return sql, timing_params


def timing_sql(
    cases: str,
    params: list,
    *,
    as_of: dt.date,
    span: tuple[dt.date, dt.date],
    doc_ids: bool = True,
) -> tuple[str, list]:
    """SQL (and parameters) timing each row of ``cases`` against its statutory limit.

    ``cases`` (with its ``params``) yields the columns of :data:`CASE_SCHEMA` up to
    ``responded`` plus ``public_interest_test`` and ``doc_ids``; ``span`` is the first and
    last day the calendar covers (from the day before the earliest receipt to past the
    latest due date). Adds ``working_days, limit_days, due, late, open, limit_basis``
    exactly as :func:`foicompare.analysis.deadlines.working_days`, ``due_date`` and ``rule``
    define them, counting with :mod:`foicompare.analysis.workdays`.

    >>> import duckdb
    >>> sql, p = timing_sql(
    ...     "SELECT 'E1' AS authority_code, NULL AS authority_name, 'unknown' AS region,"
    ...     " 'unknown' AS authority_type, 'England' AS nation, NULL AS ofsted,"
    ...     " 'x' AS source, 'c' AS case, 'FOIA' AS act, DATE '2020-12-21' AS received,"
    ...     " DATE '2021-01-25' AS responded, NULL AS public_interest_test, [] AS doc_ids",
    ...     [], as_of=dt.date(2024, 1, 1), span=(dt.date(2020, 12, 1), dt.date(2021, 6, 1)))
    >>> duckdb.connect().execute(
    ...     f"SELECT working_days, due, late FROM ({sql})", p).fetchall()   # due 22 January, answered the next working day
    [(21, datetime.date(2021, 1, 22), True)]
    """
    limits, scotland, basis = workdays.rule_table()
    calendar, calendar_params = workdays.calendar_sql(*span)
    start, stop = deadlines.SCOTLAND_COVID_WINDOW
    in_window = "coalesce(c.responded, ?::DATE) BETWEEN ?::DATE AND ?::DATE"
    index = workdays.rule_index_sql("c.act", "c.nation", in_window)
    # counters: c(d) = n[d - first + 1]; the clock starts at c(received - 1) + 1
    n = "CASE WHEN y.scotland THEN cal.n_scot ELSE cal.n_uk END"
    days = "CASE WHEN y.scotland THEN cal.days_scot ELSE cal.days_uk END"
    timed = "limit_days IS NOT NULL AND received IS NOT NULL"
    sql = f"""
        WITH x AS (
                SELECT c.*, coalesce(c.responded, ?::DATE) AS end_day, {index} AS rule
                FROM ({cases}) c
             ),
             y AS (
                SELECT x.*, (?::INTEGER[])[rule] AS limit_days, (?::BOOLEAN[])[rule] AS scotland,
                       (?::VARCHAR[])[rule] AS limit_basis
                FROM x
             ),
             z AS (
                SELECT y.*, {n}[y.received - ?::DATE] AS start_n, {n}[y.end_day - ?::DATE + 1] AS end_n,
                       {days}[{n}[y.received - ?::DATE] + 1 + y.limit_days] AS due_day
                FROM y, ({calendar}) cal
             )
        SELECT authority_code, authority_name, region, authority_type, nation,
               ofsted, source, "case", act, received, responded,
               CASE WHEN {timed} AND end_day >= received
                    THEN greatest(0, end_n - start_n - 1) END::BIGINT AS working_days,
               limit_days::BIGINT AS limit_days,
               CASE WHEN {timed} THEN due_day END AS due,
               CASE WHEN {timed} THEN end_day > due_day END AS late,
               responded IS NULL AS open,
               public_interest_test, limit_basis,
               {"doc_ids" if doc_ids else "NULL::VARCHAR[]"} AS doc_ids
        FROM z
    """
    first = span[0]
    return sql, [as_of, as_of, start, stop, *params, limits, scotland, basis,
                 first, first, first, *calendar_params]  # fmt: skip


def cases(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: dt.date | None = None,
    provenance: bool | None = None,
) -> pl.DataFrame:
    """One row per request whose receipt date is known, with its timing against the limit.

    Two sources, never counting one case twice: WhatDoTheyKnow requests (``source =
    'request'``: sent ``created_at``, answered at the first incoming response message) and
    parsed response letters that state when the request was received (``source =
    'document'``), leaving out letters that belong to a fetched request. Open requests
    (no response yet) have ``open = True`` and are ``late`` once ``as_of`` (default today)
    is past their due date. Sorted by council, receipt, source and case. ``doc_ids`` is
    null unless ``provenance`` (by default on for
    datasets of up to 100,000 response rows).

    >>> import foicompare
    >>> cases(foicompare.open(":memory:").con).columns[-3:]
    ['public_interest_test', 'limit_basis', 'doc_ids']
    """
    query = cases_sql(con, as_of=as_of or dt.date.today(), provenance=provenance)
    if query is None:
        return pl.DataFrame(schema=CASE_SCHEMA)
    df = pl.DataFrame(con.sql(query[0], params=query[1]).pl())
    order = ["authority_name", "received", "source", "case"]
    return df.cast(CASE_SCHEMA).sort(order, nulls_last=True)  # type: ignore[arg-type]


def timeliness(
    con: duckdb.DuckDBPyConnection,
    by: str | None = None,
    *,
    as_of: dt.date | None = None,
    provenance: bool | None = None,
) -> pl.DataFrame:
    """Timeliness per case (``by=None``) or summarised per group (``"authority"``, ``"region"``…).

    Per case: see :func:`cases`. Per group: ``cases``, ``answered``, ``open``,
    ``median_working_days``, ``p90_working_days`` (nearest rank), ``max_working_days``
    (answered cases), ``late`` (answered after the limit, or open past it), ``late_share``
    and ``doc_ids`` (null unless ``provenance``).

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> timeliness(ds.con, by="authority").columns[:5]
    ['authority_code', 'authority_name', 'region', 'authority_type', 'cases']
    """
    if by is None:
        return cases(con, as_of=as_of, provenance=provenance)
    groups = list(group_columns(by))
    empty = pl.DataFrame(schema={g: pl.String for g in groups} | SUMMARY_COLUMNS)
    docs = provenance_wanted(con, provenance)
    query = cases_sql(con, as_of=as_of or dt.date.today(), ofsted=by == "ofsted", provenance=docs)
    if query is None:
        return empty
    g = ", ".join(groups)
    # p90 by nearest rank, as polars' quantile(0.9, interpolation="nearest") computes it
    sql = f"""
        SELECT {g}, count(*) AS cases,
               count(*) FILTER (NOT open) AS answered,
               count(*) FILTER (open) AS open,
               median(working_days) FILTER (NOT open) AS median_working_days,
               list_sort(list(working_days) FILTER (NOT open AND working_days IS NOT NULL))
                   AS _sorted,
               max(working_days) FILTER (NOT open) AS max_working_days,
               count(*) FILTER (late) AS late,
               {"list_sort(list_distinct(flatten(list(doc_ids))))" if docs else "NULL::VARCHAR[]"}
                   AS doc_ids
        FROM ({query[0]})
        GROUP BY {g}
    """
    sql = f"""
        SELECT {g}, cases, answered, open, median_working_days,
               _sorted[round((len(_sorted) - 1) * 0.9::DOUBLE)::BIGINT + 1] AS p90_working_days,
               max_working_days, late, late / cases AS late_share, doc_ids
        FROM ({sql})
        ORDER BY {", ".join(f"{c} NULLS LAST" for c in groups)}
    """
    df = pl.DataFrame(con.sql(sql, params=query[1]).pl())
    return df.cast({g: pl.String for g in groups} | SUMMARY_COLUMNS)  # type: ignore[arg-type]
