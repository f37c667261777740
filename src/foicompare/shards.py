"""A dataset as Parquet shards: written by many workers, read in place by DuckDB.

This is the storage half of ``foicompare.distributed`` (the Ray half lives there and is an
optional extra); nothing here needs Ray, so a laptop can open, query and merge shards that a
cluster wrote. The rows come from the same function as the local ingest
(:func:`foicompare.ingest.bundle_rows`), and every table of :data:`foicompare.ingest.TABLES`
gets its shards.

Layout of a shard folder ``DIR``::

    DIR/<table>/source=<source>/month=<YYYY-MM>/<chunk>.parquet        documents, sightings,
                                                                       texts, text_tables, errors
    DIR/parser=<version>/<table>/source=.../month=.../<chunk>.parquet  analysis tables
    DIR/_done/ingest/<chunk>.json                                      one manifest per chunk
    DIR/_done/parser=<version>/<chunk>.json                            one per re-parsed chunk

A *chunk* is a few dozen inputs; its name is a hash of the inputs' identities (path, size,
modification time) and the parser version, so the same work always lands in the same files.
A chunk's manifest is written last, after every one of its shards is in place (each shard
is written to a temporary name and renamed), and readers only ever read the files that
manifests list: a worker killed mid-chunk leaves nothing that is read, and the next run
redoes exactly the chunks without a manifest. ``month`` is the month the document was
published (or, when unknown, retrieved).

>>> import tempfile, foicompare
>>> from foicompare.sources.base import SourceItem
>>> out = tempfile.mkdtemp()
>>> item = {"kind": "item", "location": "a.txt", "data": "Dear Sir, we hold no information."}
>>> ingest_chunk(out, chunk_id([unit_key(item)]), [item])["documents"]
1
>>> ds = open_shards(out)
>>> ds.documents()["filename"].to_list()
['a.txt']
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from foicompare import pipeline, schema
from foicompare.budget import DEFAULT_SECONDS
from foicompare.ingest import CORE_TABLES, TABLES, IngestReport, bundle_rows, process
from foicompare.parse import PARSER_VERSION
from foicompare.sources.base import SourceItem
from foicompare.sources.files import FileProblem, FileRef, iter_file_refs
from foicompare.store import has_key, insert_rows, table_columns, utcnow

#: inputs per chunk (one Ray task and one set of shard files each)
CHUNK_SIZE = 32
#: schemes read through pyarrow's filesystems rather than the local disk
REMOTE_SCHEMES = ("s3://", "gs://", "gcs://", "hdfs://")

__all__ = [
    "CHUNK_SIZE",
    "ShardReport",
    "chunk_id",
    "ingest_chunk",
    "list_units",
    "merge",
    "open_shards",
    "pending_chunks",
    "reparse_chunk",
    "unit_key",
]

Unit = dict[str, Any]


@dataclass
class ShardReport:
    """What a sharded ingest or re-parse did. ``str(report)`` is a one-line summary."""

    chunks: int = 0
    #: inputs (ingest) or chunks (reparse) found already done and skipped
    skipped: int = 0
    skipped_what: str = "inputs"
    documents: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, summary: dict[str, Any]) -> None:
        self.chunks += 1
        self.documents += int(summary.get("documents", 0))
        self.duplicates += int(summary.get("duplicates", 0))
        self.errors.extend(tuple(e) for e in json.loads(summary.get("error_list") or "[]"))

    def __str__(self) -> str:
        n = len(self.errors)
        return (
            f"{self.chunks} chunks written ({self.skipped} {self.skipped_what} already done), "
            f"{self.documents} documents, {self.duplicates} duplicates, "
            f"{n} error{'s' if n != 1 else ''}"
        )


# ----------------------------------------------------------------------------- units


def list_units(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Unit]:
    """Every input under ``paths`` as a plain record (local files, or s3:// gs:// URIs).

    Local paths are walked exactly as the local ingest walks them
    (:func:`foicompare.sources.files.iter_file_refs`); URIs are listed through
    ``pyarrow.fs`` (credentials come from the usual environment of each cloud).
    """
    local: list[str | os.PathLike[str]] = []
    for raw in paths:
        if str(raw).startswith(REMOTE_SCHEMES):
            yield from _list_remote(str(raw))
        else:
            local.append(raw)
    for ref in iter_file_refs(local):
        if isinstance(ref, FileProblem):
            yield {"kind": "problem", "location": ref.location, "reason": ref.reason}
        else:
            yield {"kind": "file", "path": ref.path, "size": ref.size, "mtime": ref.mtime}


def _list_remote(uri: str) -> Iterator[Unit]:
    from pyarrow import fs as pafs

    filesystem, root = pafs.FileSystem.from_uri(uri)
    scheme = uri.split("://", 1)[0]
    info = filesystem.get_file_info(root)
    infos = (
        filesystem.get_file_info(pafs.FileSelector(root, recursive=True))
        if info.type == pafs.FileType.Directory
        else [info]
    )
    for i in sorted(infos, key=lambda i: i.path):
        if i.type == pafs.FileType.NotFound:
            yield {"kind": "problem", "location": uri, "reason": "no such file or folder"}
        elif i.type == pafs.FileType.File and not i.base_name.startswith("."):
            mtime = i.mtime.timestamp() if i.mtime else None
            yield {"kind": "uri", "uri": f"{scheme}://{i.path}", "size": i.size, "mtime": mtime}


def unit_key(unit: Unit) -> str:
    """A stable identity for one input: what it is, where, its size and modification time.

    >>> a = {"kind": "file", "path": "/a.pdf", "size": 3, "mtime": 1.0}
    >>> unit_key(a) == unit_key(dict(a)), unit_key(a) == unit_key({**a, "mtime": 2.0})
    (True, False)
    """
    if unit["kind"] == "item":  # bytes given directly: their hash is their identity
        data = unit["data"].encode() if isinstance(unit["data"], str) else unit["data"]
        ident = {"location": unit["location"], "sha256": hashlib.sha256(data).hexdigest()}
    else:
        ident = unit
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:32]


def chunk_id(keys: Iterable[str], parser_version: str = PARSER_VERSION) -> str:
    """The content address of a chunk: its inputs' keys and the parser version."""
    h = hashlib.sha256(parser_version.encode())
    for k in sorted(keys):
        h.update(k.encode())
    return h.hexdigest()[:24]


def pending_chunks(
    out: str | os.PathLike[str], units: Iterable[Unit], *, chunk_size: int = CHUNK_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """The chunks still to do (``{"chunk": id, "units": json}``) and how many inputs are done.

    An input is done when a finished chunk's manifest lists it.
    """
    done = {k for m in _manifests(Path(out), "ingest") for k in m["units"]}
    todo, skipped = [], 0
    for unit in units:
        if unit_key(unit) in done:
            skipped += 1
        else:
            todo.append(unit)
    chunks = []
    for i in range(0, len(todo), chunk_size):
        part = todo[i : i + chunk_size]
        chunks.append({"chunk": chunk_id(unit_key(u) for u in part), "units": json.dumps(part)})
    return chunks, skipped


def _to_input(unit: Unit) -> FileRef | FileProblem | SourceItem:
    kind = unit["kind"]
    if kind == "file":
        return FileRef(unit["path"], unit["size"], unit["mtime"])
    if kind == "problem":
        return FileProblem(unit["location"], unit["reason"])
    if kind == "item":
        data = unit["data"].encode() if isinstance(unit["data"], str) else unit["data"]
        return SourceItem(data=data, location=unit["location"], source=unit.get("source", "files"))
    uri = unit["uri"]
    try:
        from pyarrow import fs as pafs

        filesystem, path = pafs.FileSystem.from_uri(uri)
        with filesystem.open_input_stream(path) as fh:
            data = fh.read()
    except Exception as exc:  # one unreadable object is an error row, not a failed task
        return FileProblem(uri, f"cannot read: {exc}")
    return SourceItem(
        data=data,
        location=uri,
        source="files",
        filename=uri.rsplit("/", 1)[-1],
        file_size=unit["size"],
        file_mtime=unit["mtime"],
        retrieved_at=utcnow(),
    )


# ----------------------------------------------------------------------------- writing


def ingest_chunk(
    out: str | os.PathLike[str],
    chunk: str,
    units: list[Unit],
    *,
    doc_timeout: float | None = DEFAULT_SECONDS,
) -> dict[str, Any]:
    """Process one chunk of inputs (as the local ingest does) and write its shards.

    Returns a summary: ``chunk``, ``documents``, ``duplicates``, ``errors`` and
    ``error_list`` (JSON of ``[location, reason]``).
    """
    report = IngestReport()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    doc_part: dict[str, tuple[str, str]] = {}
    loc_part: dict[str, tuple[str, str]] = {}
    existing: set[str] = set()
    now = utcnow()
    for unit in units:
        bundles = process(_to_input(unit), doc_timeout=doc_timeout)
        for b in bundles:
            when = b.published_at or b.retrieved_at or now
            part = (b.source, when.strftime("%Y-%m"))
            loc_part[b.location] = part
            if b.doc_id:
                doc_part.setdefault(b.doc_id, part)
        for name, table_rows in bundle_rows(
            bundles, existing=existing, report=report, now=now
        ).items():
            rows.setdefault(name, []).extend(table_rows)

    def partition(row: dict[str, Any]) -> tuple[str, str]:
        doc_id = row.get("doc_id")
        if doc_id in doc_part:
            return doc_part[doc_id]
        return loc_part.get(row.get("location", ""), ("unknown", "unknown"))

    files = _write_tables(Path(out), chunk, rows, partition, PARSER_VERSION)
    _write_manifest(
        Path(out),
        "ingest",
        chunk,
        {
            "units": [unit_key(u) for u in units],
            "parser_version": PARSER_VERSION,
            "files": files,
            "documents": report.new,
        },
    )
    return {
        "chunk": chunk,
        "documents": report.new,
        "duplicates": report.duplicates,
        "errors": len(report.errors),
        "error_list": json.dumps(report.errors),
    }


def _dir(table: str, parser_version: str, version_all: bool) -> str:
    if table in CORE_TABLES and not version_all:
        return table
    return f"parser={parser_version}/{table}"


def _write_tables(
    out: Path,
    chunk: str,
    rows: dict[str, list[dict[str, Any]]],
    partition: Any,
    parser_version: str,
    *,
    version_all: bool = False,
) -> dict[str, list[str]]:
    """Write each table's rows as one Parquet file per (source, month); return the paths.

    Analysis tables go under ``parser=<version>/`` (every table does with ``version_all``).
    """
    con = _scratch()
    tmp = out / "_tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[str]] = {}
    for table, table_rows in rows.items():
        parts: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in table_rows:
            parts.setdefault(partition(row), []).append(row)
        for (source, month), part_rows in sorted(parts.items()):
            rel = f"{_dir(table, parser_version, version_all)}/source={_safe(source)}/month={month}/{chunk}.parquet"
            staging = tmp / f"{uuid.uuid4().hex}.parquet"
            # the same casts and checks as the local store: unknown columns raise
            insert_rows(con, table, part_rows, on_conflict="replace")
            try:
                con.execute(
                    f"COPY {table} TO {_literal(str(staging))} (FORMAT parquet, COMPRESSION zstd)"
                )
            finally:
                con.execute(f"DELETE FROM {table}")
            final = out / rel
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging, final)
            written.setdefault(table, []).append(rel)
    return written


def _write_manifest(out: Path, kind: str, chunk: str, body: dict[str, Any]) -> None:
    folder = out / "_done" / kind
    folder.mkdir(parents=True, exist_ok=True)
    staging = out / "_tmp" / f"{uuid.uuid4().hex}.json"
    staging.parent.mkdir(parents=True, exist_ok=True)
    body = {"chunk": chunk, "finished_at": utcnow().isoformat(), **body}
    staging.write_text(json.dumps(body), encoding="utf-8")
    os.replace(staging, folder / f"{chunk}.json")


_SCRATCH: duckdb.DuckDBPyConnection | None = None


def _scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the dataset's schema, one per process, to type the rows."""
    global _SCRATCH
    if _SCRATCH is None:
        con = duckdb.connect(":memory:")
        schema.migrate(con)
        # one thread: a worker process is one core's worth of work
        con.execute("SET threads = 1")
        _SCRATCH = con
    return _SCRATCH


def _safe(value: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in value) or "_"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _manifests(out: Path, kind: str) -> list[dict[str, Any]]:
    folder = out / "_done" / kind
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a manifest is renamed into place whole; a torn one is not ours
    return found


def parser_versions(out: str | os.PathLike[str]) -> list[str]:
    """The parser versions that have analysis shards in ``out``, oldest first."""
    versions = {m["parser_version"] for m in _manifests(Path(out), "ingest")}
    done = Path(out) / "_done"
    if done.is_dir():
        versions |= {p.name.split("=", 1)[1] for p in done.glob("parser=*") if p.is_dir()}
    return sorted(versions, key=_version_key)


def _version_key(v: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in v.replace("-", ".").split("."))


# ----------------------------------------------------------------------------- re-parsing


def reparse_tasks(
    out: str | os.PathLike[str], parser_version: str = PARSER_VERSION
) -> tuple[list[dict[str, Any]], int]:
    """The ingest chunks whose analysis rows at ``parser_version`` are still to be made."""
    root = Path(out)
    done = {m["chunk"] for m in _manifests(root, f"parser={parser_version}")}
    todo, skipped = [], 0
    for m in _manifests(root, "ingest"):
        if m["parser_version"] == parser_version or m["chunk"] in done:
            skipped += 1
            continue
        files = {t: m["files"].get(t, []) for t in ("documents", "texts", "text_tables")}
        todo.append({"chunk": m["chunk"], "units": json.dumps(files)})
    return todo, skipped


def reparse_chunk(
    out: str | os.PathLike[str],
    chunk: str,
    files: dict[str, list[str]],
    *,
    parser_version: str = PARSER_VERSION,
    doc_timeout: float | None = DEFAULT_SECONDS,
) -> dict[str, Any]:
    """Parse one chunk's stored texts again and write its analysis shards beside the old ones.

    The same per-document work as :meth:`foicompare.Dataset.reparse` (no file is read
    again); a document whose parsing fails or runs over ``doc_timeout`` is an error row.
    """
    from foicompare.budget import DocumentTimeout, time_budget
    from foicompare.text.base import Table

    root = Path(out)
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 1")

    def read(table: str, columns: str) -> list[tuple]:
        paths = [str(root / f) for f in files.get(table, [])]
        if not paths:
            return []
        return con.execute(f"SELECT {columns} FROM {_read(paths)}").fetchall()

    docs: dict[str, tuple[str, str | None]] = {}
    doc_part: dict[str, tuple[str, str]] = {}
    for rel in files.get("documents", []):
        source, month = (seg.split("=", 1)[1] for seg in rel.split("/")[-3:-1])
        for doc_id, location, hint in con.execute(
            f"SELECT doc_id, location, authority_hint FROM {_read([str(root / rel)])}"
        ).fetchall():
            docs[doc_id] = (location, hint)
            doc_part[doc_id] = (source, month)
    tables: dict[str, dict[int, Table]] = {}
    for doc_id, table_no, cells, page, name, start, end in read(
        "text_tables", "doc_id, table_no, cells, page, name, span_start, span_end"
    ):
        t = tables.setdefault(doc_id, {}).setdefault(
            table_no, Table(rows=[], page=page, name=name, start=start, end=end)
        )
        t.rows.append(list(cells))
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in pipeline.ANALYSIS_TABLES}
    rows["errors"] = []
    now = utcnow()
    for doc_id, text, meta in sorted(read("texts", "doc_id, text, meta")):
        location, hint = docs.get(doc_id, (doc_id, None))
        url = location if str(location).startswith(("http://", "https://")) else None
        meta_dict = json.loads(meta) if isinstance(meta, str) else (meta or None)
        if not (text or "").strip():
            continue
        try:
            with time_budget(doc_timeout):
                response = pipeline.analyse(
                    text,
                    [tables[doc_id][k] for k in sorted(tables.get(doc_id, {}))],
                    url=url,
                    meta=meta_dict,
                    authority_hint=hint,
                )
            for name, table_rows in pipeline.rows(doc_id, response).items():
                rows.setdefault(name, []).extend(table_rows)
        except DocumentTimeout as exc:
            reason = str(exc)
        except Exception as exc:
            reason = f"parser failed: {type(exc).__name__}: {exc}"
        else:
            continue
        rows["errors"].append(
            {
                "location": location,
                "stage": "parse",
                "doc_id": doc_id,
                "source": doc_part.get(doc_id, ("files",))[0],
                "reason": reason,
                "occurred_at": now,
            }
        )
    con.close()

    def partition(row: dict[str, Any]) -> tuple[str, str]:
        return doc_part.get(row.get("doc_id"), ("unknown", "unknown"))

    # parse errors of this version live beside its analysis shards
    written = _write_tables(root, chunk, rows, partition, parser_version, version_all=True)
    errors = rows["errors"]
    _write_manifest(
        root,
        f"parser={parser_version}",
        chunk,
        {"parser_version": parser_version, "files": written, "documents": len(docs)},
    )
    return {
        "chunk": chunk,
        "documents": len(docs),
        "duplicates": 0,
        "errors": len(errors),
        "error_list": json.dumps([[e["location"], e["reason"]] for e in errors]),
    }


# ----------------------------------------------------------------------------- reading


def _list(paths: list[str]) -> str:
    return "[" + ", ".join(_literal(p) for p in paths) + "]"


def _read(paths: list[str], options: str = "") -> str:
    """``read_parquet`` of the shard files. The ``source=…/month=…`` folders are for people
    and tools: their values must never be read as columns (a table may have its own
    ``source`` column, as flexibility_usage does)."""
    extra = f", {options}" if options else ""
    return f"read_parquet({_list(paths)}, hive_partitioning = false{extra})"


def shard_files(
    out: str | os.PathLike[str], parser_version: str | None = None
) -> tuple[str | None, dict[str, list[str]]]:
    """The parser version chosen and the finished shard files of each table (absolute paths).

    ``parser_version`` defaults to this foicompare's parser when ``out`` has it, else the
    newest that ``out`` has.
    """
    root = Path(out)
    versions = parser_versions(root)
    if parser_version is None:
        parser_version = (
            PARSER_VERSION if PARSER_VERSION in versions else (versions[-1] if versions else None)
        )
    elif parser_version not in versions:
        raise ValueError(
            f"{out} has no shards of parser version {parser_version!r} (it has {versions})"
        )
    files: dict[str, list[str]] = {}
    for m in _manifests(root, "ingest"):
        same = m["parser_version"] == parser_version
        for table, rels in m["files"].items():
            if table in CORE_TABLES or same:
                files.setdefault(table, []).extend(str(root / r) for r in rels)
    if parser_version is not None:
        for m in _manifests(root, f"parser={parser_version}"):
            for table, rels in m["files"].items():
                files.setdefault(table, []).extend(str(root / r) for r in rels)
    return parser_version, files


def _shard_select(
    con: duckdb.DuckDBPyConnection, table: str, paths: list[str], columns: list[tuple[str, str]]
) -> str:
    """SQL reading ``paths`` as ``table``: its columns and types, one row per primary key."""
    source = _read(sorted(paths), "union_by_name = true, filename = '_shard'")
    have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    select = ", ".join(
        f"CAST({c} AS {t}) AS {c}" if c in have else f"CAST(NULL AS {t}) AS {c}" for c, t in columns
    )
    key = _primary_key(con, table)
    # the same document can be in two chunks (the same bytes at two paths): keep the first
    if key:
        dedup = f" QUALIFY row_number() OVER (PARTITION BY {', '.join(key)} ORDER BY _shard) = 1"
    elif "doc_id" in have:  # a table without a key (migration 014): the first shard's rows
        dedup = " QUALIFY _shard = min(_shard) OVER (PARTITION BY doc_id)"
    else:
        dedup = ""
    return f"SELECT {select} FROM {source}{dedup}"


def _primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints()"
        " WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return list(rows[0][0]) if rows else []


def open_shards(out: str | os.PathLike[str], *, parser_version: str | None = None) -> Any:
    """A read-only :class:`foicompare.Dataset` over the shards in ``out`` (DuckDB views).

    Every method that reads (responses, flexibility_matrix, compare, report, ...) works
    unchanged; the reference tables (authorities, neighbours, Ofsted) are loaded in memory.
    ``parser_version`` picks whose analysis rows to show (see :func:`shard_files`).

    >>> import tempfile
    >>> open_shards(tempfile.mkdtemp()).responses().height
    0
    """
    from foicompare.dataset import Dataset

    version, files = shard_files(out, parser_version)
    ds = Dataset(":memory:")
    con = ds.con
    for table in TABLES:
        paths = files.get(table)
        if not paths:
            continue  # the empty table from the schema stands in
        columns = table_columns(con, table)
        query = _shard_select(con, table, paths, columns)
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS {query}")
    ds.path = str(out)
    ds.mode = "read"  # every writing method now raises PermissionError
    ds.parser_version = version  # type: ignore[attr-defined]
    return ds


def is_shard_folder(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder that a sharded ingest wrote."""
    return (Path(path) / "_done").is_dir()


def merge(
    out: str | os.PathLike[str], db: str | os.PathLike[str], *, parser_version: str | None = None
) -> dict[str, int]:
    """Load the shards in ``out`` into the DuckDB dataset ``db``; return rows per table.

    Documents, texts and tables already in ``db`` are kept; sightings, errors and analysis
    rows are replaced by the shards' (as a re-ingest or re-parse would).
    """
    from foicompare.dataset import Dataset

    _, files = shard_files(out, parser_version)
    counts: dict[str, int] = {}
    with Dataset(db) as ds:
        con = ds.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                paths = files.get(table)
                if not paths:
                    continue
                columns = table_columns(con, table)
                names = ", ".join(c for c, _ in columns)
                keep = table in ("documents", "texts", "text_tables")
                keyed = has_key(con, table)
                verb = "INSERT OR IGNORE" if keep else "INSERT OR REPLACE"
                if not keyed:
                    verb = "INSERT"
                if table in pipeline.ANALYSIS_TABLES or not keyed:
                    # a document's rows are replaced whole, as reparse does (tables without
                    # a key, migration 014, cannot take INSERT OR REPLACE)
                    con.execute(
                        f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM {_read(paths)})"
                    )
                query = _shard_select(con, table, paths, columns)
                con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM ({query})")
                counts[table] = con.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return counts
