"""Killing an ingest at any moment loses nothing and leaves nothing half stored.

An ingest subprocess is killed with SIGKILL at random moments, many times over. After
every kill the database must open, every document must have its text or an error that
explains why not, and a final re-run must reach exactly the state that one uninterrupted
run reaches.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import foicompare
from foicompare import pipeline

KILLS = 24


def make_corpus(folder: Path, n: int = 400) -> None:
    folder.mkdir()
    for i in range(n):
        if i % 3 == 0:
            body = (
                f"<html><body><nav>Menu</nav><main><h1>FOI {i}</h1>"
                f"<p>Our reference: FOI/{2020 + i % 3}/{i:04}</p>"
                f"<p>We do not hold the information requested.</p></main></body></html>"
            )
            (folder / f"page-{i:03}.html").write_text(body)
        elif i % 7 == 0:
            (folder / f"broken-{i:03}.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(64))
        else:
            (folder / f"letter-{i:03}.txt").write_text(
                f"Dear requester,\nReference: REQ{i:05}\nDate: 0{1 + i % 9} August 2020\n"
                f"Section 12 of the Freedom of Information Act applies; it would take "
                f"approximately {i + 20} hours.\n" * 3
            )


def snapshot(path: Path) -> dict[str, list[tuple]]:
    with foicompare.open(path, read_only=True) as ds:
        con = ds.con
        out = {
            "documents": con.execute(
                "SELECT doc_id, media_type, status FROM documents ORDER BY doc_id"
            ).fetchall(),
            "texts": con.execute("SELECT doc_id, md5(text) FROM texts ORDER BY doc_id").fetchall(),
            "sightings": con.execute(
                "SELECT doc_id, location FROM sightings ORDER BY location"
            ).fetchall(),
            "errors": con.execute(
                "SELECT location, stage, reason FROM errors ORDER BY location, stage"
            ).fetchall(),
        }
        for table in pipeline.ANALYSIS_TABLES:
            out[table] = con.execute(
                f"SELECT count(*), count(DISTINCT doc_id) FROM {table}"
            ).fetchall()
        return out


def assert_consistent(path: Path) -> None:
    """No document without its text (unless it failed, with an error row), and no orphans.

    The file is opened writable (the killed process is gone), so a kill during the very
    first migrations is carried forward as any older file would be. A kill before the file
    was created leaves nothing to check.
    """
    if not path.exists():
        return
    with foicompare.open(path, write=True) as ds:
        con = ds.con
        q = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
        assert (
            q(
                "SELECT count(*) FROM documents d LEFT JOIN texts t USING (doc_id)"
                " WHERE d.status = 'extracted' AND t.doc_id IS NULL"
            )
            == 0
        )
        assert (
            q(
                "SELECT count(*) FROM texts t LEFT JOIN documents d USING (doc_id)"
                " WHERE d.doc_id IS NULL"
            )
            == 0
        )
        assert (
            q(
                "SELECT count(*) FROM documents d WHERE d.status = 'error' AND NOT EXISTS"
                " (SELECT 1 FROM errors e WHERE e.doc_id = d.doc_id)"
            )
            == 0
        )
        assert (
            q(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM sightings s WHERE s.doc_id = d.doc_id)"
            )
            == 0
        )
        for table in pipeline.ANALYSIS_TABLES:
            assert (
                q(
                    f"SELECT count(*) FROM {table} a LEFT JOIN documents d USING (doc_id)"
                    " WHERE d.doc_id IS NULL"
                )
                == 0
            )


def run_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "foicompare.cli", "ingest", str(corpus), "--db", str(db), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


#: the exit code of a finished ingest of this corpus from nothing: 1, as its broken files are
#: reported; a run that finds them already recorded (unchanged) may exit 0
FINISHED = 1
FINISHED_AGAIN = (0, 1)


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    reference_db = tmp_path / "reference.duckdb"
    started = time.monotonic()
    done = run_ingest(corpus, reference_db)
    assert done.wait(timeout=300) == FINISHED, done.stderr.read()
    full_run = time.monotonic() - started
    expected = snapshot(reference_db)
    assert len(expected["documents"]) > 300

    db = tmp_path / "killed.duckdb"
    rng = random.Random(445)
    kills = attempts = 0
    while kills < KILLS and attempts < 3 * KILLS:
        attempts += 1
        proc = run_ingest(corpus, db)
        time.sleep(rng.uniform(0.1, full_run))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
            proc.wait(timeout=60)
            assert_consistent(db)
        else:  # it finished first: start again from nothing so later kills still land mid-ingest
            assert proc.wait() in FINISHED_AGAIN
            assert snapshot(db) == expected
            for leftover in tmp_path.glob("killed.duckdb*"):
                leftover.unlink()
    assert kills == KILLS

    final = run_ingest(corpus, db)
    assert final.wait(timeout=300) in FINISHED_AGAIN, final.stderr.read()
    assert_consistent(db)
    assert snapshot(db) == expected
