"""`foicompare ingest` and `foicompare status`: the core commands."""

from __future__ import annotations

import os
import sys

import click

from foicompare.cli import main
from foicompare.dataset import DEFAULT_PATH, open_dataset

db_option = click.option(
    "--db",
    "db",
    default=lambda: os.environ.get("FOICOMPARE_DB", DEFAULT_PATH),
    show_default=f"$FOICOMPARE_DB or {DEFAULT_PATH}",
    help="The DuckDB dataset file.",
)


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
    engine: str,
    out: str | None,
    address: str | None,
    chunk_size: int,
) -> None:
    """Ingest files and folders (PDF, DOCX, XLSX, CSV, HTML, EML, TXT, ZIP) into the dataset.

    Exits non-zero only when nothing at all could be ingested.
    """
    if engine == "ray":
        _ingest_ray(paths, out, address, workers, chunk_size, doc_timeout)
        return
    with open_dataset(db) as ds:
        report = ds.ingest(
            list(paths),
            workers=workers,
            progress=False if quiet else None,
            doc_timeout=doc_timeout or None,
        )
    click.echo(f"{db}: {report}")
    for location, reason in report.errors:
        click.echo(f"  error: {location}: {reason}", err=True)
    if report.stored == 0 and (report.errors or not report.doc_ids):
        click.echo("nothing could be ingested", err=True)
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


@main.command()
@db_option
def status(db: str) -> None:
    """Counts by media type and source, and every unreadable file with its reason."""
    with open_dataset(db) as ds:
        st = ds.status()
    click.echo(f"{st['path']} (schema version {st['schema_version']})")
    click.echo(f"{st['documents']} documents, {st['sightings']} sightings")
    for title, frame, key in (
        ("by type", st["by_media_type"], "media_type"),
        ("by source", st["by_source"], "source"),
    ):
        click.echo(f"\n{title}:")
        for row in frame.iter_rows(named=True):
            click.echo(f"  {row['documents']:>7}  {row[key]}")
    errors = st["errors"]
    click.echo(f"\nerrors: {errors.height}")
    for row in errors.iter_rows(named=True):
        fmt = f" [{row['format']}]" if row["format"] else ""
        click.echo(f"  {row['location']}{fmt} ({row['stage']}): {row['reason']}")
