"""One self-contained HTML report: every chart as inline SVG, the table behind it, and the
documents behind every number. It opens with no network (no scripts, fonts or images fetched).

>>> import foicompare, tempfile, pathlib
>>> ds = foicompare.open(":memory:")
>>> out = write_report(ds, pathlib.Path(tempfile.mkdtemp()) / "r.html")
>>> html = out.read_text()
>>> html.count("<svg") >= 5 and "http" not in html.split("<body>")[0].replace("http://www.w3.org", "")
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import polars as pl

from foicompare import __version__, charts
from foicompare.analysis import MissingData, register_coverage
from foicompare.analysis.deadlines import SOURCES as TIME_SOURCES

_DOC_INLINE = 6


@dataclass
class Section:
    """One part of the report: a chart (optional) and the tables it is drawn from."""

    key: str
    title: str
    intro: str = ""
    chart: Any = None  #: an Altair chart
    tables: list[tuple[str, pl.DataFrame]] = field(default_factory=list)
    note: str = ""
    error: str | None = None  #: why the section could not be built


def _safe(section: Section, build: Callable[[Section], None]) -> Section:
    try:
        build(section)
    except (MissingData, AttributeError, ValueError) as exc:
        section.error = f"not available for this dataset: {exc}"
    return section


def summary(ds: Any) -> dict[str, Any]:
    """Headline counts and small tables, for the report header and the terminal.

    >>> import foicompare
    >>> summary(foicompare.open(":memory:"))["documents"]
    0
    """
    one = lambda q: ds.con.execute(q).fetchall()[0][0]  # noqa: E731
    out: dict[str, Any] = {
        "documents": one("SELECT count(*) FROM documents"),
        "errors": one("SELECT count(*) FROM errors"),
    }
    decisions = ds.outcomes(by=None)
    out["decisions"] = int(decisions["responses"].sum()) if decisions.height else 0
    out["outcomes"] = decisions.drop("doc_ids")
    cov = register_coverage(ds.con)
    out["coverage"] = (
        cov.group_by("status")
        .agg(pl.len().alias("authorities"))
        .sort("authorities", descending=True)
    )
    out["authorities_answering"] = int((cov["decisions"] > 0).sum())
    out["authorities_expected"] = cov.height
    late = ds.timeliness(by=None)
    out["timed"] = late.height
    out["late"] = int(late["late"].fill_null(False).sum()) if late.height else 0
    out["flexibility_counts"] = None
    if hasattr(ds, "flexibility_counts"):
        try:
            out["flexibility_counts"] = _plain_frame(ds.flexibility_counts(by="code"))
        except Exception as exc:  # another area's method: report, do not crash the summary
            out["flexibility_counts_error"] = str(exc)
    return out


def _plain_frame(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        [c for c, t in frame.schema.items() if not isinstance(t, pl.List | pl.Struct)]
    )


def flexibility_sections(ds: Any, scope: dict[str, Any] | None = None) -> list[Section]:
    """Three sections per round robin about the SI 2020/445 flexibilities: how many councils
    used each, what each council said (with the governance), and uses by month."""
    if not hasattr(ds, "flexibility_rounds"):
        return []
    scope = {k: v for k, v in (scope or {}).items() if v is not None}
    try:
        rounds = ds.flexibility_rounds()
        if scope.get("request") is not None or scope.get("batch") is not None:
            from foicompare.analysis.flexibility import scope_doc_ids

            keep = set(scope_doc_ids(ds.con, **scope) or [])
            from foicompare.analysis.flexibility import doc_rounds

            wanted = set(doc_rounds(ds.con).filter(pl.col("doc_id").is_in(keep))["request"])
            rounds = rounds.filter(pl.col("request").is_in(wanted))
    except (MissingData, KeyError) as exc:
        return [Section("flexibilities", "Flexibilities", error=f"not available: {exc}")]
    dates = {k: scope[k] for k in ("since", "until") if k in scope}
    if rounds.is_empty():

        def nothing(s: Section) -> None:
            s.chart = charts.flexibility_heatmap(ds)

        def no_months(s: Section) -> None:
            s.chart = charts.uses_by_month(pl.DataFrame())

        return [
            _safe(Section("flexibilities", "Flexibilities", "No document in this dataset "
                          "answers about the SI 2020/445 flexibilities."), nothing),
            _safe(Section("by_month", "Flexibility uses by month"), no_months),
        ]  # fmt: skip
    out: list[Section] = []
    for n, r in enumerate(rounds.iter_rows(named=True), 1):
        key, name = r["request"], r["title"] or r["request"]
        when = f" (asked {r['date']:%d %B %Y})" if r["date"] else ""

        def uptake(s: Section, key: str = key) -> None:
            counts = ds.flexibility_counts(by="code", request=key, **dates)
            s.chart = charts.flexibility_uptake(counts)
            s.tables.append(("Councils by answer, per flexibility", _labelled(counts)))

        def councils(s: Section, key: str = key) -> None:
            matrix = ds.flexibility_matrix(request=key, **dates)
            s.chart = charts.flexibility_heatmap(matrix)
            replied = int((matrix["response"] == "responded").sum()) if matrix.height else 0
            s.note = (
                f"{matrix.height} councils as at the request's date; {replied} answered. Values "
                "marked ✎ were corrected by a reviewer; codes listed under needs_review were "
                "read with low confidence."
            )
            gov = ds.flexibility_governance(request=key, **dates).drop("council")
            s.tables.append(("Governance: sign-off, Ofsted, decision level", gov))
            s.tables.append(("Every council × flexibility", matrix))

        def months(s: Section, key: str = key) -> None:
            counts = ds.flexibility_counts(by="month", request=key, **dates)
            s.chart = charts.uses_by_month(counts)
            s.tables.append(("Uses by month", _labelled(counts)))

        intro = f"Round robin: {name}{when}."
        out += [
            _safe(Section(f"flex{n}-uptake", f"Flexibilities used: {name}",
                          intro + " Councils counted once each, whatever they sent."), uptake),
            _safe(Section(f"flex{n}-councils", f"What each council said: {name}",
                          intro + " Used / not used / withheld / not stated / no response, "
                          "by region; the flexibilities any council used, most used first."),
                  councils),
            _safe(Section(f"flex{n}-months", f"Uses by month: {name}", intro), months),
        ]  # fmt: skip
    return out


def _labelled(frame: pl.DataFrame) -> pl.DataFrame:
    from foicompare.topics.vocabulary import short_labels

    if "code" not in frame.columns:
        return frame
    label = pl.col("code").replace_strict(short_labels(), default=pl.col("code"))
    return frame.with_columns(label.alias("flexibility")).select(
        "flexibility", *[c for c in frame.columns if c != "flexibility"]
    )


def build_sections(ds: Any, scope: dict[str, Any] | None = None) -> list[Section]:
    """Every section of the report, in order; a section that cannot be built says why."""

    def coverage(s: Section) -> None:
        cov = register_coverage(ds.con)
        by_status = cov.group_by("status").agg(
            pl.len().alias("authorities"),
            pl.col("doc_ids").list.explode(keep_nulls=False, empty_as_null=False).alias("doc_ids"),
        )
        s.tables.append(
            ("Authorities by what they sent", by_status.sort("authorities", descending=True))
        )
        s.tables.append(("Every authority", _with_review_counts(ds, cov)))
        if (
            hasattr(ds, "coverage")
            and ds.con.execute("SELECT count(*) FROM batches").fetchall()[0][0]
        ):
            batches = ds.sql(
                "SELECT batch_id, title, n_requests FROM batches ORDER BY n_requests DESC LIMIT 5"
            )
            for b in batches.iter_rows(named=True):
                c = ds.coverage(b["batch_id"])
                counts = c.group_by("status").agg(
                    pl.len().alias("requests"), pl.col("late").fill_null(False).sum().alias("late")
                )
                s.tables.append(
                    (f"Round robin: {b['title']}", counts.sort("requests", descending=True))
                )

    def outcomes_region(s: Section) -> None:
        s.chart = charts.outcomes_by_region(ds)
        s.tables.append(("Decisions by region and outcome", ds.outcomes(by="region")))

    def outcomes_other(s: Section) -> None:
        s.tables.append(("By authority type", ds.outcomes(by="authority_type")))
        s.tables.append(("By Ofsted judgement in force at the time", ds.outcomes(by="ofsted")))

    def exemptions(s: Section) -> None:
        ex = ds.exemptions()
        s.chart = charts.exemption_frequency(ex)
        s.tables.append(("Exemptions relied on", ex))
        est = ds.cost_hours()
        if est.height:
            h = est["cost_hours"]
            s.note = (
                f"{est.height} cost-limit estimates: median {h.median():g} hours, "
                f"range {h.min():g}–{h.max():g} (the limit is 18 hours for councils in "
                "England and Wales)."
            )
        s.tables.append(("Cost-limit estimates (officer hours)", est))

    def timeliness(s: Section) -> None:
        cases = ds.timeliness()
        s.chart = charts.timeliness_distribution(cases)
        s.tables.append(("By region", ds.timeliness(by="region")))
        s.tables.append(("Every timed case", cases))

    return [
        _safe(Section("coverage", "Who answered",
                      "Current children's services authorities in the register, by the best "
                      "answer on file."), coverage),
        _safe(Section("outcomes", "Outcomes by region",
                      "Decisions (first responses; a letter stored twice counts once) by "
                      "outcome."), outcomes_region),
        _safe(Section("outcomes_other", "Outcomes by authority type and Ofsted judgement"),
              outcomes_other),
        _safe(Section("exemptions", "Exemptions and cost-limit estimates",
                      "Sections relied on to refuse or withhold, and officer-hour estimates "
                      "given for cost-limit refusals."), exemptions),
        *flexibility_sections(ds, scope),
        _safe(Section("timeliness", "Timeliness",
                      "Working days from receipt to response against the statutory limit "
                      "(20 working days; 60 for Scottish responses issued 7 April–26 May "
                      "2020)."), timeliness),
    ]  # fmt: skip


# --- HTML ----------------------------------------------------------------------------------------


def _anchor(doc_id: str) -> str:
    return "d-" + doc_id[:16]


def _doc_links(ids: list[str] | None, seen: set[str]) -> str:
    if ids is None:  # large datasets: the comparison did not list its documents
        return '<span class="muted">not listed (provenance=True lists them)</span>'
    ids = [i for i in ids if i]
    seen.update(ids)
    links = " ".join(f'<a class="doc" href="#{_anchor(i)}">{html.escape(i[:10])}</a>' for i in ids)
    if len(ids) <= _DOC_INLINE:
        return links
    return f"<details><summary>{len(ids)} documents</summary>{links}</details>"


def _cell(name: str, value: Any) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int):
        return f'<td class="num">{value:,}</td>'
    if isinstance(value, float):
        text = f"{value:.0%}" if "share" in name else f"{value:,.1f}"
        return f'<td class="num">{text}</td>'
    if isinstance(value, list | dict):
        return f"<td>{html.escape(json.dumps(value, default=str))}</td>"
    return f"<td>{html.escape(str(value))}</td>"


def html_table(frame: pl.DataFrame, seen: set[str], *, max_rows: int = 2000) -> str:
    """A frame as an HTML table; ``doc_ids`` cells become links to the document list."""
    if frame.is_empty():
        return '<p class="empty">no rows</p>'
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = []
        for name, value in row.items():
            if name in ("doc_ids", "doc_id"):
                if name == "doc_ids" and value is None:
                    ids = None  # documents not listed for this comparison
                else:
                    ids = value if isinstance(value, list) else [value]
                cells.append(f"<td>{_doc_links(ids, seen)}</td>")
            elif isinstance(row.get("corrected"), list) and name in row["corrected"]:
                text = html.escape("" if value is None else str(value))
                cells.append(f'<td class="corrected" title="corrected by a reviewer">{text} ✎</td>')
            else:
                cells.append(_cell(name, value))
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="note">first {max_rows} of {frame.height} rows (export the dataset for all)</p>'
        if frame.height > max_rows
        else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _documents_table(ds: Any, ids: set[str]) -> str:
    if not ids:
        return '<p class="empty">no documents are behind the numbers above</p>'
    resp = "responses" if _has(ds, "responses") else None
    join = (
        "LEFT JOIN (SELECT doc_id, authority_name, reference, date, document_type, outcome"
        " FROM responses) r USING (doc_id)"
        if resp
        else ""
    )
    cols = ", r.authority_name, r.reference, r.date, r.document_type, r.outcome" if resp else ""
    frame = ds.sql(
        f"SELECT k.doc_id, d.filename, d.source, d.location{cols}"
        f" FROM (SELECT unnest(?::VARCHAR[]) AS doc_id) k"
        f" LEFT JOIN documents d USING (doc_id) {join} ORDER BY d.location, k.doc_id",
        [sorted(ids)],
    )
    rows = []
    for r in frame.iter_rows(named=True):
        loc = _relative(ds, r.get("location") or "")
        loc_html = html.escape(loc)
        if loc.startswith(("http://", "https://")):
            loc_html = f'<a href="{html.escape(loc)}">{loc_html}</a>'
        extra = "".join(
            _cell(k, r.get(k))
            for k in ("authority_name", "reference", "date", "document_type", "outcome")
            if resp
        )
        rows.append(
            f'<tr id="{_anchor(r["doc_id"])}"><td class="doc" title="{html.escape(r["doc_id"])}">'
            f"{html.escape(r['doc_id'][:10])}</td>"
            f"{_cell('filename', r.get('filename'))}{_cell('source', r.get('source'))}"
            f"<td>{loc_html}</td>{extra}</tr>"
        )
    head = ["document", "file", "source", "where"] + (
        ["authority", "reference", "date", "type", "outcome"] if resp else []
    )
    return (
        "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )  # fmt: skip


def _with_review_counts(ds: Any, cov: pl.DataFrame) -> pl.DataFrame:
    """``cov`` with ``needs_review``: how many of each authority's documents a person should read
    before their values are compared (see foicompare.parse.confidence)."""
    cols = {c for (c,) in ds.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'"
    ).fetchall()}  # fmt: skip
    if "needs_review" not in cols or "authority_code" not in cov.columns:
        return cov
    counts = ds.sql(
        "SELECT authority_code, count(*) FILTER (WHERE needs_review)::BIGINT AS needs_review"
        " FROM responses WHERE authority_code IS NOT NULL GROUP BY 1"
    )
    out = cov.join(counts, on="authority_code", how="left")
    return out.with_columns(pl.col("needs_review").fill_null(0))


def _relative(ds: Any, location: str) -> str:
    """A stored file's location relative to the dataset's folder (URLs unchanged), so a
    report printed on one machine does not show its local paths."""
    if not location or location.startswith(("http://", "https://")) or ds.path == ":memory:":
        return location
    base = Path(ds.path).resolve().parent
    try:
        return os.path.relpath(location.split("!", 1)[0], base) + (
            "!" + location.split("!", 1)[1] if "!" in location else ""
        )
    except ValueError:  # another drive (Windows)
        return Path(location).name


def _has(ds: Any, table: str) -> bool:
    from foicompare.analysis._db import has_table

    return has_table(ds.con, table)


def render_html(ds: Any, *, title: str | None = None, scope: dict[str, Any] | None = None) -> str:
    """The whole report as one HTML string (see :func:`write_report`)."""
    title = title or "foicompare report"
    seen: set[str] = set()
    head = summary(ds)
    parts = [
        '<section id="summary">',
        *(
            f'<span class="kpi"><b>{v:,}</b>{html.escape(k)}</span>'
            for k, v in (
                ("documents", head["documents"]),
                ("decisions", head["decisions"]),
                (
                    f"of {head['authorities_expected']} authorities answered",
                    head["authorities_answering"],
                ),
                ("timed cases late", head["late"]),
                ("files that could not be read", head["errors"]),
            )
        ),  # fmt: skip
        "</section>",
    ]
    for s in build_sections(ds, scope):
        parts.append(f'<section id="{s.key}"><h2>{html.escape(s.title)}</h2>')
        if s.intro:
            parts.append(f"<p>{html.escape(s.intro)}</p>")
        if s.error:
            parts.append(f'<p class="empty">{html.escape(s.error)}</p></section>')
            continue
        if s.chart is not None:
            parts.append(f'<figure class="chart">{charts.to_svg(s.chart)}</figure>')
        if s.note:
            parts.append(f'<p class="note">{html.escape(s.note)}</p>')
        for i, (caption, frame) in enumerate(s.tables):
            table = html_table(frame, seen)
            opened = " open" if i == 0 and frame.height <= 60 else ""
            parts.append(
                f"<details{opened}><summary>{html.escape(caption)} ({frame.height} rows)</summary>"
                f"{table}</details>"
            )
        parts.append("</section>")
    parts.append('<section id="documents"><h2>Documents behind the numbers</h2>')
    parts.append(
        '<p class="note">Each count above links here: the stored document (content hash), '
        "where it was found, and what was read from it.</p>"
    )
    parts.append(_documents_table(ds, seen))
    parts.append("</section>")
    parts.append(_method(ds))
    template = Template(
        resources.files("foicompare").joinpath("report_template.html").read_text(encoding="utf-8")
    )
    meta = (
        f"Dataset {html.escape(Path(str(ds.path)).name)} · generated {dt.datetime.now():%Y-%m-%d %H:%M} "
        f"by foicompare {__version__}"
    )
    return template.substitute(
        title=html.escape(title), meta=meta, version=__version__, body="\n".join(parts)
    )


def _method(ds: Any) -> str:
    links = "".join(
        f'<li>{html.escape(name)}: <a href="{url}">{html.escape(url)}</a></li>'
        for name, url in TIME_SOURCES.items()
    )
    attribution = ""
    if _has(ds, "authority_register"):
        rows = ds.sql("SELECT value FROM authority_register WHERE key = 'attribution'")
        if rows.height:
            try:
                items = json.loads(rows["value"][0])
            except ValueError:
                items = [rows["value"][0]]
            attribution = "".join(f"<li>{html.escape(str(a))}</li>" for a in items)
    return (
        '<section id="method"><h2>Method and sources</h2><ul>'
        "<li>A decision is one council's answer to one request: documents of one authority "
        "that print the same reference count once; internal reviews and acknowledgements are "
        "not first decisions.</li>"
        "<li>Regions, types and Ofsted judgements come from the packaged register; the "
        "Ofsted judgement is the latest published on or before the decision.</li>"
        "<li>Working days: FOIA and EIR skip bank holidays anywhere in the UK (FOIA s10(6)); "
        "FOISA only Scotland's (s73). Holidays from the <code>holidays</code> library.</li>"
        f"{links}{attribution}</ul></section>"
    )


def write_report(
    ds: Any,
    out: str | os.PathLike[str],
    *,
    title: str | None = None,
    scope: dict[str, Any] | None = None,
) -> Path:
    """Write the report to ``out`` (creating folders) and return its path; ``scope``
    (``request``/``batch``/``since``/``until``) limits the flexibility sections."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(ds, title=title, scope=scope), encoding="utf-8")
    return path


# --- the terminal summary and the demo ---------------------------------------------------------


def print_summary(ds: Any, console: Any = None) -> None:
    """Print the headline numbers and the coverage, outcome and flexibility tables with rich."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    s = summary(ds)
    console.print(
        f"[bold]{s['documents']:,}[/] documents, [bold]{s['decisions']:,}[/] decisions from "
        f"[bold]{s['authorities_answering']}[/] of {s['authorities_expected']} children's services "
        f"authorities; {s['late']} of {s['timed']} timed cases late; {s['errors']} unreadable files"
    )

    def show(title: str, frame: pl.DataFrame | None, limit: int = 20) -> None:
        if frame is None or frame.is_empty():
            return
        t = Table(title=title, title_justify="left")
        for c in frame.columns:
            t.add_column(c, justify="right" if frame.schema[c].is_numeric() else "left")
        for row in frame.head(limit).iter_rows():
            t.add_row(*(f"{v:.0%}" if isinstance(v, float) else str(v) for v in row))
        console.print(t)

    show("Coverage (current children's services authorities)", s["coverage"])
    show("Outcomes of first responses", s["outcomes"])
    counts = s.get("flexibility_counts")
    if counts is not None and {"code", "uses", "authorities_used"} <= set(counts.columns):
        top = counts.filter(pl.col("authorities_used") > 0)
        top = top.select("code", "authorities_used", "uses").sort(
            "authorities_used", "uses", descending=True, nulls_last=True
        )
        show("Flexibilities most often used", top, limit=10)


class DemoUnavailable(RuntimeError):
    """The demo corpus generator is not part of this installation."""


@dataclass
class DemoResult:
    """What :func:`build_demo` wrote."""

    corpus: Path
    db: Path
    report: Path
    documents: int


def build_demo(
    out_dir: str | os.PathLike[str],
    *,
    seed: int = 2020,
    limit: int | None = None,
    workers: int | None = None,
    echo: Callable[[str], Any] = print,
) -> DemoResult:
    """Generate the demo corpus, ingest it into a fresh dataset, and write the report.

    Offline and deterministic: ``out_dir/corpus`` (letters), ``out_dir/demo.duckdb`` and
    ``out_dir/report.html``. ``limit`` samples that many authorities (for quick runs).
    """
    try:
        from foicompare.demo import generate
    except ImportError as exc:  # pragma: no cover - the generator ships with foicompare
        raise DemoUnavailable(f"the demo corpus generator is not installed: {exc}") from exc
    from foicompare.dataset import open_dataset

    out = Path(out_dir)
    corpus, db, report_path = out / "corpus", out / "demo.duckdb", out / "report.html"
    if corpus.exists():
        import shutil

        shutil.rmtree(corpus)
    gen = generate(corpus, seed=seed, limit=limit)
    echo(f"corpus: {gen}")
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    copies = sorted(p for p in corpus.iterdir() if p.is_dir())  # not ground_truth.jsonl
    with open_dataset(db) as ds:
        ingested = ds.ingest(copies, workers=workers, progress=None)
        echo(f"ingest: {ingested}")
        from foicompare.demo.requests import link

        echo(f"requests: {link(ds.con, corpus)} documents linked to the demo's round robins")
        write_report(ds, report_path, title="foicompare demo: a children's services round robin")
        documents = ingested.new
    return DemoResult(corpus=corpus, db=db, report=report_path, documents=documents)
