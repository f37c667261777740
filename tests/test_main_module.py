"""``python -m foicompare`` is the same command line as the ``foicompare`` script."""

import subprocess
import sys


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "foicompare", "--help"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "Usage:" in out.stdout and "ingest" in out.stdout


def test_python_dash_m_reports_a_missing_file_with_exit_code_1(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "foicompare", "extract", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
