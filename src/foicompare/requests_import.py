"""Import a CSV list of FOI requests (e.g. a WhatDoTheyKnow scrape) into ``requests``.

The landscape before fetching anything: each row becomes a request (keyed like a
fetched WhatDoTheyKnow request, so a later ``ingest-wdtk`` of the same URL updates it),
its status label is mapped onto the requester-state and outcome vocabularies, its
body name is resolved to an authority, and rows sharing a title are grouped into
round robins.

Columns are found by name, case-insensitively, with these alternatives:

========== ============================================================
field      accepted headers
========== ============================================================
url        Request URL, url, link
title      Request Title, title
body       Authority Name, authority, public body, body
status     Status, state, described_state
date       Request Date, created_at, date
reference  FOIR, reference
========== ============================================================

>>> import foicompare, io
>>> ds = foicompare.open(":memory:")
>>> csv = b"Status,Request Date,Authority Name,Request Title,Request URL\\n" \\
...       b"Refused,03/07/2020,Coventry City Council,Flexibilities,https://www.whatdotheyknow.com/request/flex\\n"
>>> import_requests(ds.con, io.BytesIO(csv), name="x.csv").imported
1
>>> ds.sql("SELECT described_state, state_outcome, authority_code FROM requests").row(0)
('rejected', 'refused', 'E08000026')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb

from foicompare import roundrobin as rr
from foicompare.sources.whatdotheyknow.parse import request_slug

COLUMNS = {
    "url": ("request url", "url", "link"),
    "title": ("request title", "title"),
    "body": ("authority name", "authority", "public body", "body", "body name"),
    "status": ("status", "state", "described_state"),
    "date": ("request date", "created_at", "date"),
    "reference": ("foir", "reference"),
}


@dataclass
class ImportReport:
    """What an import did; ``unresolved`` lists body names with no authority."""

    rows: int = 0
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    unresolved: dict[str, int] = field(default_factory=dict)  # body name → rows
    unknown_labels: dict[str, int] = field(default_factory=dict)
    round_robins: int = 0

    @property
    def resolved_share(self) -> float:
        """Share of imported rows whose body resolved to an authority."""
        missing = sum(self.unresolved.values())
        return 1.0 if not self.imported else (self.imported - missing) / self.imported

    def __str__(self) -> str:
        return (
            f"{self.imported} of {self.rows} requests imported, "
            f"{self.resolved_share:.1%} of bodies resolved, {self.round_robins} round robins, "
            f"{len(self.skipped)} rows skipped"
        )


def _date(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(value[:19], fmt)
        except ValueError:
            continue
    return None


def import_requests(
    con: duckdb.DuckDBPyConnection,
    file: str | os.PathLike[str] | IO[bytes],
    *,
    name: str | None = None,
    min_confidence: float = 0.85,
) -> ImportReport:
    """Read a request-list CSV into ``requests`` and regroup round robins.

    Rows already fetched from WhatDoTheyKnow (``source = 'whatdotheyknow'``) are left
    as fetched. A body resolved with less than ``min_confidence`` counts as unresolved.
    """
    if isinstance(file, str | os.PathLike):
        path = Path(file)
        name = name or path.name
        data = path.read_bytes()
    else:
        data = file.read()
    name = name or "requests.csv"
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    headers = {h.strip().lower(): h for h in reader.fieldnames or []}
    cols: dict[str, str | None] = {}
    for key, options in COLUMNS.items():
        cols[key] = next((headers[o] for o in options if o in headers), None)
    missing = [k for k in ("title", "body") if cols[k] is None]
    if missing:
        raise ValueError(f"{name}: no column for {', '.join(missing)} (headers: {list(headers)})")

    fetched = {
        r[0]
        for r in con.execute(
            "SELECT request_id FROM requests WHERE source = 'whatdotheyknow'"
        ).fetchall()
    }
    report = ImportReport()
    rows: dict[str, dict[str, Any]] = {}
    for line, raw in enumerate(reader, start=2):
        report.rows += 1

        def get(key: str, raw: dict[str, Any] = raw) -> str:
            col = cols[key]
            return (raw.get(col) or "").strip() if col else ""

        title, body = get("title"), get("body")
        if not title or not body:
            report.skipped.append((line, "no title or authority"))
            continue
        url = get("url")
        slug = request_slug(url) if "/request/" in url else None
        if slug:
            rid = rr.request_id(slug)
        else:  # not a WhatDoTheyKnow URL (a council's own log): key by content
            digest = hashlib.sha256(f"{url}|{title}|{body}".encode()).hexdigest()[:16]
            rid = f"import:{digest}"
        if rid in fetched:
            continue
        label = get("status")
        state, awaiting, _ = rr.label_state(label)
        if label and state is None and not awaiting:
            report.unknown_labels[label] = report.unknown_labels.get(label, 0) + 1
        created = _date(get("date"))
        code, auth_name, confidence = rr.resolve_body(
            body, None, created.date() if created else None
        )
        if code is None or (confidence or 0) < min_confidence:
            report.unresolved[body] = report.unresolved.get(body, 0) + 1
            code = auth_name = None
        rows[rid] = {
            "request_id": rid,
            "source": f"import:{name}",
            "site": url.split("/request/")[0] if slug else None,
            "url_title": slug,
            "url": url.split("#", 1)[0] or None,
            "title": title,
            "created_at": created,
            "described_state": state,
            "status_label": label or None,
            "awaiting_description": awaiting,
            "state_outcome": rr.STATE_OUTCOME.get(state or ""),
            "body_name": body,
            "authority_code": code,
            "authority_name": auth_name,
            "authority_confidence": confidence,
        }
    report.imported = len(rows)
    con.execute("BEGIN TRANSACTION")
    try:
        rr.write_requests(con, list(rows.values()))
        report.round_robins = rr.regroup_titles(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return report
