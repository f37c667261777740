"""DOCX rendering: a python-docx package built once, with a fresh Word body per document.

The template (styles, settings, fonts, numbering) comes from python-docx's default
document, trimmed to the styles the demo uses; each document only writes
``word/document.xml`` (real ``w:tbl`` tables) and fixed core properties. Zip entries carry
the letter's date, so the same input gives the same bytes.

>>> import io, docx as pydocx
>>> from foicompare.demo.model import Doc, para, table
>>> data = render(Doc("x", "t", "s", [para("Hi"), table([["A", "B"], ["1", "2"]])], {}),
...               author="FOI Team", when="2020-08-03")
>>> d = pydocx.Document(io.BytesIO(data))
>>> d.paragraphs[0].text, [[c.text for c in r.cells] for r in d.tables[0].rows]
('Hi', [['A', 'B'], ['1', '2']])
"""

from __future__ import annotations

import functools
import io
import zipfile
from xml.sax.saxutils import escape

from foicompare.demo.model import Block, Doc

_KEEP_STYLES = {
    "Normal",
    "Heading1",
    "Heading1Char",
    "ListBullet",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "Title",
    "TitleChar",
}
_DROP_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
    'w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
)
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


@functools.cache
def _template() -> tuple[tuple[str, bytes], ...]:
    """The static parts of the package, from python-docx's default document."""
    import docx as pydocx

    document = pydocx.Document()
    styles = document.styles.element
    for child in list(styles):
        tag = child.tag.rsplit("}", 1)[-1]
        style_id = child.get(f"{{{_W}}}styleId")
        if tag == "latentStyles" or (tag == "style" and style_id not in _KEEP_STYLES):
            styles.remove(child)
    buf = io.BytesIO()
    document.save(buf)
    parts = []
    with zipfile.ZipFile(buf) as z:
        for name in z.namelist():
            if name.startswith(_DROP_PARTS) or name in ("word/document.xml", "docProps/core.xml"):
                continue
            data = z.read(name)
            if name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
                data = _drop_references(data)
            parts.append((name, data))
    return tuple(parts)


def _drop_references(xml: bytes) -> bytes:
    """Remove relationships and overrides that point at the dropped parts."""
    import re

    text = xml.decode("utf-8")
    text = re.sub(
        r"<(Relationship|Override)\b[^>]*(stylesWithEffects|thumbnail|customXml|itemProps)[^>]*/>",
        "",
        text,
    )
    return text.encode("utf-8")


def _run(text: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(text: str, *, bold: bool = False, style: str | None = None, right: bool = False) -> str:
    ppr = ""
    if style or right:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += '<w:jc w:val="right"/>' if right else ""
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{_run(text, bold)}</w:p>"


def _table(b: Block) -> str:
    n = len(b.rows[0])
    width = 9638 // n
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(n))
    rows = []
    for i, row in enumerate(b.rows):
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_p(c, bold=i == 0)}</w:tc>'
            for c in row
        )
        rows.append(f"<w:tr>{cells}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _body(doc: Doc) -> str:
    out = []
    for b in doc.blocks:
        if b.kind == "table":
            out += [_table(b), _p("")]
        elif b.kind == "lines":
            out += [_p(i, right=b.align == "right") for i in b.items]
        elif b.kind == "bullets":
            out += [_p(i, style="ListBullet") for i in b.items]
        elif b.kind == "heading":
            out.append(_p(b.text, bold=True))
        else:
            out.append(_p(b.text))
    return "".join(out)


def _core(doc: Doc, author: str, when: str) -> str:
    stamp = f"{when}T09:00:00Z"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(doc.title)}</dc:title><dc:subject>{escape(doc.subject)}</dc:subject>"
        f"<dc:creator>{escape(author)}</dc:creator><cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def render(doc: Doc, *, author: str, when: str) -> bytes:
    """The document as DOCX bytes; ``when`` (ISO date) stamps properties and zip entries."""
    year, month, day = (int(x) for x in when.split("-"))
    document = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:document xmlns:w="{_W}"><w:body>{_body(doc)}{_SECT}</w:body></w:document>'
    )
    parts = [*_template(), ("word/document.xml", document.encode("utf-8")),
             ("docProps/core.xml", _core(doc, author, when).encode("utf-8"))]  # fmt: skip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(year, month, day, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()
