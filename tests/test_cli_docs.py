"""The command line documents itself: every command in the README, examples that parse,
a reference that cannot drift, and a start-up that imports nothing it does not need.

(The sqlite-utils ``tests/test_docs.py`` habit.)
"""

from __future__ import annotations

import importlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from foicompare.cli import COMMANDS, NEWCOMER, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command(name: str) -> click.Command:
    cmd = main.get_command(click.Context(main), name)
    assert cmd is not None, name
    return cmd


def parses(line: str) -> None:
    """The example's own words (before any pipe), parsed by the real command: options exist."""
    words = shlex.split(line.split(" | ")[0])
    while "=" in words[0]:  # VAR=value before the command
        words.pop(0)
    assert words[0] == "foicompare", line
    cmd = command(words[1])
    try:
        with cmd.make_context(f"foicompare {words[1]}", words[2:]):
            pass
    except click.BadParameter as exc:  # an example's input file need not exist here
        assert "does not exist" in exc.format_message(), (line, exc.format_message())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`foicompare {re.escape(name)}\b", README), (
        f"README lacks `foicompare {name}`"
    )


def test_every_command_is_registered_for_lazy_loading() -> None:
    """A command missing from COMMANDS still runs, but `--help` does not list it: add it."""
    import pkgutil

    import foicompare.cli

    for info in pkgutil.iter_modules(foicompare.cli.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"foicompare.cli.{info.name}")
    assert set(main.commands) - set(COMMANDS) == set(), "add these to foicompare.cli.COMMANDS"
    assert set(COMMANDS) - set(main.commands) == set(), "COMMANDS names these, no module has them"
    for name, entry in COMMANDS.items():
        assert command(name).callback.__module__ == entry.module


@pytest.mark.parametrize("name", list(COMMANDS))
def test_help_ends_with_examples_that_parse(name: str) -> None:
    out = CliRunner().invoke(main, [name, "--help"], terminal_width=200).output
    examples = out.rstrip().split("Examples:\n", 1)[1].splitlines()
    assert 2 <= len(examples) <= 3
    assert [e.strip() for e in examples] == list(COMMANDS[name].examples)
    for example in COMMANDS[name].examples:
        parses(example)
    assert "Exit codes:" in out and "2  usage error" in out


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_option_says_what_it_does(name: str) -> None:
    undocumented = [
        p.opts[0]
        for p in command(name).params
        if isinstance(p, click.Option) and not p.help and p.name != "help"
    ]
    assert undocumented == [], f"{name}: options without help text"


def test_no_arguments_prints_the_five_commands_to_start_with() -> None:
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0
    shown = re.findall(r"^ {7}(foicompare .+)$", result.output, flags=re.M)
    assert shown == [c for c, _ in NEWCOMER] and len(shown) == 5
    for line in shown:
        parses(line)


def test_the_reference_is_up_to_date() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr


def test_query_views_are_the_export_tables() -> None:
    from foicompare import export
    from foicompare.cli import core, query
    from foicompare.dataset import DEFAULT_PATH

    assert query.CURATED == export.TABLES
    assert core.DEFAULT_PATH == DEFAULT_PATH


def test_help_and_import_load_nothing_heavy() -> None:
    probe = (
        "import sys; from foicompare.cli import main\n"
        "try: main(sys.argv[1:])\n"
        "except SystemExit: pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'duckdb', 'polars', 'pyarrow', 'httpx', 're2'} or m.startswith('foicompare.') and"
        " m not in {'foicompare.cli'})\n"
        "print(heavy, file=sys.stderr)"
    )
    for args in (["--help"], []):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60
        )
        assert done.stderr.strip() == "[]", (args, done.stderr)
    status = subprocess.run(
        [
            sys.executable,
            "-c",
            probe.replace("main(sys.argv[1:])", "main(['status', '--db', 'x'])"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "polars" not in status.stderr and "pyarrow" not in status.stderr
