"""Start-up time and memory of the command line, beside ``python -c pass``.

Each command runs ``repeat`` times as a fresh process; the table gives the median wall time
and the largest peak resident memory (``ru_maxrss`` of that child, from ``os.wait4``), and
the same figures less the bare interpreter's.

    python bench/startup.py            # prints the table (also part of bench/run.py)

>>> rows = measure(repeat=1, commands=[("python -c pass", [sys.executable, "-c", "pass"])])
>>> rows[0].name, rows[0].seconds > 0, rows[0].peak_mb > 1
('python -c pass', True, True)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: the targets of issue 18
TARGET_SECONDS = 0.3
TARGET_MB = 60.0


@dataclass(frozen=True)
class Startup:
    name: str
    seconds: float  #: median wall time
    cpu: float  #: median user + system CPU time (steadier than wall time on a busy machine)
    peak_mb: float  #: largest peak RSS over the runs, MiB
    ok: bool  #: exit code 0 on every run


def _run_once(argv: list[str]) -> tuple[float, float, float, bool]:
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode == 0  # ru_maxrss: KiB


def default_commands(db: Path) -> list[tuple[str, list[str]]]:
    py = sys.executable
    exe = str(Path(py).with_name("foicompare"))
    cli = [exe] if os.path.exists(exe) else [py, "-m", "foicompare.cli"]
    return [
        ("python -c pass", [py, "-c", "pass"]),
        ("python -c 'import foicompare'", [py, "-c", "import foicompare"]),
        ("DuckDB alone: import, connect, select 1 (the floor of any command that reads)",
         [py, "-c", "import duckdb; duckdb.connect().execute('select 1').fetchall()"]),
        ("foicompare --help", [*cli, "--help"]),
        ("foicompare (no arguments)", cli),
        ("foicompare status", [*cli, "status", "--db", str(db)]),
        ("foicompare query 'select count(*) from responses'",
         [*cli, "query", "select count(*) from responses", "--db", str(db)]),
    ]  # fmt: skip


def small_dataset(folder: Path) -> Path:
    """A dataset of a few letters, written once by the command line (not timed)."""
    db = folder / "startup.duckdb"
    if not db.exists():
        src = folder / "letters"
        src.mkdir(parents=True, exist_ok=True)
        for n in range(5):
            (src / f"{n}.txt").write_text(
                f"Our ref: FOI-{n}\nDear Sir\nWe do not hold this information.\n", encoding="utf-8"
            )
        subprocess.run(
            [sys.executable, "-m", "foicompare.cli", "ingest", str(src), "--db", str(db), "-q"],
            check=True,
            capture_output=True,
        )
    return db


def measure(
    repeat: int = 7,
    commands: list[tuple[str, list[str]]] | None = None,
    work: Path | None = None,
) -> list[Startup]:
    """Run each command ``repeat`` times (after one warm-up run) and summarise."""
    if commands is None:
        commands = default_commands(small_dataset(work or Path(tempfile.mkdtemp())))
    out = []
    for name, argv in commands:
        _run_once(argv)  # warm the page cache
        runs = [_run_once(argv) for _ in range(repeat)]
        out.append(
            Startup(
                name,
                statistics.median(r[0] for r in runs),
                statistics.median(r[1] for r in runs),
                max(r[2] for r in runs),
                all(r[3] for r in runs),
            )
        )
    return out


def render(rows: list[Startup]) -> list[str]:
    base = rows[0]
    lines = [
        "| command | wall s (median) | CPU s (median) | peak RSS MiB | wall s over"
        " `python -c pass` | MiB over it | exit 0 |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| `{r.name}` | {r.seconds:.3f} | {r.cpu:.3f} | {r.peak_mb:.0f}"
            f" | {r.seconds - base.seconds:+.3f} | {r.peak_mb - base.peak_mb:+.0f}"
            f" | {'yes' if r.ok else '**no**'} |"
        )
    return lines


if __name__ == "__main__":
    rows = measure()
    print(
        f"load average {os.getloadavg()[0]:.1f}; target: under {TARGET_SECONDS} s and {TARGET_MB:.0f} MB"
    )
    print("\n".join(render(rows)))
