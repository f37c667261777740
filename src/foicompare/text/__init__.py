"""bytes → text and tables, one module per format.

:func:`sniff` names the media type from the bytes (the extension only separates text types);
:func:`extract` dispatches to ``pdf``, ``docx``, ``xlsx``, ``delimited`` (CSV/TSV), ``html``,
``email``, ``archive`` (ZIP) or ``plain`` and always returns an :class:`Extraction` or raises
:class:`ExtractionError` with a human reason — never another exception for bad input.

>>> ex = extract(b"Ref: FOI 123\\r\\nDear Sir", filename="reply.txt")
>>> ex.text, ex.extractor
('Ref: FOI 123\\nDear Sir', 'charset-normalizer')
>>> sniff(b"%PDF-1.4 ...", "reply.txt")
'application/pdf'
"""

from __future__ import annotations

from collections.abc import Callable

from foicompare.text import archive, delimited, docx, email, html, pdf, plain, xlsx
from foicompare.text import mediatypes as _mt
from foicompare.text._common import MAX_INPUT_BYTES
from foicompare.text.base import Child, Extraction, ExtractionError, Table
from foicompare.text.mediatypes import extension, sniff

__all__ = ["Child", "Extraction", "ExtractionError", "Table", "extract", "sniff"]

Extractor = Callable[..., Extraction]

#: media type → (extractor, short format name used in errors)
EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    _mt.PDF: (pdf.extract, "pdf"),
    _mt.DOCX: (docx.extract, "docx"),
    "application/vnd.ms-word.document.macroenabled.12": (docx.extract, "docx"),
    _mt.XLSX: (xlsx.extract, "xlsx"),
    "application/vnd.ms-excel.sheet.macroenabled.12": (xlsx.extract, "xlsx"),
    _mt.CSV: (delimited.extract, "csv"),
    _mt.TSV: (delimited.extract, "csv"),
    _mt.HTML: (html.extract, "html"),
    "application/xhtml+xml": (html.extract, "html"),
    _mt.EML: (email.extract, "email"),
    _mt.ZIP: (archive.extract, "zip"),
    "application/x-zip-compressed": (archive.extract, "zip"),
    _mt.TXT: (plain.extract, "text"),
    _mt.MD: (plain.extract, "text"),
}

#: media types servers send when they do not know; the bytes are sniffed instead
_GENERIC = frozenset(
    (
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/download",
        "application/force-download",
        "application/x-download",
        "application/unknown",
    )
)

#: formats we recognise but do not read, with the reason given to the user
UNSUPPORTED: dict[str, str] = {
    _mt.DOC: "unsupported format: legacy Word .doc",
    _mt.XLS: "unsupported format: legacy Excel .xls",
    _mt.MSG: "unsupported format: Outlook .msg",
    _mt.PPT: "unsupported format: legacy PowerPoint .ppt",
    _mt.OLE: "unsupported format: legacy Microsoft Office (OLE2) file",
    _mt.PPTX: "unsupported format: PowerPoint .pptx",
    _mt.ODT: "unsupported format: OpenDocument text .odt",
    _mt.ODS: "unsupported format: OpenDocument spreadsheet .ods",
    _mt.RTF: "unsupported format: RTF",
}


def extract(
    data: bytes, *, filename: str | None = None, media_type: str | None = None
) -> Extraction:
    """Text, tables and child documents of ``data``.

    ``media_type`` (e.g. what a server claimed) selects the extractor; when it is missing the
    bytes are sniffed. Raises :class:`ExtractionError` for empty, corrupt, encrypted,
    unsupported or over-limit input.

    >>> extract(b"")
    Traceback (most recent call last):
    ...
    foicompare.text.base.ExtractionError: empty file
    """
    if not data:
        raise ExtractionError("empty file")
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractionError(
            f"file is {len(data) // (1024 * 1024)} MB, over the limit of "
            f"{MAX_INPUT_BYTES // (1024 * 1024)} MB"
        )
    kind = (media_type or "").split(";", 1)[0].strip().lower()
    if kind in _GENERIC:
        kind = sniff(data, filename)
    handler = EXTRACTORS.get(kind)
    if handler is None and kind.startswith("text/"):
        handler = (plain.extract, "text")
    if handler is None:
        raise ExtractionError(_unsupported_reason(kind, filename), format=kind)
    function, format_name = handler
    try:
        return function(data, filename=filename)
    except ExtractionError as exc:
        if exc.format is None:
            exc.format = format_name
        raise
    except (MemoryError, RecursionError) as exc:
        raise ExtractionError(
            f"{format_name} too large or too deeply nested to read ({type(exc).__name__})",
            format=format_name,
        ) from None
    except Exception as exc:  # a library failed on input we could not foresee: report, don't crash
        raise ExtractionError(
            f"{format_name} could not be read ({type(exc).__name__}: {exc})", format=format_name
        ) from None


def _unsupported_reason(kind: str, filename: str | None) -> str:
    if kind in UNSUPPORTED:
        return UNSUPPORTED[kind]
    if kind == _mt.BINARY and extension(filename) in ("txt", "md", "csv", "text", "log"):
        return "binary data, not text"
    if kind.startswith("image/"):
        return f"unsupported format: image ({kind}); no OCR"
    if kind == _mt.BINARY:
        return "unsupported format: unrecognised binary data"
    return f"unsupported format: {kind}"
