"""`foicompare ingest --engine ray` on a local two-worker Ray cluster (loopback only) gives
the same rows as the local ingest, survives a worker killed mid-run, and its shards answer
the same Dataset API.

Skipped only when the ``[cluster]`` extra (Ray) is not installed; ``make install`` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

ray = pytest.importorskip("ray", reason="the [cluster] extra (Ray) is not installed")
# Ray Data warns about its own deprecated settings when a DataContext is made
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

import foicompare  # noqa: E402
from foicompare import distributed, shards  # noqa: E402
from foicompare.cli import main  # noqa: E402
from foicompare.demo import generate  # noqa: E402

#: authorities in the demo subset (two requests each, five formats, EML attachments)
LIMIT = 5
#: columns that say when a row was written, not what it says
WHEN = {"occurred_at", "ingested_at", "extracted_at", "retrieved_at"}
#: a budget no document reaches on a loaded machine: equality tests must not depend on load
#: (the budget itself is tested below with a tiny one)
GENEROUS = 600.0


@pytest.fixture(scope="module")
def cluster():
    """One local Ray cluster for the module: 2 worker slots, 127.0.0.1, no dashboard."""
    distributed.loopback_only()  # no usage statistics; every process on 127.0.0.1
    temp = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # short: Ray's socket paths are limited
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        _temp_dir=temp,
        _system_config=distributed.LOCAL_SYSTEM_CONFIG,
        object_store_memory=128 * 2**20,
        log_to_driver=False,
        configure_logging=False,
    )
    yield temp
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    generate(out, limit=LIMIT)
    (out / "ground_truth.jsonl").unlink()
    # inputs that fail, so that error rows are compared too
    (out / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    (out / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    return out


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    ds = foicompare.open(tmp_path_factory.mktemp("local") / "local.duckdb")
    ds.ingest(corpus, workers=1, doc_timeout=GENEROUS)
    yield ds
    ds.close()


def _busy_workers(temp: str) -> list[int]:
    """Ray worker processes of this cluster running one of our map_batches tasks right now
    (Ray titles a busy worker after its task, e.g. ``ray::ReadItems->MapBatches(...)``)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
            parent = Path(f"/proc/{ppid}/cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):
            continue
        if cmd.startswith("ray::") and "MapBatches(_ingest_batch)" in cmd and temp in parent:
            pids.append(int(proc.name))
    return pids


@pytest.fixture(scope="module")
def shard_dir(cluster, corpus, tmp_path_factory) -> Path:
    """The corpus ingested on the cluster, with one worker killed mid-run, then run again."""
    out = tmp_path_factory.mktemp("shards")
    units = list(shards.list_units([corpus]))
    chunk_size = 1  # many short tasks: a wide window to kill one mid-run
    n_chunks = -(-len(units) // chunk_size)
    failure: list[BaseException] = []

    def first_run() -> None:
        try:
            distributed.ingest(corpus, out, chunk_size=chunk_size, doc_timeout=GENEROUS)
        except BaseException as exc:  # the killed worker may fail the run: that is the point
            failure.append(exc)

    thread = threading.Thread(target=first_run)
    thread.start()
    killed, done_at_kill = None, None
    deadline = time.monotonic() + 600
    while killed is None and thread.is_alive() and time.monotonic() < deadline:
        done = list((out / "_done" / "ingest").glob("*.json"))
        busy = _busy_workers(cluster) if done else []
        if busy:
            done_at_kill = len(done)
            os.kill(busy[0], signal.SIGKILL)
            killed = busy[0]
        time.sleep(0.05)
    thread.join(timeout=600)
    assert killed is not None and done_at_kill < n_chunks, "no worker was killed mid-run"

    # the re-run, through the command line, does what is left
    result = CliRunner().invoke(
        main,
        ["ingest", str(corpus), "--engine", "ray", "--out", str(out), "--chunk-size", "2"]
        + ["--doc-timeout", str(GENEROUS)],
    )
    assert result.exit_code == 0, result.output
    assert "already done" in result.output
    return out


def _rows(ds, table: str, key: list[str]) -> pl.DataFrame:
    """A table's rows in ``key`` order, without the columns that say when."""
    frame = ds.sql(f"SELECT * FROM {table}")
    frame = frame.drop([c for c in frame.columns if c in WHEN])
    return frame.sort(key or frame.columns)  # a table without a key: every column


@pytest.mark.parametrize(
    "table",
    ["responses", "exemptions", "answers", "flexibility_usage", "flexibility_responses", "errors"],
)
def test_the_same_rows_as_the_local_ingest(shard_dir, local, table):
    key = shards._primary_key(local.con, table)  # the shards' tables are views: no keys
    ours, theirs = _rows(foicompare.open(shard_dir), table, key), _rows(local, table, key)
    assert ours.height > 0
    assert ours.equals(theirs), f"{table}: ray and local ingests differ"


def test_nothing_lost_or_doubled_after_the_killed_worker(shard_dir, corpus, local):
    manifests = [json.loads(p.read_text()) for p in (shard_dir / "_done" / "ingest").glob("*")]
    keys = [k for m in manifests for k in m["units"]]
    units = list(shards.list_units([corpus]))
    assert sorted(keys) == sorted(shards.unit_key(u) for u in units)  # each input once
    _, files = shards.shard_files(shard_dir)
    raw = foicompare.open(":memory:").con
    for table in ("documents", "responses"):
        paths = files[table]
        ids = raw.execute(
            f"SELECT doc_id FROM read_parquet({paths}, hive_partitioning = false)"
        ).fetchall()
        assert len(ids) == len(set(ids)) == local.sql(f"SELECT * FROM {table}").height


def test_the_dataset_api_runs_unchanged_over_the_shards(shard_dir, local, tmp_path):
    ds = foicompare.open(shard_dir)
    code = local.responses()["authority_code"].drop_nulls()[0]
    for name, call in {
        "flexibility_matrix": lambda d: d.flexibility_matrix(),
        "flexibility_counts": lambda d: d.flexibility_counts(),
        "flexibility_counts by code": lambda d: d.flexibility_counts(by="code"),
        "compare outcomes": lambda d: d.compare(code, on="outcomes"),
        "compare flexibilities": lambda d: d.compare(code, on="flexibilities"),
    }.items():
        ours, theirs = call(ds), call(local)
        assert ours.height > 0 and ours.equals(theirs), name
    assert ds.report(tmp_path / "report.html").stat().st_size > 10_000


def test_the_time_budget_and_its_error_rows_are_the_local_ones(cluster, corpus, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in sorted(p for p in corpus.rglob("*") if p.suffix in (".pdf", ".docx"))[-3:]:
        shutil.copy(p, inputs / p.name)
    distributed.ingest(inputs, tmp_path / "shards", doc_timeout=1e-6)
    local = foicompare.open(tmp_path / "local.duckdb")
    local.ingest(inputs, workers=1, doc_timeout=1e-6)
    query = "SELECT location, stage, reason FROM errors ORDER BY location"
    ours = foicompare.open(tmp_path / "shards").sql(query)
    assert ours.height == 3 and set(ours["reason"]) == {"timed out after 1e-06 s"}
    assert ours.equals(local.sql(query))


def test_reparse_writes_a_new_version_beside_the_old(shard_dir, local):
    before = sorted(p.relative_to(shard_dir) for p in shard_dir.rglob("*.parquet"))
    report = distributed.reparse(shard_dir, parser_version="next")
    assert report.chunks > 0 and not report.errors
    assert shards.parser_versions(shard_dir)[-1] == "next"
    after = {p.relative_to(shard_dir) for p in shard_dir.rglob("*.parquet")}
    assert set(before) < after  # the old version's shards are all still there
    new = foicompare.shards.open_shards(shard_dir, parser_version="next")
    cols = ["doc_id", "outcome", "reference", "authority_code", "exemptions"]
    assert new.responses().select(cols).equals(local.responses().select(cols))
    assert distributed.reparse(shard_dir, parser_version="next").chunks == 0  # done already
