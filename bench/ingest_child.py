"""One ingest in its own process, so that its peak memory can be measured apart from the harness.

Usage (``bench/measure.py`` runs it)::

    python bench/ingest_child.py --db X.duckdb --list paths.txt [--workers N]
        [--deadline SECONDS] [--checkpoints 1000,10000]

Reads the paths (one per line), ingests them with ``Dataset.ingest``'s own code path
(``plan_files`` then ``ingest_units``) and prints one JSON object: seconds, documents
read, new/unchanged/errors, pages stored, and at each checkpoint the documents done, the
seconds and the memory (PSS) of this process and its workers. With ``--deadline`` the
ingest stops cleanly (everything written so far is committed) once that many seconds
have passed, and ``"stopped": true`` says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import psutil

import foicompare
from foicompare.ingest import IngestReport, ingest_units, plan_files


class _Deadline(Exception):
    """Raised from the progress callback when the time is up."""


def tree_pss(proc: psutil.Process) -> int:
    """Proportional set size (bytes) of ``proc`` and its descendants (forkserver, workers)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except psutil.Error:
            continue
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--list", required=True, help="file with one path per line")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--deadline", type=float, default=None)
    ap.add_argument("--checkpoints", default="")
    args = ap.parse_args(argv)
    with open(args.list, encoding="utf-8") as fh:
        paths = [line.rstrip("\n") for line in fh if line.strip()]
    checkpoints = sorted(int(c) for c in args.checkpoints.split(",") if c)
    me = psutil.Process()
    marks: list[dict] = []
    ds = foicompare.open(args.db, write=True)  # writes through ds.con: hold the lock
    started = time.perf_counter()
    todo, unchanged = plan_files(ds.con, paths)
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        if checkpoints and done == checkpoints[0]:
            checkpoints.pop(0)
            marks.append(
                {"documents": done, "seconds": time.perf_counter() - started, "pss": tree_pss(me)}
            )
        if args.deadline is not None and time.perf_counter() - started > args.deadline:
            raise _Deadline

    stopped = False
    try:
        report = ingest_units(
            ds.con, todo, workers=args.workers, total=len(todo), progress=progress
        )
    except _Deadline:
        stopped = True
        report = IngestReport()
    seconds = time.perf_counter() - started
    stats = ds.con.execute(
        "SELECT (SELECT count(*) FROM documents WHERE parent_id IS NULL),"
        " (SELECT count(*) FROM documents),"
        " (SELECT coalesce(sum(page_count), 0) FROM texts),"
        " (SELECT count(*) FROM errors)"
    ).fetchall()[0]
    ds.close()
    json.dump(
        {
            "seconds": seconds,
            "inputs": len(paths),
            "processed": done,
            "unchanged": unchanged,
            "new": report.new,
            "report_errors": len(report.errors),
            "top_level_documents": stats[0],
            "documents": stats[1],
            "pages": stats[2],
            "error_rows": stats[3],
            "stopped": stopped,
            "checkpoints": marks,
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
