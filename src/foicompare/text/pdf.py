"""PDF → text with pypdfium2 (PDFium's text layer), one page per form feed, plus simple tables.

Tables: PDFium has no table finder, so :mod:`foicompare.text.pdftables` looks at the text
rectangles PDFium already computed and keeps runs of lines whose pieces line up in columns.
That costs a few ctypes calls per line, not a second parse of the page. A table found that
way replaces its stretch of the page text by its flattened rows (cells joined with
``" | "``, one row per line), as for DOCX and HTML, and its span points there.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from foicompare.text._common import TextBuilder, library_version
from foicompare.text.base import Extraction, ExtractionError, Table
from foicompare.text.decode import normalise_newlines
from foicompare.text.pdftables import find_tables

VERSION = 1
NO_TEXT_NOTE = "no text layer (scanned?)"
#: documents with more pages are refused rather than half-read
MAX_PAGES = 5000
_META_KEYS = {"Title": "title", "Author": "author", "Producer": "producer", "Creator": "creator"}


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Text of every page joined with ``"\\f"``; tables found from aligned text boxes.

    A PDF without any text layer gives ``text == ""`` and ``meta["note"]``; an encrypted or
    corrupt one raises :class:`ExtractionError`.
    """
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError("PDF is encrypted", format="pdf") from None
        raise ExtractionError(f"PDF is corrupt or not a PDF ({exc})", format="pdf") from None
    try:
        return _extract_document(pdf)
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"PDF page could not be read ({exc})", format="pdf") from None
    finally:
        pdf.close()


def _extract_document(pdf: pdfium.PdfDocument) -> Extraction:
    page_count = len(pdf)
    if page_count > MAX_PAGES:
        raise ExtractionError(
            f"PDF has {page_count} pages, over the limit of {MAX_PAGES}", format="pdf"
        )
    pages: list[str] = []
    tables: list[Table] = []
    offset = 0
    for index in range(page_count):
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            raw = textpage.get_text_range()
            found = find_tables(textpage, raw)
            text = normalise_newlines(raw)
        finally:
            textpage.close()
            page.close()
        position = 0
        for rows in found:
            text, table, position = _splice(text, rows, position)
            if table.start is not None and table.end is not None:
                table.start += offset
                table.end += offset
            table.page = index + 1
            tables.append(table)
        pages.append(text)
        offset += len(text) + 1  # the "\f" between pages
    meta = _metadata(pdf)
    joined = "\f".join(pages)
    if not joined.strip():
        joined = ""
        meta["note"] = NO_TEXT_NOTE
    return Extraction(
        text=joined,
        extractor="pypdfium2",
        extractor_version=library_version("pypdfium2", VERSION),
        tables=tables,
        page_count=page_count,
        meta=meta,
    )


def _splice(text: str, rows: list[list[str]], position: int) -> tuple[str, Table, int]:
    """Replace the table's stretch of page text by its flattened rows (``" | "`` per row).

    The stretch starts at the first cell found after ``position`` and must hold exactly the
    table's cells in order, separated by whitespace only; otherwise nothing is replaced, so
    no text is ever lost. Returns the new text, the table with its span (page-relative)
    when spliced, and where to search for the next table.
    """
    cells = [cell for row in rows for cell in row if cell]
    table = Table(rows=rows)
    start = text.find(cells[0], position) if cells else -1
    while start >= 0:
        end = _match_cells(text, cells, start)
        if end is not None:
            break
        start = text.find(cells[0], start + 1)
    else:
        return text, table, position
    builder = TextBuilder()
    builder.table(rows)
    flat = builder.text()
    table.start, table.end = start, start + len(flat)
    return text[:start] + flat + text[end:], table, start + len(flat)


def _match_cells(text: str, cells: list[str], start: int) -> int | None:
    """End of the cells found in order from ``start`` as whole words with only whitespace
    between them, or None."""
    if start > 0 and not text[start - 1].isspace():
        return None
    end = start
    for cell in cells:
        found = text.find(cell, end)
        if found < 0 or text[end:found].strip():
            return None
        end = found + len(cell)
        if end < len(text) and not text[end].isspace():
            return None
    return end


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    try:
        raw = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:  # pragma: no cover - metadata is optional
        return {}
    return {key: str(raw[name]).strip() for name, key in _META_KEYS.items() if raw.get(name)}
