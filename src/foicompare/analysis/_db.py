"""Small helpers for analysis queries: which tables and columns a dataset has.

The analysis reads tables that other parts of the library create (``responses``,
``authorities``, ``flexibility_usage``...). A dataset built by an older version, or a
test dataset, may lack some of them; the helpers here let each query say clearly what
is missing instead of failing with a bare SQL error.

>>> import duckdb
>>> con = duckdb.connect(":memory:")
>>> _ = con.execute("CREATE TABLE t (a INTEGER, b VARCHAR)")
>>> has_table(con, "t"), sorted(columns(con, "t"))
(True, ['a', 'b'])
>>> has_table(con, "nope")
False
"""

from __future__ import annotations

import duckdb


class MissingData(LookupError):
    """The dataset lacks a table or column that an analysis needs."""


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True if a table or view ``name`` exists in the main schema."""
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_name = ? AND table_schema = 'main'",
            [name],
        ).fetchall()[0][0]
    )


def columns(con: duckdb.DuckDBPyConnection, name: str) -> set[str]:
    """The column names of a table or view (empty if it does not exist)."""
    return {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = ? AND table_schema = 'main'",
            [name],
        ).fetchall()
    }


def require(
    con: duckdb.DuckDBPyConnection, table: str, needed: tuple[str, ...], *, what: str
) -> None:
    """Raise :class:`MissingData` naming ``what`` if ``table`` or any ``needed`` column is absent."""
    if not has_table(con, table):
        raise MissingData(
            f"{what} needs the table {table!r}, which this dataset does not have "
            "(ingest documents with a foicompare version that writes it, then run again)"
        )
    missing = [c for c in needed if c not in columns(con, table)]
    if missing:
        raise MissingData(f"{what} needs column(s) {missing} in table {table!r}")


def first_table(con: duckdb.DuckDBPyConnection, *names: str) -> str | None:
    """The first of ``names`` that exists, e.g. a corrected view before its raw table."""
    return next((n for n in names if has_table(con, n)), None)


def quote(name: str) -> str:
    """A double-quoted SQL identifier (for register columns such as ``local-authority-code``)."""
    return '"' + name.replace('"', '""') + '"'
