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
from foicompare.budget import DEFAULT_SECONDS
from foicompare.ingest import IngestReport, ingest_units, plan_files
from foicompare.sources.base import SourceItem
from foicompare.store import insert_rows, utcnow

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
        self._writable()
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
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
    def authorities(self, *, childrens_services: bool | None = None) -> pl.DataFrame:
        """The authority register, one row per current or past council.

        >>> import foicompare
        >>> ds = foicompare.open(":memory:")
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

        >>> import foicompare
        >>> ds = foicompare.open(":memory:")
        >>> ds.correct("abc", "colour", "red")
        Traceback (most recent call last):
        ...
        ValueError: cannot correct 'colour': fields are act, authority_code, authority_name, cost_hours, date, document_type, exemptions, outcome, received, reference
        """
        from foicompare.parse.corrections import check_correction

        self._writable()
        payload = check_correction(field, value)
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

        self._writable()
        return reparse(self.con, doc_ids)

    # --- end responses ---

    # --- flexibilities (issue 5) ---
    def flexibility_matrix(
        self, *, codes: list[str] | None = None, labels: bool = True
    ) -> pl.DataFrame:
        """Authorities × SI 2020/445 flexibility codes: "used", "not used" or "unknown".

        Every current children's services authority is a row (``authority_code``,
        ``authority_name``), "unknown" where no document says; ``labels=False`` gives
        nullable booleans.

        >>> ds = open(":memory:")
        >>> ds.flexibility_matrix(codes=["cppcr-visits-remote"])["cppcr-visits-remote"].unique().to_list()
        ['unknown']
        """
        from foicompare.topics import usage

        return usage.matrix(self.con, codes=codes, labels=labels)

    def flexibility_counts(self, by: str = "month") -> pl.DataFrame:
        """Uses of each flexibility by ``code`` and ``month`` (``by="month"``: uses, authorities)
        or per code (``by="code"``: authorities_used, authorities_not_used, uses, suppressed).

        >>> open(":memory:").flexibility_counts().columns
        ['code', 'month', 'uses', 'authorities']
        """
        from foicompare.topics import usage

        return usage.counts(self.con, by=by)  # type: ignore[arg-type]

    def flexibility_governance(self) -> pl.DataFrame:
        """Per response about the flexibilities: who signed off, whether Ofsted was told,
        the decision level and the instruments cited, with the authority's name.

        >>> open(":memory:").flexibility_governance().columns[:3]
        ['authority_code', 'authority_name', 'doc_id']
        """
        return self.sql(
            "SELECT f.authority_code, a.short_name AS authority_name, f.doc_id, f.sign_off,"
            " f.ofsted_informed, f.decision_level, f.instruments_cited, f.response_date"
            " FROM flexibility_responses f LEFT JOIN authority_gss_codes g"
            " ON g.gss_code = f.authority_code LEFT JOIN authorities a ON a.code = g.code"
            " ORDER BY authority_name, f.response_date"
        )

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
        ``cache_dir``, ``min_interval``, ``authority``).

        >>> ds = open(":memory:")
        >>> ds.log_entries().columns[:4]
        ['entry_id', 'site', 'adapter', 'url']
        """
        from foicompare.sources.disclosure_logs import ingest_log

        self._writable()
        return ingest_log(self, url, adapter=adapter, since=since, max_pages=max_pages, **options)

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
    ) -> pl.DataFrame:
        """Decisions by outcome per authority, region, authority_type, nation or ofsted.

        Long format (group, ``outcome``, ``responses``, ``share``, ``doc_ids``); ``wide=True``
        gives one column per outcome. A letter stored twice counts once. ``doc_ids`` lists
        the documents when ``provenance`` is true (default: for datasets of up to 100,000
        response rows; nulls above, which keeps a million rows under a second).

        >>> ds = open(":memory:")
        >>> ds.outcomes(by="region", wide=True).columns[:3]
        ['region', 'successful', 'partially_successful']
        """
        from foicompare import analysis

        if wide:
            return analysis.outcomes_wide(self.con, by, document_type=document_type)
        return analysis.outcomes(self.con, by, document_type=document_type, provenance=provenance)

    def exemptions(self, by: str | None = None, *, provenance: bool | None = None) -> pl.DataFrame:
        """How often each exemption section is relied on (overall, or per group).

        >>> open(":memory:").exemptions(by="authority").columns[:3]
        ['authority_code', 'authority_name', 'region']
        """
        from foicompare import analysis

        return analysis.exemptions(self.con, by, provenance=provenance)

    def cost_hours(self, *, provenance: bool | None = None) -> pl.DataFrame:
        """Every cost-limit estimate in officer hours, with its ratio to the 18-hour limit.

        >>> open(":memory:").cost_hours()["cost_hours"].dtype
        Float64
        """
        from foicompare import analysis

        return analysis.cost_hours(self.con, provenance=provenance)

    def timeliness(
        self, by: str | None = None, *, as_of: Any = None, provenance: bool | None = None
    ) -> pl.DataFrame:
        """Working days from receipt to response against the statutory limit.

        Per case by default; ``by="authority"`` (or region, ...) summarises. See
        :mod:`foicompare.analysis.deadlines` for the rules (FOIA, FOISA, Scotland 2020).

        >>> open(":memory:").timeliness(by="region").columns[:3]
        ['region', 'cases', 'answered']
        """
        from foicompare import analysis

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
        (``kwargs`` go to that method, e.g. ``batch=`` for coverage).

        >>> ds = open(":memory:")
        >>> ds.compare("Coventry", on="outcomes")["la_code"].to_list()[:2]
        ['COV', 'DER']
        """
        from foicompare.analysis import comparison as cmp

        views = cmp.available(self)
        if on not in views:
            raise ValueError(f"compare(on={on!r}): use one of {sorted(views)}")
        return cmp.compare(
            self.con, code, lambda: views[on](**kwargs), with_, neighbour_set=neighbour_set
        )

    def report(self, out: str | os.PathLike[str], *, title: str | None = None) -> Path:
        """Write one self-contained HTML report (charts as SVG, tables, provenance)."""
        from foicompare import report

        return report.write_report(self, out, title=title)

    def export(
        self, out_dir: str | os.PathLike[str], *, format: str = "csv", redact: bool = False
    ) -> list[Path]:
        """Export every curated table (csv, parquet or xlsx) with a data dictionary."""
        from foicompare import export

        return export.export(self, out_dir, format=format, redact=redact)

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
