"""`foicompare review` and `foicompare correct`: look at uncertain values, write corrections."""

from __future__ import annotations

import json

import click

from foicompare.cli import main
from foicompare.cli.core import db_option
from foicompare.dataset import open_dataset


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Show at most this many values.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON object per value (JSON Lines).")
def review(db: str, limit: int, as_json: bool) -> None:
    """List the flexibility values that need review, least certain first, each with the
    sentence it was read from and the command that corrects it."""
    with open_dataset(db, read_only=True) as ds:
        frame = ds.flexibility_review(limit=limit)
    if as_json:
        for row in frame.iter_rows(named=True):
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    if frame.is_empty():
        click.echo("nothing needs review")
        return
    for r in frame.iter_rows(named=True):
        click.echo(
            f"{r['doc_id'][:12]}  {r['filename'] or ''}  {r['authority_code'] or '?'}\n"
            f"  {r['code']}: {r['status']}"
            f"{_uses(r['uses'])}"
            f"  confidence {r['confidence']:.2f}\n"
            f"  evidence: {r['evidence'] or '(none stored)'}\n"
            f"  fix: foicompare correct {r['doc_id'][:12]} flexibilities.{r['code']} "
            f"'used|not used|not stated|withheld' --note '...'\n"
        )
    click.echo(f"{frame.height} value(s) need review")


@main.command()
@db_option
@click.argument("doc")
@click.argument("field")
@click.argument("value")
@click.option("--note", default=None, help="Why: shown beside the corrected value.")
def correct(db: str, doc: str, field: str, value: str, note: str | None) -> None:
    """Correct one field of one document (a doc_id or its first characters). The value is
    read as JSON when it parses (37, true, null, ["a", "b"]), else as text; the correction
    wins over every later re-extraction and is marked in the report and the export."""
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    with open_dataset(db) as ds:
        found = ds.sql(
            "SELECT doc_id FROM documents WHERE doc_id = ? OR starts_with(doc_id, ?)", [doc, doc]
        )["doc_id"].to_list()
        if len(found) != 1:
            raise click.ClickException(
                f"{doc!r} matches {len(found)} documents: give more of the doc_id"
            )
        ds.correct(found[0], field, parsed, note=note)
    click.echo(f"corrected {field} of {found[0][:12]} to {parsed!r}")


def _uses(n: int | None) -> str:
    return "" if n is None else f" ({n} uses)"
