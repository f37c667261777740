"""The demo's round robins as requests: what a WhatDoTheyKnow batch would give a researcher.

A real round robin comes with its request list (``foicompare ingest-wdtk`` or
``import-requests``): which council each request went to, when, and which messages and
attachments came back. The demo's letters are files, so this writes the same rows for them
from the generator's manifest (``ground_truth.jsonl``: only the file, request, council, date
and kind of message of each letter are read, as a request's page shows them, never what a
letter says): one batch per request and copy, one request per council with its messages, and
each stored document linked to its request. A council that never
answered has a request and no document.

>>> rows = request_rows([{"file": "c000/flex/a.txt", "request": "flexibilities", "copy": 0,
...     "authority_code": "E08000026", "authority_name": "Coventry City Council",
...     "received": "2020-07-01"}])
>>> rows["batches"][0]["batch_id"], rows["requests"][0]["request_id"]
('demo:flexibilities:c000', 'demo:flexibilities:c000:E08000026')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from foicompare.demo import truth
from foicompare.store import insert_rows

TITLES = {
    "flexibilities": "The Adoption and Children (Coronavirus) (Amendment) Regulations 2020: "
    "use of the flexibilities",
    "qa_systems": "Quality assurance of children's social care",
}


def request_rows(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """``batches``, ``requests`` and (file, request_id) ``links`` from manifest records."""
    batches: dict[str, dict[str, Any]] = {}
    requests: dict[str, dict[str, Any]] = {}
    links: list[tuple[str, str]] = []
    for rec in records:
        kind, copy, code = rec.get("request"), int(rec.get("copy") or 0), rec.get("authority_code")
        if not kind or not code:
            continue
        batch_id = f"demo:{kind}:c{copy:03d}"
        request_id = f"{batch_id}:{code}"
        received = rec.get("received")
        when = dt.datetime.fromisoformat(received) if received else None
        b = batches.setdefault(
            batch_id,
            {"batch_id": batch_id, "kind": "batch", "source": "demo", "title": TITLES.get(kind, kind),
             "first_at": when, "last_at": when, "n_requests": 0, "n_stated": None},
        )  # fmt: skip
        if when is not None:
            b["first_at"] = min(b["first_at"] or when, when)
            b["last_at"] = max(b["last_at"] or when, when)
        r = requests.setdefault(
            request_id,
            {"request_id": request_id, "source": "demo", "title": TITLES.get(kind, kind),
             "created_at": when, "authority_code": code,
             "authority_name": rec.get("authority_name"), "body_name": rec.get("authority_name"),
             "batch_id": batch_id},
        )  # fmt: skip
        if when is not None and (r["created_at"] is None or when < r["created_at"]):
            r["created_at"] = when
        if rec.get("file"):
            links.append((rec["file"], request_id, rec.get("date"), rec.get("document_type")))
    for r in requests.values():
        batches[r["batch_id"]]["n_requests"] += 1
    return {"batches": list(batches.values()), "requests": list(requests.values()), "links": links}


def link(con: duckdb.DuckDBPyConnection, corpus: str | Path) -> int:
    """Write the demo corpus's batches and requests and link its stored documents (and the
    attachments inside its e-mails) to them; returns the documents linked."""
    corpus = Path(corpus)
    rows = request_rows(truth.read(corpus / truth.FILE_NAME))
    insert_rows(con, "batches", rows["batches"], on_conflict="replace")
    insert_rows(con, "requests", rows["requests"], on_conflict="replace")
    by_location = dict(
        con.execute("SELECT location, doc_id FROM documents WHERE location IS NOT NULL").fetchall()
    )
    children: dict[str, list[tuple[str, str]]] = {}
    for doc_id, parent, name in con.execute(
        "SELECT doc_id, parent_id, filename FROM documents WHERE parent_id IS NOT NULL"
    ).fetchall():
        children.setdefault(parent, []).append((doc_id, name))
    links = []
    messages = [
        {"request_id": r["request_id"], "message_key": "outgoing:request", "direction": "outgoing",
         "kind": "request", "sent_at": r["created_at"]}
        for r in rows["requests"]
    ]  # fmt: skip
    for file, request_id, sent, kind in rows["links"]:
        location = str((corpus / file).resolve())
        doc_id = by_location.get(location) or by_location.get(str(corpus / file))
        if doc_id is None:
            continue
        links.append({"request_id": request_id, "message_key": f"demo:{file}", "url": location,
                      "role": "message", "filename": Path(file).name, "doc_id": doc_id})  # fmt: skip
        messages.append({"request_id": request_id, "message_key": f"demo:{file}",
                         "direction": "incoming", "kind": kind or "other", "doc_id": doc_id,
                         "sent_at": dt.datetime.fromisoformat(sent) if sent else None})  # fmt: skip
        for n, (child, name) in enumerate(children.get(doc_id, [])):
            links.append({"request_id": request_id, "message_key": f"demo:{file}",
                          "url": f"{location}!{name}", "role": "attachment", "part": n + 1,
                          "filename": name, "doc_id": child})  # fmt: skip
    insert_rows(con, "request_documents", links, on_conflict="replace")
    insert_rows(con, "request_messages", messages, on_conflict="replace")
    return len(links)
