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
def ingest(
    paths: tuple[str, ...], db: str, workers: int | None, quiet: bool, doc_timeout: float
) -> None:
    """Ingest files and folders (PDF, DOCX, XLSX, CSV, HTML, EML, TXT, ZIP) into the dataset.

    Exits non-zero only when nothing at all could be ingested.
    """
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
