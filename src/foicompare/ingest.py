"""Streaming ingest: sources → documents → text → parse → store, in batches.

Work is split in two so that it can use both cores and memory stays flat:

* :func:`process` is pure. It turns one file (or one :class:`SourceItem`) into
  :class:`Bundle` records — one per document, the file's own and those found inside it
  (email attachments, zip members) — each with its text, tables and parsed rows. It runs
  in worker processes for large batches.
* :class:`Writer` runs in the process that owns the DuckDB connection. It collects
  bundles and writes a few hundred documents per transaction through Arrow, so a
  document is never stored without its text (or the error that explains why not).

Re-ingesting is idempotent: bytes already stored only add a *sighting* (where they
were seen), and a local file whose path, size and modification time are unchanged is
not read again at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb

from foicompare import pipeline, text
from foicompare.budget import DEFAULT_SECONDS, DocumentTimeout, time_budget
from foicompare.sources.base import SourceItem
from foicompare.sources.files import FileProblem, FileRef, iter_file_refs
from foicompare.store import delete_where_in, insert_rows, utcnow
from foicompare.text.base import Extraction, ExtractionError

#: how deep containers may nest (an email in a zip in an email ...)
MAX_DEPTH = 4
#: documents written per transaction
BATCH_SIZE = 256
#: below this many files the work runs in-process (a pool costs ~1 s to start)
POOL_THRESHOLD = 200
#: units sent to a worker process at a time
CHUNK_SIZE = 8
#: units handed out to the pool but not yet written, per worker
MAX_IN_FLIGHT_PER_WORKER = 8 * CHUNK_SIZE
#: buffered documents are committed at least this often (seconds), so that a slow document
#: or a stopped run never costs more than this much finished work
FLUSH_SECONDS = 5.0
#: module the pool's fork server imports before forking workers (see foicompare._preload)
PRELOAD = "foicompare._preload"


@dataclass(slots=True)
class Bundle:
    """Everything to store for one document (or one failure)."""

    location: str
    source: str
    filename: str | None
    doc_id: str | None = None  # None: the bytes could not even be read
    media_type: str | None = None
    size: int | None = None
    parent_id: str | None = None
    request_id: str | None = None
    authority_hint: str | None = None
    published_at: dt.datetime | None = None
    retrieved_at: dt.datetime | None = None
    file_size: int | None = None
    file_mtime: float | None = None
    requested_url: str | None = None  # the URL asked for, when a redirect led to location
    top_level: bool = True
    extraction: Extraction | None = None
    error: tuple[str, str, str | None] | None = None  # (stage, reason, format)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class IngestReport:
    """What an ingest did. ``str(report)`` is a one-line summary."""

    new: int = 0
    duplicates: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: location of each top-level input → its doc_id (None where it could not be read)
    doc_ids: dict[str, str | None] = field(default_factory=dict)

    @property
    def stored(self) -> int:
        """Inputs that are in the dataset after this run (new, duplicate or unchanged)."""
        return self.new + self.duplicates + self.unchanged

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.duplicates} duplicate, {self.unchanged} unchanged, "
            f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        )


# ----------------------------------------------------------------------------- pure part


def process(
    unit: FileRef | FileProblem | SourceItem, *, doc_timeout: float | None = DEFAULT_SECONDS
) -> list[Bundle]:
    """Read, identify, extract and parse one input and everything inside it.

    Extracting and parsing each document has ``doc_timeout`` seconds (None: no limit); a
    document over its budget becomes an error row (its text kept when it was extracted).
    """
    if isinstance(unit, FileProblem):
        return [
            Bundle(
                unit.location,
                "files",
                os.path.basename(unit.location),
                error=("read", unit.reason, None),
            )
        ]
    if isinstance(unit, FileRef):
        try:
            with open(unit.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return [
                Bundle(
                    unit.location,
                    "files",
                    unit.filename,
                    error=("read", f"cannot read: {exc.strerror or exc}", None),
                )
            ]
        item = SourceItem(
            data=data,
            location=unit.location,
            source="files",
            filename=unit.filename,
            file_size=unit.size,
            file_mtime=unit.mtime,
            retrieved_at=utcnow(),
        )
    else:
        item = unit
    out: list[Bundle] = []
    _process_item(item, depth=0, out=out, doc_timeout=doc_timeout)
    return out


def _process_item(
    item: SourceItem, *, depth: int, out: list[Bundle], doc_timeout: float | None
) -> None:
    data = item.data
    doc_id = hashlib.sha256(data).hexdigest()
    bundle = Bundle(
        location=item.location,
        source=item.source,
        filename=item.filename,
        doc_id=doc_id,
        size=len(data),
        parent_id=item.parent_id,
        request_id=item.request_id,
        authority_hint=item.authority_hint,
        published_at=item.published_at,
        retrieved_at=item.retrieved_at or utcnow(),
        file_size=item.file_size,
        file_mtime=item.file_mtime,
        requested_url=item.requested_url,
        top_level=depth == 0,
    )
    out.append(bundle)
    try:
        bundle.media_type = text.sniff(data, item.filename)
        with time_budget(doc_timeout):
            extraction = text.extract(data, filename=item.filename, media_type=bundle.media_type)
    except DocumentTimeout as exc:
        bundle.error = ("extract", str(exc), bundle.media_type)
        return
    except ExtractionError as exc:
        bundle.error = ("extract", exc.reason, bundle.media_type or exc.format)
        return
    except Exception as exc:  # a library bug must not stop the batch
        bundle.error = (
            "extract",
            f"extractor failed: {type(exc).__name__}: {exc}",
            bundle.media_type,
        )
        return
    children, extraction.children = extraction.children, []
    bundle.extraction = extraction
    if extraction.text.strip():
        try:
            with time_budget(doc_timeout):
                response = pipeline.analyse(
                    extraction.text,
                    extraction.tables,
                    url=item.url,
                    meta=extraction.meta,
                    authority_hint=item.authority_hint,
                )
            bundle.rows = pipeline.rows(doc_id, response)
        except DocumentTimeout as exc:
            bundle.error = ("parse", str(exc), None)
        except Exception as exc:
            bundle.error = ("parse", f"parser failed: {type(exc).__name__}: {exc}", None)
    if children and depth >= MAX_DEPTH:
        bundle.error = ("extract", f"containers nested deeper than {MAX_DEPTH} levels", None)
        return
    seen: dict[str, int] = {}
    for child in children:
        name = child.filename or "unnamed"
        seen[name] = seen.get(name, 0) + 1
        member = name if seen[name] == 1 else f"{name}#{seen[name]}"
        _process_item(
            SourceItem(
                data=child.data,
                location=f"{item.location}!{member}",
                source=item.source,
                filename=name.rsplit("/", 1)[-1],
                url=item.url,
                parent_id=doc_id,
                request_id=item.request_id,
                authority_hint=item.authority_hint,
                published_at=item.published_at,
                retrieved_at=bundle.retrieved_at,
            ),
            depth=depth + 1,
            out=out,
            doc_timeout=doc_timeout,
        )


# ----------------------------------------------------------------------------- rows

#: the tables every ingest writes besides the analysis tables (``pipeline.ANALYSIS_TABLES``)
CORE_TABLES: tuple[str, ...] = ("documents", "sightings", "texts", "text_tables", "errors")
#: every table an ingest writes, in write order
TABLES: tuple[str, ...] = (*CORE_TABLES, *pipeline.ANALYSIS_TABLES)


def unit_rows(
    unit: FileRef | FileProblem | SourceItem,
    *,
    doc_timeout: float | None = DEFAULT_SECONDS,
    report: IngestReport | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """One input → the rows of every table it adds (:func:`process` then :func:`bundle_rows`).

    The one function behind both the local ingest and ``foicompare.distributed``.

    >>> rows = unit_rows(SourceItem(b"Dear Sir, we hold no information.", location="a.txt"))
    >>> [name for name in TABLES if rows[name]][:3]
    ['documents', 'sightings', 'texts']
    """
    return bundle_rows(process(unit, doc_timeout=doc_timeout), report=report)


def bundle_rows(
    bundles: Iterable[Bundle],
    *,
    existing: set[str] | None = None,
    report: IngestReport | None = None,
    now: dt.datetime | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The table rows for ``bundles``: a pure function, no database needed.

    ``existing`` holds doc_ids already stored (they only add a sighting) and grows with the
    new ones; ``report`` (when given) counts new and duplicate inputs and collects errors.
    Every name of :data:`TABLES` is a key of the result.
    """
    existing = set() if existing is None else existing
    report = IngestReport() if report is None else report
    now = now or utcnow()
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for b in bundles:
        if b.top_level:
            report.doc_ids[b.location] = b.doc_id
        if b.error:
            stage, reason, fmt = b.error
            tables["errors"].append(
                {
                    "location": b.location,
                    "stage": stage,
                    "doc_id": b.doc_id,
                    "source": b.source,
                    "format": fmt,
                    "reason": reason,
                    "occurred_at": now,
                }
            )
            if b.top_level or b.doc_id is None:
                report.errors.append((b.location, reason))
        if b.doc_id is None:
            continue
        tables["sightings"].append(
            {
                "doc_id": b.doc_id,
                "source": b.source,
                "location": b.location,
                "filename": b.filename,
                "parent_id": b.parent_id,
                "file_size": b.file_size,
                "file_mtime": b.file_mtime,
                "retrieved_at": b.retrieved_at or now,
                "requested_url": b.requested_url,
            }
        )
        if b.doc_id in existing:
            if b.top_level:
                report.duplicates += 1
            continue
        existing.add(b.doc_id)
        if b.top_level:
            report.new += 1
        extraction = b.extraction
        tables["documents"].append(
            {
                "doc_id": b.doc_id,
                "media_type": b.media_type,
                "filename": b.filename,
                "size": b.size,
                "source": b.source,
                "location": b.location,
                "parent_id": b.parent_id,
                "request_id": b.request_id,
                "authority_hint": b.authority_hint,
                "published_at": b.published_at,
                "ingested_at": now,
                "status": "extracted" if extraction is not None else "error",
            }
        )
        if extraction is None:
            continue
        tables["texts"].append(
            {
                "doc_id": b.doc_id,
                "text": extraction.text,
                "page_count": extraction.page_count,
                "n_tables": len(extraction.tables),
                "meta": json.dumps(extraction.meta),
                "extractor": extraction.extractor,
                "extractor_version": extraction.extractor_version,
                "extracted_at": now,
            }
        )
        for t_no, table in enumerate(extraction.tables):
            for r_no, cells in enumerate(table.rows):
                tables["text_tables"].append(
                    {
                        "doc_id": b.doc_id,
                        "table_no": t_no,
                        "row_no": r_no,
                        "cells": [str(c) for c in cells],
                        "page": table.page,
                        "name": table.name,
                        "span_start": table.start,
                        "span_end": table.end,
                    }
                )
        for name, table_rows in b.rows.items():
            tables.setdefault(name, []).extend(table_rows)
    return tables


# ----------------------------------------------------------------------------- writing


class Writer:
    """Collects bundles and writes them in transactions of :data:`BATCH_SIZE` documents."""

    def __init__(self, con: duckdb.DuckDBPyConnection, report: IngestReport) -> None:
        self.con = con
        self.report = report
        self.buffer: list[Bundle] = []
        self.flushed_at = time.monotonic()

    def add(self, bundles: Iterable[Bundle]) -> None:
        self.buffer.extend(bundles)
        if len(self.buffer) >= BATCH_SIZE or time.monotonic() - self.flushed_at >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.flushed_at = time.monotonic()
        if not self.buffer:
            return
        bundles, self.buffer = self.buffer, []
        ids = list({b.doc_id for b in bundles if b.doc_id})
        existing = (
            {
                r[0]
                for r in self.con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]
                ).fetchall()
            }
            if ids
            else set()
        )
        tables = bundle_rows(bundles, existing=existing, report=self.report)
        ok_locations = [b.location for b in bundles if not b.error]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name in ("documents", "texts", "text_tables"):
                insert_rows(self.con, name, tables.pop(name))
            insert_rows(self.con, "sightings", tables.pop("sightings"), on_conflict="replace")
            delete_where_in(self.con, "errors", "location", ok_locations)
            insert_rows(self.con, "errors", tables.pop("errors"), on_conflict="replace")
            # The analysis tables have no primary key (migration 014: their in-memory keys
            # made the writer grow with the corpus): a document's rows are replaced by
            # deleting them first, so there is still one row per key.
            for name, table_rows in tables.items():
                delete_where_in(self.con, name, "doc_id", {r["doc_id"] for r in table_rows})
                insert_rows(self.con, name, table_rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise


# ----------------------------------------------------------------------------- driving


def ingest_units(
    con: duckdb.DuckDBPyConnection,
    units: Iterable[FileRef | FileProblem | SourceItem],
    *,
    workers: int | None = None,
    total: int | None = None,
    progress: Callable[[int], None] | None = None,
    doc_timeout: float | None = DEFAULT_SECONDS,
) -> IngestReport:
    """Process ``units`` (in ``workers`` processes when > 1) and store the results.

    Each document has ``doc_timeout`` seconds (see :func:`process`).
    """
    report = IngestReport()
    writer = Writer(con, report)
    work = functools.partial(process, doc_timeout=doc_timeout)
    for bundles in _map(work, units, workers=workers, total=total):
        writer.add(bundles)
        if progress:
            progress(1)
    writer.flush()
    return report


def _map(
    work: Callable[[Any], list[Bundle]],
    units: Iterable[Any],
    *,
    workers: int | None,
    total: int | None,
) -> Iterator[list[Bundle]]:
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if (total or 0) >= POOL_THRESHOLD else 1
    if workers <= 1:
        yield from map(work, units)
        return
    # Back-pressure: Pool.imap's feeder thread would queue every unit at once, and results
    # would pile up in memory whenever the writer falls behind the workers. A semaphore
    # bounds the units handed out but not yet written, so memory stays flat however many
    # files there are.
    in_flight = threading.BoundedSemaphore(MAX_IN_FLIGHT_PER_WORKER * workers)
    stop = threading.Event()  # set when we stop early, so the feeder thread can be joined

    def gated() -> Iterator[Any]:
        for unit in units:
            while not in_flight.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield unit

    # forkserver: workers never inherit the DuckDB connection or polars' thread pools
    ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    if sys.platform != "win32":
        # The fork server imports and warms up the ingest path once (before it forks any
        # worker), so workers start warm instead of each paying imports and compiles; the
        # caller's __main__ is not in the list, so a plain script is never re-run there.
        # No effect when this process's fork server is already running.
        ctx.set_forkserver_preload([PRELOAD])
    with _main_not_reimported():
        pool = ctx.Pool(workers)
    with pool:
        try:
            for bundles in pool.imap(work, gated(), chunksize=CHUNK_SIZE):
                in_flight.release()
                yield bundles
        finally:
            stop.set()


@contextlib.contextmanager
def _main_not_reimported() -> Iterator[None]:
    """Start worker processes without re-running the caller's ``__main__`` script.

    spawn/forkserver workers normally import the main script again, so a plain script
    without an ``if __name__ == "__main__":`` guard would start an ingest inside every
    worker. The workers need nothing from ``__main__`` (:func:`process` lives here), so its
    path is hidden while they start.
    """
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
    try:
        main.__dict__.pop("__file__", None)
        if "__spec__" in saved:
            main.__dict__["__spec__"] = None
        yield
    finally:
        main.__dict__.update(saved)


def plan_files(
    con: duckdb.DuckDBPyConnection, paths: Iterable[str | os.PathLike[str]]
) -> tuple[list[FileRef | FileProblem], int]:
    """The files under ``paths`` that are new or changed, and how many are unchanged.

    A file counts as unchanged when a sighting of it has the same path, size and
    modification time; it is then not read again.
    """
    known = set(
        con.execute(
            "SELECT location, file_size, file_mtime FROM sightings"
            " WHERE source = 'files' AND file_size IS NOT NULL"
        ).fetchall()
    )
    todo: list[FileRef | FileProblem] = []
    unchanged = 0
    for ref in iter_file_refs(paths):
        if isinstance(ref, FileRef) and (ref.location, ref.size, ref.mtime) in known:
            unchanged += 1
        else:
            todo.append(ref)
    return todo, unchanged
