"""The record every text extractor returns, and the error it raises.

An extractor is a function ``extract(data: bytes, *, filename: str | None) -> Extraction``
living in its own module (``text/pdf.py``, ``text/docx.py`` ...). It never touches the
database: it turns bytes into plain text, tables (rows of cells) and child documents
(an email's attachments, a zip's members).

>>> from foicompare.text.base import Extraction, Table
>>> ex = Extraction(text="Ref: FOI 1", extractor="txt", extractor_version="1")
>>> ex.tables
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A document could not be turned into text (corrupt, encrypted, unsupported, too big).

    ``reason`` is a short human sentence, e.g. ``"PDF is encrypted and needs a password"``.
    """

    def __init__(self, reason: str, *, format: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.format = format


@dataclass(slots=True)
class Table:
    """A table as rows of cells (strings; empty cells are ``""``).

    ``page`` is the 1-based PDF page, ``name`` the sheet name for spreadsheets,
    ``start``/``end`` the character span of the table's flattened form inside
    :attr:`Extraction.text` (so a parser can cite evidence in either form).
    """

    rows: list[list[str]]
    page: int | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Child:
    """A document found inside another one: an email attachment or a zip member."""

    data: bytes
    filename: str
    media_type: str | None = None


@dataclass(slots=True)
class Extraction:
    """What an extractor produces for one document."""

    text: str
    extractor: str
    extractor_version: str
    tables: list[Table] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    page_count: int | None = None
    #: metadata the format itself carries (email From/To/Subject/Date, PDF title ...)
    meta: dict[str, str] = field(default_factory=dict)
