"""Run one ingest in a subprocess and measure its time and peak memory.

Peak memory is measured on the ingest process and all its descendants (the forkserver and
its pool workers), polled every 50 ms by a thread of this process: the largest sum of
proportional set sizes (PSS: shared pages split between the processes sharing them, what
the tree really costs the machine), the largest sum of resident set sizes (RSS: shared
pages counted once per process, an upper bound) and the largest single process's RSS.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("Dear Sir, FOI 1")
>>> run = run_ingest([d / "a.txt"], d / "x.duckdb")
>>> run.processed, run.peak_pss > 0, run.peak_rss >= run.peak_pss
(1, True, True)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

CHILD = Path(__file__).with_name("ingest_child.py")
MB = 1024 * 1024


@dataclass
class IngestRun:
    """What one ingest did, as the child process reported it, plus its memory."""

    seconds: float  #: ingest time inside the child (plan + extract + parse + store)
    processed: int  #: inputs processed (files new or changed)
    unchanged: int  #: inputs skipped as unchanged
    documents: int  #: documents stored (including attachments)
    pages: int  #: pages stored (PDF page counts)
    error_rows: int
    stopped: bool  #: True when the deadline cut the ingest short
    peak_pss: int  #: bytes, the process tree (shared pages split)
    peak_rss: int  #: bytes, the process tree (shared pages counted per process)
    peak_rss_single: int  #: bytes, the largest single process
    wall: float  #: the subprocess's whole life, start-up included
    checkpoints: list[dict[str, Any]] = field(default_factory=list)
    cpu_main: float = 0.0  #: CPU seconds (user + system) of the ingest process, start-up included
    cpu_tree: float = 0.0  #: CPU seconds of the ingest process, its fork server and its workers

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


class _Poller(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self.peak_single = 0
        self.cpu: dict[
            int, float
        ] = {}  #: pid -> CPU seconds last seen (a process's CPU only grows)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                return
            total = pss = 0
            for p in procs:
                try:
                    mem = p.memory_full_info()
                    t = p.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[p.pid] = max(self.cpu.get(p.pid, 0.0), t.user + t.system)
                total += mem.rss
                pss += mem.pss
                self.peak_single = max(self.peak_single, mem.rss)
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, pss)
            self.done.wait(self.interval)


def run_ingest(
    paths: Sequence[str | os.PathLike[str]],
    db: str | os.PathLike[str],
    *,
    workers: int | None = None,
    deadline: float | None = None,
    checkpoints: Sequence[int] = (),
    python: str = sys.executable,
) -> IngestRun:
    """Ingest ``paths`` into ``db`` in a fresh process; raises RuntimeError if it fails."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(str(p) for p in paths))
        list_path = fh.name
    cmd = [python, str(CHILD), "--db", str(db), "--list", list_path]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    if deadline is not None:
        cmd += ["--deadline", f"{deadline:.1f}"]
    if checkpoints:
        cmd += ["--checkpoints", ",".join(str(c) for c in checkpoints)]
    started = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        poller = _Poller(proc.pid)
        poller.start()
        out, err = proc.communicate()
        poller.done.set()
        poller.join()
    finally:
        os.unlink(list_path)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"ingest of {len(paths)} files into {db} failed:\n{err[-2000:]}")
    got = json.loads(out)
    cpu_main = max(got.get("cpu_main", 0.0), poller.cpu.get(proc.pid, 0.0))
    cpu_tree = cpu_main + sum(c for pid, c in poller.cpu.items() if pid != proc.pid)
    return IngestRun(
        seconds=got["seconds"],
        processed=got["processed"],
        unchanged=got["unchanged"],
        documents=got["documents"],
        pages=got["pages"],
        error_rows=got["error_rows"],
        stopped=got["stopped"],
        peak_pss=poller.peak_pss,
        peak_rss=poller.peak,
        peak_rss_single=poller.peak_single,
        wall=wall,
        cpu_main=cpu_main,
        cpu_tree=cpu_tree,
        checkpoints=got["checkpoints"],
    )
