"""A dataset written by `foicompare ingest` reopens and reads, in this process and in a new one.

DuckDB 2 refuses new work on a connection while an earlier result is unfinished, so one accessor
that leaves a result open breaks every accessor after it. These tests open a file written earlier
by the command line (as a user does), writable and read-only, and call every public accessor and
analysis in turn on the same connection.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import foicompare
from foicompare.dataset import Dataset

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))
CLI = [sys.executable, "-m", "foicompare.cli"]

# Accessors that need an argument, with a real value; every other public method that takes no
# required argument is called bare. Methods that write or need outside input are listed apart.
ARGUMENTS = {
    "neighbours": ("E08000026",),
    "compare": ("E08000026",),
}
WRITERS = {"ingest", "ingest_items", "ingest_log", "correct", "record_error", "reparse"}
FILES = {"report", "export"}
# Accessors whose honest answer on this dataset is an error (it holds no WhatDoTheyKnow batch).
RAISES = {"coverage": (("no-such-batch",), KeyError)}


def accessors() -> list[str]:
    names = []
    for name, _fn in inspect.getmembers(Dataset, inspect.isfunction):
        if name.startswith("_") or name in WRITERS | FILES | set(RAISES) | {"close", "sql"}:
            continue
        names.append(name)
    return names


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset written by the command line from a folder of real texts."""
    base = tmp_path_factory.mktemp("reopen")
    src = base / "in"
    src.mkdir()
    for path in sorted((SHARED / "corpus" / "docs").glob("*.txt"))[:12]:
        shutil.copy(path, src / path.name)
    for path in sorted((SHARED / "seeds").glob("00[02]_*.txt")):
        shutil.copy(path, src / path.name)
    db = base / "ds.duckdb"
    run = subprocess.run(
        [*CLI, "ingest", str(src), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return db


def call_everything(ds: Dataset, out: Path) -> dict[str, int]:
    """Call every public accessor; return the row count of each (-1 for a non-frame answer)."""
    seen = {}
    for name in accessors():
        value = getattr(ds, name)(*ARGUMENTS.get(name, ()))
        seen[name] = value.height if hasattr(value, "height") else -1
    for name, (args, error) in RAISES.items():
        with pytest.raises(error):
            getattr(ds, name)(*args)
    ds.report(out / f"report-{os.getpid()}.html")
    ds.export(out / "export")
    seen["sql"] = ds.sql("SELECT count(*) AS n FROM documents")["n"][0]
    return seen


def test_the_accessor_list_covers_the_public_api() -> None:
    names = accessors()
    for expected in ("documents", "texts", "errors", "responses", "authorities", "compare"):
        assert expected in names


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_reopened_in_this_process_every_accessor_reads(
    written: Path, tmp_path: Path, read_only: bool
) -> None:
    with foicompare.open(written, read_only=read_only) as ds:
        seen = call_everything(ds, tmp_path)
    assert seen["documents"] == 14
    assert seen["texts"] == 14
    assert seen["responses"] >= 14
    assert seen["authorities"] > 400
    assert seen["sql"] == 14


SCRIPT = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import foicompare
from test_reopen import call_everything
with foicompare.open(sys.argv[1], read_only=sys.argv[2] == "ro") as ds:
    print(json.dumps({k: int(v) for k, v in call_everything(ds, Path(sys.argv[4])).items()}))
"""


@pytest.mark.parametrize("mode", ["rw", "ro"])
def test_reopened_in_a_new_process_every_accessor_reads(
    written: Path, tmp_path: Path, mode: str
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(written), mode, str(ROOT / "tests"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["documents"] == seen["texts"] == 14
    assert seen["responses"] >= 14


def test_no_code_leaves_a_result_unfinished() -> None:
    """`execute(...).fetchone()` leaves DuckDB 2's result open; the package never uses it."""
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "src" / "foicompare").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.fetchone\(|\.fetchmany\(", line)
    ]
    assert offenders == []
