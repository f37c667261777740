"""The shared building blocks of every comparison, as SQL sub-queries.

* :func:`decisions_sql` — one row per decision (a council's answer to one request), with the
  documents it was read from. The same letter is often stored twice (a PDF and the e-mail
  that carried it, or a disclosure-log page and its attachment); documents of one authority
  that print the same reference count once.
* :func:`authorities_sql` — one row per authority code with its name, region, type and nation.
* :func:`ofsted_sql` — Ofsted overall-effectiveness judgements with their publication dates,
  for an as-of join (the judgement in force when the council answered).

They read the corrected view of ``responses`` when the dataset has one, so human
corrections flow into every comparison.
"""

from __future__ import annotations

import duckdb

from foicompare.analysis._db import MissingData, columns, first_table, has_table, quote

#: names under which the responses table's human-corrected view may exist, preferred first
RESPONSE_RELATIONS = ("responses_corrected", "responses_current", "responses")
OUTCOMES = ("successful", "partially_successful", "refused", "not_held")
UNCLASSIFIED = "unclassified"
NOT_INSPECTED = "no judgement on record"

_RESPONSE_COLUMNS = ("doc_id", "authority_code", "document_type", "outcome")


def responses_relation(con: duckdb.DuckDBPyConnection) -> str:
    """The relation to read responses from: the corrected view if present, else the table."""
    name = first_table(con, *RESPONSE_RELATIONS)
    if name is None:
        raise MissingData(
            "this dataset has no 'responses' table: it was built before responses were parsed; "
            "open it writable with this foicompare to migrate it and re-ingest or reparse"
        )
    missing = [c for c in _RESPONSE_COLUMNS if c not in columns(con, name)]
    if missing:
        raise MissingData(f"table {name!r} lacks column(s) {missing}")
    return name


def _opt(cols: set[str], name: str, alias: str | None = None, cast: str | None = None) -> str:
    """``name AS alias`` if the column exists, else ``NULL AS alias``."""
    alias = alias or name
    if name in cols:
        expr = quote(name) if cast is None else f"TRY_CAST({quote(name)} AS {cast})"
        return f"{expr} AS {alias}"
    return f"CAST(NULL AS {cast or 'VARCHAR'}) AS {alias}"


def decisions_sql(
    con: duckdb.DuckDBPyConnection, document_type: str | None = "response"
) -> tuple[str, list]:
    """SQL (and parameters) for one row per decision.

    Columns: ``authority_code, authority_name, case_key, reference, date, received, outcome,
    act, cost_hours, public_interest_test, doc_id`` (the representative document: the
    latest-dated) and ``doc_ids`` (every document the decision was read from, sorted).
    ``outcome`` is ``'unclassified'`` where the parser could not tell. ``document_type``
    ``None`` takes every document that records a decision (responses and internal reviews).
    """
    rel = responses_relation(con)
    cols = columns(con, rel)
    where, params = (
        "r.outcome IS NOT NULL OR r.document_type IN ('response', 'internal_review')",
        [],
    )
    if document_type is not None:
        where, params = "r.document_type = ?", [document_type]
    ref = (
        "NULLIF(upper(regexp_replace(r.reference, '\\s+', '', 'g')), '')"
        if "reference" in cols
        else "NULL"
    )
    sql = f"""
        WITH r AS (
            SELECT doc_id, authority_code,
                   {_opt(cols, "authority_name")},
                   {_opt(cols, "reference")},
                   {_opt(cols, "date", cast="DATE")},
                   {_opt(cols, "received", cast="DATE")},
                   coalesce(outcome, '{UNCLASSIFIED}') AS outcome,
                   {_opt(cols, "act")},
                   {_opt(cols, "cost_hours", cast="DOUBLE")},
                   {_opt(cols, "public_interest_test", cast="BOOLEAN")},
                   coalesce(authority_code || '|' || {ref}, doc_id) AS case_key
            FROM {rel} r
            WHERE {where}
        )
        SELECT authority_code,
               arg_max(authority_name, date) FILTER (authority_name IS NOT NULL) AS authority_name,
               case_key,
               arg_max(reference, date) AS reference,
               max(date) AS date,
               min(received) AS received,
               arg_max(outcome, coalesce(date, DATE '1900-01-01')) AS outcome,
               arg_max(act, date) FILTER (act IS NOT NULL) AS act,
               max(cost_hours) AS cost_hours,
               bool_or(public_interest_test) AS public_interest_test,
               arg_max(doc_id, coalesce(date, DATE '1900-01-01')) AS doc_id,
               list_sort(list(doc_id)) AS doc_ids
        FROM r
        GROUP BY authority_code, case_key
    """
    return sql, params


def authorities_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for one row per GSS code: ``authority_code, la_code, authority_name, region,
    authority_type, nation`` — every code an authority has had (``authority_gss_codes``)
    maps to it, so a 2020 letter from Northamptonshire (E10000021) finds its council.

    ``la_code`` is the register's stable code (``authorities.code``, e.g. ``COV``);
    ``authority_type`` is the readable type name ("Metropolitan district"). Without the
    register tables it yields no rows (joins then leave the context null).
    """
    if not (has_table(con, "authorities") and has_table(con, "authority_gss_codes")):
        return (
            "SELECT NULL::VARCHAR AS authority_code, NULL::VARCHAR AS la_code,"
            " NULL::VARCHAR AS authority_name, NULL::VARCHAR AS region,"
            " NULL::VARCHAR AS authority_type, NULL::VARCHAR AS nation WHERE false"
        )
    return """
        SELECT g.gss_code AS authority_code, a.code AS la_code, a.short_name AS authority_name,
               a.region, coalesce(a.type_name, a.type) AS authority_type, a.nation
        FROM authority_gss_codes g JOIN authorities a ON a.code = g.code
    """


def ofsted_sql(con: duckdb.DuckDBPyConnection) -> str | None:
    """SQL for ``la_code, published, judgement`` rows, or None without Ofsted data.

    ``judgement`` is Ofsted's overall effectiveness (outstanding, good, requires
    improvement, inadequate); reports without an overall judgement are left out.
    """
    if not has_table(con, "ofsted_judgements"):
        return None
    return f"""
        SELECT code AS la_code, publication_date AS published,
               lower(trim(overall_effectiveness)) AS judgement
        FROM ofsted_judgements
        WHERE publication_date IS NOT NULL
          AND lower(trim(overall_effectiveness)) IN ({", ".join(f"'{j}'" for j in OFSTED_JUDGEMENTS)})
    """


#: Ofsted's overall-effectiveness grades, best first
OFSTED_JUDGEMENTS = ("outstanding", "good", "requires improvement", "inadequate")


#: the ways a comparison can be grouped, and the columns each grouping keeps
GROUPINGS: dict[str | None, tuple[str, ...]] = {
    None: (),
    "authority": ("authority_code", "authority_name", "region", "authority_type"),
    "region": ("region",),
    "authority_type": ("authority_type",),
    "nation": ("nation",),
    "ofsted": ("ofsted",),
}


def group_columns(by: str | None) -> tuple[str, ...]:
    """The columns kept for a grouping, or a ValueError listing the valid ones."""
    if by not in GROUPINGS:
        valid = ", ".join(repr(k) for k in GROUPINGS)
        raise ValueError(f"cannot group by {by!r}: use one of {valid}")
    return GROUPINGS[by]


def enriched_decisions_sql(
    con: duckdb.DuckDBPyConnection, document_type: str | None = "response"
) -> tuple[str, list]:
    """:func:`decisions_sql` joined to the register and to the Ofsted judgement in force at
    the decision's date (the latest published on or before it; the latest of all when the
    decision is undated). Adds ``la_code, region, authority_type, nation, ofsted``;
    unknown context reads ``'unknown'`` and councils without a judgement on record ``'no judgement on record'``.
    """
    decisions, params = decisions_sql(con, document_type)
    ofsted = ofsted_sql(con)
    ofsted_join = "NULL::VARCHAR AS judgement FROM da"
    if ofsted is not None:
        ofsted_join = f"""o.judgement FROM da
            ASOF LEFT JOIN ({ofsted}) o
              ON da.la_code = o.la_code
             AND coalesce(da.date, DATE '9999-12-31') >= o.published"""
    sql = f"""
        WITH d AS ({decisions}),
             a AS (SELECT DISTINCT ON (authority_code) * FROM ({authorities_sql(con)})),
             da AS (
                SELECT d.* EXCLUDE (authority_name),
                       coalesce(a.authority_name, d.authority_name,
                                CASE WHEN d.authority_code IS NULL THEN 'unresolved' END,
                                d.authority_code) AS authority_name,
                       a.la_code,
                       coalesce(a.region, 'unknown') AS region,
                       coalesce(a.authority_type, 'unknown') AS authority_type,
                       coalesce(a.nation, 'unknown') AS nation
                FROM d LEFT JOIN a ON a.authority_code = d.authority_code
             )
        SELECT dj.* EXCLUDE (judgement), coalesce(judgement, '{NOT_INSPECTED}') AS ofsted
        FROM (SELECT da.*, {ofsted_join}) dj
    """
    return sql, params
