"""Exports: every curated table in CSV, Parquet and XLSX reads back equal, with a dictionary."""

from __future__ import annotations

import polars as pl
import pytest
from click.testing import CliRunner
from tests.test_analysis_world import build

from foicompare import export as exp
from foicompare.cli import main


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "world.duckdb"
    ds = build(str(path))
    ds.con.execute(
        "INSERT INTO documents (doc_id, filename, source, location, ingested_at, status) VALUES"
        " ('sth-1', 'reply.txt', 'files', '/in/reply.txt', '2024-01-01 10:00:00', 'extracted')"
    )
    ds.con.execute(
        "INSERT INTO texts (doc_id, text, n_tables, extractor, extractor_version, extracted_at)"
        " VALUES ('sth-1', 'Write to jane.smith@southampton.gov.uk or foi@southampton.gov.uk,"
        " or call 023 8083 3000.', 0, 'plain', '1', '2024-01-01 10:00:00')"
    )
    # a person corrects Southampton's outcome: the export and the analysis must follow
    ds.con.execute(
        "INSERT INTO corrections (doc_id, field, value, note)"
        " VALUES ('sth-1', 'outcome', '\"refused\"', 'letter withholds everything')"
    )
    yield ds
    ds.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_every_exported_table_reads_back_equal(ds, tmp_path, fmt):
    paths = exp.export(ds, tmp_path, format=fmt, include_text=True)
    tables = exp.curated_tables(ds, include_text=True)
    assert {"responses", "exemptions", "authorities", "texts"} <= set(tables)
    read = exp.read_tables(tmp_path, format=fmt)
    assert list(read) == tables
    for table in tables:
        original = exp.table_frame(ds, table)
        back = read[table]
        assert back.columns == original.columns, table
        assert back.equals(original), f"{table} differs after a {fmt} round trip"
    assert (tmp_path / "data_dictionary.csv") in paths and (
        tmp_path / "data_dictionary.md"
    ) in paths


def test_corrected_values_are_exported_and_marked(ds, tmp_path):
    exp.export(ds, tmp_path, format="csv")
    responses = exp.read_table(tmp_path, "responses")
    sth = responses.filter(doc_id="sth-1").row(0, named=True)
    assert (sth["outcome"], sth["corrected"]) == ("refused", ["outcome"])
    assert responses.filter(doc_id="der-1")["corrected"].to_list() == [[]]
    # and the comparison counts the corrected value
    assert ds.outcomes(by="authority").filter(authority_code="E06000045")["outcome"].to_list() == [
        "refused"
    ]


def test_the_workbook_highlights_corrected_cells(ds, tmp_path):
    exp.export(ds, tmp_path, format="xlsx")
    import zipfile

    with zipfile.ZipFile(tmp_path / exp.WORKBOOK) as z:
        workbook = z.read("xl/workbook.xml").decode()
        sheet_no = workbook.split('name="responses"')[1].split('sheetId="')[1].split('"')[0]
        xml = z.read(f"xl/worksheets/sheet{sheet_no}.xml").decode()
    # every data column is filled when the row's "corrected" list names it
    assert xml.count("<conditionalFormatting") >= 10
    assert 'SEARCH("""outcome""",' in xml  # the JSON list holds "outcome", quotes included


def test_the_data_dictionary_explains_columns_from_the_schema(ds, tmp_path):
    exp.export(ds, tmp_path, format="parquet")
    d = pl.read_csv(tmp_path / "data_dictionary.csv")
    outcome = d.filter(table="responses", column="outcome").row(0, named=True)
    assert outcome["vocabulary"] == "successful | partially_successful | refused | not_held | NULL"
    assert outcome["duckdb_type"] == "VARCHAR"
    assert d.filter(table="documents", column="doc_id")["meaning"].to_list() == [
        "sha256 of the bytes, hex"
    ]
    md = (tmp_path / "data_dictionary.md").read_text()
    assert "## responses" in md and "| corrected |" in md


def test_redaction_masks_people_but_keeps_role_mailboxes(ds, tmp_path):
    exp.export(ds, tmp_path, format="csv", redact=True, include_text=True)
    text = exp.read_table(tmp_path, "texts")["text"][0]
    assert text == ("Write to [email removed] or foi@southampton.gov.uk, or call [phone removed].")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("j.bloggs@kent.gov.uk", "[email removed]"),
        ("FreedomOfInformation@kent.gov.uk", "FreedomOfInformation@kent.gov.uk"),
        ("dpo@leeds.gov.uk", "dpo@leeds.gov.uk"),
        ("Tel: 01234 567890", "Tel: [phone removed]"),
        ("+44 (0)20 7525 5000", "[phone removed]"),
        ("07700 900123", "[phone removed]"),
        ("902 hours on 03/08/2020, ref FOI 740706", "902 hours on 03/08/2020, ref FOI 740706"),
    ],
)
def test_redact_text(raw, clean):
    assert exp.redact_text(raw) == clean


def test_cli_export(tmp_path):
    db = tmp_path / "world.duckdb"
    build(str(db)).close()
    out = tmp_path / "x"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("exported")
    assert exp.read_table(out, "responses").height == 10
