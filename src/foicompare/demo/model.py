"""The format-neutral shape of a generated document: blocks of text plus its ground truth.

Every renderer (TXT, HTML, PDF, DOCX, EML) turns the same :class:`Doc` into bytes, so
the ground truth describes every format equally.

>>> d = Doc(doc_id="x", title="t", subject="s", blocks=[para("Hello")], truth={})
>>> d.blocks[0].kind, d.blocks[0].text
('para', 'Hello')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["lines", "para", "heading", "bullets", "table"]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, a bold heading, address-like lines, a bullet list or a table.

    ``rows`` of a table include its header row first.
    """

    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    align: Literal["left", "right"] = "left"


def para(text: str) -> Block:
    """A paragraph of running text."""
    return Block("para", text=text)


def heading(text: str) -> Block:
    """A bold line (a letter's title, or a question being answered)."""
    return Block("heading", text=text)


def lines(*items: str, align: Literal["left", "right"] = "left") -> Block:
    """Short lines kept apart, such as an address or a signature."""
    return Block("lines", items=tuple(i for i in items if i), align=align)


def bullets(*items: str) -> Block:
    """A bulleted list."""
    return Block("bullets", items=tuple(items))


def table(rows: list[list[str]] | list[tuple[str, ...]]) -> Block:
    """A table; the first row is the header."""
    return Block("table", rows=tuple(tuple(r) for r in rows))


@dataclass(slots=True)
class Doc:
    """One generated document before rendering.

    ``truth`` holds the label fields (``labels.jsonl`` format plus extras);
    ``cover`` is the covering e-mail's paragraphs when the document is sent as an EML.
    """

    doc_id: str
    title: str
    subject: str
    blocks: list[Block]
    truth: dict[str, Any]
    cover: list[str] = field(default_factory=list)
    #: the reference and date exactly as printed (the HTML page shows them in its header)
    meta: dict[str, str] = field(default_factory=dict)
