"""The command line as a person meets it: readers beside a writer, `query`, one-line errors.

Every command here runs as a real subprocess (as from a shell), so exit codes, stderr and
locks between processes are the real ones.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))
CLI = [sys.executable, "-m", "foicompare.cli"]

LETTER = """Our ref: FOI-{n}
9 April 2024
Dear Ms Brown
Coventry City Council does not hold the information you asked for.
Yours sincerely
"""


def run(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=kw.pop("cwd", None)
    )


def letters(folder: Path, start: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"reply-{n:04}.txt").write_text(LETTER.format(n=n), encoding="utf-8")
    return folder


def one_line(stderr: str) -> str:
    """The single line a user mistake prints (and proof that it is one line, no traceback)."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli")
    db = base / "foi.duckdb"
    done = run("ingest", str(letters(base / "first", 0, 6)), "--db", str(db), "--quiet")
    assert done.returncode == 0, done.stderr
    return db


# --- readers beside a writer -------------------------------------------------------------------

NOTEBOOK = textwrap.dedent("""
    import sys, time, warnings
    import foicompare
    warnings.simplefilter("ignore")  # the "showing the data as last read" note
    ds = foicompare.open(sys.argv[1])  # as a notebook does: the default open
    print("open", ds.documents().height, flush=True)
    seen = set()
    while not sys.stdin.closed:
        seen.add(ds.documents().height)  # reads while the ingest runs
        time.sleep(0.05)
        if len(seen) > 1 and max(seen) == int(sys.argv[2]):
            break
    print("seen", sorted(seen), flush=True)
""")


def test_a_notebook_an_ingest_and_queries_side_by_side(tmp_path: Path) -> None:
    """The ingest completes; every reader gets committed data or one line; nothing hangs."""
    db = tmp_path / "shared.duckdb"
    assert run("ingest", str(letters(tmp_path / "a", 0, 5)), "--db", str(db), "-q").returncode == 0
    more = letters(tmp_path / "b", 100, 120)
    final = 5 + 120
    notebook = subprocess.Popen(
        [sys.executable, "-c", NOTEBOOK, str(db), str(final)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert notebook.stdout.readline().split() == ["open", "5"]
        ingest = subprocess.Popen(
            [*CLI, "ingest", str(more), "--db", str(db), "--quiet", "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        answers: list[str] = []
        deadline = time.monotonic() + 240
        while True:
            finished = ingest.poll() is not None
            q = run(
                "query", "select count(*) as n from documents", "--db", str(db), "--csv", timeout=60
            )
            if q.returncode == 0:
                n = int(q.stdout.splitlines()[1])
                assert 5 <= n <= final  # committed data, never a half-written state
                answers.append(f"data {n}")
            else:
                line = one_line(q.stderr)
                assert q.returncode == 1
                assert f"{db} is being written by pid {ingest.pid}: foicompare ingest" in line
                assert "retry" in line
                answers.append("busy")
            if finished:
                break
            assert time.monotonic() < deadline, "the ingest did not finish"
        out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err
        assert "120 new" in out
        assert answers[-1] == f"data {final}"  # after the ingest: everything
        out, err = notebook.communicate(timeout=60)
        assert notebook.returncode == 0, err
        assert "Traceback" not in err
        seen = json.loads(out.split("seen", 1)[1])
        assert seen[0] == 5 and seen[-1] == final  # the notebook sees the new documents
    finally:
        for p in (notebook,):
            if p.poll() is None:
                p.kill()


def test_a_second_writer_gets_one_line_naming_the_first(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import foicompare, sys; ds = foicompare.open({str(db)!r}, write=True);"
            " print('open', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        second = run("ingest", str(letters(tmp_path / "in", 0, 2)), "--db", str(db), "--wait", "0")
        line = one_line(second.stderr)
        assert second.returncode == 1
        assert line.startswith(f"foicompare: {db} is being written by pid {holder.pid}")
        assert "writing since" in line and "run this again when it has finished" in line
        reader = run("status", "--db", str(db))
        assert reader.returncode == 1
        assert "can be read again when that write finishes" in one_line(reader.stderr)
    finally:
        holder.communicate("\n", timeout=30)


# --- query -------------------------------------------------------------------------------------


def test_query_prints_csv_for_a_pipe(dataset: Path) -> None:
    done = subprocess.run(
        f"{' '.join(CLI)} query 'select authority, outcome from responses' --db {dataset} --csv"
        " | head -3",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["authority", "outcome"]
    assert rows[1] == ["Coventry City Council", "not_held"]
    assert done.stderr == ""


def test_query_json_loads_and_values_are_bound(dataset: Path) -> None:
    done = run(
        "query",
        "select reference, outcome, exemptions from responses where reference = $ref",
        "--param",
        "ref=FOI-3",
        "--db",
        str(dataset),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [
        {"reference": "FOI-3", "outcome": "not_held", "exemptions": []}
    ]
    # a value is data, never SQL: the quote and the comment reach DuckDB as one string
    hostile = run("query", "select count(*) as n from responses where reference = ?",
                  "x' or 1=1 --", "--db", str(dataset), "--jsonl")  # fmt: skip
    assert hostile.stdout == '{"n": 0}\n'


def test_query_jsonl_and_the_readable_table(dataset: Path) -> None:
    lines = run("query", "select reference from responses order by 1", "--db", str(dataset),
                "--jsonl").stdout.splitlines()  # fmt: skip
    assert [json.loads(x)["reference"] for x in lines] == [f"FOI-{n}" for n in range(6)]
    table = run("query", "select reference, outcome from responses order by 1", "--db",
                str(dataset), "--limit", "2").stdout.splitlines()  # fmt: skip
    assert table[0].split() == ["reference", "outcome"]
    assert table[2].split() == ["FOI-0", "not_held"]
    assert table[-1] == "(first 2 rows; more not shown: add --limit 0, or --csv)"


def test_query_cannot_change_the_dataset_or_touch_files(dataset: Path, tmp_path: Path) -> None:
    for sql in (
        "delete from documents",
        f"copy (select 1) to '{tmp_path / 'out.csv'}'",
        f"attach '{tmp_path / 'other.duckdb'}' as other",
    ):
        done = run("query", sql, "--db", str(dataset))
        assert done.returncode == 1
        assert one_line(done.stderr).startswith("foicompare: query failed:")
    assert not list(tmp_path.iterdir())
    assert run("query", "select count(*) from documents", "--db", str(dataset), "--csv").stdout == (
        "count_star()\n6\n"
    )


# --- errors for people -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["query", "select nope from responses"], 1,
         'foicompare: query failed: Binder Error: Referenced column "nope" not found'),
        (["query", "select * from nowhere"], 1,
         "foicompare: query failed: Catalog Error: Table with name nowhere does not exist"),
        (["query", "select 1", "--cvs"], 2,
         "foicompare: No such option '--cvs'. Did you mean '--csv'? (see 'foicompare query --help')"),
        (["query"], 2, "foicompare: Missing argument 'SQL'. (see 'foicompare query --help')"),
        (["no-such-command"], 2, "foicompare: No such command 'no-such-command'."),
        (["authority", "Nowhere Shire Council"], 1, None),
    ],
)  # fmt: skip
def test_a_user_mistake_prints_one_line(
    dataset: Path, args: list[str], code: int, expected: str | None
) -> None:
    done = run(*args, "--db", str(dataset)) if args[0] == "query" else run(*args)
    assert done.returncode == code
    if expected is not None:
        assert one_line(done.stderr).startswith(expected)


def test_status_of_a_missing_dataset_creates_nothing(tmp_path: Path) -> None:
    done = run("status", "--db", str(tmp_path / "sub" / "none.duckdb"))
    assert done.returncode == 1
    assert one_line(done.stderr) == (
        f"foicompare: no dataset at {tmp_path / 'sub' / 'none.duckdb'}: create one with "
        f"`foicompare ingest FOLDER --db {tmp_path / 'sub' / 'none.duckdb'}` (or check --db / $FOICOMPARE_DB)"
    )
    assert list(tmp_path.iterdir()) == []
    query = run("query", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert query.returncode == 1 and "no dataset at" in one_line(query.stderr)
    assert list(tmp_path.iterdir()) == []


def test_ingest_of_a_missing_folder_leaves_no_dataset_behind(tmp_path: Path) -> None:
    done = run("ingest", "no-such-folder", cwd=tmp_path)
    assert done.returncode == 1
    assert one_line(done.stderr) == (
        "foicompare: no such file or folder: no-such-folder; nothing was ingested"
    )
    assert list(tmp_path.iterdir()) == []


def test_ingest_reports_failed_documents_and_exits_1(tmp_path: Path) -> None:
    folder = letters(tmp_path / "in", 0, 2)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "fake.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    done = run("ingest", str(folder), "--db", str(tmp_path / "x.duckdb"), "-q")
    assert done.returncode == 1
    assert done.stdout == f"{tmp_path / 'x.duckdb'}: 4 new, 0 duplicate, 0 unchanged, 2 errors\n"
    assert done.stderr.splitlines()[-1] == (
        "2 inputs failed (listed above; also in `foicompare status`); the rest is stored"
    )
    assert "Traceback" not in done.stderr
    status = json.loads(run("status", "--db", str(tmp_path / "x.duckdb"), "--json").stdout)
    assert status["documents"] >= 2 and len(status["errors"]) == 2


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    done = run("--debug", "query", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "DatasetMissing" in done.stderr


# --- --json everywhere it is asked for ---------------------------------------------------------


def test_json_output_of_status_adapters_and_authority(dataset: Path) -> None:
    status = json.loads(run("status", "--db", str(dataset), "--json").stdout)
    assert (status["documents"], status["by_media_type"]) == (
        6,
        [{"media_type": "text/plain", "documents": 6}],
    )
    adapters = json.loads(run("adapters", "--json").stdout)
    assert {"name", "kind", "description", "councils"} <= set(adapters[0])
    barnet = json.loads(run("authority", "LB Barnet", "--json").stdout)
    assert (barnet["name"], barnet["code"]) == ("London Borough of Barnet", "E09000003")


@pytest.mark.skipif(shutil.which("head") is None, reason="needs head(1)")
def test_a_closed_pipe_is_not_an_error(dataset: Path) -> None:
    done = subprocess.run(
        f"{' '.join(CLI)} query 'select * from range(200000)' --db {dataset} --csv | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "range\n"
    assert done.stderr == ""


def test_the_query_examples_run(dataset: Path) -> None:
    """Every `query` example in its --help and on the newcomer screen runs on a real dataset."""
    import shlex

    from foicompare.cli import COMMANDS, NEWCOMER

    lines = [*COMMANDS["query"].examples, *(c for c, _ in NEWCOMER if " query " in c)]
    for line in lines:
        words = shlex.split(line.split(" | ")[0])[1:]
        if "--db" in words:
            words[words.index("--db") + 1] = str(dataset)
        else:
            words += ["--db", str(dataset)]
        done = run(*words)
        assert done.returncode == 0, (line, done.stderr)
        assert done.stdout.strip(), line
