"""`foicompare ingest` and `foicompare status`: the core commands.

Nothing heavy is imported at the top of this module: `status` must start in a fraction of
a second, and every other command module imports :data:`db_option` from here.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from foicompare.cli import main

DEFAULT_PATH = "foicompare.duckdb"  # the same as foicompare.dataset.DEFAULT_PATH (tested)

db_option = click.option(
    "--db",
    "db",
    default=lambda: os.environ.get("FOICOMPARE_DB", DEFAULT_PATH),
    show_default=f"$FOICOMPARE_DB or {DEFAULT_PATH}",
    help="The DuckDB dataset file.",
)


def fetch_policy_options(command):  # noqa: ANN001, ANN201 - a click decorator
    """``--allow``, ``--request-deadline`` and ``--deadline`` for the crawling commands."""
    for option in reversed(
        [
            click.option(
                "--allow",
                multiple=True,
                metavar="URL-PREFIX|HOST",
                callback=_check_allow,
                help="Also fetch (and follow redirects to) this URL prefix, e.g."
                " https://cdn.council.gov.uk/foi/, or this host on the default ports;"
                " repeatable. See 'Fetch policy' in the README.",
            ),
            click.option(
                "--request-deadline",
                type=click.FloatRange(min=0, min_open=True),
                default=120.0,
                show_default=True,
                help="Wall-clock seconds for one URL: connect, headers, whole body, retries.",
            ),
            click.option(
                "--deadline",
                type=click.FloatRange(min=0, min_open=True),
                default=None,
                help="Wall-clock seconds for the whole crawl; URLs left over are recorded"
                " as skipped and fetched by the next run.",
            ),
        ]
    ):
        command = option(command)
    return command


def _check_allow(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple:
    from foicompare.sources.http import Bound

    for spec in value:
        try:
            Bound.parse(spec)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def policy_bounds(base_url: str, allow: tuple[str, ...]):  # noqa: ANN201
    """The bounds of a crawl of ``base_url`` widened by ``--allow``."""
    from foicompare.sources.http import Bounds, FetchError

    try:
        return Bounds.under(base_url, extra=allow)
    except FetchError as exc:
        raise click.BadParameter(exc.reason, param_hint="--base-url") from None


def _remove_new_dataset(db: str) -> None:
    """Delete a dataset file that this command created and could not fill (and its WAL)."""
    for p in (Path(db), Path(db + ".wal")):
        p.unlink(missing_ok=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Extraction processes (default: both cores for big batches).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, only the summary line.")
@click.option(
    "--doc-timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds each document may take to extract and parse (0: no limit); a slower one "
    "becomes an error row and the run goes on.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=60,
    show_default=True,
    help="Seconds to wait for readers to let go of the dataset (another writer fails at once).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this machine, into --db. ray: a Ray cluster, into Parquet shards in --out "
    "(needs foicompare[cluster]).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="With --engine ray: the shard folder (open it with foicompare.open(DIR) or "
    "`foicompare merge DIR --db FILE`).",
)
@click.option(
    "--address",
    default=None,
    help="With --engine ray: the cluster (ray://HOST:10001, or auto); default $RAY_ADDRESS, "
    "else a local cluster of this machine's cores.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="With --engine ray: inputs per task and per set of shard files.",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int | None,
    quiet: bool,
    doc_timeout: float,
    wait: float,
    engine: str,
    out: str | None,
    address: str | None,
    chunk_size: int,
) -> None:
    """Ingest files and folders (PDF, DOCX, XLSX, CSV, HTML, EML, TXT, ZIP) into the dataset.

    Every input that can be read is stored; each one that cannot is printed with its reason
    (and kept in `errors`, see `foicompare status`), and the exit code is then 1.
    """
    if engine == "ray":
        _ingest_ray(paths, out, address, workers, chunk_size, doc_timeout)
        return
    from foicompare.dataset import open_dataset

    missing = [p for p in paths if not os.path.lexists(p)]
    if len(missing) == len(paths):
        raise click.ClickException(
            f"no such file or folder: {missing[0]}"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
            + "; nothing was ingested"
        )
    created = db != ":memory:" and not os.path.exists(db)
    try:
        with open_dataset(db, wait=wait) as ds:
            report = ds.ingest(
                list(paths),
                workers=workers,
                progress=False if quiet else None,
                doc_timeout=doc_timeout or None,
            )
    except BaseException:
        if created:
            _remove_new_dataset(db)
        raise
    click.echo(f"{db}: {report}")
    for location, reason in report.errors:
        click.echo(f"  error: {location}: {reason}", err=True)
    if report.errors:
        n = len(report.errors)
        click.echo(
            f"{n} input{'s' if n != 1 else ''} failed (listed above; also in `foicompare status`)"
            + ("; nothing could be ingested" if report.stored == 0 else "; the rest is stored"),
            err=True,
        )
        sys.exit(1)


def _load_distributed():
    try:
        from foicompare import distributed
    except ImportError as exc:
        raise click.ClickException(
            f"--engine ray needs Ray: pip install 'foicompare[cluster]' ({exc})"
        ) from exc
    return distributed


def _ingest_ray(
    paths: tuple[str, ...],
    out: str | None,
    address: str | None,
    workers: int | None,
    chunk_size: int,
    doc_timeout: float,
) -> None:
    if not out:
        raise click.UsageError("--engine ray writes Parquet shards: give --out DIR")
    distributed = _load_distributed()
    report = distributed.ingest(
        list(paths),
        out,
        address=address,
        num_cpus=workers,
        chunk_size=chunk_size,
        doc_timeout=doc_timeout or None,
    )
    click.echo(f"{out}: {report} in {report.seconds:.1f}s")
    for location, reason in report.errors:
        click.echo(f"  error: {location}: {reason}", err=True)


@main.command()
@click.argument("shard_dir", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--parser-version", default=None, help="Whose analysis rows (default: newest).")
def merge(shard_dir: str, db: str, parser_version: str | None) -> None:
    """Load the Parquet shards of `ingest --engine ray` into one DuckDB dataset file."""
    from foicompare.shards import merge as merge_shards

    counts = merge_shards(shard_dir, db, parser_version=parser_version)
    click.echo(f"{db}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))


@main.command()
@db_option
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: re-parse --db in place. ray: re-parse the shards in --out on a Ray cluster.",
)
@click.option("--out", type=click.Path(file_okay=False), default=None, help="The shard folder.")
@click.option("--address", default=None, help="With --engine ray: the cluster (see ingest).")
@click.option(
    "--parser-version",
    default=None,
    help="With --engine ray: label of the new shards (default: this parser's version).",
)
def reparse(
    db: str, engine: str, out: str | None, address: str | None, parser_version: str | None
) -> None:
    """Parse stored texts again with this version's parser (no file is read again)."""
    if engine == "local":
        from foicompare.dataset import open_dataset

        with open_dataset(db) as ds:
            n = ds.reparse()
        click.echo(f"{db}: {n} documents re-parsed")
        return
    if not out:
        raise click.UsageError("--engine ray re-parses a shard folder: give --out DIR")
    distributed = _load_distributed()
    kwargs = {"parser_version": parser_version} if parser_version else {}
    report = distributed.reparse(out, address=address, **kwargs)
    click.echo(f"{out}: {report} in {report.seconds:.1f}s")


def status_data(db: str) -> dict:
    """The plain data `status` prints: counts by media type and source, and the errors."""
    if db != ":memory:" and not os.path.exists(db):
        raise click.ClickException(
            f"no dataset at {db}: create one with `foicompare ingest FOLDER --db {db}`"
            " (or check --db / $FOICOMPARE_DB)"
        )
    from foicompare.dataset import open_dataset

    with open_dataset(db, read_only=True) as ds:
        con = ds.con

        def rows(q: str) -> list[dict]:
            cur = con.execute(q)
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

        return {
            "path": ds.path,
            "schema_version": con.execute("SELECT max(version) FROM schema_version").fetchall()[0][
                0
            ],
            "documents": con.execute("SELECT count(*) FROM documents").fetchall()[0][0],
            "sightings": con.execute("SELECT count(*) FROM sightings").fetchall()[0][0],
            "by_media_type": rows(
                "SELECT media_type, count(*) AS documents FROM documents GROUP BY ALL ORDER BY 2 DESC, 1"
            ),
            "by_source": rows(
                "SELECT source, count(*) AS documents FROM documents GROUP BY ALL ORDER BY 2 DESC, 1"
            ),
            "errors": rows(
                "SELECT location, stage, format, reason FROM errors ORDER BY location, stage"
            ),
        }


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts and errors as JSON.")
def status(db: str, as_json: bool) -> None:
    """Counts by media type and source, and every unreadable file with its reason.

    Reads only: a missing dataset is reported (`no dataset at PATH`), never created.
    """
    st = status_data(db)
    if as_json:
        click.echo(json.dumps(st, indent=2, ensure_ascii=False))
        return
    click.echo(f"{st['path']} (schema version {st['schema_version']})")
    click.echo(f"{st['documents']} documents, {st['sightings']} sightings")
    for title, key in (("by type", "media_type"), ("by source", "source")):
        click.echo(f"\n{title}:")
        for row in st[f"by_{key}"]:
            click.echo(f"  {row['documents']:>7}  {row[key]}")
    errors = st["errors"]
    click.echo(f"\nerrors: {len(errors)}")
    for row in errors:
        fmt = f" [{row['format']}]" if row["format"] else ""
        click.echo(f"  {row['location']}{fmt} ({row['stage']}): {row['reason']}")
