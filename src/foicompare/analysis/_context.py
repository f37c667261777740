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

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import duckdb

from foicompare.analysis._db import MissingData, columns, first_table, has_table, quote

#: names under which the responses table's human-corrected view may exist, preferred first
RESPONSE_RELATIONS = ("responses_corrected", "responses_current", "responses")
OUTCOMES = ("successful", "partially_successful", "refused", "not_held")
UNCLASSIFIED = "unclassified"
NOT_INSPECTED = "no judgement on record"

_RESPONSE_COLUMNS = ("doc_id", "authority_code", "document_type", "outcome")


#: the temporary view of the responses in scope (see :func:`scoped`), when one is active
_SCOPE: ContextVar[str | None] = ContextVar("foicompare_response_scope", default=None)


@contextmanager
def scoped(con: duckdb.DuckDBPyConnection, doc_ids: list[str] | None) -> Iterator[None]:
    """Within the block, every comparison reads only the responses of ``doc_ids`` (a
    request, round robin or date range: see ``analysis.flexibility.scope_doc_ids``); None
    leaves them all. Works on read-only datasets (a temporary view).

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> with scoped(ds.con, []):
    ...     responses_relation(ds.con).startswith("foicompare_scope_")
    True
    """
    if doc_ids is None:
        yield
        return
    base = first_table(con, *RESPONSE_RELATIONS)
    if base is None:
        yield
        return
    name = f"foicompare_scope_{uuid.uuid4().hex[:12]}"
    con.execute(f"CREATE TEMP TABLE {name}_ids AS SELECT unnest(?::VARCHAR[]) AS doc_id", [doc_ids])
    con.execute(
        f"CREATE TEMP VIEW {name} AS SELECT * FROM {base}"
        f" WHERE doc_id IN (SELECT doc_id FROM {name}_ids)"
    )
    token = _SCOPE.set(name)
    try:
        yield
    finally:
        _SCOPE.reset(token)
        con.execute(f"DROP VIEW IF EXISTS {name}")
        con.execute(f"DROP TABLE IF EXISTS {name}_ids")


def responses_relation(con: duckdb.DuckDBPyConnection) -> str:
    """The relation to read responses from: the corrected view if present, else the table
    (or the view of the responses in scope inside :func:`scoped`)."""
    active = _SCOPE.get()
    if active is not None:
        return active
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


#: with ``provenance=None`` the comparisons list every document id behind each number only
#: when the responses table has at most this many rows (see :func:`provenance_wanted`)
PROVENANCE_AUTO_LIMIT = 100_000


def provenance_wanted(con: duckdb.DuckDBPyConnection, provenance: bool | None) -> bool:
    """Whether a comparison should fill its ``doc_ids`` column.

    ``True``/``False`` are obeyed; ``None`` (the default of every comparison) means yes for
    datasets of up to :data:`PROVENANCE_AUTO_LIMIT` response rows — every report and
    notebook-sized corpus — and no above it, where one group's list would hold hundreds of
    thousands of ids and building it costs more than the comparison itself. Without
    provenance the column is still there, holding nulls ("not listed", never "no documents").

    >>> import foicompare
    >>> con = foicompare.open(":memory:").con
    >>> provenance_wanted(con, None), provenance_wanted(con, False)
    (True, False)
    """
    if provenance is not None:
        return bool(provenance)
    if not has_table(con, "responses"):
        return True
    return con.execute("SELECT count(*) FROM responses").fetchall()[0][0] <= PROVENANCE_AUTO_LIMIT


def exemption_lists_sql(con: duckdb.DuckDBPyConnection, rel: str) -> str | None:
    """SQL for a per-document list of cited sections (``list(section)`` per ``doc_id``
    alias ``r``), or None without exemption data: the corrected responses' ``exemptions``
    column when there is one (so a corrected section list counts), else the ``exemptions``
    table joined by ``doc_id`` (the caller's ``x`` alias)."""
    if "exemptions" in columns(con, rel):
        return "list_filter(r.exemptions, lambda s: s IS NOT NULL)"
    if has_table(con, "exemptions") and {"doc_id", "section"} <= columns(con, "exemptions"):
        return "x.sections"
    return None


def decisions_sql(
    con: duckdb.DuckDBPyConnection,
    document_type: str | None = "response",
    *,
    doc_ids: bool = True,
    sections: bool = False,
    flag_docs: str | None = None,
    any_document: str | None = None,
) -> tuple[str, list]:
    """SQL (and parameters) for one row per decision.

    Columns: ``authority_code, authority_name, case_key, reference, date, received, outcome,
    act, cost_hours, public_interest_test, doc_id`` (the representative document: the
    latest-dated) and ``doc_ids`` (every document the decision was read from, sorted; null
    when ``doc_ids=False``, which saves building a list per decision).
    ``outcome`` is ``'unclassified'`` where the parser could not tell. ``document_type``
    ``None`` takes every document that records a decision (responses and internal reviews).
    ``sections=True`` adds ``sections``: the distinct exemption sections any of the
    decision's documents cites (null without exemption data). ``flag_docs`` (SQL yielding a
    ``doc_id`` column) adds ``flagged``: whether any of the decision's documents is among them.
    ``any_document`` (SQL on a document's columns, e.g. ``"cost_hours IS NOT NULL"``) keeps
    only decisions with at least one such document, and aggregates only their documents.
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
    joins, extra_r, extra_agg = "", "", ""
    lists = exemption_lists_sql(con, rel) if sections else None
    if sections:
        extra_r += f", {lists or 'NULL::VARCHAR[]'} AS sections"
        extra_agg += (
            ", list_distinct(flatten(list(sections) FILTER (len(sections) > 0))) AS sections"
        )
        if lists == "x.sections":
            joins += (
                " LEFT JOIN (SELECT doc_id, list(section) AS sections FROM exemptions"
                " WHERE section IS NOT NULL GROUP BY doc_id) x ON x.doc_id = r.doc_id"
            )
    if flag_docs is not None:
        joins += f" LEFT JOIN (SELECT DISTINCT doc_id FROM ({flag_docs})) f ON f.doc_id = r.doc_id"
        extra_r += ", f.doc_id IS NOT NULL AS flagged"
        extra_agg += ", bool_or(flagged) AS flagged"
    doc_list = "list_sort(list(doc_id))" if doc_ids else "NULL::VARCHAR[]"
    sql = f"""
        WITH r AS (
            SELECT r.doc_id, r.authority_code,
                   {_opt(cols, "authority_name")},
                   {_opt(cols, "reference")},
                   {_opt(cols, "date", cast="DATE")},
                   {_opt(cols, "received", cast="DATE")},
                   coalesce(r.outcome, '{UNCLASSIFIED}') AS outcome,
                   {_opt(cols, "act")},
                   {_opt(cols, "cost_hours", cast="DOUBLE")},
                   {_opt(cols, "public_interest_test", cast="BOOLEAN")},
                   coalesce(r.authority_code || '|' || {ref}, r.doc_id) AS case_key
                   {extra_r}
            FROM {rel} r {joins}
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
               {doc_list} AS doc_ids
               {extra_agg}
        FROM r
        {f"WHERE case_key IN (SELECT case_key FROM r WHERE {any_document})" if any_document else ""}
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


def with_context_sql(con: duckdb.DuckDBPyConnection, rows: str) -> str:
    """``rows`` (any SQL with ``authority_code`` and ``authority_name`` columns) joined to the
    register: the register's name wins, then the name the documents gave, then
    ``'unresolved'`` for rows without a code. Adds ``la_code, region, authority_type,
    nation``; unknown context reads ``'unknown'``.

    The register side is a few hundred rows, so callers aggregate their million documents
    by authority first and join here only what is left.
    """
    return f"""
        SELECT w.* EXCLUDE (authority_name),
               coalesce(a.authority_name, w.authority_name,
                        CASE WHEN w.authority_code IS NULL THEN 'unresolved' END,
                        w.authority_code) AS authority_name,
               a.la_code,
               coalesce(a.region, 'unknown') AS region,
               coalesce(a.authority_type, 'unknown') AS authority_type,
               coalesce(a.nation, 'unknown') AS nation
        FROM ({rows}) w
        LEFT JOIN (SELECT DISTINCT ON (authority_code) * FROM ({authorities_sql(con)})) a
               ON a.authority_code = w.authority_code
    """


def with_ofsted_sql(con: duckdb.DuckDBPyConnection, rows: str, on: str = "date") -> str:
    """``rows`` (with ``authority_code`` and the date column ``on``) plus ``ofsted``: the
    judgement in force on that date (the latest published on or before it; the latest of
    all when the date is null), else ``'no judgement on record'``.

    The judgements are first keyed by every GSS code of their council and turned into
    periods (from one publication to the next; a few hundred rows), so each row finds its
    judgement by a hash join on the code and a range check — an as-of join here ran as a
    nested loop and cost a second on a million rows.
    """
    ofsted = ofsted_sql(con)
    if ofsted is None:
        return f"SELECT w.*, '{NOT_INSPECTED}' AS ofsted FROM ({rows}) w"
    return f"""
        SELECT w.*, coalesce(o.judgement, '{NOT_INSPECTED}') AS ofsted
        FROM ({rows}) w
        LEFT JOIN (
            SELECT a.authority_code, o.published, o.judgement,
                   lead(o.published, 1, DATE '9999-12-31') OVER (
                       PARTITION BY a.authority_code ORDER BY o.published, o.judgement
                   ) AS until
            FROM (SELECT DISTINCT ON (authority_code) * FROM ({authorities_sql(con)})) a
            JOIN ({ofsted}) o ON o.la_code = a.la_code
        ) o
          ON w.authority_code = o.authority_code
         AND coalesce(w.{on}, DATE '9999-12-31') >= o.published
         AND (coalesce(w.{on}, DATE '9999-12-31') < o.until OR o.until = DATE '9999-12-31')
    """


def enriched_decisions_sql(
    con: duckdb.DuckDBPyConnection,
    document_type: str | None = "response",
    *,
    doc_ids: bool = True,
    ofsted: bool = True,
    where: str | None = None,
    **decision_options: object,
) -> tuple[str, list]:
    """:func:`decisions_sql` (filtered by ``where``, SQL on its columns) joined to the
    register (:func:`with_context_sql`) and, with ``ofsted=True``, to the Ofsted judgement
    in force at the decision's date (:func:`with_ofsted_sql`). Adds ``la_code, region,
    authority_type, nation`` and ``ofsted``. For counts, aggregate first and call the two
    helpers on the result instead: it is much faster on large datasets.
    """
    decisions, params = decisions_sql(con, document_type, doc_ids=doc_ids, **decision_options)  # type: ignore[arg-type]
    rows = f"SELECT * FROM ({decisions}) WHERE {where}" if where else decisions
    sql = with_context_sql(con, rows)
    if ofsted:
        sql = with_ofsted_sql(con, sql)
    return sql, params


def pre_group_columns(by: str | None) -> tuple[str, ...]:
    """The per-decision columns to aggregate on before the register join, for ``by``: the
    authority code always (the register join and the ``authorities`` count need it), the
    documents' own name when grouping by authority (it names unregistered councils) and the
    Ofsted judgement when grouping by it."""
    extra = {"authority": ("authority_name",), "ofsted": ("ofsted",)}.get(by or "", ())
    return ("authority_code", *extra)
