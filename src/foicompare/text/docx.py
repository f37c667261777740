"""DOCX → text and tables with python-docx, paragraphs and tables in document order.

Headings (styles "Title", "Heading 1" … "Heading 6") are marked Markdown-style (``# ``,
``## ``); each table is flattened into the text one row per line with cells joined by
``" | "`` and also returned as a :class:`Table` whose ``start``/``end`` span that text.
Headers, footers, comments and footnotes are left out (letterheads, not the response).
Word's automatic list numbers are rendered in front of their paragraphs ("1. ", "a) ",
"(ii) ", bullets "• "), in body paragraphs and table cells alike (see
:mod:`foicompare.text.docx_numbering`), so questions numbered by Word keep their numbers.

Text is never cut short: an entity reference declared in the part's own DTD (Word never
writes one, but other tools and hostile files do) is replaced by its plain-text value; one
that cannot be resolved safely (external, nested, or expanding beyond
:data:`MAX_ENTITY_TEXT` characters) makes the file an error rather than a truncated text.
Comments and processing instructions inside a text run are dropped, the text around them
kept.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from lxml import etree

from foicompare import linre
from foicompare.text._common import TextBuilder, clean_cell, library_version
from foicompare.text.base import Extraction, ExtractionError, Table
from foicompare.text.docx_numbering import ListNumbering
from foicompare.text.zipguard import open_zip

VERSION = 2  # 2: automatic list numbering rendered

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _R = qn("w:tr"), qn("w:tc"), qn("w:r")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_HEADING = linre.compile(r"(?i)^heading\s*([1-9])$")
#: most characters entity references may add to one document
MAX_ENTITY_TEXT = 1_000_000


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Paragraphs and tables of the main document body, in order.

    Raises :class:`ExtractionError` for a corrupt/truncated file or a zip bomb.
    """
    open_zip(data, format="docx")  # size/ratio limits before python-docx decompresses
    try:
        document = docx.Document(io.BytesIO(data))
        styles = {style.style_id: style.name or "" for style in document.styles}
        body = document.element.body
        numbering = ListNumbering.from_document(document)
        _inline_entities(body)
    except ExtractionError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types for broken packages
        raise ExtractionError(
            f"DOCX could not be read ({type(exc).__name__}: {exc})", format="docx"
        ) from None

    builder = TextBuilder()
    tables: list[Table] = []
    for element in _blocks(body):
        if element.tag == _P:
            text = _labelled(element, numbering)
            level = _heading_level(element, styles)
            if level and text.strip():
                builder.line("#" * level + " " + text.strip())
            elif text.strip():
                builder.line(text.rstrip())
            else:
                builder.blank()
        else:
            rows = _table_rows(element, numbering)
            if rows:
                start, end = builder.table(rows)
                tables.append(Table(rows=rows, start=start, end=end))
    return Extraction(
        text=builder.text(),
        extractor="python-docx",
        extractor_version=library_version("python-docx", VERSION),
        tables=tables,
        meta=_metadata(document),
    )


def _blocks(body):  # noqa: ANN001, ANN202 - lxml elements
    """Paragraph and table elements of the body in order, looking inside content controls."""
    stack = [iter(body)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if tag in (_P, _TBL):
            yield element
        elif tag == _SDT:
            content = element.find(_SDT_CONTENT)
            if content is not None:
                stack.append(iter(content))


def _inline_entities(root) -> None:  # noqa: ANN001 - lxml element
    """Replace every entity reference under ``root`` by its value from the internal DTD.

    Raises :class:`ExtractionError` for a reference that cannot be resolved safely, so a
    paragraph is never silently cut at it.
    """
    refs = list(root.iter(etree.Entity))
    if not refs:
        return
    dtd = root.getroottree().docinfo.internalDTD
    values = {e.name: e.content for e in dtd.iterentities()} if dtd is not None else {}
    total = 0
    for ref in refs:
        value = values.get(ref.name)
        if value is None or "&" in value or "<" in value:
            raise ExtractionError(
                f"DOCX text uses the entity &{ref.name}; which cannot be resolved safely"
                " (external, undeclared or nested); not extracted rather than cut short",
                format="docx",
            )
        total += len(value)
        if total > MAX_ENTITY_TEXT:
            raise ExtractionError(
                f"DOCX entity references expand beyond {MAX_ENTITY_TEXT} characters"
                " (an entity bomb?); not extracted",
                format="docx",
            )
        parent, before = ref.getparent(), ref.getprevious()
        text = value + (ref.tail or "")
        if before is not None:
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(ref)


def _paragraph_text(p) -> str:  # noqa: ANN001 - lxml element
    """Visible text of a paragraph: runs' text, tabs and line breaks (deleted text excluded)."""
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
            for child in el:  # comments or stray markup inside a run: keep the text around
                if isinstance(child.tag, str):
                    parts.append("".join(child.itertext()))
                parts.append(child.tail or "")
        elif el.getparent().tag == _R:  # w:tab also defines tab stops inside w:pPr
            parts.append("\t" if tag == _TAB else "\n")
    return "".join(parts)


def _labelled(p, numbering: ListNumbering | None) -> str:  # noqa: ANN001 - lxml element
    """Paragraph text with Word's list label in front ("1. Please provide ...")."""
    text = _paragraph_text(p)
    label = numbering.label(p) if numbering is not None else ""
    if not label:
        return text
    rest = text.lstrip(" \t")
    return f"{label} {rest}" if rest.strip() else label


def _heading_level(p, styles: dict[str, str]) -> int:  # noqa: ANN001
    style_id = p.style
    if not style_id:
        return 0
    name = styles.get(style_id, style_id)
    if name.lower() == "title":
        return 1
    match = _HEADING.match(name) or _HEADING.match(style_id)
    return int(match.group(1)) if match else 0


def _table_rows(tbl, numbering: ListNumbering | None = None) -> list[list[str]]:  # noqa: ANN001
    """Rows of cell texts; a cell's paragraphs (and any nested table) joined by spaces."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        cells = [
            clean_cell(" ".join(_labelled(p, numbering) for p in tc.iter(_P)))
            for tc in tr.iterchildren(_TC)
        ]
        rows.append(cells)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _metadata(document) -> dict[str, str]:  # noqa: ANN001
    props = document.core_properties
    meta = {"title": props.title or "", "author": props.author or ""}
    if props.created is not None:
        meta["created"] = props.created.isoformat()
    return {key: value for key, value in meta.items() if value}
