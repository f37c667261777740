"""The `foicompare` command line; each area registers its commands from its own module."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="foicompare")
def main() -> None:
    """foicompare: councils' FOI responses as one comparable DuckDB dataset."""


from foicompare.cli import core  # noqa: E402,F401
from foicompare.cli import authority  # noqa: E402,F401
from foicompare.cli import extract  # noqa: E402,F401
from foicompare.cli import wdtk  # noqa: E402,F401
from foicompare.cli import demo  # noqa: E402,F401
from foicompare.cli import logs  # noqa: E402,F401
from foicompare.cli import report  # noqa: E402,F401
