"""The DuckDB schema as numbered migration files, applied forward in order.

Each ``NNN_name.sql`` file in this folder is one schema version. Opening a dataset
applies every file whose version is not yet recorded in ``schema_version`` (in order, each
in its own transaction), so an old database file is carried forward, a new one is built
from nothing, and a migration numbered below one already applied (two branches that added
migrations side by side) is still applied.

>>> import duckdb
>>> con = duckdb.connect(":memory:")
>>> migrate(con) == latest_version()
True
"""

from __future__ import annotations

import re
from importlib import resources

import duckdb

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """All migrations as ``(version, name, sql)``, in order."""
    found = []
    for entry in resources.files(__package__).iterdir():
        m = _FILE.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort()
    return found


def latest_version() -> int:
    return max(v for v, _, _ in migrations())


def _has_versions(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()[0][0]
    )


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest applied version, 0 for an empty database."""
    if not _has_versions(con):
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def pending(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The versions of the migrations this database has not applied, in order."""
    applied = (
        {v for (v,) in con.execute("SELECT version FROM schema_version").fetchall()}
        if _has_versions(con)
        else set()
    )
    return [v for v, _, _ in migrations() if v not in applied]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration the database has not applied; return the resulting version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    todo = set(pending(con))
    have = current_version(con)
    for version, name, sql in migrations():
        if version not in todo:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        have = max(have, version)
    return have
