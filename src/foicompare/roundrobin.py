"""Requests, round-robin batches and their coverage (who answered, who refused, who never replied).

Shared by the WhatDoTheyKnow ingest and by request-list imports. The requester's state
(``described_state``, WhatDoTheyKnow's vocabulary) is kept as given; :data:`STATE_OUTCOME`
puts it on our outcome vocabulary and :data:`STATE_STATUS` on the coverage vocabulary.

>>> coverage_status("rejected", awaiting_description=False, prominence="normal")
'refused'
>>> label_state("Long overdue")
('waiting_response', False, True)
>>> round_robin_key("Commissioning of services for Children’s Services ")
'commissioning of services for children s services'
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import polars as pl

from foicompare.store import insert_rows

#: the requester's state → our outcome vocabulary (None: not a decision)
STATE_OUTCOME = {
    "successful": "successful",
    "partially_successful": "partially_successful",
    "rejected": "refused",
    "not_held": "not_held",
}

#: the requester's state → coverage status
STATE_STATUS = {
    "successful": "successful",
    "partially_successful": "partially_successful",
    "rejected": "refused",
    "not_held": "not_held",
    "waiting_response": "awaiting",
    "waiting_clarification": "waiting_clarification",
    "internal_review": "internal_review",
    "gone_postal": "postal",
    "user_withdrawn": "withdrawn",
    "error_message": "delivery_error",
    "requires_admin": "other",
    "attention_requested": "other",
    "vexatious": "other",
    "not_foi": "other",
}

#: coverage statuses that mean the authority has answered
ANSWERED = {
    "successful",
    "partially_successful",
    "refused",
    "not_held",
    "awaiting_classification",
    "internal_review",
}

#: WhatDoTheyKnow's human labels → (described_state, awaiting_description, overdue)
LABELS: dict[str, tuple[str | None, bool, bool]] = {
    "successful": ("successful", False, False),
    "partially successful": ("partially_successful", False, False),
    "information not held": ("not_held", False, False),
    "refused": ("rejected", False, False),
    "awaiting classification": (None, True, False),
    "needs status update": (None, True, False),
    "awaiting response": ("waiting_response", False, False),
    "delayed": ("waiting_response", False, True),
    "long overdue": ("waiting_response", False, True),
    "waiting clarification": ("waiting_clarification", False, False),
    "awaiting clarification": ("waiting_clarification", False, False),
    "awaiting internal review": ("internal_review", False, False),
    "withdrawn by the requester": ("user_withdrawn", False, False),
    "withdrawn": ("user_withdrawn", False, False),
    "handled by postal mail": ("gone_postal", False, False),
    "delivery error": ("error_message", False, False),
    "unusual response": ("requires_admin", False, False),
    "reported for administrator attention": ("attention_requested", False, False),
    "reported": ("attention_requested", False, False),
    "vexatious": ("vexatious", False, False),
    "considered by administrators as vexatious": ("vexatious", False, False),
    "not an foi request": ("not_foi", False, False),
    "considered by administrators as not an foi request": ("not_foi", False, False),
    "requires admin attention": ("requires_admin", False, False),
}

#: an event's ``display_status`` for an outgoing message (InfoRequestEvent#display_status);
#: incoming messages carry the request labels above, or "Response" when unclassified
EVENT_LABELS: dict[str, str] = {
    "response": "response",
    "internal review request": "internal_review",
    "clarification": "clarification",
    "follow up": "followup",
}

#: requests with the same title more than this many days apart are separate round robins
ROUND_ROBIN_GAP_DAYS = 45


def frame(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> pl.DataFrame:
    """Run a parameterised query and return a polars DataFrame."""
    return con.sql(query, params=params or None).pl()


def request_id(url_title: str) -> str:
    """The stable id of a WhatDoTheyKnow request, shared by fetches and imports.

    >>> request_id("adoption_services_3")
    'wdtk:adoption_services_3'
    """
    return f"wdtk:{url_title}"


def label_state(label: str | None) -> tuple[str | None, bool, bool]:
    """A status label as WhatDoTheyKnow shows it → (state, awaiting_description, overdue).

    Unknown labels give ``(None, False, False)``; the label itself is kept by callers.
    """
    return LABELS.get(" ".join((label or "").lower().split()), (None, False, False))


def coverage_status(
    described_state: str | None, *, awaiting_description: bool | None, prominence: str | None
) -> str:
    """The coverage status of one request (see :data:`STATE_STATUS`)."""
    if prominence in {"hidden", "requester_only"}:
        return "hidden"
    if prominence == "missing":
        return "missing"
    if prominence == "error":
        return "unknown"
    if awaiting_description:
        return "awaiting_classification"
    return STATE_STATUS.get(described_state or "", "unknown")


def round_robin_key(title: str) -> str:
    """A title normalised for grouping: case, quotes, punctuation and spacing ignored."""
    text = title.casefold().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def title_batch_id(key: str, first: dt.datetime | dt.date | None) -> str:
    """An id for a round robin found by title (stable across runs)."""
    stamp = first.strftime("%Y-%m-%d") if first else "undated"
    return "title:" + hashlib.sha256(f"{key}|{stamp}".encode()).hexdigest()[:16]


def group_round_robins(
    rows: Sequence[dict[str, Any]], *, gap_days: int = ROUND_ROBIN_GAP_DAYS, min_size: int = 2
) -> dict[str, list[int]]:
    """Group request rows (``title``, ``created_at``, ``body_name``) into round robins.

    Rows with the same normalised title form one round robin when each is within
    ``gap_days`` of the previous one; groups with fewer than ``min_size`` distinct bodies
    are not round robins. Returns batch_id → row indexes.

    >>> day = dt.datetime(2019, 2, 6)
    >>> rows = [{"title": "Looked after children", "created_at": day, "body_name": b}
    ...         for b in ("A", "B")] + [{"title": "Looked After Children",
    ...         "created_at": day.replace(year=2022), "body_name": "C"}]
    >>> [len(v) for v in group_round_robins(rows).values()]
    [2]
    """
    by_key: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        key = round_robin_key(row.get("title") or "")
        if key:
            by_key.setdefault(key, []).append(i)
    out: dict[str, list[int]] = {}
    for key, idxs in by_key.items():
        idxs.sort(key=lambda i: rows[i].get("created_at") or dt.datetime.min)
        clusters: list[list[int]] = []
        last: dt.datetime | None = None
        for i in idxs:
            at = rows[i].get("created_at")
            if clusters and (at is None or last is None or (at - last).days <= gap_days):
                clusters[-1].append(i)
            else:
                clusters.append([i])
            last = at or last
        for cluster in clusters:
            if len({rows[i].get("body_name") for i in cluster}) >= min_size:
                out[title_batch_id(key, rows[cluster[0]].get("created_at"))] = cluster
    return out


@functools.lru_cache(maxsize=4096)
def resolve_body(
    name: str | None, wdtk_id: int | None = None, on: dt.date | None = None
) -> tuple[str | None, str | None, float | None]:
    """A WhatDoTheyKnow body → (GSS code, official name, confidence), or Nones.

    The register's ``wdtk_id`` (WhatDoTheyKnow's internal body id) is tried first,
    then the name through :func:`foicompare.authorities.resolve`, on the request's date.
    """
    from foicompare import authorities

    if wdtk_id is not None:
        for a in authorities.register().authorities:
            if str(a.extra.get("wdtk_id") or "") == str(wdtk_id):
                return a.gss_on(on), a.official_name, 1.0
    if not name:
        return None, None, None
    hit = authorities.resolve(name, on=on)
    if hit.authority is None:
        return None, None, 0.0
    return hit.code, hit.name, float(hit.confidence)


def write_requests(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert or replace request rows (keyed by ``request_id``)."""
    return insert_rows(con, "requests", list(rows), on_conflict="replace")


def write_batches(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert or replace batch rows (keyed by ``batch_id``)."""
    return insert_rows(con, "batches", list(rows), on_conflict="replace")


def refresh_batch_counts(con: duckdb.DuckDBPyConnection, batch_ids: Iterable[str]) -> None:
    """Recompute ``n_requests``, ``first_at`` and ``last_at`` of batches from their requests."""
    for batch_id in set(batch_ids):
        con.execute(
            "UPDATE batches SET n_requests = s.n, first_at = s.lo, last_at = s.hi FROM ("
            " SELECT count(*) AS n, min(created_at) AS lo, max(created_at) AS hi"
            " FROM requests WHERE batch_id = ?) s WHERE batch_id = ?",
            [batch_id, batch_id],
        )


def due_date(
    start: dt.date, *, authority_code: str | None = None, responded: dt.date | None = None
) -> dt.date | None:
    """The statutory deadline of a request sent on ``start`` to ``authority_code``.

    Delegates to :mod:`foicompare.analysis.deadlines`: 20 working days skipping bank holidays
    anywhere in the UK (FOIA s10(6)); Scottish councils (GSS codes starting ``S``) count
    Scottish holidays only and had 60 working days for responses issued 7 April – 26 May 2020.

    >>> due_date(dt.date(2020, 7, 3))  # skips 13 July (NI) and 3 August (Scotland) 2020
    datetime.date(2020, 8, 4)
    >>> due_date(dt.date(2020, 4, 1), authority_code="S12000033", responded=dt.date(2020, 5, 20))
    datetime.date(2020, 6, 29)
    """
    from foicompare.analysis import deadlines

    nation = "Scotland" if (authority_code or "").startswith("S") else None
    rule = deadlines.rule(responded, act=None, nation=nation)
    if rule.limit is None:
        return None
    return deadlines.due_date(start, rule.limit, scotland=rule.scotland)


def find_batch(con: duckdb.DuckDBPyConnection, batch: str | int) -> str:
    """A batch id from an id, an Alaveteli batch number or an exact title."""
    key = str(batch)
    row = con.execute(
        "SELECT batch_id FROM batches WHERE batch_id = ? OR CAST(wdtk_batch_id AS VARCHAR) = ?"
        " OR lower(title) = lower(?) ORDER BY n_requests DESC LIMIT 1",
        [key, key, key],
    ).fetchall()
    if not row:
        raise KeyError(f"no batch {batch!r} in this dataset")
    return row[0][0]


def coverage(
    con: duckdb.DuckDBPyConnection, batch: str | int, *, today: dt.date | None = None
) -> pl.DataFrame:
    """One row per request of a round robin: the authority, its status and lateness.

    ``status`` is one of successful, partially_successful, refused, not_held,
    awaiting_classification, internal_review, waiting_clarification, awaiting, withdrawn,
    postal, delivery_error, other, hidden, missing, unknown. ``answered`` says whether the
    authority has given an answer; ``late`` whether it answered (or is still not
    answering) after 20 working days, when that can be told.
    """
    batch_id = find_batch(con, batch)
    today = today or dt.date.today()
    table = frame(
        con,
        """
        SELECT r.request_id, r.url_title, r.authority_code, r.authority_name, r.body_name,
               r.described_state, r.status_label, r.awaiting_description, r.prominence,
               r.created_at, r.url,
               (SELECT min(m.sent_at) FROM request_messages m
                 WHERE m.request_id = r.request_id AND m.direction = 'incoming'
                   AND m.kind IN ('response', 'clarification')) AS answered_at
        FROM requests r WHERE r.batch_id = ? ORDER BY r.authority_name, r.body_name
        """,
        [batch_id],
    )
    rows = []
    for r in table.iter_rows(named=True):
        status = coverage_status(
            r["described_state"],
            awaiting_description=r["awaiting_description"],
            prominence=r["prominence"],
        )
        answered = r["answered_at"].date() if r["answered_at"] is not None else None
        due = (
            due_date(
                r["created_at"].date(),
                authority_code=r["authority_code"],
                responded=answered or today,
            )
            if r["created_at"]
            else None
        )
        overdue_label = label_state(r["status_label"])[2]
        late: bool | None = None
        if overdue_label:
            late = True
        elif due and r["answered_at"] is not None:
            late = r["answered_at"].date() > due
        elif due and status in {"awaiting", "waiting_clarification"}:
            late = today > due
        rows.append(
            {
                "authority_code": r["authority_code"],
                "authority_name": r["authority_name"] or r["body_name"],
                "body_name": r["body_name"],
                "status": status,
                "answered": status in ANSWERED,
                "described_state": r["described_state"],
                "created_at": r["created_at"],
                "answered_at": r["answered_at"],
                "due": due,
                "late": late,
                "request_id": r["request_id"],
                "url": r["url"],
            }
        )
    schema = {
        "authority_code": pl.String,
        "authority_name": pl.String,
        "body_name": pl.String,
        "status": pl.String,
        "answered": pl.Boolean,
        "described_state": pl.String,
        "created_at": pl.Datetime("us"),
        "answered_at": pl.Datetime("us"),
        "due": pl.Date,
        "late": pl.Boolean,
        "request_id": pl.String,
        "url": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def state_agreement(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """How often the requester's state agrees with the outcome parsed from the response.

    For each request whose state is a decision (successful, partially_successful,
    refused, not_held) and that has a parsed decision among its documents (the latest
    one wins), compares the two. Returns one row per (state outcome, parsed outcome)
    pair with ``n`` and ``agree``; needs the parse tables (issue 4): a ``responses``
    table with ``doc_id`` and ``outcome``.
    """
    have = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'"
        ).fetchall()
    }
    if not {"doc_id", "outcome"} <= have:
        raise RuntimeError("state_agreement needs the parsed responses table (issue 4)")
    return frame(
        con,
        """
        WITH parsed AS (
            SELECT d.request_id, p.outcome,
                   row_number() OVER (PARTITION BY d.request_id
                                      ORDER BY coalesce(d.published_at, d.ingested_at) DESC,
                                               d.doc_id) AS k
            FROM documents d JOIN responses p USING (doc_id)
            WHERE d.request_id IS NOT NULL AND p.outcome IS NOT NULL
        )
        SELECT r.state_outcome, parsed.outcome AS parsed_outcome,
               r.state_outcome = parsed.outcome AS agree, count(*) AS n
        FROM requests r JOIN parsed ON parsed.request_id = r.request_id AND parsed.k = 1
        WHERE r.state_outcome IS NOT NULL
        GROUP BY ALL ORDER BY n DESC, state_outcome, parsed_outcome
        """,
    )


def regroup_titles(con: duckdb.DuckDBPyConnection) -> int:
    """Group requests outside any Alaveteli batch into title round robins; return how many.

    Requests in a ``wdtk-batch:`` keep it; the others are (re)assigned to ``title:``
    batches by :func:`group_round_robins`, so the grouping follows new data.
    """
    rows = frame(
        con,
        "SELECT request_id, title, created_at, coalesce(authority_code, body_name) AS body_name,"
        " source FROM requests WHERE batch_id IS NULL OR batch_id LIKE 'title:%'",
    ).to_dicts()
    groups = group_round_robins(rows)
    con.execute("UPDATE requests SET batch_id = NULL WHERE batch_id LIKE 'title:%'")
    con.execute("DELETE FROM batches WHERE kind = 'title'")
    if not groups:
        return 0
    assign = [
        {"request_id": rows[i]["request_id"], "batch_id": batch_id}
        for batch_id, idxs in groups.items()
        for i in idxs
    ]
    batches = []
    for batch_id, idxs in groups.items():
        first = rows[idxs[0]]
        batches.append(
            {
                "batch_id": batch_id,
                "kind": "title",
                "source": first["source"],
                "title": first["title"],
                "n_requests": len(idxs),
            }
        )
    write_batches(con, batches)
    table = pl.DataFrame(assign, schema={"request_id": pl.String, "batch_id": pl.String})
    con.register("_rr_assign", table.to_arrow())
    try:
        con.execute(
            "UPDATE requests SET batch_id = a.batch_id FROM _rr_assign a"
            " WHERE requests.request_id = a.request_id"
        )
    finally:
        con.unregister("_rr_assign")
    refresh_batch_counts(con, groups)
    return len(groups)
