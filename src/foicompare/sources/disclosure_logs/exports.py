"""Spreadsheet and CSV exports of a disclosure log → one row of log fields per request.

Column names differ from council to council ("Reference number", "Date received",
"Date of response", "Outcome", "Exemptions applied", "Details of Request" ...);
:func:`read_export` matches them by synonym and returns rows keyed by the log field
names used everywhere else (``reference, title, received, published, outcome_label,
exemptions_text, request_text, response_text``, plus ``url`` when a column links to the
response).

>>> csv = b"Reference,Received,Response date,Outcome,Exemptions,Request,Response\\n"
>>> csv += b"FOI-1,01/02/2024,20/02/2024,Part disclosed,s40(2),How many?,Five or fewer.\\n"
>>> rows = read_export(csv, "log.csv")
>>> rows[0]["reference"], rows[0]["outcome_label"], rows[0]["published"]
('FOI-1', 'Part disclosed', '20/02/2024')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from foicompare import linre

__all__ = [
    "COLUMN_SYNONYMS",
    "ExportError",
    "map_columns",
    "read_export",
    "read_html_table",
    "row_document",
]

#: log field → column headings that hold it (compared lower-case, punctuation dropped).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": (
        "reference",
        "ref",
        "reference number",
        "reference no",
        "ref no",
        "foi reference",
        "foi ref",
        "request reference",
        "request id",
        "case id",
        "case reference",
        "caseid",
        "id",
        "foi number",
        "request number",
    ),
    "title": ("title", "subject", "request title", "summary", "short description", "label"),
    "received": (
        "received",
        "date received",
        "received date",
        "request date",
        "date of request",
        "date requested",
        "requestdate",
        "date of receipt",
        "receipt date",
    ),
    "published": (
        "response date",
        "date of response",
        "date responded",
        "responded",
        "date response sent",
        "published",
        "publication date",
        "date published",
        "date closed",
        "closed",
        "completed",
        "date completed",
        "response sent",
    ),
    "outcome_label": ("outcome", "outcome code", "decision", "result", "status", "response type"),
    "exemptions_text": (
        "exemptions",
        "exemption",
        "exemptions applied",
        "exemptions used",
        "exceptions",
        "exemptions exceptions",
        "exemptions/exceptions",
        "exemption applied",
    ),
    "request_text": (
        "request",
        "details of request",
        "request details",
        "request text",
        "question",
        "questions",
        "description",
        "details",
        "information requested",
    ),
    "response_text": (
        "response",
        "response text",
        "answer",
        "response details",
        "our response",
        "reply",
    ),
    "url": (
        "url",
        "link",
        "response link",
        "document",
        "response document",
        "web link",
        "response files",
        "response file",
        "files",
        "documents",
    ),
}


class ExportError(ValueError):
    """An export that cannot be read (``source`` names the file or URL)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def _key(heading: str) -> str:
    return (
        linre.compile(r"\s+")
        .sub(" ", linre.compile(r"[^a-z0-9/ ]+").sub(" ", heading.lower()))
        .strip()
    )


def map_columns(headings: Sequence[str]) -> dict[str, int]:
    """Log field → column index, for the headings that are recognised.

    An exact synonym wins over a heading that merely starts with one
    ("Outcome" over "Outcome of internal review").

    >>> map_columns(["Ref No.", "Date Received", "Details of Request", "Status"])
    {'reference': 0, 'received': 1, 'outcome_label': 3, 'request_text': 2}
    """
    keys = [_key(h) for h in headings]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for name, synonyms in COLUMN_SYNONYMS.items():
            if name in found:
                continue
            for i, key in enumerate(keys):
                if i in taken:
                    continue
                hit = key in synonyms if exact else any(key.startswith(s + " ") for s in synonyms)
                if hit:
                    found[name] = i
                    taken.add(i)
                    break
    return dict(sorted(found.items(), key=lambda kv: list(COLUMN_SYNONYMS).index(kv[0])))


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    head = text[:8192].splitlines()[:15]
    # the delimiter that splits the top lines most (a title row defeats csv.Sniffer)
    delimiter = max(",;\t|", key=lambda d: max((line.count(d) for line in head), default=0))
    return [
        row
        for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        if any(c.strip() for c in row)
    ]


def _xlsx_rows(data: bytes, source: str) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ExportError(
            source, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})"
        ) from exc
    try:
        best: list[list[str]] = []
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells = [
                    ""
                    if v is None
                    else (
                        v.date().isoformat()
                        if hasattr(v, "date") and hasattr(v, "hour")
                        else str(v)
                    )
                    for v in row
                ]
                if any(c.strip() for c in cells):
                    rows.append(cells)
            if len(rows) > len(best):
                best = rows
        return best
    finally:
        book.close()


def _header_row(rows: list[list[str]]) -> int:
    """Index of the heading row: the first of the top rows recognising the most fields."""
    best, best_n = 0, -1
    for i, row in enumerate(rows[:15]):
        n = len(map_columns(row))
        if n > best_n:
            best, best_n = i, n
    return best


def read_export(data: bytes, source: str) -> list[dict[str, str | None]]:
    """Rows of a CSV/TSV/XLSX export as log-field dicts (values as printed, ``None`` if blank).

    ``source`` (file name or URL) picks the format by suffix, falling back to sniffing the
    bytes (an XLSX file is a zip). Raises :class:`ExportError` when no Reference or Request
    column can be found.
    """
    is_zip = data[:4] == b"PK\x03\x04"
    if is_zip or linre.compile(r"\.(xlsx|xlsm)(?:$|[?#])", re.IGNORECASE).search(source):
        rows = _xlsx_rows(data, source)
    else:
        rows = _csv_rows(data)
    if not rows:
        raise ExportError(source, "the export has no rows")
    head = _header_row(rows)
    columns = map_columns(rows[head])
    if "reference" not in columns and "request_text" not in columns:
        raise ExportError(
            source, f"no Reference or Request column among the headings {rows[head]!r}"
        )
    out = []
    for row in rows[head + 1 :]:
        record: dict[str, str | None] = {}
        for name, index in columns.items():
            value = row[index].strip() if index < len(row) else ""
            record[name] = value or None
        if any(record.values()):
            out.append(record)
    return out


def read_html_table(data: bytes | str, url: str) -> list[dict[str, str | None]]:
    """Rows of the log table on an HTML results page, as log-field dicts (like
    :func:`read_export`). The table is the one whose heading row recognises the most fields;
    a cell of the ``url`` column gives its first link (absolute), not its text.

    >>> page = (b"<table><tr><th>Id</th><th>Subject</th><th>Response Date</th><th>Questions</th>"
    ...         b"<th>Response Files</th></tr><tr><td>10585</td><td>Reablement care</td>"
    ...         b"<td>26/04/2018</td><td>1. What was the volume?</td>"
    ...         b"<td><a href='/files/10585.pdf'>Response</a></td></tr></table>")
    >>> row = read_html_table(page, "https://log.example/search.aspx")[0]
    >>> row["reference"], row["title"], row["published"], row["url"]
    ('10585', 'Reablement care', '26/04/2018', 'https://log.example/files/10585.pdf')
    """
    from urllib.parse import urljoin

    from selectolax.lexbor import LexborHTMLParser

    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    tree = LexborHTMLParser(data)
    best: tuple[int, dict[str, int], list] | None = None
    for table in tree.css("table"):
        rows = [r for r in table.css("tr") if r.css_first("td, th") is not None]
        if len(rows) < 2:
            continue
        headings = [_cell_text(c) for c in rows[0].css("th, td")]
        columns = map_columns(headings)
        if "reference" not in columns and "request_text" not in columns:
            continue
        if best is None or len(columns) > len(best[1]):
            best = (len(columns), columns, rows[1:])
    if best is None:
        raise ExportError(url, "no table with a Reference or Request column on this page")
    _, columns, rows = best
    out: list[dict[str, str | None]] = []
    for row in rows:
        cells = row.css("td, th")
        record: dict[str, str | None] = {}
        for name, index in columns.items():
            value = ""
            if index < len(cells):
                if name == "url":
                    link = cells[index].css_first("a[href]")
                    href = (link.attributes.get("href") or "").strip() if link else ""
                    value = urljoin(url, href) if href else ""
                else:
                    value = _cell_text(cells[index])
            record[name] = value or None
        if any(record.values()):
            out.append(record)
    return out


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]  # a selectolax node
    lines = [" ".join(line.split()) for line in cell.text(separator="\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def row_document(fields: dict[str, str | None]) -> bytes:
    """A plain-text document for one export row, so the row's response text is parsed too.

    >>> print(row_document({"reference": "FOI-1", "request_text": "How many?", "response_text": "Five."}).decode())
    Reference: FOI-1
    <BLANKLINE>
    Request:
    How many?
    <BLANKLINE>
    Response:
    Five.
    <BLANKLINE>
    """
    heads = [
        ("reference", "Reference"),
        ("title", "Title"),
        ("received", "Received"),
        ("published", "Response date"),
        ("outcome_label", "Outcome"),
        ("exemptions_text", "Exemptions"),
    ]
    lines = [f"{label}: {fields[k]}" for k, label in heads if fields.get(k)]
    for key, label in (("request_text", "Request"), ("response_text", "Response")):
        if fields.get(key):
            lines += ["", f"{label}:", str(fields[key])]
    return ("\n".join(lines) + "\n").encode("utf-8")
