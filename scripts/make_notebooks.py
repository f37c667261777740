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
        new_markdown_cell(
            "## Which flexibilities were used, where and when?\n\n"
            "One row per council per request (round robin), councils as they were on the "
            "request's date; a council that sent nothing is a row with response `no response`. "
            "Each council counts once however many documents it sent (an e-mail and its "
            "attachment, a response and its internal review)."),
        new_code_cell(
            "import polars as pl\n"
            "rounds = ds.flexibility_rounds()\n"
            "request = rounds['request'][0]\n"
            "rounds"),
        new_code_cell(
            "counts = ds.flexibility_counts(by='code', request=request)\n"
            "counts.filter(pl.col('authorities_used') > 0).select("
            "'code', 'authorities_used', 'authorities_not_used', 'no_response', 'share_used', 'uses')"),
        new_code_cell("charts.flexibility_uptake(counts)"),
        new_code_cell(
            "matrix = ds.flexibility_matrix(request=request)\n"
            "matrix.select('authority_name', 'region', 'response', 'cppcr-visits-remote').head()"),
        new_code_cell("charts.flexibility_heatmap(matrix)"),
        new_code_cell("charts.uses_by_month(ds.flexibility_counts(by='month', request=request))"),
        new_markdown_cell("## Who signed them off, and was Ofsted told?"),
        new_code_cell("ds.flexibility_governance(request=request).select('authority_name', "
                      "'sign_off_level', 'sign_off', 'ofsted_informed', 'ofsted_when', "
                      "'decision_level')"),
        new_code_cell("ds.flexibility_governance(request=request).group_by('sign_off_level')"
                      ".len().sort('len', descending=True)"),
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


def review_loop() -> nbformat.NotebookNode:
    return new_notebook(cells=[
        new_markdown_cell(
            "# Reviewing and correcting flexibility values\n\n"
            "Every value read from a letter has a confidence; the uncertain ones are listed "
            "for review with the sentence they came from. A correction is stored beside the "
            "extraction, wins over every later re-extraction, and is marked in the matrix, the "
            "export and the report. (The command line does the same: `foicompare review`, "
            "`foicompare correct DOC FIELD VALUE --note ...`.)"),
        new_code_cell(FIND_DEMO),
        new_markdown_cell("Work on a copy, so the demo stays as built:"),
        new_code_cell(
            "import shutil, tempfile\n"
            "work = Path(tempfile.mkdtemp()) / 'review.duckdb'\n"
            "shutil.copy(db, work)\n"
            "ds.close()\n"
            "ds = foicompare.open(work)\n"
            "request = ds.flexibility_rounds()['request'][0]"),
        new_markdown_cell("## 1. What needs review?"),
        new_code_cell(
            "todo = ds.flexibility_review()\n"
            "todo.select('filename', 'code', 'status', 'confidence', 'evidence')"),
        new_markdown_cell(
            "## 2. Correct a value\n\nIf nothing needs review, take any value to show the "
            "mechanics: here the first council's answer about virtual visits."),
        new_code_cell(
            "import polars as pl\n"
            "if todo.height:\n"
            "    doc, code = todo['doc_id'][0], todo['code'][0]\n"
            "else:\n"
            "    row = ds.sql(\"SELECT doc_id, code FROM flexibility_usage ORDER BY doc_id, code LIMIT 1\")\n"
            "    doc, code = row['doc_id'][0], row['code'][0]\n"
            "ds.correct(doc, f'flexibilities.{code}', 'used', note='checked against the letter')\n"
            "ds.correct(doc, f'flexibilities.{code}.uses', 12, note='table total')\n"
            "ds.correct(doc, 'ofsted_informed', True, note='told at the July meeting')\n"
            "ds.sql('SELECT doc_id, field, value, note FROM corrections')"),
        new_markdown_cell("## 3. Re-extract: the corrections still win"),
        new_code_cell(
            "ds.reparse([doc])\n"
            "ds.sql('SELECT code, status, uses, corrected, correction_note FROM flexibility_usage_corrected'\n"
            "       ' WHERE doc_id = ? AND code = ?', [doc, code])"),
        new_markdown_cell("## 4. The matrix, the export and the report mark them"),
        new_code_cell(
            "matrix = ds.flexibility_matrix(request=request)\n"
            "matrix.filter(pl.col('corrected').list.len() > 0).select("
            "'authority_name', 'corrected', 'ofsted_informed', code)"),
        new_code_cell(
            "out = Path(tempfile.mkdtemp())\n"
            "ds.export(out / 'export')\n"
            "report = ds.report(out / 'report.html')\n"
            "print(sorted(p.name for p in (out / 'export').iterdir())[:6], report.stat().st_size)"),
        new_code_cell("charts.flexibility_uptake(ds.flexibility_counts(by='code', request=request))"),
    ])  # fmt: skip


def main() -> None:
    out = ROOT / "notebooks"
    out.mkdir(exist_ok=True)
    for name, nb in (("01_quickstart.ipynb", quickstart()),
                     ("02_flexibilities_round_robin.ipynb", round_robin()),
                     ("03_review_and_correct.ipynb", review_loop())):  # fmt: skip
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}  # fmt: skip
        nbformat.validate(nb)
        nbformat.write(nb, out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
