"""Write the example notebooks from this reviewable script (run it after editing a cell).

    .venv/bin/python scripts/make_notebooks.py

Both notebooks find their data the same way: ``FOICOMPARE_DEMO_DB`` if set, else
``demo/demo.duckdb`` beside the repository's notebooks folder, built on first use with
``foicompare.report.build_demo`` (offline; ``FOICOMPARE_DEMO_LIMIT`` authorities, default all).
Outputs are not stored: the test suite executes the notebooks.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

FIND_DEMO = """\
import os
from pathlib import Path

import foicompare
from foicompare import charts
from foicompare.report import build_demo

charts.use_offline_renderer()  # charts as SVG made here: no JavaScript, no network

db = Path(os.environ.get("FOICOMPARE_DEMO_DB", Path.cwd().parent / "demo" / "demo.duckdb"))
if not db.exists():
    limit = int(os.environ["FOICOMPARE_DEMO_LIMIT"]) if "FOICOMPARE_DEMO_LIMIT" in os.environ else None
    build_demo(db.parent, limit=limit)
ds = foicompare.open(db, read_only=True)
ds"""


def quickstart() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell(
            "# foicompare quickstart: open, ingest, look\n\n"
            "A dataset is one DuckDB file. Ingest a folder of FOI responses (PDF, Word, HTML, "
            "e-mail, text) and every document is stored with where it came from, its text, and "
            "what was read from it: the council, the outcome, the exemptions, the dates."),
        new_markdown_cell("## Make a few letters to ingest\n\nThe demo generator writes a "
                          "realistic round robin offline; here, replies from six councils."),
        new_code_cell(
            "import tempfile\nfrom pathlib import Path\n\nimport foicompare\n"
            "from foicompare import charts\nfrom foicompare.demo import generate\n\n"
            "charts.use_offline_renderer()\n"
            "folder = Path(tempfile.mkdtemp()) / 'letters'\n"
            "made = generate(folder, limit=6)\nprint(made)"),
        new_markdown_cell("## Open a dataset and ingest the folder"),
        new_code_cell(
            "ds = foicompare.open(':memory:')   # or a file: foicompare.open('foi.duckdb')\n"
            "report = ds.ingest(sorted(p for p in folder.iterdir() if p.is_dir()))\n"
            "print(report)\nassert report.errors == [] or len(report.errors) < report.new"),
        new_markdown_cell("## Look\n\nEvery document, with its provenance:"),
        new_code_cell("ds.documents().select('doc_id', 'filename', 'media_type', 'source').head()"),
        new_markdown_cell("Each decision by outcome, keyed by GSS code so it joins to the "
                          "register (`ds.authorities()`):"),
        new_code_cell("ds.outcomes(by='authority', wide=False).drop('doc_ids')"),
        new_code_cell("charts.outcomes_by_region(ds)"),
        new_markdown_cell("Exemptions and timeliness (working days against the 20-day limit, "
                          "with the right bank holidays):"),
        new_code_cell("ds.exemptions().drop('doc_ids')"),
        new_code_cell("ds.timeliness().select('authority_name', 'received', 'responded', "
                      "'working_days', 'limit_days', 'late')"),
        new_markdown_cell("Every number keeps the documents it came from (`doc_ids`); "
                          "`ds.report('report.html')` writes all of this as one offline HTML file."),
    ])  # fmt: skip


def round_robin() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell(
            "# The coronavirus flexibilities round robin\n\n"
            "In spring 2020 SI 2020/445 relaxed dozens of safeguards in children's social care. "
            "A round robin asked every English children's services authority which it used, how "
            "often, who signed that off and whether Ofsted was told. This notebook is the "
            "analysis a children's rights charity or the Children's Commissioner would publish, "
            "on the demo dataset (generated letters, not real councils' answers)."),
        new_code_cell(FIND_DEMO),
        new_markdown_cell("## Who answered?"),
        new_code_cell(
            "from foicompare.analysis import register_coverage\n"
            "coverage = register_coverage(ds.con)\n"
            "coverage.group_by('status').len().sort('len', descending=True)"),
        new_markdown_cell("## Who refused, and on what grounds?"),
        new_code_cell("ds.outcomes(by='region', wide=True)"),
        new_code_cell("charts.outcomes_by_region(ds)"),
        new_code_cell("ds.exemptions().drop('doc_ids')"),
        new_code_cell("charts.exemption_frequency(ds)"),
        new_code_cell("ds.cost_hours().select('authority_name', 'cost_hours', 'over_limit_ratio')"),
        new_markdown_cell("## Which flexibilities were used, where and when?"),
        new_code_cell(
            "import polars as pl\n"
            "matrix = ds.flexibility_matrix()\n"
            "codes = [c for c in matrix.columns if c not in ('authority_code', 'authority_name')]\n"
            "used = matrix.select(pl.col(codes).eq('used').sum()).unpivot(variable_name='code', value_name='authorities')\n"
            "used.filter(pl.col('authorities') > 0).sort('authorities', descending=True)"),
        new_code_cell("charts.flexibility_heatmap(ds)"),
        new_code_cell("ds.flexibility_counts(by='month')"),
        new_code_cell("charts.uses_by_month(ds)"),
        new_markdown_cell("## Who signed them off, and was Ofsted told?"),
        new_code_cell("ds.flexibility_governance().select('authority_name', 'sign_off', "
                      "'ofsted_informed', 'decision_level')"),
        new_markdown_cell("## Did councils answer on time?"),
        new_code_cell("ds.timeliness(by='region')"),
        new_code_cell("charts.timeliness_distribution(ds)"),
        new_markdown_cell("## One council beside its statistical neighbours and by Ofsted judgement"),
        new_code_cell(
            "answered = coverage.filter(pl.col('decisions') > 0)\n"
            "council = answered['la_code'][0]\n"
            "ds.compare(council, with_='region', on='outcomes').select("
            "'role', 'authority_name', 'outcome', 'responses')"),
        new_code_cell("ds.outcomes(by='ofsted', wide=True)"),
        new_markdown_cell("Every count above carries `doc_ids`: the documents it was read from. "
                          "`foicompare report --db demo/demo.duckdb --out report.html` writes "
                          "this analysis as one offline HTML page."),
    ])  # fmt: skip


def main() -> None:
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, nb in (("01_quickstart.ipynb", quickstart()),
                     ("02_flexibilities_round_robin.ipynb", round_robin())):  # fmt: skip
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}  # fmt: skip
        nbformat.validate(nb)
        nbformat.write(nb, out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
