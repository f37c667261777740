"""CSV/TSV → one :class:`Table` with the stdlib csv module (sniffed dialect, detected charset).

Text: each non-empty row with cells joined by ``" | "``, like a spreadsheet sheet.

>>> ex = extract(b"Regulation;Uses\\n23;4\\n")
>>> ex.tables[0].rows
[['Regulation', 'Uses'], ['23', '4']]
"""

from __future__ import annotations

import csv
import io

from foicompare.text._common import clean_cell, library_version
from foicompare.text.base import Extraction, ExtractionError
from foicompare.text.decode import decode_text
from foicompare.text.xlsx import build

VERSION = 1
_DELIMITERS = ",;\t|"


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Decode, sniff the delimiter from the first lines, read every row."""
    try:
        text, encoding = decode_text(data)
    except ExtractionError as exc:
        raise ExtractionError(exc.reason, format="csv") from None
    dialect = _dialect(text[:16384], filename)
    try:
        rows = []
        for record in csv.reader(io.StringIO(text, newline=""), dialect):
            row = [clean_cell(cell) for cell in record]
            while row and not row[-1]:
                row.pop()
            if row:
                rows.append(row)
    except csv.Error as exc:
        raise ExtractionError(f"CSV could not be parsed ({exc})", format="csv") from None
    ex = build([(None, rows)], extractor="csv", version=library_version(None, VERSION))
    ex.meta["encoding"] = encoding
    return ex


def _dialect(sample: str, filename: str | None) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        if filename and filename.lower().endswith((".tsv", ".tab")):
            return csv.excel_tab
        return csv.excel
