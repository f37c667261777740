"""Coverage against the register: which children's services authorities sent a decision.

Round robins fetched from WhatDoTheyKnow have a batch, and ``Dataset.coverage(batch)``
reads it. A folder of letters has no request list; the natural denominator is then the
register's current children's services authorities (153 in England).

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> cov = register_coverage(ds.con)
>>> cov.height, cov["status"].unique().to_list()
(153, ['missing'])
"""

from __future__ import annotations

import duckdb
import polars as pl

from foicompare.analysis._context import decisions_sql, responses_relation
from foicompare.analysis._db import has_table

#: statuses, from the most to the least answered
STATUSES = ("answered", "refused", "not_held", "unclassified", "acknowledged", "missing")


def register_coverage(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per current children's services authority: what it sent.

    Columns: ``authority_code`` (GSS), ``la_code``, ``authority_name``, ``region``,
    ``decisions``, ``answered`` (successful or partially successful), ``refused``,
    ``not_held``, ``other_documents`` (acknowledgements, clarifications...), ``status``
    (answered > refused > not_held > unclassified > acknowledged > missing: the best the
    council did) and ``doc_ids``.
    """
    base = """
        SELECT a.gss_code AS authority_code, a.code AS la_code, a.short_name AS authority_name,
               a.region
        FROM authorities a WHERE a.current AND a.childrens_services
    """
    if not has_table(con, "responses"):
        sql = f"""SELECT *, 0::BIGINT AS decisions, 0::BIGINT AS answered, 0::BIGINT AS refused,
                  0::BIGINT AS not_held, 0::BIGINT AS other_documents, 'missing' AS status,
                  []::VARCHAR[] AS doc_ids FROM ({base}) ORDER BY authority_name"""
        return pl.DataFrame(con.sql(sql).pl())
    decisions, params = decisions_sql(con, "response")
    rel = responses_relation(con)
    sql = f"""
        WITH reg AS ({base}),
             codes AS (SELECT g.gss_code, g.code FROM authority_gss_codes g),
             d AS (SELECT c.code AS la_code, d.* FROM ({decisions}) d
                   JOIN codes c ON c.gss_code = d.authority_code),
             o AS (SELECT c.code AS la_code, count(*) AS n, list(r.doc_id) AS doc_ids
                   FROM {rel} r JOIN codes c ON c.gss_code = r.authority_code
                   WHERE coalesce(r.document_type, '') <> 'response'
                   GROUP BY 1),
             agg AS (
                SELECT la_code, count(*) AS decisions,
                       count(*) FILTER (outcome IN ('successful', 'partially_successful')) AS answered,
                       count(*) FILTER (outcome = 'refused') AS refused,
                       count(*) FILTER (outcome = 'not_held') AS not_held,
                       count(*) FILTER (outcome = 'unclassified') AS unclassified,
                       flatten(list(doc_ids)) AS doc_ids
                FROM d GROUP BY la_code
             )
        SELECT reg.*, coalesce(agg.decisions, 0)::BIGINT AS decisions,
               coalesce(agg.answered, 0)::BIGINT AS answered,
               coalesce(agg.refused, 0)::BIGINT AS refused,
               coalesce(agg.not_held, 0)::BIGINT AS not_held,
               coalesce(o.n, 0)::BIGINT AS other_documents,
               CASE WHEN agg.answered > 0 THEN 'answered'
                    WHEN agg.refused > 0 THEN 'refused'
                    WHEN agg.not_held > 0 THEN 'not_held'
                    WHEN agg.unclassified > 0 THEN 'unclassified'
                    WHEN o.n > 0 THEN 'acknowledged'
                    ELSE 'missing' END AS status,
               list_sort(list_concat(coalesce(agg.doc_ids, []), coalesce(o.doc_ids, []))) AS doc_ids
        FROM reg LEFT JOIN agg USING (la_code) LEFT JOIN o USING (la_code)
        ORDER BY reg.authority_name
    """
    return pl.DataFrame(con.sql(sql, params=params or None).pl())
