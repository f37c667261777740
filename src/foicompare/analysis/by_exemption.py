"""Which exemptions councils rely on, and how many hours they say a request would take.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> exemptions(ds.con).columns[:3]
['section', 'label', 'responses']
"""

from __future__ import annotations

import duckdb
import polars as pl

from foicompare.analysis._context import (
    decisions_sql,
    enriched_decisions_sql,
    exemption_lists_sql,
    group_columns,
    pre_group_columns,
    provenance_wanted,
    responses_relation,
    with_context_sql,
    with_ofsted_sql,
)
from foicompare.analysis._db import has_table

#: the refusal grounds councils most often cite, for labels (FOIA sections, EIR regulations)
SECTION_NAMES: dict[str, str] = {
    "12": "s12 cost limit",
    "14": "s14 vexatious or repeated",
    "21": "s21 reasonably accessible",
    "22": "s22 intended for publication",
    "30": "s30 investigations",
    "31": "s31 law enforcement",
    "36": "s36 prejudice to public affairs",
    "38": "s38 health and safety",
    "40": "s40 personal information",
    "41": "s41 information in confidence",
    "42": "s42 legal professional privilege",
    "43": "s43 commercial interests",
    "44": "s44 prohibited by law",
    "reg12(4)(b)": "EIR 12(4)(b) manifestly unreasonable",
    "reg12(4)(a)": "EIR 12(4)(a) not held",
    "reg12(5)(e)": "EIR 12(5)(e) commercial confidentiality",
    "reg13": "EIR 13 personal data",
}


def section_label(section: str) -> str:
    """A readable label for a bare section number.

    >>> section_label("12"), section_label("99")
    ('s12 cost limit', 's99')
    """
    return SECTION_NAMES.get(section, section if section.startswith("reg") else f"s{section}")


def exemptions(
    con: duckdb.DuckDBPyConnection,
    by: str | None = None,
    *,
    document_type: str | None = "response",
    provenance: bool | None = None,
) -> pl.DataFrame:
    """How often each section is relied on: one row per (group ×) section, most used first.

    Columns: the group columns of ``by`` (see :func:`foicompare.analysis.outcomes`),
    ``section`` (bare number, ``"12"``; EIR as ``"reg12(4)(b)"``), ``label``,
    ``responses`` (decisions citing it; a letter stored twice counts once),
    ``authorities``, ``share`` (of the group's decisions that withheld anything: refused or
    partially successful) and ``doc_ids`` (every document of those decisions; null unless
    ``provenance``, which by default lists them for datasets of up to 100,000 response rows).

    Sections are read from ``responses_corrected.exemptions`` (so a corrected section list
    counts), else from the ``exemptions`` table.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> exemptions(ds.con, by="authority").columns[:2]
    ['authority_code', 'authority_name']
    """
    groups = group_columns(by)
    if not has_table(con, "responses") or exemption_lists_sql(con, responses_relation(con)) is None:
        return _empty(groups)
    docs = provenance_wanted(con, provenance)
    decisions, params = decisions_sql(con, document_type, doc_ids=docs, sections=True)
    if by == "ofsted":
        decisions = with_ofsted_sql(con, decisions)
    pre_cols = pre_group_columns(by)
    pre = ", ".join(pre_cols)
    name = "" if "authority_name" in pre_cols else "NULL::VARCHAR AS authority_name, "
    doc_list = "flatten(list(doc_ids))" if docs else "NULL::VARCHAR[]"
    withheld = "outcome IN ('refused', 'partially_successful')"
    # count per authority (and section) first; only those few thousand rows meet the register
    cited = f"""
        SELECT {pre}, section, {name}count(*) AS n, {doc_list} AS doc_ids
        FROM (SELECT *, unnest(sections) AS section FROM d)
        GROUP BY {pre}, section
    """
    denominators = f"""
        SELECT {pre}, {name}count(*) FILTER ({withheld}) AS withheld FROM d GROUP BY {pre}
    """
    g = ", ".join(groups)
    keys = ", ".join([*groups, "section"])
    join_on = " AND ".join(f"c.{k} IS NOT DISTINCT FROM w.{k}" for k in groups) or "true"
    sql = f"""
        WITH d AS ({decisions}),
             c AS (
                SELECT {keys}, sum(n)::BIGINT AS responses,
                       count(DISTINCT authority_code)::BIGINT AS authorities,
                       {"list_sort(list_distinct(flatten(list(doc_ids))))" if docs else "NULL::VARCHAR[]"}
                           AS doc_ids
                FROM ({with_context_sql(con, cited)}) GROUP BY {keys}
             ),
             w AS (
                SELECT {g + "," if g else ""} sum(withheld)::BIGINT AS withheld
                FROM ({with_context_sql(con, denominators)}) {"GROUP BY " + g if g else ""}
             )
        SELECT c.* EXCLUDE (doc_ids), c.responses / nullif(w.withheld, 0) AS share, c.doc_ids
        FROM c JOIN w ON {join_on}
        ORDER BY {", ".join([*(f"c.{k}" for k in groups), "c.responses DESC", "c.section"])}
    """
    df = pl.DataFrame(con.sql(sql, params=params or None).pl())
    label = pl.col("section").map_elements(section_label, return_dtype=pl.String).alias("label")
    return df.with_columns(label).select(
        *groups, "section", "label", "responses", "authorities", "share", "doc_ids"
    )


def cost_hours(
    con: duckdb.DuckDBPyConnection,
    *,
    document_type: str | None = "response",
    provenance: bool | None = None,
) -> pl.DataFrame:
    """Every cost-limit estimate (officer hours a council says a request would take).

    One row per decision that gives an estimate: ``authority_code, authority_name, region,
    authority_type, reference, date, cost_hours, over_limit_ratio`` (the estimate divided by
    the limit: 18 hours for most councils in England and Wales under the 2004 Fees
    Regulations; 24 for central government; FOISA's limit is £600, not hours, so Scottish
    estimates get a null ratio), ``doc_id`` and ``doc_ids`` (null unless ``provenance``, by
    default on for datasets of up to 100,000 response rows). Summarise with polars, e.g.
    ``cost_hours(con)["cost_hours"].describe()``.

    >>> import foicompare
    >>> ds = foicompare.open(":memory:")
    >>> cost_hours(ds.con).height
    0
    """
    out_cols = [
        "authority_code", "authority_name", "region", "authority_type", "reference", "date",
        "act", "cost_hours", "over_limit_ratio", "doc_id", "doc_ids",
    ]  # fmt: skip
    if not has_table(con, "responses"):
        return pl.DataFrame(schema=dict.fromkeys(out_cols, pl.String)).with_columns(
            pl.col("cost_hours", "over_limit_ratio").cast(pl.Float64),
            pl.col("date").cast(pl.Date),
            pl.col("doc_ids").cast(pl.List(pl.String)),
        )
    decisions, params = enriched_decisions_sql(
        con,
        document_type,
        doc_ids=provenance_wanted(con, provenance),
        ofsted=False,
        any_document="cost_hours IS NOT NULL",
    )
    sql = f"""
        WITH e AS ({decisions})
        SELECT *, CASE WHEN act = 'FOISA' OR nation = 'Scotland' THEN NULL
                       ELSE cost_hours / 18.0 END AS over_limit_ratio
        FROM e WHERE cost_hours IS NOT NULL
        ORDER BY cost_hours DESC, authority_name
    """
    return pl.DataFrame(con.sql(sql, params=params or None).pl()).select(out_cols)


def _empty(groups: tuple[str, ...]) -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            **{g: pl.String for g in groups},
            "section": pl.String,
            "label": pl.String,
            "responses": pl.Int64,
            "authorities": pl.Int64,
            "share": pl.Float64,
            "doc_ids": pl.List(pl.String),
        }
    )
