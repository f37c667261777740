"""The log's own values beside what the parser read from the same documents.

:func:`ensure_view` (re)creates the view ``log_comparison``: one row per log entry and
stored document (page, attachment or export row), with the log's reference, date and
outcome next to the parsed ``responses`` values and a flag per disagreement. The view is
built from the columns ``responses`` actually has, so it works while the parser's table
grows; without a ``responses`` table the parsed columns are NULL.

>>> import duckdb
>>> from foicompare import schema
>>> con = duckdb.connect(":memory:"); _ = schema.migrate(con)
>>> ensure_view(con)
'log_comparison'
>>> con.execute("SELECT count(*) FROM log_comparison").fetchall()[0][0]
0
"""

from __future__ import annotations

import duckdb

from foicompare.store import table_columns

__all__ = ["VIEW", "ensure_view"]

VIEW = "log_comparison"

#: parsed column → (log expression, how to compare) ; only columns responses has are used.
_PAIRS = {
    "outcome": ("e.outcome", "e.outcome <> r.outcome"),
    "reference": (
        "e.reference",
        "regexp_replace(upper(e.reference), '[^A-Z0-9]', '', 'g')"
        " <> regexp_replace(upper(r.reference), '[^A-Z0-9]', '', 'g')",
    ),
    "date": ("e.published", "e.published <> TRY_CAST(r.date AS DATE)"),
    "received": ("e.received", "e.received <> TRY_CAST(r.received AS DATE)"),
}


def ensure_view(con: duckdb.DuckDBPyConnection, *, temporary: bool = False) -> str:
    """Create or replace the ``log_comparison`` view; returns its name.

    ``temporary`` makes it a connection-local view, which a read-only dataset allows.
    """
    have = {name for name, _ in table_columns(con, "responses")}
    joined = "doc_id" in have
    select = [
        "e.entry_id",
        "e.site",
        "e.adapter",
        "e.url",
        "d.doc_id",
        "d.role",
        "d.label AS document_label",
        "e.outcome_label",
    ]
    flags = []
    for column, (log_expr, differs) in _PAIRS.items():
        select.append(f"{log_expr} AS log_{column}")
        if joined and column in have:
            select.append(f"r.{column} AS parsed_{column}")
            flag = (
                f"coalesce({log_expr} IS NOT NULL AND r.{column} IS NOT NULL AND {differs}, false)"
            )
        else:
            select.append(f"NULL AS parsed_{column}")
            flag = "false"
        select.append(f"{flag} AS {column}_disagrees")
        flags.append(flag)
    select.append(f"({' OR '.join(flags)}) AS disagrees")
    join = "LEFT JOIN responses r ON r.doc_id = d.doc_id" if joined else ""
    con.execute(
        f"CREATE OR REPLACE {'TEMP ' if temporary else ''}VIEW {VIEW} AS SELECT {', '.join(select)}"
        f" FROM log_entries e JOIN log_documents d ON d.entry_id = e.entry_id {join}"
    )
    return VIEW
