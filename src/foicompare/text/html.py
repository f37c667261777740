"""HTML → main-content text and tables with selectolax (lexbor).

* decoding: BOM, then UTF-8, then the ``<meta charset>`` the page declares, then a guess;
* the content root is ``<main>``, ``[role=main]``, ``<article>`` or ``#content`` when one of
  them holds a fair share of the page's text, else ``<body>``;
* left out: scripts, styles, forms without content, navigation, page header/footer, asides,
  and elements whose id/class says cookie, consent, banner, gdpr, skip link, breadcrumb, menu
  or nav;
* block elements become lines (a blank line after paragraphs, headings, lists and tables);
  headings are marked ``#``…``######``; a data table (one without nested tables) becomes a
  :class:`Table` and is flattened into the text one row per line, cells joined by ``" | "``;
* WhatDoTheyKnow ``/attach/html/`` pages: the site's banner is dropped and the request title
  it names goes to ``meta["wdtk_request"]``, so the text is the converted attachment alone.

The traversal is iterative, so arbitrarily deep documents cannot exhaust the Python stack;
documents nested more than :data:`MAX_DEPTH` deep (where lexbor's tree building turns
quadratic) are reduced to their tag-stripped text instead.

>>> ex = extract(b"<nav>Home</nav><main><h1>FOI 12</h1><p>Dear  Sir,</p></main>")
>>> ex.text
'# FOI 12\\n\\nDear Sir,'
"""

from __future__ import annotations

import html as html_lib
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from foicompare import linre
from foicompare.text._common import TextBuilder, clean_cell, collapse_spaces, library_version
from foicompare.text.base import Extraction, ExtractionError, Table
from foicompare.text.decode import bom_encoding, decode_text

VERSION = 1
MAX_DEPTH = 3000

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "button",
        "select",
        "input",
        "textarea",
        "option",
        "datalist",
        "head",
        "title",
        "meta",
        "link",
        "map",
        "audio",
        "video",
        "dialog",
    ]
)
_CHROME = frozenset(("nav", "aside", "header", "footer"))
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "legend",
    ]
)
_PARAGRAPH = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "pre",
        "table",
        "hr",
        "address",
        "figure",
    ]
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_ROOTS = ("main", "[role=main]", "article", "#content", "#main-content", "#maincontent")
_JUNK = linre.compile(
    r"cookie|consent|gdpr|(?:^|[\s_-])(?:banner|skip|skiplinks?|breadcrumbs?|menu|menus|nav|navbar|navigation)(?:$|[\s_-])"
)
_META_CHARSET = re.compile(  # bytes: the head of the raw page
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE
)
_TAG = linre.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
# void elements and elements whose end tag may be omitted do not count towards depth
_NO_DEPTH = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "rb",
        "rt",
        "rp",
    ]
)
_WDTK_TITLE = linre.compile(r"Freedom of Information request\s*'(.+)'\s*\.?\s*$", re.DOTALL)


def extract(data: bytes, *, filename: str | None = None) -> Extraction:
    """Main content of an HTML page as lines, with its tables."""
    text = decode_html(data)
    if _too_deep(text):
        stripped = html_lib.unescape(linre.compile(r"<[^>]*>").sub(" ", text))
        lines = (collapse_spaces(line) for line in stripped.splitlines())
        return _extraction(
            "\n".join(line for line in lines if line),
            [],
            {"note": f"nested more than {MAX_DEPTH} elements deep; tags stripped"},
        )
    try:
        tree = LexborHTMLParser(text)
    except Exception as exc:  # pragma: no cover - lexbor accepts any string
        raise ExtractionError(f"HTML could not be parsed ({exc})", format="html") from None
    meta: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        meta["title"] = collapse_spaces(title.text())
    skip = _wdtk_banner(tree, meta)
    body = tree.body
    if body is None:
        return _extraction("", [], meta)
    root = _content_root(body)
    skip |= _junk(root)
    builder, tables = _render(root, skip, keep_chrome=root is not body)
    return _extraction(builder.text(), tables, meta)


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: BOM, UTF-8, the declared ``<meta charset>``, then a guess.

    >>> decode_html('<meta charset="windows-1252"><p>\\u00a3'.encode("cp1252"))[-1]
    '£'
    """
    declared = None
    if not bom_encoding(data):
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii", "ignore") if match else None
    try:
        return decode_text(data, declared)[0]
    except ExtractionError as exc:
        raise ExtractionError(exc.reason, format="html") from None


def _extraction(text: str, tables: list[Table], meta: dict[str, str]) -> Extraction:
    return Extraction(
        text=text,
        extractor="selectolax",
        extractor_version=library_version("selectolax", VERSION),
        tables=tables,
        meta=meta,
    )


def _too_deep(text: str) -> bool:
    """Estimate nesting depth from tags alone (only for pages with many tags)."""
    if text.count("<") < MAX_DEPTH:
        return False
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _NO_DEPTH:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def _wdtk_banner(tree: LexborHTMLParser, meta: dict[str, str]) -> set[int]:
    """WhatDoTheyKnow's attachment banner: note the request title, skip the banner."""
    banner = tree.css_first("div.view_html_prefix, #view_html_prefix")
    if banner is None:
        return set()
    match = _WDTK_TITLE.search(collapse_spaces(banner.text(separator=" ")))
    if match:
        meta["wdtk_request"] = match.group(1).strip()
    link = banner.css_first(".view_html_download_link a")
    if link is not None and link.attributes.get("href"):
        meta["original_attachment"] = link.attributes["href"] or ""
    return {banner.mem_id}


def _content_root(body: LexborNode) -> LexborNode:
    """The first of main/[role=main]/article/#content holding ≥ 20% of the body's text."""
    total = len(body.text(strip=True))
    for selector in _ROOTS:
        node = body.css_first(selector)
        if node is not None and len(node.text(strip=True)) >= 0.2 * total:
            return node
    return body


def _junk(root: LexborNode) -> set[int]:
    """Elements whose id/class marks them as cookie banners, menus, breadcrumbs …

    An element is kept if it holds a heading, a table, main or article: some sites put the
    whole page inside a wrapper with an unfortunate class name.
    """
    junk = set()
    for node in root.css("[class], [id]"):
        attrs = node.attributes
        label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        if _JUNK.search(label) and node.css_first("h1, h2, main, article, table") is None:
            junk.add(node.mem_id)
    return junk


def _render(
    root: LexborNode, skip: set[int], *, keep_chrome: bool
) -> tuple[TextBuilder, list[Table]]:
    builder = TextBuilder()
    tables: list[Table] = []
    parts: list[str] = []

    def flush() -> None:
        line = collapse_spaces("".join(parts))
        parts.clear()
        if line and line.strip("# "):
            builder.line(line)

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            flush()
            if tag in _PARAGRAPH:
                builder.blank()
            continue
        if tag == "-text":
            parts.append((node.text_content or "").replace("\n", " ").replace("\r", " "))
            continue
        if (
            tag in _SKIP
            or tag.startswith(("-", "!", "_"))
            or (tag in _CHROME and not keep_chrome)
            or (tag in ("nav", "aside"))
            or node.mem_id in skip
            or (tag == "form" and node.css_first("p, table, h1, h2, h3, li, article, main") is None)
        ):
            continue
        if tag == "br":
            flush()
            continue
        if tag == "pre":
            flush()
            for line in (node.text() or "").splitlines():
                builder.line(line.rstrip())
            builder.blank()
            continue
        if tag == "table":
            rows = _data_table(node)
            if rows is not None:
                flush()
                builder.blank()
                start, end = builder.table(rows)
                tables.append(Table(rows=rows, start=start, end=end))
                builder.blank()
                continue
        if tag in _BLOCK:
            flush()
            if tag in _HEADINGS:
                parts.append("#" * _HEADINGS[tag] + " ")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return builder, tables


def _data_table(table: LexborNode) -> list[list[str]] | None:
    """Rows of a data table; None for layout tables (nested tables, one cell, presentation)."""
    if table.attributes.get("role") in ("presentation", "none") or len(table.css("table")) > 1:
        return None
    rows = []
    for tr in table.css("tr"):
        cells = [
            _cell_text(cell) for cell in tr.iter(include_text=False) if cell.tag in ("td", "th")
        ]
        if any(cells):
            rows.append(cells)
    if not rows or (len(rows) == 1 and len(rows[0]) < 2):
        return None
    return rows


def _cell_text(cell: LexborNode) -> str:
    """A cell's text on one line; block children and line breaks become spaces."""
    parts: list[str] = []
    stack = [cell]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if tag in _SKIP or tag.startswith(("-", "!", "_")):
            continue
        if tag == "br" or tag in _BLOCK:
            parts.append(" ")
        stack.extend(reversed(list(node.iter(include_text=True))))
    return clean_cell("".join(parts))
