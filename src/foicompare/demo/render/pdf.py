"""PDF rendering with reportlab: running text, a right-hand letterhead, real ruled tables.

``invariant=1`` fixes the creation date and document ID, so the same input gives the same
bytes.

>>> from foicompare.demo.model import Doc, para, table
>>> data = render(Doc("x", "t", "s", [para("Hi"), table([["A", "B"], ["1", "<5"]])], {}),
...               font="Helvetica", author="Coventry City Council")
>>> data[:5], data == render(Doc("x", "t", "s", [para("Hi"), table([["A", "B"], ["1", "<5"]])], {}),
...               font="Helvetica", author="Coventry City Council")
(b'%PDF-', True)
"""

from __future__ import annotations

import functools
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from foicompare.demo.model import Block, Doc

_WIDTH = A4[0] - 40 * mm


@functools.cache
def _styles(font: str) -> dict[str, ParagraphStyle]:
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[font]
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=6)
    return {
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=bold),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head": ParagraphStyle(
            "head", parent=body, fontName=bold, fontSize=8.5, leading=10.5, spaceAfter=0
        ),
    }


def _table(b: Block, st: dict[str, ParagraphStyle]) -> Table:
    head, *body = b.rows
    # wide text columns (regulation, description, reasons) get more room than counts
    weights = [
        3.0 if max(len(r[i]) for r in body or b.rows) > 12 else 1.0 for i in range(len(head))
    ]
    widths = [_WIDTH * w / sum(weights) for w in weights]
    data = [[Paragraph(escape(c), st["head"]) for c in head]]
    data += [[Paragraph(escape(c), st["cell"]) for c in r] for r in body]
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _flowables(doc: Doc, st: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for b in doc.blocks:
        if b.kind == "table":
            out += [_table(b, st), Spacer(1, 6)]
        elif b.kind == "lines":
            style = st["right"] if b.align == "right" else st["body"]
            out.append(Paragraph("<br/>".join(escape(i) for i in b.items), style))
        elif b.kind == "bullets":
            items = [ListItem(Paragraph(escape(i), st["body"])) for i in b.items]
            out.append(ListFlowable(items, bulletType="bullet", start="\u2022", leftIndent=12))
        elif b.kind == "heading":
            out.append(Paragraph(escape(b.text), st["bold"]))
        else:
            out.append(Paragraph(escape(b.text), st["body"]))
    return out


def render(doc: Doc, *, font: str, author: str) -> bytes:
    """The document as a PDF (A4, reproducible bytes)."""
    buf = io.BytesIO()
    template = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        author=author,
        subject=doc.subject,
        creator="foicompare demo",
        invariant=1,
    )
    template.build(_flowables(doc, _styles(font)))
    return buf.getvalue()
