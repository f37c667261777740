"""``foicompare query "SQL" [VALUE...]``: read-only SQL over the dataset, for the shell.

The dataset is attached read-only in an in-memory DuckDB whose file access is switched off
(no ``COPY TO``, no ``ATTACH``, no reading other files), so a query can never change the
dataset or touch anything else. The curated tables are views of the same names as the
export (:data:`CURATED`); every other stored table and view is visible too, and
``ds.NAME`` is a stored table exactly as written.

Values are always bound, never formatted into the SQL: ``?`` takes the VALUE arguments in
order, ``$name`` takes ``--param name=VALUE``.

>>> from click.testing import CliRunner
>>> from foicompare.cli import main
>>> r = CliRunner().invoke(main, ["query", "select 1 + ?::INTEGER as n", "41", "--db", ":memory:", "--csv"])
>>> r.output
'n\\n42\\n'
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import click

from foicompare.cli import main
from foicompare.cli.core import db_option

#: the curated tables, as the export names them (``foicompare export``), in that order
CURATED = (
    "authorities", "authority_gss_codes", "ofsted_judgements", "statistical_neighbours",
    "documents", "sightings", "responses", "exemptions", "answers", "corrections",
    "flexibility_usage", "flexibility_responses", "requests", "batches", "request_messages",
    "request_documents", "log_entries", "log_documents", "errors",
)  # fmt: skip

#: curated views that are not the stored table of the same name
VIEW_SQL = {
    # human corrections win (as in the export); `authority` is the council's name
    "responses": "SELECT authority_name AS authority, * FROM ds.main.responses_corrected",
    "flexibility_usage": "SELECT * FROM ds.main.flexibility_usage_corrected",
    "flexibility_responses": "SELECT * FROM ds.main.flexibility_responses_corrected",
}

#: rows the default table shows before it stops (all rows with --limit 0 or a file format)
TABLE_ROWS = 50


def connect(db: str, *, wait: float = 0.0) -> Any:
    """An in-memory DuckDB with the dataset at ``db`` attached read-only as ``ds``.

    The curated views are created in front (``responses`` and the others of :data:`CURATED`),
    the stored tables stay reachable by name, and file access is then switched off.
    """
    from foicompare.dataset import attach_read_only

    if os.path.isdir(db) and os.path.isdir(os.path.join(db, "_done")):
        raise click.ClickException(
            f"{db} is a folder of Parquet shards: `foicompare merge {db} --db FILE` first,"
            f" or query it from Python (foicompare.open({db!r}).sql(...))"
        )
    con = attach_read_only(db, alias="ds", wait=wait)
    stored = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'ds'"
        ).fetchall()
    }
    for name in CURATED:
        source = VIEW_SQL.get(name, "").rsplit("ds.main.", 1)[-1]
        if name in VIEW_SQL and source in stored:
            con.execute(f"CREATE VIEW {name} AS {VIEW_SQL[name]}")
    con.execute("SET search_path = 'memory.main,ds.main'")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, decimals as numbers, nested lists kept."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID | dt.timedelta | bytes):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    """How a value reads in a CSV or table cell (lists and structs as JSON)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _rows(reader: Any) -> Iterator[tuple]:
    """Rows from an Arrow record batch reader, a batch at a time (memory stays flat)."""
    for batch in reader:
        yield from zip(*(col.to_pylist() for col in batch.columns), strict=True)


def write_csv(columns: Sequence[str], rows: Iterator[tuple], out: Any) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for row in rows:
        w.writerow([_cell(v) for v in row])
        n += 1
    return n


def write_json(columns: Sequence[str], rows: Iterator[tuple], out: Any, *, lines: bool) -> int:
    n = 0
    if not lines:
        out.write("[")
    for row in rows:
        obj = json.dumps(
            {c: _plain(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False
        )
        if lines:
            out.write(obj + "\n")
        else:
            out.write(("\n  " if n == 0 else ",\n  ") + obj)
        n += 1
    if not lines:
        out.write("\n]\n" if n else "]\n")
    return n


def write_table(columns: Sequence[str], rows: Iterator[tuple], out: Any, *, limit: int) -> int:
    """A plain aligned table (cells cut at 60 characters); at most ``limit`` rows (0: all)."""
    shown: list[list[str]] = []
    more = False
    for row in rows:
        if limit and len(shown) >= limit:
            more = True  # stop reading: the rest may be millions of rows
            break
        cells = [_cell(v).replace("\n", " ") for v in row]
        shown.append([c if len(c) <= 60 else c[:59] + "…" for c in cells])
    widths = [len(c) for c in columns]
    for cells in shown:
        widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out.write(fmt.format(*columns).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for cells in shown:
        out.write(fmt.format(*cells).rstrip() + "\n")
    n = len(shown)
    if more:
        out.write(f"(first {n} rows; more not shown: add --limit 0, or --csv)\n")
    else:
        out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


def _named(params: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in params:
        name, eq, value = p.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        out[name.strip().lstrip("$")] = value
    return out


@main.command("query")
@click.argument("sql")
@click.argument("values", nargs=-1)
@db_option
@click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")
@click.option("--json", "fmt", flag_value="json", help="One JSON array of objects.")
@click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per line (JSON Lines).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind $NAME in the SQL to VALUE (repeatable). VALUE arguments bind ? in order.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=TABLE_ROWS,
    show_default=True,
    help="Rows the readable table shows (0: all); --csv/--json/--jsonl always print all.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Seconds to wait while another process is writing the dataset.",
)
def query(
    sql: str,
    values: tuple[str, ...],
    db: str,
    fmt: str | None,
    params: tuple[str, ...],
    limit: int,
    wait: float,
) -> None:
    """Run read-only SQL over the dataset's tables and views (a table, CSV, JSON or JSON Lines).

    The curated tables have the export's names: responses (corrections applied, with an
    `authority` column), exemptions, answers, documents, authorities, flexibility_usage,
    requests, log_entries, errors and the rest (`foicompare export` lists them); every
    stored table is there too. Values are bound, never pasted into the SQL: `?` takes the
    VALUE arguments in order, `$name` takes `--param name=VALUE`.
    """
    if values and params:
        raise click.UsageError("use either VALUE arguments (for ?) or --param NAME=VALUE ($NAME)")
    bound: list[str] | dict[str, str] | None = _named(params) if params else list(values) or None
    con = connect(db, wait=wait)
    try:
        import duckdb

        try:
            rel = con.sql(sql, params=bound)
            if rel is None:  # a statement without rows (SET, CREATE TEMP VIEW ...)
                return
            columns = rel.columns
            out = sys.stdout
            if fmt is None:  # a screenful: no need to stream (nor to load Arrow)
                shown = rel.limit(limit + 1).fetchall() if limit else rel.fetchall()
                write_table(columns, iter(shown), out, limit=limit)
            elif fmt == "csv":
                write_csv(columns, _rows(rel.to_arrow_reader(1000)), out)
            else:
                rows = _rows(rel.to_arrow_reader(1000))
                write_json(columns, rows, out, lines=fmt == "jsonl")
            out.flush()
        except duckdb.Error as exc:
            raise click.ClickException(_sql_error(exc)) from exc
    finally:
        con.close()


def _sql_error(exc: Exception) -> str:
    """DuckDB's message in one line, with what to do about it."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    what = f"query failed: {first}"
    if first.startswith("Catalog Error"):
        what += ' (list the tables with: foicompare query "show tables")'
    elif first.startswith("Binder Error") and "column" in first.lower():
        what += ' (a table\'s columns: foicompare query "describe responses")'
    elif first.startswith("Parser Error"):
        what += " (check the SQL; quote it whole in single quotes for the shell)"
    elif "parameters" in first.lower() or "prepared statement" in first.lower():
        what += " (give one VALUE argument per ?, or --param NAME=VALUE per $NAME)"
    return what
