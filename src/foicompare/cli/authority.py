"""``foicompare authority NAME [--on DATE]``: which council a name means, and why.

>>> from click.testing import CliRunner
>>> from foicompare.cli import main
>>> print(CliRunner().invoke(main, ["authority", "LB Barnet"]).output.splitlines()[0])
London Borough of Barnet (E09000003, BNE) confidence 1.00: exact alias
"""

from __future__ import annotations

import datetime as dt
import json

import click

from foicompare.authorities import resolve
from foicompare.cli import main


@main.command("authority")
@click.argument("name", nargs=-1, required=True)
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The document's date (YYYY-MM-DD): abolished councils move to their successor.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the resolution as JSON.")
def authority(name: tuple[str, ...], on: dt.datetime | None, as_json: bool) -> None:
    """Resolve NAME (a council name, abbreviation, domain, email or URL) to an authority.

    Exits with status 1 when no single council is found.
    """
    res = resolve(" ".join(name), on=on.date() if on else None)
    if as_json:
        click.echo(json.dumps(res.as_dict(), indent=2))
    else:
        click.echo(str(res))
        a = res.authority
        if a is not None:
            click.echo(
                f"  {a.type_name}, {a.region or a.nation}; children's services: "
                f"{'yes' if a.childrens_services else 'no'}; DfE {a.dfe_la_code or '-'}, "
                f"Ofsted URN {a.ofsted_urn or '-'}"
            )
        for c in res.candidates:
            click.echo(f"  candidate: {c.official_name} ({c.gss_code}, {c.code})")
    if res.authority is None:
        raise SystemExit(1)
