"""XLSX → one :class:`Table` per worksheet with openpyxl (read-only, cached values).

Text: per sheet a ``# <sheet name>`` line, then each non-empty row with cells joined by
``" | "``; sheets separated by a blank line. Numbers print without a spurious ``.0``;
dates as ISO. Formulas give their last saved value (``data_only``).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings

import openpyxl

from foicompare.text._common import TextBuilder, clean_cell, library_version
from foicompare.text.base import Extraction, ExtractionError, Table
from foicompare.text.zipguard import open_zip

VERSION = 1
#: refuse workbooks with more cells than this rather than spend minutes on them
MAX_CELLS = 5_000_000
#: stop reading a sheet after this many consecutive empty rows (formatting-only tails)
MAX_EMPTY_RUN = 1000


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Every worksheet as a table and as text; chart sheets are skipped."""
    open_zip(data, format="xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError/ValueError/zip errors for bad files
        raise ExtractionError(
            f"XLSX could not be read ({type(exc).__name__}: {exc})", format="xlsx"
        ) from None
    try:
        sheets = [(ws.title, _rows(ws)) for ws in workbook.worksheets]
    except ExtractionError:
        raise
    except Exception as exc:
        raise ExtractionError(
            f"XLSX sheet could not be read ({type(exc).__name__}: {exc})", format="xlsx"
        ) from None
    finally:
        workbook.close()
    return build(sheets, extractor="openpyxl", version=library_version("openpyxl", VERSION))


def build(
    sheets: list[tuple[str | None, list[list[str]]]], *, extractor: str, version: str
) -> Extraction:
    """Text and tables from named sheets of rows (shared with the CSV extractor)."""
    builder = TextBuilder()
    tables: list[Table] = []
    for name, rows in sheets:
        builder.blank()
        if name is not None:
            builder.line(f"# {name}")
        if rows:
            start, end = builder.table(rows)
            tables.append(Table(rows=rows, name=name, start=start, end=end))
    return Extraction(
        text=builder.text(), extractor=extractor, extractor_version=version, tables=tables
    )


def _rows(ws) -> list[list[str]]:  # noqa: ANN001 - openpyxl read-only worksheet
    rows: list[list[str]] = []
    cells = empty_run = 0
    for values in ws.iter_rows(values_only=True):
        row = [cell_text(v) for v in values]
        while row and not row[-1]:
            row.pop()
        cells += len(values)
        if cells > MAX_CELLS:
            raise ExtractionError(
                f"XLSX has more than {MAX_CELLS} cells, over the limit", format="xlsx"
            )
        if not row:
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        rows.append(row)
    return rows


def cell_text(value: object) -> str:
    """A cell value as text: ``None`` → ``""``, ``4.0`` → ``"4"``, dates ISO.

    >>> [cell_text(v) for v in (None, 4.0, 2.5, dt.datetime(2020, 8, 3), " a\\nb ")]
    ['', '4', '2.5', '2020-08-03', 'a b']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return clean_cell(str(value))
