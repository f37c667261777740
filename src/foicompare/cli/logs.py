"""`foicompare ingest-log`, `foicompare logs` and `foicompare adapters`: council disclosure logs."""

from __future__ import annotations

import datetime as dt
import sys

import click

from foicompare.cli import main
from foicompare.cli.core import db_option, fetch_policy_options
from foicompare.dataset import open_dataset


@main.command("ingest-log")
@click.argument("url")
@db_option
@click.option(
    "--adapter", default=None, help="Site family (see `foicompare adapters`); default: detected."
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Skip entries published (or received) before this date, YYYY-MM-DD.",
)
@click.option(
    "--max-pages",
    type=int,
    default=500,
    show_default=True,
    help="List and detail pages to fetch at most.",
)
@click.option("--user-agent", default=None, help="User-Agent with your contact address.")
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), default=None, help="HTTP cache folder."
)
@click.option(
    "--min-interval",
    type=float,
    default=1.0,
    show_default=True,
    help="Seconds between two requests to the site.",
)
@fetch_policy_options
def ingest_log(
    url: str,
    db: str,
    adapter: str | None,
    since: dt.datetime | None,
    max_pages: int,
    user_agent: str | None,
    cache_dir: str | None,
    min_interval: float,
    allow: tuple[str, ...],
    request_deadline: float,
    deadline: float | None,
) -> None:
    """Crawl the disclosure log at URL and store every answered request with the log's fields.

    Pages that cannot be fetched or read are listed (and kept in `errors`); the crawl goes on.
    """
    from foicompare.sources.disclosure_logs import ADAPTERS

    if adapter is not None and adapter not in ADAPTERS:
        raise click.BadParameter(
            f"unknown adapter {adapter!r}; known: {', '.join(ADAPTERS)}", param_hint="--adapter"
        )
    with open_dataset(db) as ds:
        report = ds.ingest_log(
            url,
            adapter=adapter,
            since=since.date() if since else None,
            max_pages=max_pages,
            user_agent=user_agent,
            cache_dir=cache_dir,
            min_interval=min_interval,
            allow=allow,
            request_deadline=request_deadline,
            deadline=deadline,
        )
    click.echo(f"{db}: {report}")
    for note in report.notes:
        click.echo(f"  note: {note}")
    for location, stage, reason in report.problems:
        click.echo(f"  {stage} error: {location}: {reason}", err=True)
    if report.entries == 0 and report.problems:
        sys.exit(1)


@main.command("logs")
@click.option("--list", "list_", is_flag=True, help="List the registered councils' logs.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@db_option
def logs(list_: bool, as_json: bool, db: str) -> None:
    """List the councils with children's services whose disclosure log is registered:
    council, GSS code, adapter (page shape), evidence (real entry text, or a real landing
    page with synthetic test entries) and the last crawl recorded in the dataset.
    """
    import json
    import os

    from foicompare.sources.disclosure_logs.registry import coverage

    if not list_:
        raise click.UsageError("say what to do: --list")
    con = None
    ds = None
    if db != ":memory:" and os.path.exists(db):
        try:
            ds = open_dataset(db, read_only=True)
            con = ds.con
        except RuntimeError as exc:  # an older schema: list without crawl dates
            click.echo(f"note: {exc}", err=True)
    try:
        rows = coverage(con)
    finally:
        if ds is not None:
            ds.close()
    if as_json:
        click.echo(json.dumps(rows, default=str, indent=1))
        return
    click.echo(f"{'council':42} {'GSS':10} {'adapter':18} {'evidence':8} last crawl")
    for r in rows:
        last = (
            f"{r['last_crawl']:%Y-%m-%d %H:%M} ({r['last_entries']} entries)"
            if r["last_crawl"]
            else "never"
        )
        click.echo(
            f"{r['council'][:42]:42} {r['gss_code'] or '-':10} {r['adapter']:18} "
            f"{r['evidence']:8} {last}"
        )
    click.echo(f"{len(rows)} councils")


@main.command("adapters")
@click.option("--json", "as_json", is_flag=True, help="Print the adapters as a JSON array.")
def adapters(as_json: bool) -> None:
    """List the disclosure-log adapters and the councils known to use each."""
    from foicompare.sources.disclosure_logs import ADAPTERS
    from foicompare.sources.disclosure_logs.registry import known_councils

    if as_json:
        import json

        rows = [
            {
                "name": a.name,
                "kind": a.kind,
                "description": a.description,
                "councils": known_councils(a),
            }
            for a in ADAPTERS.values()
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for adapter in ADAPTERS.values():
        click.echo(f"{adapter.name}  [{adapter.kind}]")
        click.echo(f"    {adapter.description}")
        for council in known_councils(adapter):
            seen = " (landing page only)" if council["evidence"] == "landing" else ""
            click.echo(f"    - {council['name']}: {council['url']}{seen}")
        if adapter.kind == "generic":
            click.echo("    - any site (fallback)")
