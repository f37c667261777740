"""Writing rows into DuckDB in batches (via Arrow), never one INSERT per value.

>>> import duckdb
>>> con = duckdb.connect(":memory:")
>>> _ = con.execute("CREATE TABLE t (k VARCHAR PRIMARY KEY, n INTEGER)")
>>> insert_rows(con, "t", [{"k": "a", "n": 1}, {"k": "b", "n": 2}])
2
>>> insert_rows(con, "t", [{"k": "a", "n": 5}], on_conflict="replace")
1
>>> con.execute("SELECT n FROM t WHERE k = 'a'").fetchall()[0][0]
5
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import duckdb
import pyarrow as pa


def utcnow() -> dt.datetime:
    """Now in UTC, without a time zone: how every TIMESTAMP column is written."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a table or column name: {name!r}")
    return name


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """``(column, duckdb type)`` pairs of a table, in order."""
    return [
        (r[0], r[1])
        for r in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
    ]


def has_key(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether ``table`` has a primary key or unique constraint (what ON CONFLICT needs).

    >>> con = duckdb.connect(":memory:")
    >>> _ = con.execute("CREATE TABLE k (a INT PRIMARY KEY)"); _ = con.execute("CREATE TABLE u (a INT)")
    >>> has_key(con, "k"), has_key(con, "u")
    (True, False)
    """
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = ?"
            " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
            [table],
        ).fetchall()[0][0]
    )


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    on_conflict: Literal["error", "ignore", "replace"] = "error",
) -> int:
    """Insert dict rows into ``table`` in one statement; columns are matched by name.

    Keys that the table lacks raise ``ValueError`` (a typo must not silently drop data);
    columns missing from the rows take their default. Returns the number of rows given.
    ``on_conflict`` applies to tables with a key; a table without one (the derived tables,
    whose rows the writer replaces by deleting a document's rows first) takes a plain insert.
    """
    if not rows:
        return 0
    _ident(table)
    cols = dict(table_columns(con, table))
    if not cols:
        raise ValueError(f"no such table: {table}")
    names = list(dict.fromkeys(key for row in rows for key in row))  # first-seen order
    unknown = [n for n in names if n not in cols]
    if unknown:
        raise ValueError(f"table {table} has no column(s) {unknown}")
    arrow = pa.table({n: _column([r.get(n) for r in rows]) for n in names})
    if on_conflict != "error" and not has_key(con, table):
        on_conflict = "error"
    verb = {"error": "INSERT", "ignore": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE"}[
        on_conflict
    ]
    col_list = ", ".join(_ident(n) for n in names)
    select = ", ".join(f"CAST({_ident(n)} AS {cols[n]})" for n in names)
    view = f"_rows_{table}"
    con.register(view, arrow)
    try:
        con.execute(f"{verb} INTO {table} ({col_list}) SELECT {select} FROM {view}")
    finally:
        con.unregister(view)
    return len(rows)


def _column(values: list[Any]) -> pa.Array:
    """An Arrow array for one column; JSON-ish values (dicts, mixed lists) become strings."""
    import json

    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, dict) or (
        isinstance(sample, list) and any(not isinstance(x, str) for v in values if v for x in v)
    ):
        return pa.array([None if v is None else json.dumps(v) for v in values], pa.string())
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values], pa.string())


def delete_where_in(
    con: duckdb.DuckDBPyConnection, table: str, column: str, values: Iterable[str]
) -> None:
    """``DELETE FROM table WHERE column IN values`` with the values as a parameter."""
    vals = list(values)
    if vals:
        con.execute(
            f"DELETE FROM {_ident(table)} WHERE {_ident(column)} IN (SELECT unnest(?))", [vals]
        )
