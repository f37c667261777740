"""Plain-text rendering, with the table layouts text exports really have.

>>> from foicompare.demo.model import Doc, para, table
>>> d = Doc("x", "t", "s", [para("Hi"), table([["A", "B"], ["1", "2"]])], {})
>>> print(render(d, table_style="pipe", wrap=None).decode())
Hi
<BLANKLINE>
| A | B |
| 1 | 2 |
<BLANKLINE>
"""

from __future__ import annotations

import textwrap

from foicompare.demo.model import Block, Doc


def _table(rows: tuple[tuple[str, ...], ...], style: str) -> str:
    if style == "pipe":
        return "\n".join("| " + " | ".join(r) + " |" for r in rows)
    if style == "tab":
        return "\n".join("\t".join(r) for r in rows)
    if style == "spaced":
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return "\n".join(
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        )
    if style == "cells":  # one cell per line, as text pulled out of a PDF table often is
        return "\n\n".join("\n".join(r) for r in rows)
    raise ValueError(f"unknown text table style {style!r}")


def _block(b: Block, table_style: str, wrap: int | None) -> str:
    if b.kind == "table":
        return _table(b.rows, table_style)
    if b.kind == "lines":
        return "\n".join(b.items)
    if b.kind == "bullets":
        return "\n".join(f"- {i}" for i in b.items)
    if wrap and b.kind == "para":
        return textwrap.fill(b.text, wrap, break_long_words=False, break_on_hyphens=False)
    return b.text


def render(doc: Doc, *, table_style: str, wrap: int | None) -> bytes:
    """The document as UTF-8 text: blocks separated by blank lines."""
    return ("\n\n".join(_block(b, table_style, wrap) for b in doc.blocks) + "\n").encode("utf-8")


def plain(doc: Doc) -> str:
    """The document's text without layout choices (used for e-mail bodies)."""
    return "\n\n".join(_block(b, "spaced", None) for b in doc.blocks) + "\n"
