"""`foicompare report`, `foicompare export` and `foicompare demo`: analysis out of the dataset."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from foicompare.cli import main
from foicompare.cli.core import db_option
from foicompare.dataset import open_dataset


@main.command()
@db_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default="report.html",
              show_default=True, help="The HTML file to write.")  # fmt: skip
@click.option("--title", default=None, help="The report's title.")
def report(db: str, out: Path, title: str | None) -> None:
    """Write one self-contained HTML report (charts, tables, the documents behind each number).

    It opens offline: charts are static SVG, nothing is fetched.
    """
    with open_dataset(db, read_only=True) as ds:
        path = ds.report(out, title=title)
    click.echo(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KiB)")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "xlsx"]), default="csv",
              show_default=True, help="One file per table (csv, parquet) or one workbook.")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write into.")  # fmt: skip
@click.option("--redact", is_flag=True,
              help="Mask personal e-mail addresses and phone numbers (role mailboxes kept).")  # fmt: skip
@click.option("--with-text", is_flag=True, help="Also export extracted texts and tables.")
def export(db: str, fmt: str, out: Path, redact: bool, with_text: bool) -> None:
    """Export every curated table with a data dictionary (data_dictionary.csv/.md)."""
    from foicompare import export as exp

    with open_dataset(db, read_only=True) as ds:
        paths = exp.export(ds, out, format=fmt, redact=redact, include_text=with_text)
    for p in paths:
        click.echo(f"  {p}")
    click.echo(f"exported {len(paths) - 2} file(s) and the data dictionary to {out}")


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default="demo", show_default=True,
              help="The folder for the corpus, the dataset and the report.")  # fmt: skip
@click.option("--seed", type=int, default=2020, show_default=True,
              help="Same seed, same corpus.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only a seeded sample of this many authorities (default: all 153).")  # fmt: skip
@click.option("--workers", type=int, default=None, help="Extraction processes for the ingest.")
def demo(out_dir: Path, seed: int, limit: int | None, workers: int | None) -> None:
    """Build the demo end to end, offline: corpus, dataset, summary, report.

    Writes OUT/corpus (the generated letters), OUT/demo.duckdb and OUT/report.html.
    """
    from foicompare import report as rep

    started = time.perf_counter()
    try:
        result = rep.build_demo(out_dir, seed=seed, limit=limit, workers=workers, echo=click.echo)
    except rep.DemoUnavailable as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    with open_dataset(result.db, read_only=True) as ds:
        rep.print_summary(ds)
    click.echo(
        f"\nreport: {result.report}\ndataset: {result.db}\n"
        f"done in {time.perf_counter() - started:.0f}s"
    )
