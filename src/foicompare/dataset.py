"""Dataset: one DuckDB file holding documents, texts, parsed responses and reference tables.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> ds.documents().height
0
>>> ds.close()

Each area of the library adds its thin methods in its own marked section below; the
work itself lives in that area's module.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from foicompare import authorities, schema
from foicompare.ingest import IngestReport, ingest_units, plan_files
from foicompare.sources.base import SourceItem
from foicompare.store import insert_rows

DEFAULT_PATH = "foicompare.duckdb"


class DatasetLocked(RuntimeError):
    """Another process is writing the dataset file."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"{path} is locked by another process that is writing to it ({detail}). "
            "Wait for that ingest to finish, or open it read-only "
            "(foicompare.open(path, read_only=True)) to look at it meanwhile."
        )
        self.path = path


class Dataset:
    """An open foicompare dataset: a DuckDB connection plus the operations on it.

    Use :func:`foicompare.open` rather than the constructor.
    """

    con: duckdb.DuckDBPyConnection

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_PATH, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise DatasetLocked(self.path, str(exc).split("\n")[0]) from exc
            raise
        if read_only:
            have = schema.current_version(self.con)
            if have < schema.latest_version():
                self.con.close()
                raise RuntimeError(
                    f"{self.path} has schema version {have}, older than this foicompare's "
                    f"{schema.latest_version()}: open it once writable to migrate it"
                )
        else:
            self.schema_version = schema.migrate(self.con)
            authorities.install(self.con)

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Dataset {self.path}{' (read-only)' if self.read_only else ''}>"

    def close(self) -> None:
        """Close the connection (a checkpoint is written for file databases)."""
        self.con.close()

    # --- core (issue 2) ---
    def sql(self, query: str, params: list | dict | None = None) -> pl.DataFrame:
        """Run SQL with parameters and return a polars DataFrame.

        >>> ds = open(":memory:")
        >>> ds.sql("SELECT ? + 1 AS n", [41])["n"][0]
        42
        """
        rel = self.con.sql(query, params=params or None)
        return rel.pl() if rel is not None else pl.DataFrame()

    def ingest(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        progress: bool | None = None,
    ) -> IngestReport:
        """Ingest files and folders (recursively): store, extract text, parse.

        Unchanged files (same path, size and mtime) are skipped without reading; the same
        bytes at a new path add a sighting, not a document. Unreadable files become
        rows of :meth:`errors`; the batch goes on. ``workers`` defaults to both cores for
        large batches; ``progress`` defaults to a bar when stderr is a terminal.
        """
        self._writable()
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        todo, unchanged = plan_files(self.con, paths)
        with _progress_bar(len(todo), progress) as advance:
            report = ingest_units(
                self.con, todo, workers=workers, total=len(todo), progress=advance
            )
        report.unchanged = unchanged
        return report

    def ingest_items(
        self, items: Iterable[SourceItem], *, progress: bool | None = False
    ) -> IngestReport:
        """Store documents that a source fetched (bytes plus provenance), in-process.

        >>> from foicompare.sources.base import SourceItem
        >>> ds = open(":memory:")
        >>> r = ds.ingest_items([SourceItem(b"Dear Sir", location="https://x.gov.uk/a.txt")])
        >>> (r.new, ds.documents()["filename"][0])
        (1, 'a.txt')
        """
        self._writable()
        items = list(items) if progress else items
        total = len(items) if isinstance(items, list) else None
        with _progress_bar(total or 0, progress) as advance:
            return ingest_units(self.con, items, workers=1, progress=advance)

    def documents(self) -> pl.DataFrame:
        """One row per unique document (content hash), with its first provenance."""
        return self.sql("SELECT * FROM documents ORDER BY ingested_at, location")

    def sightings(self) -> pl.DataFrame:
        """Every place each document was seen (a document can be seen many times)."""
        return self.sql("SELECT * FROM sightings ORDER BY retrieved_at, location")

    def texts(self) -> pl.DataFrame:
        """Extracted text per document, with the extractor and its version."""
        return self.sql(
            "SELECT t.*, d.filename, d.media_type FROM texts t JOIN documents d USING (doc_id)"
            " ORDER BY d.ingested_at, d.location"
        )

    def tables(self, doc_id: str | None = None) -> pl.DataFrame:
        """Table rows (``cells`` is a list of strings) extracted from documents."""
        if doc_id is None:
            return self.sql("SELECT * FROM text_tables ORDER BY doc_id, table_no, row_no")
        return self.sql(
            "SELECT * FROM text_tables WHERE doc_id = ? ORDER BY table_no, row_no", [doc_id]
        )

    def errors(self) -> pl.DataFrame:
        """Inputs that could not be read, extracted or parsed, with the reason."""
        return self.sql("SELECT * FROM errors ORDER BY occurred_at, location")

    def record_error(
        self,
        location: str,
        stage: str,
        reason: str,
        *,
        source: str | None = None,
        format: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        """Record (or update) the failure of one input at one stage."""
        import datetime as dt

        insert_rows(
            self.con,
            "errors",
            [
                {
                    "location": location,
                    "stage": stage,
                    "doc_id": doc_id,
                    "source": source,
                    "format": format,
                    "reason": reason,
                    "occurred_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                }
            ],
            on_conflict="replace",
        )

    def status(self) -> dict[str, Any]:
        """Counts by media type and source, and the errors, as plain data."""
        return {
            "path": self.path,
            "schema_version": schema.current_version(self.con),
            "documents": self.con.execute("SELECT count(*) FROM documents").fetchall()[0][0],
            "sightings": self.con.execute("SELECT count(*) FROM sightings").fetchall()[0][0],
            "by_media_type": self.sql(
                "SELECT media_type, count(*) AS documents FROM documents GROUP BY ALL ORDER BY 2 DESC"
            ),
            "by_source": self.sql(
                "SELECT source, count(*) AS documents FROM documents GROUP BY ALL ORDER BY 2 DESC"
            ),
            "errors": self.sql(
                "SELECT location, stage, format, reason FROM errors ORDER BY location, stage"
            ),
        }

    def _writable(self) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")

    # --- end core ---

    # --- authorities (issue 3) ---
    # --- end authorities ---

    # --- responses (issue 4) ---
    # --- end responses ---

    # --- flexibilities (issue 5) ---
    # --- end flexibilities ---

    # --- requests and batches (issue 6) ---
    # --- end requests and batches ---

    # --- disclosure logs (issue 7) ---
    # --- end disclosure logs ---

    # --- analysis (issue 8) ---
    # --- end analysis ---


def open(path: str | os.PathLike[str] = DEFAULT_PATH, *, read_only: bool = False) -> Dataset:  # noqa: A001
    """Open (creating if needed) a foicompare dataset; ``":memory:"`` keeps it in memory.

    >>> ds = open(":memory:")
    >>> ds.sql("SELECT max(version) AS v FROM schema_version")["v"][0] >= 1
    True
    """
    return Dataset(path, read_only=read_only)


def open_dataset(
    path: str | os.PathLike[str] = DEFAULT_PATH, *, read_only: bool = False
) -> Dataset:
    """:func:`open` under a name that does not shadow the builtin, for internal callers."""
    return Dataset(path, read_only=read_only)


class _NullBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress_bar(total: int, enabled: bool | None):
    """A context manager yielding ``advance(n)`` (or None when quiet)."""
    import sys

    if enabled is None:
        enabled = sys.stderr.isatty() and total > 5
    if not enabled:
        return _NullBar()
    from contextlib import contextmanager

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    @contextmanager
    def bar():
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
        ) as prog:
            task = prog.add_task("ingesting", total=total or None)
            yield lambda n=1: prog.advance(task, n)

    return bar()
