"""Dataset: one DuckDB file holding documents, texts, parsed responses and reference tables.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> ds.documents().height
0
>>> ds.close()

Readers beside a writer. DuckDB lets one process write a file, or any number read it, never
both at once. So a dataset opened with :func:`open` holds no lock while it sits in a
notebook: it reads a private snapshot of the file (copied while no one writes, refreshed
when the file changes), and its writing methods (``ingest``, ``correct``, ``reparse`` ...)
take the write lock only for the call (:meth:`Dataset.writing`). ``open(path, write=True)``
holds the write lock until ``close()``; the command line's writers do the same while they
run. A writer waits for readers to let go (they hold the file for moments); a reader that
finds a writer gets the last snapshot it has, or :class:`DatasetLocked` saying who writes
and since when. README "Readers beside a writer" has the whole model.

Each area of the library adds its thin methods in its own marked section below; the
work itself lives in that area's module.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from foicompare.budget import DEFAULT_SECONDS

if TYPE_CHECKING:
    import polars as pl

    from foicompare.ingest import IngestReport
    from foicompare.sources.base import SourceItem

DEFAULT_PATH = "foicompare.duckdb"
#: seconds a writer waits, by default, for readers to let go of the file
WRITER_WAIT = 30.0

_PID = re.compile(r"\(PID (\d+)\)")


class DatasetLocked(RuntimeError):
    """Another process holds the dataset file: a writer (no one else may open it) or, when
    this process wants to write, readers. The message is one line: who, since when, what to do.
    """

    def __init__(self, path: str, detail: str, *, writer: bool = True) -> None:
        super().__init__(detail)
        self.path = path
        self.writer = writer


class _OldSchema(RuntimeError):
    """The file's schema is older than this foicompare's (open it writable once)."""


class DatasetMissing(FileNotFoundError):
    """There is no dataset file at the path (reading never creates one)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"no dataset at {path}: create one with `foicompare ingest FOLDER --db {path}`"
            " (or check --db / $FOICOMPARE_DB)"
        )
        self.path = path


def _writer_file(path: str) -> Path:
    """Where a writing process notes who it is (removed when it closes)."""
    return Path(path + ".writer")


def _describe(pid: int | None, path: str) -> tuple[str, str]:
    """``(who, since)`` for the process holding ``path``: its command line, and since when it
    writes (from the note a writer leaves beside the file, else from ``/proc``)."""
    who, since = (f"pid {pid}" if pid else "another process"), ""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        info = json.loads(_writer_file(path).read_text(encoding="utf-8"))
        if pid is None or info["pid"] == pid:
            return f"pid {info['pid']}: {info['command']}", info.get("since", "")
    if pid:
        with contextlib.suppress(OSError):
            raw = Path(f"/proc/{pid}/cmdline").read_bytes()
            args = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
            if args:
                who = f"pid {pid}: {_short_command(args)}"
    return who, since


def _short_command(args: list[str]) -> str:
    """``foicompare ingest in/`` rather than ``/long/path/python -m foicompare.cli ingest in/``."""
    for i, a in enumerate(args):
        if a.endswith(("/foicompare", "foicompare/cli/__main__.py")) or a in (
            "foicompare",
            "foicompare.cli",
        ):
            return " ".join(["foicompare", *args[i + 1 :]])[:200]
    if len(args) > 1 and Path(args[0]).name.startswith("python"):
        args = ["python", *args[1:]]
    elif args and args[0] in ("-c", "-m"):  # sys.argv of `python -c CODE`
        args = ["python", *args]
    return " ".join(args)[:200]


def _locked(path: str, exc: Exception, *, want_write: bool, waited: float) -> DatasetLocked:
    """The one-line :class:`DatasetLocked` for DuckDB's lock error ``exc``."""
    text = str(exc)
    m = _PID.search(text)
    pid = int(m.group(1)) if m else None
    if "read-only mode" in text:  # DuckDB says so when only readers hold the file
        who = _describe(pid, path)[0] if pid else "another process"
        return DatasetLocked(
            path,
            f"{path} is being read by {who}"
            + (f" (waited {waited:.0f} s)" if waited >= 1 else "")
            + "; run this again when that reader has finished"
            " (a notebook's foicompare.open(path, write=True) holds it until ds.close())",
            writer=False,
        )
    who, since = _describe(pid, path)
    when = f", writing since {since}" if since else ""
    if want_write:
        advice = "run this again when it has finished (one process writes a dataset at a time)"
    else:
        advice = (
            "it can be read again when that write finishes: retry then, or wait for it "
            "(--wait SECONDS, foicompare.open(path, wait=SECONDS))"
        )
    return DatasetLocked(path, f"{path} is being written by {who}{when}; {advice}")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def connect(path: str, *, read_only: bool, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the file, waiting up to ``wait`` seconds for a lock.

    A writer always waits (up to ``wait``) for readers, who hold files for moments; a reader
    waits for a writer only as long as ``wait``. Raises :class:`DatasetLocked` with one line
    saying who holds the file, or :class:`DatasetMissing` when reading a file that is not there.
    """
    if path != ":memory:" and read_only and not os.path.exists(path):
        raise DatasetMissing(path)
    start = time.monotonic()
    delay = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            waited = time.monotonic() - start
            if waited >= wait:
                raise _locked(path, exc, want_write=not read_only, waited=waited) from exc
        except duckdb.ConnectionException as exc:
            if "different configuration" not in str(exc):
                raise
            raise DatasetLocked(
                path,
                f"{path} is already open in this process with write=True; use that dataset, "
                "or close it first (ds.close())",
            ) from exc
        time.sleep(min(delay, max(0.0, wait - (time.monotonic() - start))))
        delay = min(delay * 2, 1.0)


def attach_read_only(
    path: str, *, alias: str = "ds", wait: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the dataset file attached read-only as ``alias``.

    >>> con = attach_read_only("no/such/file.duckdb")
    Traceback (most recent call last):
    ...
    foicompare.dataset.DatasetMissing: no dataset at no/such/file.duckdb: create one with `foicompare ingest FOLDER --db no/such/file.duckdb` (or check --db / $FOICOMPARE_DB)
    """
    con = duckdb.connect(":memory:")
    if path == ":memory:":
        from foicompare import authorities, schema

        con.execute(f"ATTACH ':memory:' AS {alias}")
        con.execute(f"USE {alias}")
        schema.migrate(con)
        authorities.install(con)
        con.execute("USE memory")
        return con
    if not os.path.exists(path):
        con.close()
        raise DatasetMissing(path)
    start = time.monotonic()
    delay = 0.05
    quoted = path.replace("'", "''")
    while True:
        try:
            con.execute(f"ATTACH '{quoted}' AS {alias} (READ_ONLY)")
            return con
        except duckdb.IOException as exc:
            waited = time.monotonic() - start
            if not _is_lock_error(exc) or waited >= wait:
                con.close()
                if not _is_lock_error(exc):
                    raise
                raise _locked(path, exc, want_write=False, waited=waited) from exc
        time.sleep(min(delay, max(0.0, wait - (time.monotonic() - start))))
        delay = min(delay * 2, 1.0)


def _signature(path: str) -> tuple:
    """What changes when a writer commits: size and mtime of the file and its WAL."""
    out = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _copy(src: str, dst: str) -> None:
    """Copy a file, as a copy-on-write clone where the file system can (btrfs, XFS)."""
    if sys.platform.startswith("linux"):
        import fcntl

        try:
            with builtins.open(src, "rb") as s, builtins.open(dst, "wb") as d:
                fcntl.ioctl(d.fileno(), 0x40049409, s.fileno())  # FICLONE
            return
        except OSError:
            pass  # not supported here: copy the bytes
    shutil.copyfile(src, dst)


class Dataset:
    """An open foicompare dataset: a DuckDB connection plus the operations on it.

    Use :func:`foicompare.open` rather than the constructor. ``mode`` is how it holds the
    file: ``"write"`` (the write lock until :meth:`close`), ``"read"`` (a read-only
    connection, holding readers' lock until :meth:`close`; for short commands),
    ``"snapshot"`` (reads a private copy, holds nothing, refuses writes) or ``"shared"``
    (a snapshot whose writing methods take the write lock for the call).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_PATH,
        *,
        read_only: bool = False,
        mode: str | None = None,
        wait: float | None = None,
    ):
        self.path = str(path)
        self.mode = mode or ("read" if read_only else "write")
        if self.path == ":memory:":
            self.mode = "write"
        if self.mode not in ("write", "read", "snapshot", "shared"):
            raise ValueError(f"unknown mode {self.mode!r}")
        self._wait = wait
        self._session = 0  # nesting depth of writing()
        self._snapshot_sig: tuple | None = None
        self._warned_sig: tuple | None = None
        self._finalizer: Any = None
        self._con: duckdb.DuckDBPyConnection
        if self.mode == "write":
            if self.path != ":memory:":
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._con = connect(self.path, read_only=False, wait=_or(wait, WRITER_WAIT))
            self._note_writer()
            self.schema_version = self._prepare(self._con)
        elif self.mode == "read":
            self._con = connect(self.path, read_only=True, wait=_or(wait, 0.0))
            self._check_schema(self._con)
        else:
            if not os.path.exists(self.path):
                if self.mode == "snapshot":
                    raise DatasetMissing(self.path)
                with self.writing():  # a new dataset: create it, then read it
                    pass
            try:
                self._take_snapshot(wait=_or(wait, 0.0))
            except _OldSchema:
                if self.mode == "snapshot":
                    raise
                with self.writing():  # migrate it forward, then read it
                    pass
                self._take_snapshot(wait=_or(wait, 0.0))

    # -- how the file is held -------------------------------------------------------------

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection (for a snapshot, refreshed first if the file has changed).

        It may be replaced after a write or a refresh: fetch ``ds.con`` again, don't keep it.
        """
        if self.mode in ("snapshot", "shared") and not self._session:
            self._refresh()
        return self._con

    @property
    def read_only(self) -> bool:
        """Whether the current connection refuses writes."""
        return self.mode in ("read", "snapshot") or (self.mode == "shared" and not self._session)

    @staticmethod
    def _prepare(con: duckdb.DuckDBPyConnection) -> int:
        from foicompare import authorities, schema

        version = schema.migrate(con)
        authorities.install(con)
        return version

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        from foicompare import schema

        missing = schema.pending(con)
        if missing:
            have = schema.current_version(con)
            con.close()
            raise _OldSchema(
                f"{self.path} has schema version {have} without migrations "
                f"{', '.join(map(str, missing))} of this foicompare: open it once writable "
                f"to migrate it (foicompare.open(path, write=True))"
            )

    def _note_writer(self) -> None:
        if self.path == ":memory:":
            return
        info = {
            "pid": os.getpid(),
            "command": _short_command(sys.argv) if sys.argv and sys.argv[0] else "python",
            "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        }
        with contextlib.suppress(OSError):
            _writer_file(self.path).write_text(json.dumps(info), encoding="utf-8")

    def _forget_writer(self) -> None:
        if self.path == ":memory:":
            return
        with contextlib.suppress(OSError, ValueError):
            f = _writer_file(self.path)
            if json.loads(f.read_text(encoding="utf-8")).get("pid") == os.getpid():
                f.unlink()

    def _take_snapshot(self, *, wait: float) -> None:
        """Copy the file (and its WAL) while holding readers' lock, then read the copy."""
        lock = connect(self.path, read_only=True, wait=wait)
        try:
            self._check_schema(lock)
            sig = _signature(self.path)
            folder = tempfile.mkdtemp(prefix="foicompare-snapshot-")
            dst = os.path.join(folder, "snapshot.duckdb")
            try:
                _copy(self.path, dst)
                if os.path.exists(self.path + ".wal"):
                    _copy(self.path + ".wal", dst + ".wal")
                con = duckdb.connect(dst, read_only=True)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        finally:
            lock.close()
        old = getattr(self, "_con", None)
        self._con, self._snapshot_sig = con, sig
        if old is not None:
            with contextlib.suppress(Exception):
                old.close()
        self._drop_snapshot()
        self._finalizer = weakref.finalize(self, shutil.rmtree, folder, True)

    def _drop_snapshot(self) -> None:
        """Delete the current snapshot's folder (its connection is closed or replaced)."""
        if self._finalizer is not None:
            self._finalizer()
            self._finalizer = None

    def _refresh(self) -> None:
        """Take a new snapshot if a writer committed since the last one (else keep it)."""
        sig = _signature(self.path)
        if sig == self._snapshot_sig:
            return
        try:
            self._take_snapshot(wait=0.0)
        except DatasetLocked as exc:
            if self._warned_sig != sig:
                self._warned_sig = sig
                warnings.warn(
                    f"{exc} (meanwhile reading the data as it was when last read)",
                    stacklevel=_caller_level(),
                )
        except DatasetMissing:
            pass  # deleted under us: keep reading what we have

    def refresh(self) -> None:
        """Re-read the file now if another process changed it (reads do this by themselves)."""
        if self.mode in ("snapshot", "shared") and not self._session:
            self._refresh()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Dataset]:
        """Hold the write lock for the block: ``ds.con`` is then writable.

        Datasets opened with ``foicompare.open(path)`` hold no lock; their writing methods
        use this for the length of the call, and so can other code that writes through
        ``ds.con``. Datasets opened read-only raise :class:`PermissionError`.

        >>> ds = open(":memory:")
        >>> with ds.writing():
        ...     _ = ds.con.execute("CREATE TABLE notes (x INTEGER)")
        """
        if self.mode == "write":
            yield self
            return
        if self._session:  # nested: the outer block holds the lock
            self._session += 1
            try:
                yield self
            finally:
                self._session -= 1
            return
        self._writable()
        con = connect(self.path, read_only=False, wait=_or(self._wait, WRITER_WAIT))
        self._note_writer()
        previous = getattr(self, "_con", None)
        try:
            self.schema_version = self._prepare(con)
            self._con, self._session = con, 1
            yield self
        finally:
            self._session = 0
            try:
                con.close()
            finally:
                self._forget_writer()
                if previous is not None:
                    self._con = previous
                self._snapshot_sig = None  # the next read takes a new snapshot

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Dataset {self.path} ({self.mode})>"

    def close(self) -> None:
        """Close the connection (a checkpoint is written for file databases)."""
        with contextlib.suppress(Exception):
            self._con.close()
        if self.mode == "write":
            self._forget_writer()
        self._drop_snapshot()

    # --- core (issue 2) ---
    def sql(self, query: str, params: list | dict | None = None) -> pl.DataFrame:
        """Run SQL with parameters and return a polars DataFrame.

        >>> ds = open(":memory:")
        >>> ds.sql("SELECT ? + 1 AS n", [41])["n"][0]
        42
        """
        import polars as pl

        try:
            rel = self.con.sql(query, params=params or None)
        except duckdb.InvalidInputException as exc:
            if "read-only mode" in str(exc) and self.mode == "shared":
                raise PermissionError(
                    f"{self.path} is read from a snapshot between writes: run writing SQL "
                    "inside `with ds.writing():`, or open it with write=True"
                ) from exc
            raise
        return rel.pl() if rel is not None else pl.DataFrame()

    def ingest(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        progress: bool | None = None,
        doc_timeout: float | None = DEFAULT_SECONDS,
    ) -> IngestReport:
        """Ingest files and folders (recursively): store, extract text, parse.

        Unchanged files (same path, size and mtime) are skipped without reading; the same
        bytes at a new path add a sighting, not a document. Unreadable files become
        rows of :meth:`errors`; the batch goes on. ``workers`` defaults to both cores for
        large batches; ``progress`` defaults to a bar when stderr is a terminal.
        A document whose extraction or parsing takes longer than ``doc_timeout`` seconds
        becomes an error row (text kept where it was extracted) and the batch goes on.
        """
        from foicompare.ingest import ingest_units, plan_files

        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        with self.writing():
            todo, unchanged = plan_files(self.con, paths)
            with _progress_bar(len(todo), progress) as advance:
                report = ingest_units(
                    self.con,
                    todo,
                    workers=workers,
                    total=len(todo),
                    progress=advance,
                    doc_timeout=doc_timeout,
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
        from foicompare.ingest import ingest_units

        items = list(items) if progress else items
        total = len(items) if isinstance(items, list) else None
        with self.writing(), _progress_bar(total or 0, progress) as advance:
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
        from foicompare.store import insert_rows, utcnow

        with self.writing():
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
                        "occurred_at": utcnow(),
                    }
                ],
                on_conflict="replace",
            )

    def status(self) -> dict[str, Any]:
        """Counts by media type and source, and the errors, as plain data."""
        from foicompare import schema

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
        if self.mode in ("read", "snapshot"):
            raise PermissionError(
                f"{self.path} is open read-only: open it with foicompare.open(path) to write "
                "through its methods, or foicompare.open(path, write=True)"
            )

    # --- end core ---

    # --- authorities (issue 3) ---
    def authorities(self, *, childrens_services: bool | None = None) -> pl.DataFrame:
        """The authority register, one row per current or past council.

        >>> import foicompare
        >>> ds = foicompare.open(":memory:")
        >>> import polars as pl
        >>> ds.authorities(childrens_services=True).filter(pl.col("current")).height
        153
        """
        return self.sql(
            "SELECT * FROM authorities WHERE ?::BOOLEAN IS NULL OR childrens_services = ?"
            " ORDER BY official_name",
            [childrens_services, childrens_services],
        )

    def ofsted(self, *, latest: bool = False) -> pl.DataFrame:
        """Ofsted ILACS judgements (a scrape of published reports; check before relying).

        >>> import foicompare
        >>> foicompare.open(":memory:").ofsted(latest=True).height
        153
        """
        return self.sql(
            "SELECT * FROM ofsted_judgements WHERE NOT ? OR is_latest"
            " ORDER BY code, publication_date",
            [latest],
        )

    def neighbours(self, code: str, *, neighbour_set: str = "current") -> pl.DataFrame:
        """The DfE statistical neighbours of an authority (GSS code, mySociety code or name).

        >>> import foicompare
        >>> foicompare.open(":memory:").neighbours("E09000003")["position"].to_list()[:3]
        [1, 2, 3]
        """
        from foicompare.authorities import lookup, resolve

        found = lookup(code) or resolve(code).authority
        if found is None:
            raise ValueError(f"neighbours: no authority matches {code!r}")
        return self.sql(
            "SELECT n.position, n.neighbour_code AS code, n.neighbour_gss_code AS gss_code,"
            " n.neighbour_dfe_la_code AS dfe_la_code, n.neighbour_name AS name, a.region, a.type"
            " FROM statistical_neighbours n LEFT JOIN authorities a ON a.code = n.neighbour_code"
            " WHERE n.code = ? AND n.neighbour_set = ? ORDER BY n.position",
            [found.code, neighbour_set],
        )

    # --- end authorities ---

    # --- responses (issue 4) ---
    def responses(self, *, corrected: bool = True) -> pl.DataFrame:
        """Parsed responses, one row per document; human corrections win (``corrected`` lists them).

        >>> import foicompare
        >>> foicompare.open(":memory:").responses().columns[:3]
        ['doc_id', 'authority_name', 'authority_code']
        """
        view = "responses_corrected" if corrected else "responses"
        return self.sql(f"SELECT * FROM {view} ORDER BY doc_id")

    def exemption_rows(self) -> pl.DataFrame:
        """Relied-on exemptions, one row per (document, section), with evidence spans.

        (Named ``exemption_rows`` because the analysis section's ``exemptions(by=)`` gives
        the aggregate counts.)

        Where a human corrected a document's exemptions, its rows are the corrected list
        (``corrected`` true, no span).
        """
        return self.sql(
            "SELECT e.*, false AS corrected FROM exemptions e WHERE e.doc_id NOT IN"
            " (SELECT doc_id FROM latest_corrections WHERE field = 'exemptions')"
            " UNION ALL SELECT r.doc_id, unnest(r.exemptions) AS section, r.act,"
            " r.public_interest_test, NULL::INTEGER, NULL::INTEGER, true"
            " FROM responses_corrected r WHERE list_contains(r.corrected, 'exemptions')"
            " ORDER BY doc_id, section"
        )

    def answers(self) -> pl.DataFrame:
        """Question-by-question answers with their own outcome, in document order."""
        return self.sql("SELECT * FROM answers ORDER BY doc_id, position")

    def correct(self, doc_id: str, field: str, value: Any, note: str | None = None) -> None:
        """Record a human correction of one field; it wins over any later re-extraction.

        Fields: the response's (outcome, date, exemptions, ...), a flexibility's value
        (``"flexibilities.<code>"``: used / not used / not stated / withheld) or count
        (``"flexibilities.<code>.uses"``), and the governance (``sign_off``,
        ``ofsted_informed``, ``ofsted_when``, ``decision_level``). The matrix, counts,
        export and report show corrected values and mark them.

        >>> import foicompare
        >>> ds = foicompare.open(":memory:")
        >>> ds.correct("abc", "colour", "red")
        Traceback (most recent call last):
        ...
        ValueError: cannot correct 'colour': fields are act, authority_code, authority_name, cost_hours, date, document_type, exemptions, outcome, received, reference, decision_level, ofsted_informed, ofsted_when, sign_off, flexibilities.<code>, flexibilities.<code>.uses
        """
        from foicompare.parse.corrections import check_correction

        payload = check_correction(field, value)
        with self.writing():
            known = self.con.execute(
                "SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id]
            ).fetchall()[0][0]
            if not known:
                raise KeyError(f"no document with doc_id {doc_id!r}")
            self.con.execute(
                "INSERT INTO corrections (doc_id, field, value, note) VALUES (?, ?, ?, ?)",
                [doc_id, field, payload, note],
            )

    def reparse(self, doc_ids: Iterable[str] | None = None) -> int:
        """Re-run parsing over stored texts (no file is read again); returns documents parsed.

        Rewrites the rows of every analysis table per document, one transaction per batch.
        Corrections are untouched, so they keep winning.
        """
        from foicompare.parse.reparse import reparse

        with self.writing():
            return reparse(self.con, doc_ids)

    # --- end responses ---

    # --- flexibilities (issue 5, issue 16) ---
    def flexibility_matrix(
        self,
        *,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
        codes: list[str] | None = None,
        labels: bool = True,
    ) -> pl.DataFrame:
        """Councils × SI 2020/445 flexibilities: one row per council per request (round robin).

        Each code's column is used / not used / not stated / withheld / no response
        (``labels=False``: True / False / None). Councils are those existing on the request's
        date (``successors`` names today's councils beside them); a council asked that did not
        answer is a row with ``response`` "no response". The governance columns (who signed
        off and at what level, whether and when Ofsted was told, the decision level) and the
        codes that ``needs_review`` or were ``corrected`` come first. ``request`` (a round
        robin or one request), ``batch``, ``since``/``until`` (the response date) filter.
        See :mod:`foicompare.analysis.flexibility`.

        >>> ds = open(":memory:")
        >>> ds.flexibility_matrix(codes=["cppcr-visits-remote"]).columns[:3]
        ['request', 'request_title', 'authority_code']
        """
        from foicompare.analysis import flexibility

        return flexibility.matrix(
            self.con, request=request, batch=batch, since=since, until=until,
            codes=codes, labels=labels,
        )  # fmt: skip

    def flexibility_counts(
        self,
        by: str = "month",
        *,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """Uses of each flexibility by ``code`` and ``month`` (``by="month"``: uses,
        authorities) or per code (``by="code"``: authorities used / not used / not stated /
        withheld, no_response, responded, share_used, uses, suppressed), per request. Each
        council counts once per request, however many documents it sent.

        >>> open(":memory:").flexibility_counts().columns
        ['request', 'code', 'month', 'uses', 'authorities']
        """
        from foicompare.analysis import flexibility

        return flexibility.counts(
            self.con, by=by, request=request, batch=batch, since=since, until=until
        )

    def flexibility_governance(
        self,
        *,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """Governance, one row per council per request: ``sign_off`` (roles named),
        ``sign_off_level`` (elected member, chief executive, director, assistant director,
        head of service, board or team, other), ``ofsted_informed`` (True / False / None: not
        stated), ``ofsted_when`` (as the letter says it), ``decision_level`` (authority_wide or
        case_by_case), ``response`` and the documents read (``governance_doc_ids``).

        >>> open(":memory:").flexibility_governance().columns[:3]
        ['request', 'council', 'authority_code']
        """
        from foicompare.analysis import flexibility

        return flexibility.governance(
            self.con, request=request, batch=batch, since=since, until=until
        )

    def flexibility_values(
        self,
        *,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
        codes: list[str] | None = None,
    ) -> pl.DataFrame:
        """Each (request, council, flexibility) value in long form: ``status`` (used / not
        used / not stated / withheld / no response), ``uses``, ``by_month``, ``period``,
        ``suppressed``, ``confidence``, ``needs_review``, ``corrected`` and the evidence
        (``evidence_doc_id`` with its ``evidence_start``/``evidence_end`` span).

        >>> open(":memory:").flexibility_values().columns[:4]
        ['request', 'council', 'code', 'status']
        """
        from foicompare.analysis import flexibility

        return flexibility.long(
            self.con, request=request, batch=batch, since=since, until=until, codes=codes
        )

    def flexibility_rounds(self) -> pl.DataFrame:
        """The requests (round robins) with answers about the flexibilities, largest first.

        >>> open(":memory:").flexibility_rounds().columns
        ['request', 'title', 'date', 'documents']
        """
        from foicompare.analysis import flexibility

        return flexibility.rounds(self.con)

    def flexibility_review(self, *, limit: int | None = None) -> pl.DataFrame:
        """Flexibility values that need a human look (low confidence, not yet corrected), with
        the sentence each was read from; fix one with :meth:`correct`
        (``ds.correct(doc_id, "flexibilities.<code>", "used", note=...)``).

        >>> open(":memory:").flexibility_review().columns[:4]
        ['doc_id', 'filename', 'authority_code', 'code']
        """
        from foicompare.analysis import flexibility

        return flexibility.review(self.con, limit=limit)

    # --- end flexibilities ---

    # --- requests and batches (issue 6) ---
    def requests(self) -> pl.DataFrame:
        """FOI requests (fetched from WhatDoTheyKnow or imported), one row each."""
        return self.sql("SELECT * FROM requests ORDER BY created_at, request_id")

    def batches(self) -> pl.DataFrame:
        """Round robins: Alaveteli batches and same-title groups, largest first."""
        return self.sql("SELECT * FROM batches ORDER BY n_requests DESC, batch_id")

    def coverage(self, batch: str | int) -> pl.DataFrame:
        """Who answered a round robin, who refused, who never replied (and who was late).

        ``batch`` is a batch_id, an Alaveteli batch number or a title; see
        :func:`foicompare.roundrobin.coverage` for the columns.
        """
        from foicompare import roundrobin

        return roundrobin.coverage(self.con, batch)

    def state_agreement(self) -> pl.DataFrame:
        """How often the requester's WhatDoTheyKnow state agrees with the parsed outcome."""
        from foicompare import roundrobin

        return roundrobin.state_agreement(self.con)

    # --- end requests and batches ---

    # --- disclosure logs (issue 7) ---
    def ingest_log(
        self,
        url: str,
        adapter: str | None = None,
        since: Any = None,
        max_pages: int = 500,
        **options: Any,
    ) -> Any:
        """Crawl a council's disclosure log and store every entry with the log's own fields.

        ``adapter`` names a site family (``foicompare adapters``; default: detected from
        the URL), ``since`` (date or ``"YYYY-MM-DD"``) skips older entries, ``max_pages``
        caps list and detail pages fetched. ``options`` go to
        :func:`foicompare.sources.disclosure_logs.ingest_log` (``client``, ``user_agent``,
        ``cache_dir``, ``min_interval``, ``authority``, and the fetch policy's ``allow``,
        ``request_deadline``, ``deadline``).

        >>> ds = open(":memory:")
        >>> ds.log_entries().columns[:4]
        ['entry_id', 'site', 'adapter', 'url']
        """
        from foicompare.sources.disclosure_logs import ingest_log

        with self.writing():
            return ingest_log(
                self, url, adapter=adapter, since=since, max_pages=max_pages, **options
            )

    def log_entries(self, site: str | None = None) -> pl.DataFrame:
        """Disclosure-log entries as the logs state them (one row per answered request)."""
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        return self.sql(
            f"SELECT * FROM log_entries {where} ORDER BY site, published DESC NULLS LAST, url",
            params,
        )

    def log_disagreements(self, *, all_rows: bool = False) -> pl.DataFrame:
        """The log's outcome, reference and dates beside the parsed values of the same documents.

        Only rows where they disagree unless ``all_rows``; the view ``log_comparison``
        holds every row for SQL.
        """
        from foicompare.sources.disclosure_logs.comparison import ensure_view

        view = ensure_view(self.con, temporary=self.read_only)
        where = "" if all_rows else "WHERE disagrees"
        return self.sql(f"SELECT * FROM {view} {where} ORDER BY site, entry_id, role DESC")

    # --- end disclosure logs ---

    # --- analysis (issue 8) ---
    def outcomes(
        self,
        by: str | None = "authority",
        *,
        wide: bool = False,
        document_type: str | None = "response",
        provenance: bool | None = None,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """Decisions by outcome per authority, region, authority_type, nation or ofsted.

        ``request`` / ``batch`` / ``since`` / ``until`` keep one request or round robin, or
        responses dated in a range (as every comparison here does).

        Long format (group, ``outcome``, ``responses``, ``share``, ``doc_ids``); ``wide=True``
        gives one column per outcome. A letter stored twice counts once. ``doc_ids`` lists
        the documents when ``provenance`` is true (default: for datasets of up to 100,000
        response rows; nulls above, which keeps a million rows under a second).

        >>> ds = open(":memory:")
        >>> ds.outcomes(by="region", wide=True).columns[:3]
        ['region', 'successful', 'partially_successful']
        """
        from foicompare import analysis

        with self._scope(request, batch, since, until):
            if wide:
                return analysis.outcomes_wide(self.con, by, document_type=document_type)
            return analysis.outcomes(
                self.con, by, document_type=document_type, provenance=provenance
            )

    def exemptions(
        self,
        by: str | None = None,
        *,
        provenance: bool | None = None,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """How often each exemption section is relied on (overall, or per group).

        >>> open(":memory:").exemptions(by="authority").columns[:3]
        ['authority_code', 'authority_name', 'region']
        """
        from foicompare import analysis

        with self._scope(request, batch, since, until):
            return analysis.exemptions(self.con, by, provenance=provenance)

    def cost_hours(
        self,
        *,
        provenance: bool | None = None,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """Every cost-limit estimate in officer hours, with its ratio to the 18-hour limit.

        >>> open(":memory:").cost_hours()["cost_hours"].dtype
        Float64
        """
        from foicompare import analysis

        with self._scope(request, batch, since, until):
            return analysis.cost_hours(self.con, provenance=provenance)

    def timeliness(
        self,
        by: str | None = None,
        *,
        as_of: Any = None,
        provenance: bool | None = None,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> pl.DataFrame:
        """Working days from receipt to response against the statutory limit.

        Per case by default; ``by="authority"`` (or region, ...) summarises. See
        :mod:`foicompare.analysis.deadlines` for the rules (FOIA, FOISA, Scotland 2020).

        >>> open(":memory:").timeliness(by="region").columns[:3]
        ['region', 'cases', 'answered']
        """
        from foicompare import analysis

        with self._scope(request, batch, since, until):
            return analysis.timeliness(self.con, by, as_of=as_of, provenance=provenance)

    def compare(
        self,
        code: str,
        with_: str | list[str] = "neighbours",
        *,
        on: str = "outcomes",
        neighbour_set: str = "current",
        **kwargs: Any,
    ) -> pl.DataFrame:
        """One council beside its statistical neighbours (or region, type, or a list).

        ``on``: outcomes, exemptions, timeliness, cost_hours, flexibilities, coverage
        (``kwargs`` go to that method, e.g. ``batch=`` for coverage); ``request`` /
        ``batch`` / ``since`` / ``until`` keep one request, round robin or date range.

        >>> ds = open(":memory:")
        >>> ds.compare("Coventry", on="outcomes")["la_code"].to_list()[:2]
        ['COV', 'DER']
        """
        from foicompare.analysis import comparison as cmp

        views = cmp.available(self)
        if on not in views:
            raise ValueError(f"compare(on={on!r}): use one of {sorted(views)}")
        scope = {k: kwargs.pop(k) for k in ("request", "batch", "since", "until") if k in kwargs}
        if on == "flexibilities":
            kwargs.update(scope)
            scope = {}
        with self._scope(**scope):
            return cmp.compare(
                self.con, code, lambda: views[on](**kwargs), with_, neighbour_set=neighbour_set
            )

    def report(
        self,
        out: str | os.PathLike[str],
        *,
        title: str | None = None,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> Path:
        """Write one self-contained HTML report (charts as SVG, tables, provenance), with one
        flexibilities section per round robin; the filters keep one request, round robin or
        date range throughout."""
        from foicompare import report

        scope = {"request": request, "batch": batch, "since": since, "until": until}
        with self._scope(**scope):
            return report.write_report(self, out, title=title, scope=scope)

    def _scope(
        self,
        request: str | int | None = None,
        batch: str | int | None = None,
        since: Any = None,
        until: Any = None,
    ):
        """A context in which every comparison reads only the responses in scope."""
        from foicompare.analysis._context import scoped
        from foicompare.analysis.flexibility import scope_doc_ids

        ids = scope_doc_ids(self.con, request=request, batch=batch, since=since, until=until)
        return scoped(self.con, ids)

    def export(
        self, out_dir: str | os.PathLike[str], *, format: str = "csv", redact: bool = False
    ) -> list[Path]:
        """Export every curated table (csv, parquet or xlsx) with a data dictionary."""
        from foicompare import export

        return export.export(self, out_dir, format=format, redact=redact)

    # --- end analysis ---


def open(  # noqa: A001
    path: str | os.PathLike[str] = DEFAULT_PATH,
    *,
    write: bool = False,
    read_only: bool = False,
    wait: float | None = None,
) -> Dataset:
    """Open a foicompare dataset; ``":memory:"`` keeps one in memory.

    By default the file is read from a private snapshot and no lock is held, so a notebook
    never locks the command line out; ``ingest``, ``correct`` and the other writing methods
    take the write lock for their call (creating the file if needed). ``write=True`` holds
    the write lock until ``close()`` (for code that writes through ``ds.con``);
    ``read_only=True`` refuses every write. ``wait`` is how long to wait for another
    process's lock (default: a writer waits 30 s for readers; a reader does not wait).

    A folder of Parquet shards written by ``foicompare ingest --engine ray`` opens
    read-only, as DuckDB views over the shards (:func:`foicompare.shards.open_shards`).

    >>> ds = open(":memory:")
    >>> ds.sql("SELECT max(version) AS v FROM schema_version")["v"][0] >= 1
    True
    """
    shards = _shard_folder(path)
    if shards is not None:
        return shards
    if write and read_only:
        raise ValueError("open(): write=True and read_only=True contradict each other")
    mode = "write" if write else "snapshot" if read_only else "shared"
    return Dataset(path, mode=mode, wait=wait)


def open_dataset(
    path: str | os.PathLike[str] = DEFAULT_PATH,
    *,
    read_only: bool = False,
    wait: float | None = None,
) -> Dataset:
    """A dataset holding its lock until closed (write, or read-only), for commands that
    run and exit; notebooks want :func:`open`.
    """
    shards = _shard_folder(path)
    if shards is not None:
        return shards
    return Dataset(path, mode="read" if read_only else "write", wait=wait)


def _shard_folder(path: str | os.PathLike[str]) -> Dataset | None:
    """A read-only dataset over ``path`` when it is a folder of Parquet shards, else None."""
    if str(path) == ":memory:" or not Path(path).expanduser().is_dir():
        return None
    from foicompare.shards import is_shard_folder, open_shards

    folder = Path(path).expanduser()
    return open_shards(folder) if is_shard_folder(folder) else None


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside this module."""
    level, frame = 2, sys._getframe(2)
    while frame is not None and frame.f_code.co_filename == __file__:
        frame, level = frame.f_back, level + 1
    return level


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


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
