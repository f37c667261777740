"""`foicompare ingest-wdtk` and `foicompare import-requests`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from foicompare.cli import main
from foicompare.cli.core import db_option, fetch_policy_options, policy_bounds
from foicompare.dataset import open_dataset
from foicompare.sources.http import DEFAULT_USER_AGENT


@main.command("ingest-wdtk")
@click.option("--batch", "batch", type=int, help="An /info_request_batch/<ID> number.")
@click.option("--request", "request", help="A request's url_title (or numeric id).")
@click.option("--body", "body", help="A body's url_name: its requests.")
@click.option("--search", "search", help="A search query: matching requests.")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="With --body/--search: only events since this date (default for --body: last run).",
)
@click.option("--base-url", default="https://www.whatdotheyknow.com", show_default=True,
              help="The Alaveteli site (a mirror or a local test server).")  # fmt: skip
@click.option(
    "--user-agent",
    default=lambda: os.environ.get("FOICOMPARE_USER_AGENT", DEFAULT_USER_AGENT),
    help="Sent with every request; include a contact address ($FOICOMPARE_USER_AGENT).",
)
@click.option(
    "--cache-dir",
    type=click.Path(),
    default=None,
    help="HTTP cache folder (default: <db>.http-cache next to the dataset).",
)
@click.option("--min-interval", type=float, default=1.0, show_default=True,
              help="Seconds between two requests to the site.")  # fmt: skip
@fetch_policy_options
@db_option
def ingest_wdtk(
    batch: int | None,
    request: str | None,
    body: str | None,
    search: str | None,
    since: dt.datetime | None,
    base_url: str,
    user_agent: str,
    cache_dir: str | None,
    min_interval: float,
    allow: tuple[str, ...],
    request_deadline: float,
    deadline: float | None,
    db: str,
) -> None:
    """Fetch WhatDoTheyKnow requests, messages and attachments into the dataset.

    Only URLs under --base-url (its scheme, host and port) are fetched or followed; see
    "Fetch policy" in the README.
    """
    from foicompare.sources.whatdotheyknow import Wdtk, WdtkIngest

    chosen = [x for x in (batch, request, body, search) if x is not None]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --batch, --request, --body, --search")
    if since and not (body or search):
        raise click.UsageError("--since goes with --body or --search")
    cache = cache_dir or (str(Path(db).with_suffix(".http-cache")) if db != ":memory:" else None)
    wdtk = Wdtk(
        base_url,
        user_agent=user_agent,
        cache_dir=cache,
        min_interval=min_interval,
        bounds=policy_bounds(base_url, allow),
        deadline=request_deadline,
        crawl_deadline=deadline,
    )
    with open_dataset(db) as ds:
        run = WdtkIngest(ds, wdtk)
        if batch is not None:
            report = run.batch(batch)
        elif request is not None:
            report = run.request(request)
        elif body is not None:
            report = run.body(body, since=since.date() if since else None)
        else:
            report = run.search(search or "", since=since.date() if since else None)
        wdtk.close()
        click.echo(f"{db}: {report}")
        for location, reason in report.errors:
            click.echo(f"  error: {location}: {reason}", err=True)
        if report.batch_id:
            try:
                cov = ds.coverage(report.batch_id)
            except KeyError:
                cov = None
            if cov is not None:
                for row in cov.iter_rows(named=True):
                    click.echo(
                        f"  {row['authority_name'] or row['body_name'] or '?':40} "
                        f"{row['authority_code'] or '-':10} {row['status']}"
                        + (" (late)" if row["late"] else "")
                    )
    if report.requests + report.unchanged == 0 and report.errors:
        sys.exit(1)


@main.command("import-requests")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
def import_requests_cmd(file: str, db: str) -> None:
    """Import a CSV list of FOI requests (URL, title, authority, status label)."""
    from foicompare.requests_import import import_requests

    with open_dataset(db) as ds:
        try:
            report = import_requests(ds.con, file)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"{db}: {report}")
        for name, n in sorted(report.unresolved.items(), key=lambda x: (-x[1], x[0]))[:20]:
            click.echo(f"  unresolved body: {name} ({n})", err=True)
