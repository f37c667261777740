"""The `foicompare` command line; each area registers its commands from its own module."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="foicompare")
def main() -> None:
    """foicompare: councils' FOI responses as one comparable DuckDB dataset."""


# each area registers its commands on `main` when its module is imported
from foicompare.cli import (  # noqa: E402
    authority,
    core,
    demo,
    extract,
    logs,
    report,
    wdtk,
)

__all__ = ["authority", "core", "demo", "extract", "logs", "main", "report", "wdtk"]
