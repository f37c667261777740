"""The ``foicompare`` command line: a lazy click group, one-line errors, help with examples.

Start-up is cheap because nothing is imported until a command runs: ``foicompare --help``
imports click and this module only. Each command lives in ``cli/<area>.py`` and is listed
in :data:`COMMANDS` with its one-line help and two or three real examples; the module is
imported when the command (or its ``--help``) is asked for.

To add a command (see docs/ARCHITECTURE.md):

1. write it in ``cli/<area>.py`` as ``@main.command("name")`` (``from foicompare.cli import
   main``), importing anything heavy inside the function, not at the top of the module;
2. add one :class:`Entry` to :data:`COMMANDS` (module, short help, examples);
3. list it in the README's command table (``tests/test_cli_docs.py`` checks both).

Errors: a user mistake prints one line on stderr (``foicompare: ...``) and exits 2 (usage)
or 1 (failure); ``--debug`` anywhere on the line (or ``FOICOMPARE_DEBUG=1``) shows the
traceback instead.

>>> from click.testing import CliRunner
>>> r = CliRunner().invoke(main, ["query", "--no-such-option"])
>>> r.exit_code, r.output.count("\\n")
(2, 1)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

import click

__all__ = ["COMMANDS", "NEWCOMER", "Entry", "main", "one_line_error"]


@dataclass(frozen=True)
class Entry:
    """A command in the lazy registry: where it lives, what it does, how it is used."""

    module: str
    help: str
    examples: tuple[str, ...]
    #: extra lines for the "Exit codes" paragraph of its --help (0/1/2 are always listed)
    exit_codes: tuple[str, ...] = field(default=())


#: every command, in the order `foicompare --help` lists them
COMMANDS: dict[str, Entry] = {
    "ingest": Entry(
        "foicompare.cli.core",
        "Ingest files and folders (PDF, DOCX, XLSX, CSV, HTML, EML, TXT, ZIP) into the dataset.",
        (
            "foicompare ingest responses/ --db foi.duckdb",
            "foicompare ingest reply.pdf inbox/*.eml --quiet",
            "foicompare ingest s3://bucket/foi/ --engine ray --out shards/ --address ray://head:10001",
        ),
        ("1  some inputs failed (the count and each reason are printed; the rest is stored)",),
    ),
    "status": Entry(
        "foicompare.cli.core",
        "Counts by media type and source, and every unreadable file with its reason.",
        (
            "foicompare status --db foi.duckdb",
            "foicompare status --db foi.duckdb --json | jq .documents",
        ),
        ("1  no dataset at that path (nothing is created)",),
    ),
    "query": Entry(
        "foicompare.cli.query",
        "Run read-only SQL over the dataset's tables and views; print a table, CSV or JSON.",
        (
            'foicompare query "select authority, outcome from responses" --csv | head',
            "foicompare query 'select * from responses where outcome = $o' --param o=refused --json",
            'foicompare query "select a.region, count(*) as responses from responses r join'
            ' authorities a on a.gss_code = r.authority_code group by all" --db foi.duckdb',
        ),
        ("1  bad SQL, no dataset, or the dataset is being written (the line says which)",),
    ),
    "extract": Entry(
        "foicompare.cli.extract",
        "Extract and parse files in memory, one JSON object per file per line; no database.",
        (
            "foicompare extract letter.pdf page.html",
            "foicompare extract page.txt --url https://www.barnet.gov.uk/foi-requests/6412852",
            "foicompare extract replies/*.pdf | jq -c '{source, outcome}'",
        ),
        ('1  some files failed (each has an "error" line; the count goes to stderr)',),
    ),
    "authority": Entry(
        "foicompare.cli.authority",
        "Resolve a council name, abbreviation, domain, email or URL to an authority.",
        (
            'foicompare authority "RBKC"',
            'foicompare authority "Somerset Council" --on 2019-05-01 --json',
        ),
        ("1  no single council matches",),
    ),
    "ingest-wdtk": Entry(
        "foicompare.cli.wdtk",
        "Fetch WhatDoTheyKnow requests, messages and attachments into the dataset.",
        (
            'foicompare ingest-wdtk --batch 12345 --db foi.duckdb --user-agent "my study (me@example.org)"',
            "foicompare ingest-wdtk --body barnet_borough_council --since 2020-04-01",
        ),
    ),
    "import-requests": Entry(
        "foicompare.cli.wdtk",
        "Import a CSV list of FOI requests (URL, title, authority, status label).",
        (
            "foicompare import-requests ../shared/reference/wdtk_csc_requests.csv",
            "foicompare import-requests requests.csv --db foi.duckdb",
        ),
    ),
    "ingest-log": Entry(
        "foicompare.cli.logs",
        "Crawl a council's disclosure log and store every answered request.",
        (
            "foicompare ingest-log https://www.barnet.gov.uk/foi-requests --since 2024-01-01",
            "foicompare ingest-log https://example.gov.uk/foi/log.csv --adapter export --max-pages 50",
        ),
    ),
    "logs": Entry(
        "foicompare.cli.logs",
        "List the councils whose disclosure log is registered: GSS code, adapter, last crawl.",
        ("foicompare logs --list", "foicompare logs --list --json --db foi.duckdb"),
    ),
    "adapters": Entry(
        "foicompare.cli.logs",
        "List the disclosure-log adapters and the councils known to use each.",
        ("foicompare adapters", "foicompare adapters --json | jq '.[].name'"),
    ),
    "review": Entry(
        "foicompare.cli.review",
        "List the flexibility values that need review, with the sentence each was read from.",
        (
            "foicompare review --db foi.duckdb",
            "foicompare review --db demo/demo.duckdb --limit 10 --json",
        ),
    ),
    "correct": Entry(
        "foicompare.cli.review",
        "Correct one field of one document; it wins over any re-extraction.",
        (
            "foicompare correct 6e97008a62d1 flexibilities.ch-contact-remote 'not used' "
            "--note 'row says N/A' --db foi.duckdb",
            "foicompare correct 6e97008a62d1 flexibilities.cppcr-visits-remote.uses 37",
            "foicompare correct 6e97008a62d1 ofsted_informed true --note 'letter of 3 Aug'",
        ),
    ),
    "report": Entry(
        "foicompare.cli.report",
        "Write one self-contained HTML report (charts, tables, the documents behind each number).",
        (
            "foicompare report --db foi.duckdb --out report.html",
            'foicompare report --db demo/demo.duckdb --title "Children\'s services FOI, 2020"',
        ),
    ),
    "export": Entry(
        "foicompare.cli.report",
        "Export every curated table with a data dictionary (CSV, Parquet or XLSX).",
        (
            "foicompare export --db foi.duckdb --out out/",
            "foicompare export --db foi.duckdb --format xlsx --out out/ --redact",
        ),
    ),
    "merge": Entry(
        "foicompare.cli.core",
        "Load the Parquet shards of `ingest --engine ray` into one DuckDB dataset file.",
        (
            "foicompare merge shards/ --db foi.duckdb",
            "foicompare merge shards/ --db foi.duckdb --parser-version 1.2",
        ),
    ),
    "reparse": Entry(
        "foicompare.cli.core",
        "Parse stored texts again with this version's parser (no file is read again).",
        (
            "foicompare reparse --db foi.duckdb",
            "foicompare reparse --engine ray --out shards/ --address ray://head:10001",
        ),
    ),
    "demo": Entry(
        "foicompare.cli.report",
        "Build the demo end to end, offline: corpus, dataset, summary, report.",
        ("foicompare demo --out demo", "foicompare demo --out small --limit 20"),
    ),
    "demo-corpus": Entry(
        "foicompare.cli.demo",
        "Write a seeded demo corpus (PDF, DOCX, HTML, EML, TXT) and its ground truth.",
        (
            "foicompare demo-corpus demo/",
            "foicompare demo-corpus big/ --copies 230 --workers 2 --pdf-copies 10",
        ),
    ),
}

#: what `foicompare` with no arguments shows, in the order a newcomer needs them
NEWCOMER: tuple[tuple[str, str], ...] = (
    ("foicompare demo --out demo", "build a demo dataset offline and look at it"),
    ("foicompare ingest responses/ --db foi.duckdb", "add your own files and folders"),
    ("foicompare status --db foi.duckdb", "see what is in it and what could not be read"),
    (
        'foicompare query "select authority, outcome from responses" --db foi.duckdb',
        "ask it a question in SQL",
    ),
    ("foicompare report --db foi.duckdb --out report.html", "write the HTML report"),
)

_STANDARD_CODES = ("0  success", "2  usage error (unknown option, missing argument)")


def _epilog(name: str, entry: Entry) -> str:
    codes = [_STANDARD_CODES[0], *entry.exit_codes]
    if not any(c.startswith("1 ") for c in entry.exit_codes):
        codes.append("1  failure (the one-line message says what and what to do)")
    codes.append(_STANDARD_CODES[1])
    return (
        "\b\nExit codes:\n"
        + "\n".join(f"  {c}" for c in codes)
        + "\n\n\b\nExamples:\n"
        + "\n".join(f"  {e}" for e in entry.examples)
    )


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use (see :data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        extra = sorted(n for n in self.commands if n not in COMMANDS)
        return [*COMMANDS, *extra]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is not None and cmd_name not in self.commands:
            __import__(entry.module)  # its @main.command decorators register it
        elif entry is None and cmd_name not in self.commands:
            _import_all_command_modules()  # a command not (yet) in COMMANDS still runs
        cmd = self.commands.get(cmd_name)
        if cmd is not None and entry is not None and not getattr(cmd, "_foi_epilog", False):
            cmd.epilog = "\n\n".join(x for x in (cmd.epilog, _epilog(cmd_name, entry)) if x)
            cmd._foi_epilog = True  # type: ignore[attr-defined]
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # from the registry, so that listing commands imports none of them
        rows = [(n, e.help) for n, e in COMMANDS.items()]
        rows += [
            (n, c.get_short_help_str(80))
            for n, c in sorted(self.commands.items())
            if n not in COMMANDS and not c.hidden
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        super().invoke(ctx)
        return None  # so main() can tell an exit code from a command's return value

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        cut = args.index("--") if "--" in args else len(args)
        debug = "--debug" in args[:cut] or os.environ.get("FOICOMPARE_DEBUG", "") not in ("", "0")
        args = [a for i, a in enumerate(args) if not (a == "--debug" and i < cut)]
        if not args and standalone_mode:
            click.echo(newcomer_text())
            sys.exit(0)
        if not standalone_mode or debug:
            return super().main(
                args, prog_name or "foicompare", complete_var, standalone_mode, **extra
            )
        try:
            code = super().main(args, prog_name or "foicompare", complete_var, False, **extra)
        except click.UsageError as exc:
            click.echo(f"foicompare: {_usage_line(exc)}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"foicompare: {_first_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("foicompare: aborted", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("foicompare: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            _quiet_broken_pipe()
            sys.exit(0)
        except Exception as exc:
            click.echo(f"foicompare: {one_line_error(exc)}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _import_all_command_modules() -> None:
    """Import every ``cli/<area>.py`` (slow: only for a name that :data:`COMMANDS` lacks)."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def _first_line(text: str) -> str:
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def _usage_line(exc: click.UsageError) -> str:
    msg = _first_line(exc.format_message())
    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else "foicompare"
    return f"{msg} (see '{where} --help')"


def one_line_error(exc: BaseException) -> str:
    """What went wrong in one line, for an exception a command let through.

    >>> one_line_error(FileNotFoundError(2, "No such file or directory", "x.pdf"))
    'x.pdf: No such file or directory'
    >>> one_line_error(ValueError("bad value\\nmore detail"))
    'bad value (run again with --debug for the details)'
    """
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    name = type(exc).__name__
    text = _first_line(str(exc))
    if name in {"DatasetLocked", "DatasetMissing"}:
        return text
    if type(exc).__module__.startswith("_duckdb") or type(exc).__module__.startswith("duckdb"):
        return f"DuckDB: {text}"
    if isinstance(exc, ValueError | KeyError | PermissionError | RuntimeError):
        return f"{text.strip(chr(39)) if isinstance(exc, KeyError) else text} (run again with --debug for the details)"
    return f"{name}: {text} (an unexpected error; run again with --debug for the traceback)"


def _quiet_broken_pipe() -> None:
    # `foicompare query ... | head`: the reader left; say nothing, flush nothing more
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def newcomer_text() -> str:
    """What ``foicompare`` with no arguments prints: the five commands to start with."""
    lines = [
        "foicompare: councils' FOI responses as one comparable DuckDB dataset.",
        "",
        "Start here, in this order:",
    ]
    for i, (cmd, why) in enumerate(NEWCOMER, 1):
        lines += ["", f"  {i}. {why[0].upper()}{why[1:]}:", f"       {cmd}"]
    lines += [
        "",
        "Every command: foicompare --help. One command's options and examples: "
        "foicompare COMMAND --help.",
    ]
    return "\n".join(lines)


@click.group(cls=LazyGroup, invoke_without_command=False)
@click.version_option(package_name="foicompare")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def main(debug: bool = False) -> None:
    """foicompare: councils' FOI responses as one comparable DuckDB dataset.

    Run `foicompare` alone for the five commands to start with. `--debug` (anywhere on the
    line) shows the traceback of a failure instead of its one-line message.
    """
