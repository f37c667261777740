"""Media type of a document from its bytes; the filename only breaks ties between text types.

>>> sniff(b"%PDF-1.7\\n...", "letter.txt")
'application/pdf'
>>> sniff(b"Ref,Answer\\n1,Yes\\n", "answers.csv")
'text/csv'
>>> sniff(b"Dear Sir,\\nThank you.", None)
'text/plain'
"""

from __future__ import annotations

import io
import re
import zipfile

import filetype

from foicompare.text.decode import bom_encoding, looks_binary, utf16_without_bom

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
MSG = "application/vnd.ms-outlook"
OLE = "application/x-ole-storage"
HTML = "text/html"
EML = "message/rfc822"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TXT = "text/plain"
MD = "text/markdown"
RTF = "application/rtf"
EMPTY = "application/x-empty"
BINARY = "application/octet-stream"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# stream names inside an OLE2 compound file (stored UTF-16LE in its directory)
_OLE_STREAMS = (
    ("__substg1.0_".encode("utf-16-le"), MSG),
    ("WordDocument".encode("utf-16-le"), DOC),
    ("Workbook".encode("utf-16-le"), XLS),
    ("PowerPoint Document".encode("utf-16-le"), PPT),
    ("Book".encode("utf-16-le"), XLS),
)
_OLE_EXT = {"doc": DOC, "dot": DOC, "xls": XLS, "xlt": XLS, "msg": MSG, "ppt": PPT}
_TEXT_EXT = {
    "csv": CSV,
    "tsv": TSV,
    "tab": TSV,
    "md": MD,
    "markdown": MD,
    "htm": HTML,
    "html": HTML,
    "xhtml": HTML,
    "eml": EML,
}
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p[\s>]|table|h[1-6]|style|script|link)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<body[\s>]|<!doctype\s+html", re.IGNORECASE)
_HEADER = re.compile(rb"([A-Za-z][A-Za-z0-9-]*):[ \t]")
_TRANSPORT = {
    b"received",
    b"message-id",
    b"mime-version",
    b"return-path",
    b"delivered-to",
    b"content-type",
    b"x-mailer",
    b"x-originating-ip",
    b"thread-index",
    b"in-reply-to",
}
_ADDRESSING = {b"from", b"to", b"subject", b"date", b"cc", b"reply-to", b"sender"}


def extension(filename: str | None) -> str:
    """Lower-case extension without the dot (``""`` when none).

    >>> extension("Reply.PDF")
    'pdf'
    """
    if not filename:
        return ""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(data: bytes, filename: str | None = None) -> str:
    """The media type of ``data``: magic bytes first, then text heuristics, then extension.

    The extension is consulted only for text content (``.csv`` vs ``.md`` vs ``.txt``) and to
    name an OLE2 file whose directory does not say what it holds.

    >>> sniff(b"PK\\x03\\x04" + b"\\0" * 30, "reply.zip")
    'application/zip'
    >>> sniff(b"\\x00\\x01\\x02\\x03binary", "notes.txt")
    'application/octet-stream'
    """
    if not data:
        return EMPTY
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data, filename)
    if data.startswith(b"{\\rtf"):
        return RTF
    if looks_binary(data):
        kind = filetype.guess(data[:8192])
        return kind.mime if kind is not None else BINARY
    return _sniff_text(data, extension(filename))


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names = set()
        # a truncated file has no central directory: look at the local headers' names
        head = data[:65536]
        for marker, kind in ((b"word/", DOCX), (b"xl/", XLSX), (b"ppt/", PPTX)):
            if marker in head and b"[Content_Types].xml" in head:
                return kind
        if head[30:38] == b"mimetype":
            return ODT if b"opendocument.text" in head[:200] else ZIP
        return ZIP
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    if "mimetype" in names and "content.xml" in names:
        if b"opendocument.text" in data[30:150]:
            return ODT
        if b"opendocument.spreadsheet" in data[30:150]:
            return ODS
    return ZIP


def _sniff_ole(data: bytes, filename: str | None) -> str:
    for marker, kind in _OLE_STREAMS:
        if marker in data:
            return kind
    return _OLE_EXT.get(extension(filename), OLE)


def _sniff_text(data: bytes, ext: str) -> str:
    sample = data[:4096]
    encoding = bom_encoding(sample) or utf16_without_bom(sample)
    if encoding:
        sample = sample.decode(encoding, "ignore").lstrip("\ufeff").encode("utf-8")
    if _HTML_START.match(sample):
        return HTML
    if _looks_like_email(sample, strict=ext != "eml"):
        return EML
    if _HTML_ANYWHERE.search(sample[:2048]):
        return HTML
    return _TEXT_EXT.get(ext, TXT)


def _looks_like_email(sample: bytes, *, strict: bool) -> bool:
    """RFC 822 header block at the start: only header lines (and folded continuations)
    up to the first blank line, with transport headers unless the file is named ``.eml``."""
    lines = sample.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[0].startswith(b"From ") and b":" not in lines[0][:5]:
        lines = lines[1:]  # mbox separator line
    names: list[bytes] = []
    for line in lines[:-1]:  # the last line may be cut by the sample
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue
        match = _HEADER.match(line)
        if not match:
            return False
        names.append(match.group(1).lower())
    found = set(names)
    if not strict:
        return bool(found & (_ADDRESSING | _TRANSPORT))
    transport = found & _TRANSPORT or any(n.startswith(b"x-") for n in found)
    return bool(transport) and len(found & _ADDRESSING) >= 1 and len(found) >= 2
