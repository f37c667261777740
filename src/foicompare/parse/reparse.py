"""Re-run parsing over stored texts: the parse stage alone, no file read again.

>>> import foicompare
>>> reparse(foicompare.open(":memory:").con)
0
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import duckdb

from foicompare import pipeline
from foicompare.store import delete_where_in, insert_rows
from foicompare.text.base import Table

BATCH = 200


def _tables(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, list[Table]]:
    out: dict[str, dict[int, Table]] = {}
    rows = con.execute(
        "SELECT doc_id, table_no, cells, page, name, span_start, span_end FROM text_tables"
        " WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, table_no, row_no",
        [doc_ids],
    ).fetchall()
    for doc_id, table_no, cells, page, name, start, end in rows:
        t = out.setdefault(doc_id, {}).setdefault(
            table_no, Table(rows=[], page=page, name=name, start=start, end=end)
        )
        t.rows.append(list(cells))
    return {d: [t[k] for k in sorted(t)] for d, t in out.items()}


def _contexts(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    """The thread each document answers: its request's title and the text of the request
    message, for documents linked to a request (a reply need not name what it answers)."""
    from foicompare.analysis._db import has_table

    if not has_table(con, "document_requests"):
        return {}
    rows = con.execute(
        "SELECT x.doc_id, any_value(q.title), string_agg(t.text, ' ')"
        " FROM document_requests x JOIN requests q USING (request_id)"
        " LEFT JOIN request_messages m ON m.request_id = x.request_id"
        "   AND m.direction = 'outgoing' AND m.kind = 'request' AND m.doc_id IS NOT NULL"
        " LEFT JOIN texts t ON t.doc_id = m.doc_id"
        " WHERE x.doc_id IN (SELECT unnest(?)) GROUP BY x.doc_id",
        [doc_ids],
    ).fetchall()
    return {d: " ".join(p for p in (title, body) if p) for d, title, body in rows if title or body}


def reparse(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str] | None = None) -> int:
    """Parse every stored text (or those of ``doc_ids``) again and rewrite its analysis rows.

    Each batch of documents is rewritten in one transaction (delete then insert for every
    table of ``pipeline.ANALYSIS_TABLES``). Returns the number of documents parsed.
    """
    wanted = list(doc_ids) if doc_ids is not None else None
    query = (
        "SELECT t.doc_id, t.text, t.meta, d.location, d.authority_hint FROM texts t"
        " JOIN documents d USING (doc_id)"
    )
    params: list = []
    if wanted is not None:
        query += " WHERE t.doc_id IN (SELECT unnest(?))"
        params.append(wanted)
    docs = con.execute(query + " ORDER BY t.doc_id", params).fetchall()
    done = 0
    for i in range(0, len(docs), BATCH):
        batch = docs[i : i + BATCH]
        ids = [d[0] for d in batch]
        tables = _tables(con, ids)
        contexts = _contexts(con, ids)
        out: dict[str, list[dict]] = {name: [] for name in pipeline.ANALYSIS_TABLES}
        failed: list[dict] = []
        for doc_id, text, meta, location, hint in batch:
            url = (
                location
                if isinstance(location, str) and location.startswith(("http://", "https://"))
                else None
            )
            meta_dict = json.loads(meta) if isinstance(meta, str) else (meta or None)
            try:
                response = pipeline.analyse(
                    text, tables.get(doc_id, []), url=url, meta=meta_dict, authority_hint=hint,
                    context=contexts.get(doc_id),
                )  # fmt: skip
            except Exception as exc:  # one bad document must not stop the others
                failed.append(
                    {
                        "location": location or doc_id,
                        "stage": "parse",
                        "doc_id": doc_id,
                        "reason": f"parser failed: {type(exc).__name__}: {exc}",
                        "occurred_at": dt.datetime.now(),
                    }
                )
                continue
            for name, rows in pipeline.rows(doc_id, response).items():
                out.setdefault(name, []).extend(rows)
        con.execute("BEGIN TRANSACTION")
        try:
            for name in pipeline.ANALYSIS_TABLES:
                delete_where_in(con, name, "doc_id", ids)
            for name, rows in out.items():
                insert_rows(con, name, rows)
            insert_rows(con, "errors", failed, on_conflict="replace")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done += len(batch)
    return done
