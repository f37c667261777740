"""Parquet shards without Ray: a chunk is written whole or not read at all, and the core
library never imports Ray."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from foicompare import shards

LETTER = (
    "Dear Applicant,\nFreedom of Information Act 2000 - Request ref FOI-{n}\n"
    "We can confirm that we hold the information. Your request is refused under section 12 "
    "as it would take approximately {n} hours.\n"
)


def _units(tmp_path: Path, n: int) -> list[dict]:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"letter{i}.txt").write_text(LETTER.format(n=40 + i))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    return list(shards.list_units([folder]))


def _run_all(out: Path, units: list[dict], chunk_size: int) -> int:
    chunks, _ = shards.pending_chunks(out, units, chunk_size=chunk_size)
    for c in chunks:
        shards.ingest_chunk(out, c["chunk"], json.loads(c["units"]))
    return len(chunks)


def test_shards_read_back_as_a_dataset_with_the_local_ingests_rows(tmp_path):
    import foicompare

    units = _units(tmp_path, 4)
    out = tmp_path / "shards"
    assert _run_all(out, units, chunk_size=2) == 3
    ds = foicompare.open(out)  # a shard folder opens read-only over DuckDB views
    local = foicompare.open(tmp_path / "local.duckdb")
    local.ingest(tmp_path / "in", workers=1)
    cols = ["doc_id", "reference", "outcome", "cost_hours", "exemptions"]
    assert (
        ds.responses()
        .select(cols)
        .sort("doc_id")
        .equals(local.responses().select(cols).sort("doc_id"))
    )
    assert ds.errors()[["location", "stage", "reason"]].rows() == (
        local.errors()[["location", "stage", "reason"]].rows()
    )
    with pytest.raises(PermissionError):
        ds.ingest(tmp_path / "in")
    # partitioned by source and month, one file per chunk and partition
    assert list(out.glob("documents/source=files/month=*/*.parquet"))
    assert list(out.glob("parser=*/responses/source=files/month=*/*.parquet"))


def test_a_chunk_without_its_manifest_is_not_read_and_is_redone_once(tmp_path):
    units = _units(tmp_path, 4)
    out = tmp_path / "shards"
    _run_all(out, units, chunk_size=2)
    # a worker killed after writing a chunk's shards but before its manifest
    manifest = sorted((out / "_done" / "ingest").glob("*.json"))[0]
    lost = json.loads(manifest.read_text())
    manifest.unlink()
    assert shards.open_shards(out).documents().height == 5 - len(lost["units"])
    chunks, skipped = shards.pending_chunks(out, units, chunk_size=2)
    assert [c["chunk"] for c in chunks] == [lost["chunk"]] and skipped == 5 - len(lost["units"])
    _run_all(out, units, chunk_size=2)
    ds = shards.open_shards(out)
    assert ds.documents().height == 5
    assert ds.sql("SELECT count(*) - count(DISTINCT doc_id) AS n FROM responses")["n"][0] == 0
    assert shards.pending_chunks(out, units)[0] == []


def test_the_same_bytes_in_two_chunks_count_once(tmp_path):
    units = _units(tmp_path, 2)
    copy = tmp_path / "in" / "zz-copy.txt"
    copy.write_bytes((tmp_path / "in" / "letter0.txt").read_bytes())
    units = list(shards.list_units([tmp_path / "in"]))
    out = tmp_path / "shards"
    _run_all(out, units, chunk_size=1)
    ds = shards.open_shards(out)
    assert ds.documents().height == 3  # two letters and the broken PDF
    assert ds.sightings().height == 4  # every place a document was seen
    assert ds.responses().height == 2


def test_merge_loads_shards_into_one_duckdb_file(tmp_path):
    import foicompare

    units = _units(tmp_path, 3)
    out = tmp_path / "shards"
    _run_all(out, units, chunk_size=2)
    counts = shards.merge(out, tmp_path / "merged.duckdb")
    assert counts["documents"] == 4 and counts["responses"] == 3
    shards.merge(out, tmp_path / "merged.duckdb")  # twice: nothing doubled
    with foicompare.open(tmp_path / "merged.duckdb") as ds:
        assert ds.responses().height == 3 and ds.errors().height == 1


@pytest.mark.parametrize(
    "code",
    [
        "import foicompare, sys; foicompare.open(':memory:'); print(sorted(m for m in sys.modules if m.split('.')[0] == 'ray'))",
        "import sys; from foicompare.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'ray'))",
    ],
    ids=["import", "cli-help"],
)
def test_the_core_library_never_imports_ray(code):
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
