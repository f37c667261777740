"""`foicompare demo-corpus`: write the seeded demo round robin and its ground truth."""

from __future__ import annotations

from pathlib import Path

import click

from foicompare.cli import main


@main.command("demo-corpus")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=2020, show_default=True, help="Same seed, same bytes.")
@click.option("--copies", type=click.IntRange(min=1), default=1, show_default=True,
              help="Repeat the round robin N times (about 440 documents per copy).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only a seeded sample of this many authorities.")  # fmt: skip
@click.option("--format", "formats", multiple=True,
              type=click.Choice(["pdf", "docx", "html", "eml", "txt"]),
              help="Formats to write (repeatable; default all five).")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes writing copies in parallel.")  # fmt: skip
@click.option("--pdf-copies", type=click.IntRange(min=0), default=None,
              help="Render PDFs only in the first N copies (PDF is the slow format).")  # fmt: skip
def demo_corpus(
    out_dir: Path,
    seed: int,
    copies: int,
    limit: int | None,
    formats: tuple[str, ...],
    workers: int,
    pdf_copies: int | None,
) -> None:
    """Write a demo corpus: one answer per English children's services authority to two
    requests, in PDF, DOCX, HTML, EML and TXT, plus OUT_DIR/ground_truth.jsonl.

    Example: foicompare demo-corpus demo/ --copies 3
    """
    from foicompare.demo import FORMATS, generate

    report = generate(
        out_dir, seed=seed, copies=copies, limit=limit,
        formats=formats or FORMATS, workers=workers, pdf_copies=pdf_copies,
    )  # fmt: skip
    click.echo(str(report))
    click.echo(f"ground truth: {report.ground_truth}")
