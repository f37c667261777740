"""Who answered, who refused, who said the information was not held — grouped any way.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> outcomes(ds.con, by="region").columns[:3]
['region', 'outcome', 'responses']
"""

from __future__ import annotations

import duckdb
import polars as pl

from foicompare.analysis._context import (
    OUTCOMES,
    UNCLASSIFIED,
    decisions_sql,
    group_columns,
    pre_group_columns,
    provenance_wanted,
    with_context_sql,
    with_ofsted_sql,
)
from foicompare.analysis._db import has_table

OUTCOME_ORDER = (*OUTCOMES, UNCLASSIFIED)


def outcomes(
    con: duckdb.DuckDBPyConnection,
    by: str | None = "authority",
    *,
    document_type: str | None = "response",
    provenance: bool | None = None,
) -> pl.DataFrame:
    """Decisions counted by outcome within each group, long format (one row per group × outcome).

    ``by`` is ``"authority"`` (keyed by ``authority_code``, to join to the register),
    ``"region"``, ``"authority_type"``, ``"nation"``, ``"ofsted"`` (the judgement in force
    when the council answered) or ``None`` (everything). Columns: the group columns,
    ``outcome``, ``responses`` (decisions, a letter stored twice counted once), ``share``
    of the group's decisions, ``authorities`` (distinct councils) and ``doc_ids`` (the
    documents behind the count, sorted; null unless ``provenance`` — by default, listed for
    datasets of up to 100,000 response rows, see
    :func:`foicompare.analysis._context.provenance_wanted`).
    ``document_type="internal_review"`` counts reviews instead.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> outcomes(ds.con, by=None).height
    0
    """
    groups = group_columns(by)
    if not has_table(con, "responses"):
        return _empty(groups)
    docs = provenance_wanted(con, provenance)
    decisions, params = decisions_sql(con, document_type, doc_ids=docs)
    if by == "ofsted":
        decisions = with_ofsted_sql(con, decisions)
    pre_cols = pre_group_columns(by)
    pre = ", ".join([*pre_cols, "outcome"])
    pre_name = "" if "authority_name" in pre_cols else "NULL::VARCHAR AS authority_name, "
    # count per authority (and outcome) first, then join those few hundred rows to the register
    counted = f"""
        SELECT {pre}, {pre_name}count(*) AS n,
               {"flatten(list(doc_ids))" if docs else "NULL::VARCHAR[]"} AS doc_ids
        FROM ({decisions}) GROUP BY {pre}
    """
    keys = ", ".join([*groups, "outcome"])
    order = ", ".join(f"'{o}'" for o in OUTCOME_ORDER)
    part = f"PARTITION BY {', '.join(groups)}" if groups else ""
    sql = f"""
        WITH e AS ({with_context_sql(con, counted)})
        SELECT {keys},
               sum(n)::BIGINT AS responses,
               sum(n) / sum(sum(n)) OVER ({part}) AS share,
               count(DISTINCT authority_code)::BIGINT AS authorities,
               {"list_sort(flatten(list(doc_ids)))" if docs else "NULL::VARCHAR[]"} AS doc_ids
        FROM e
        GROUP BY {keys}
        ORDER BY {", ".join([*groups, f"list_position([{order}], outcome)"])}
    """
    return pl.DataFrame(con.sql(sql, params=params or None).pl())


def outcomes_wide(
    con: duckdb.DuckDBPyConnection, by: str | None = "authority", **kw: object
) -> pl.DataFrame:
    """:func:`outcomes` with one column per outcome (counts) and a ``total`` — for reading.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> outcomes_wide(ds.con, by="region").columns
    ['region', 'successful', 'partially_successful', 'refused', 'not_held', 'unclassified', 'total']
    """
    groups = list(group_columns(by))
    kw.setdefault("provenance", False)  # the wide table has no doc_ids
    long = outcomes(con, by, **kw)  # type: ignore[arg-type]
    if long.is_empty():
        return pl.DataFrame(
            schema={
                **{g: pl.String for g in groups},
                **{o: pl.Int64 for o in OUTCOME_ORDER},
                "total": pl.Int64,
            }  # fmt: skip
        )
    index = groups or None
    if index is None:
        long = long.with_columns(pl.lit("all").alias("_all"))
        index = ["_all"]
    wide = long.pivot("outcome", index=index, values="responses")
    for o in OUTCOME_ORDER:
        if o not in wide.columns:
            wide = wide.with_columns(pl.lit(0, pl.Int64).alias(o))
    wide = wide.with_columns(pl.col(OUTCOME_ORDER).fill_null(0))
    wide = wide.select(*index, *OUTCOME_ORDER).with_columns(total=pl.sum_horizontal(OUTCOME_ORDER))
    return wide.drop("_all") if "_all" in wide.columns else wide


def _empty(groups: tuple[str, ...]) -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            **{g: pl.String for g in groups},
            "outcome": pl.String,
            "responses": pl.Int64,
            "share": pl.Float64,
            "authorities": pl.Int64,
            "doc_ids": pl.List(pl.String),
        }
    )
