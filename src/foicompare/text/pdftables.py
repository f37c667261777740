"""Find simple tables on a PDF page from the text rectangles PDFium already computed.

PDFium groups characters into rectangles (one per run of text drawn together). A table shows
up as consecutive lines that each split into two or more pieces separated by a wide gap, with
the pieces of every line falling into the same column bands. The rows are then read from
the page text, each word going to the column under its first character. Cost: one
``count_rects`` per page; pages with more rectangles than text lines add a ``get_rect`` per
rectangle; each table adds one ``get_index`` and a character box per word.

Limits: ruled tables whose cells wrap onto several lines are cut where a line has a single
piece; a two-column page layout can look like a two-column table.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from foicompare import linre
from foicompare.text._common import collapse_spaces

_WORD = linre.compile(r"[^\s]+")
#: pages with more text rectangles than this are skipped (maps, drawings, char-per-run PDFs)
MAX_RECTS = 4000
#: a horizontal gap wider than this many line-heights separates two cells
GAP_IN_LINE_HEIGHTS = 1.2
#: rows further apart than this many line-heights belong to different tables
ROW_GAP_IN_LINE_HEIGHTS = 2.5

Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points)


def find_tables(textpage: pdfium.PdfTextPage, raw_text: str) -> list[list[list[str]]]:
    """Tables on the page as rows of cell strings (top to bottom, left to right).

    ``raw_text`` is the page's ``get_text_range()`` exactly as returned (one string
    character per PDFium character index), used to read cells without more PDFium calls.
    """
    count = textpage.count_rects()
    # every text line has at least one rectangle, so no line has two unless there are more
    # rectangles than lines: prose pages stop here after one call
    if count < 4 or count > MAX_RECTS or count <= raw_text.count("\n") + 1:
        return []
    lines = _lines([textpage.get_rect(i) for i in range(count)])
    tables = []
    for run in _runs(lines):
        columns = _columns(run)
        if columns is not None:
            tables.append(_read_cells(textpage, raw_text, run, columns))
    return tables


def _read_cells(
    textpage: pdfium.PdfTextPage,
    raw_text: str,
    run: list[list[Rect]],
    columns: list[tuple[float, float]],
) -> list[list[str]]:
    """Cell texts of a run of table lines.

    One ``get_index`` finds the first row's line in the page text; each following row is the
    next line there (checked by its height on the page). A row's words go to the column band
    holding the word's first character, so the cost is one character box per word. Rows that
    do not line up that way are read with ``get_text_bounded`` per cell instead.
    """
    boxes = _CharBoxes(textpage)
    first = run[0][0]
    height = first[3] - first[1]
    index = textpage.get_index(
        first[0] + min(height, first[2] - first[0]) / 4, (first[1] + first[3]) / 2, 1.0, height / 4
    )
    line_start = raw_text.rfind("\n", 0, index) + 1 if index is not None and index >= 0 else -1
    rows = []
    for segments in run:
        row = None
        if line_start >= 0:
            line_end = raw_text.find("\n", line_start)
            line_end = len(raw_text) if line_end < 0 else line_end
            row = _split_line(boxes, raw_text, line_start, line_end, segments, columns)
            line_start = line_end + 1 if row is not None else -1
        rows.append(row if row is not None else _bounded_row(textpage, segments, columns))
    return rows


class _CharBoxes:
    """Character boxes through PDFium's C API with reused output buffers."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._raw = textpage.raw
        self._out = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        self._refs = [ctypes.byref(value) for value in self._out]

    def box(self, index: int) -> Rect | None:
        if not pdfium_c.FPDFText_GetCharBox(self._raw, index, *self._refs):
            return None
        left, right, bottom, top = (value.value for value in self._out)
        return left, bottom, right, top


def _split_line(
    boxes: _CharBoxes,
    raw_text: str,
    start: int,
    end: int,
    segments: list[Rect],
    columns: list[tuple[float, float]],
) -> list[str] | None:
    """Split one line of page text into cells, or None if it is not this table row."""
    bottom = min(seg[1] for seg in segments)
    top = max(seg[3] for seg in segments)
    cells: list[list[str]] = [[] for _ in columns]
    for match in _WORD.finditer(raw_text, start, end):
        box = boxes.box(match.start())
        if box is None or not bottom <= (box[1] + box[3]) / 2 <= top:
            return None
        cells[_band_at(box[0], columns)].append(match.group())
    row = [" ".join(words) for words in cells]
    expected = {_column_of(seg, columns) for seg in segments}
    if {i for i, cell in enumerate(row) if cell} != expected:
        return None
    return row


def _bounded_row(
    textpage: pdfium.PdfTextPage, segments: list[Rect], columns: list[tuple[float, float]]
) -> list[str]:
    row = [""] * len(columns)
    for seg in segments:
        text = textpage.get_text_bounded(seg[0] - 0.5, seg[1] - 0.5, seg[2] + 0.5, seg[3] + 0.5)
        row[_column_of(seg, columns)] = collapse_spaces(text.replace("\r", " ").replace("\n", " "))
    return row


def _band_at(x: float, columns: list[tuple[float, float]]) -> int:
    """The column band containing x, else the last band starting left of it."""
    chosen = 0
    for index, (left, _right) in enumerate(columns):
        if x >= left - 1.0:
            chosen = index
    return chosen


def _lines(rects: list[Rect]) -> list[list[Rect]]:
    """Group rectangles into lines by vertical centre, top of page first; merge close pieces."""
    rects = sorted(rects, key=lambda r: (-(r[1] + r[3]) / 2, r[0]))
    lines: list[list[Rect]] = []
    current: list[Rect] = []
    mid = 0.0
    for rect in rects:
        height = max(rect[3] - rect[1], 0.1)
        rect_mid = (rect[1] + rect[3]) / 2
        if current and abs(rect_mid - mid) <= 0.5 * height:
            current.append(rect)
        else:
            if current:
                lines.append(_merge(current))
            current, mid = [rect], rect_mid
    if current:
        lines.append(_merge(current))
    return lines


def _merge(line: list[Rect]) -> list[Rect]:
    """Join pieces of one line separated by less than a cell gap into segments."""
    line.sort(key=lambda r: r[0])
    height = max(r[3] - r[1] for r in line)
    segments = [line[0]]
    for rect in line[1:]:
        left, bottom, right, top = segments[-1]
        if rect[0] - right < GAP_IN_LINE_HEIGHTS * height:
            segments[-1] = (left, min(bottom, rect[1]), max(right, rect[2]), max(top, rect[3]))
        else:
            segments.append(rect)
    return segments


def _runs(lines: list[list[Rect]]) -> list[list[list[Rect]]]:
    """Maximal runs (2+ lines) of vertically close lines that each have 2+ segments."""
    runs: list[list[list[Rect]]] = []
    run: list[list[Rect]] = []
    for line in lines:
        if len(line) >= 2 and run and _close(run[-1], line):
            run.append(line)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [line] if len(line) >= 2 else []
    if len(run) >= 2:
        runs.append(run)
    return runs


def _close(upper: list[Rect], lower: list[Rect]) -> bool:
    height = max(r[3] - r[1] for r in upper + lower)
    gap = min(r[1] for r in upper) - max(r[3] for r in lower)
    return gap < ROW_GAP_IN_LINE_HEIGHTS * height


def _columns(run: list[list[Rect]]) -> list[tuple[float, float]] | None:
    """Column bands: the union of overlapping segment x-ranges; None unless every line puts
    at most one segment in each band and there are at least two bands."""
    spans = sorted((seg[0], seg[2]) for line in run for seg in line)
    bands: list[tuple[float, float]] = [spans[0]]
    for left, right in spans[1:]:
        if left <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], right))
        else:
            bands.append((left, right))
    if len(bands) < 2:
        return None
    for line in run:
        used = [_column_of(seg, bands) for seg in line]
        if len(set(used)) != len(used):
            return None
    return bands


def _column_of(seg: Rect, bands: list[tuple[float, float]]) -> int:
    for index, (left, right) in enumerate(bands):
        if left <= seg[0] <= right:
            return index
    return len(bands) - 1  # pragma: no cover - every segment lies in a band by construction
