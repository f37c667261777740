"""The example notebooks run top to bottom in a real Jupyter kernel on the demo dataset."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from foicompare.report import build_demo

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    return build_demo(out, limit=8, echo=lambda _: None).db


@pytest.mark.parametrize(
    "name",
    ["01_quickstart.ipynb", "02_flexibilities_round_robin.ipynb", "03_review_and_correct.ipynb"],
)
def test_notebook_executes(name, demo_db, monkeypatch, tmp_path):
    monkeypatch.setenv("FOICOMPARE_DEMO_DB", str(demo_db))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    # the charts came out as SVG drawn in the kernel (no JavaScript needed)
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) >= {"01": 1, "02": 4, "03": 1}[name[:2]]
