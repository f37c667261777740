"""Reading one disclosure-log HTML page: strip the site chrome, find its blocks and links.

A :class:`Page` is the main content of a page as an ordered list of text blocks
(headings, paragraphs, list items), plus the links inside it. Adapters read their
fields from it with :meth:`Page.field` rules (:class:`~.adapters.Rule`).

>>> html = b'''<html><body><nav>Home</nav><div class="cookie-banner">We use cookies</div>
... <main><h1>FOIR-1042</h1><h2>Agency staff</h2><p>Requested 3 March 2024</p>
... <h3>Response</h3><p>The information is not held.</p></main></body></html>'''
>>> page = Page.parse(html, "https://hastings.example/foi/FOIR-1042")
>>> [b.text for b in page.blocks]
['FOIR-1042', 'Agency staff', 'Requested 3 March 2024', 'Response', 'The information is not held.']
>>> "cookies" in page.text
False
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from foicompare import linre

__all__ = ["Block", "Link", "Page", "PageError"]

#: site chrome removed before anything is read.
CHROME = (
    "script, style, noscript, template, svg, iframe, nav, header, footer, form, button,"
    " [role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true],"
    " [class*=cookie], [id*=cookie], [class*=Cookie], [id*=Cookie], [class*=consent],"
    " [id*=consent], [class*=breadcrumb], [id*=breadcrumb], [class*=skip-link], .visually-hidden,"
    " .sr-only, [class*=share], [class*=feedback]"
)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
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
        "ul",
    ]
)
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = linre.compile(r"[ \t\r\f\v\u00a0]+")


class PageError(ValueError):
    """A page that cannot be read as the adapter expects (``url`` names it)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(slots=True)
class Block:
    """One piece of text in reading order; ``level`` is 1-6 for headings, 0 otherwise."""

    tag: str
    text: str
    level: int = 0


@dataclass(slots=True)
class Link:
    """A link in the content: absolute ``url`` (no fragment), its text and its list item's text."""

    url: str
    text: str
    context: str
    node: LexborNode = field(repr=False)


def _clean(text: str) -> str:
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _has_block(node: LexborNode) -> bool:
    """Whether ``node`` contains a block element (``traverse`` yields the node itself first)."""
    descendants = node.traverse(include_text=False)
    next(descendants, None)
    return any(child.tag in BLOCK_TAGS for child in descendants)


def _blocks(node: LexborNode, out: list[Block]) -> None:
    run: list[str] = []

    def flush() -> None:
        text = _clean("".join(run))
        if text:
            out.append(Block("text", text))
        run.clear()

    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            run.append(child.text(deep=False) or "")
        elif tag == "br":
            run.append("\n")
        elif tag in BLOCK_TAGS:
            flush()
            if tag in ("table", "tbody", "thead", "tfoot") or _has_block(child):
                if tag == "tr":
                    cells = [_clean(td.text(separator=" ")) for td in child.css("td, th")]
                    line = " | ".join(c for c in cells if c)
                    if line:
                        out.append(Block("tr", line))
                else:
                    _blocks(child, out)
            else:
                text = _clean(_inline_text(child))
                if tag in HEADINGS:
                    text = text.replace("\n", " ")
                if text:
                    out.append(Block(tag, text, HEADINGS.get(tag, 0)))
        elif tag and not tag.startswith("-"):
            if _has_block(child):
                flush()
                _blocks(child, out)
            else:
                run.append(_inline_text(child))
    flush()


def _inline_text(node: LexborNode) -> str:
    """Text of an inline run keeping ``<br>`` as line breaks."""
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parts.append(child.text(deep=False) or "")
        elif child.tag == "br":
            parts.append("\n")
    return "".join(parts)


@dataclass(slots=True)
class Page:
    """The readable content of one HTML page."""

    url: str
    title: str | None
    blocks: list[Block]
    links: list[Link]
    tree: LexborHTMLParser = field(repr=False)
    content: LexborNode = field(repr=False)
    #: links matched by the ``collect`` selectors, found before the chrome was removed
    collected: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(
        cls,
        html: bytes | str,
        url: str,
        content: str = "main",
        collect: dict[str, str] | None = None,
    ) -> Page:
        """Parse ``html`` fetched from ``url``.

        ``content`` lists CSS selectors tried in order (comma-separated) for the main
        region, falling back to ``<body>``. ``collect`` maps a name to a CSS selector of
        links to gather from the whole page first (pagination often sits in a ``<nav>``,
        which is chrome for everything else).
        """
        if isinstance(html, bytes):
            html = html.decode("utf-8", errors="replace")
        tree = LexborHTMLParser(html)
        head_title = tree.css_first("title")
        title = _clean(head_title.text()) if head_title else None
        collected: dict[str, list[str]] = {}
        for name, selector in (collect or {}).items():
            urls = []
            for node in tree.css(selector):
                href = (node.attributes.get("href") or "").strip()
                if href and not href.startswith(("#", "mailto:", "javascript:")):
                    urls.append(urljoin(url, href).split("#", 1)[0])
            collected[name] = urls
        for node in tree.css(CHROME):
            if node.parent is not None:
                node.decompose()
        region = None
        for selector in [s.strip() for s in content.split(",") if s.strip()]:
            region = tree.css_first(selector)
            if region is not None:
                break
        region = region or tree.body
        if region is None:
            raise PageError(url, "the page has no body")
        blocks: list[Block] = []
        _blocks(region, blocks)
        links = []
        for a in region.css("a[href]"):
            href = (a.attributes.get("href") or "").strip()
            if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
                continue
            item = a
            while (
                item is not None and item.tag not in ("li", "tr", "p", "dd") and item is not region
            ):
                item = item.parent
            context = _clean((item or a).text(separator=" ")).replace("\n", " ")
            links.append(
                Link(urljoin(url, href).split("#", 1)[0], _clean(a.text(separator=" ")), context, a)
            )
        return cls(url, title, blocks, links, tree, region, collected)

    @classmethod
    def from_text(cls, text: str, url: str, breaks: str | None = None) -> Page:
        """A page read from plain text (a PDF's text layer): lines wrapped inside a paragraph
        are joined, paragraphs end at blank lines and page breaks, and a new one starts at
        each match of ``breaks`` (a regex, such as "FOI 3192 Q").

        >>> page = Page.from_text("FOI 1 Q How many\\nfoster carers? FOI 1 A Forty.\\f", "https://x/a.pdf",
        ...                       r"FOI\\s*\\d+\\s*[QA]\\b")
        >>> [b.text for b in page.blocks]
        ['FOI 1 Q How many foster carers?', 'FOI 1 A Forty.']
        """
        paragraphs = []
        for chunk in linre.compile(r"\n[ \t]*\n|\f").split(text):
            joined = " ".join(line.strip() for line in chunk.split("\n") if line.strip())
            if not joined:
                continue
            cuts = [0]
            if breaks:
                cuts += [m.start() for m in linre.compile(breaks).finditer(joined) if m.start()]
            cuts.append(len(joined))
            paragraphs += [joined[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
        return cls.parse(f"<html><body><main>{body}</main></body></html>", url, "main")

    @property
    def text(self) -> str:
        """The main text, one block per line."""
        return "\n".join(b.text for b in self.blocks)

    def link_share(self) -> float:
        """How much of the text is link text (near 1 for a list page, near 0 for an article)."""
        total = sum(len(b.text) for b in self.blocks) or 1
        return min(1.0, sum(len(link.text) for link in self.links) / total)

    def css_text(self, selector: str) -> str | None:
        """Text of the first node matching ``selector`` (whole page, chrome removed)."""
        node = self.tree.css_first(selector)
        if node is None:
            return None
        return _clean(node.text(separator=" ")) or None

    def labelled(self, label: str) -> str | None:
        """The value printed after a label: ``"Received: 25 June 2021"`` → ``"25 June 2021"``.

        ``label`` is a regex matched at the start of a block; when the block holds only the
        label, the value is the next block (Thurrock prints the date on its own line).
        """
        rx = linre.compile(rf"^\s*(?:{label})\b\s*[:\-–|]?\s*", re.IGNORECASE)
        for i, block in enumerate(self.blocks):
            m = rx.match(block.text)
            if not m:
                continue
            rest = block.text[m.end() :].strip()
            if rest:
                return rest.split("\n", 1)[0].strip() if "\n" in rest and len(rest) < 200 else rest
            if i + 1 < len(self.blocks):
                return self.blocks[i + 1].text
        return None

    def heading_before(self, marker: str) -> str | None:
        """The last heading before the first block matching ``marker`` (a regex at its start).

        >>> page = Page.parse(b"<main><h2>How to search</h2><p>Pick a year</p>"
        ...     b"<h2>Children taken into care</h2><p>Request ID</p></main>", "https://x/y")
        >>> page.heading_before(r"request id")
        'Children taken into care'
        """
        rx = linre.compile(rf"^\s*(?:{marker})", re.IGNORECASE)
        last = None
        for block in self.blocks:
            if rx.match(block.text):
                return last
            if block.level:
                last = block.text
        return None

    def section(self, start: str, until: str | None = None, *, tail: bool = True) -> str | None:
        """The blocks after the first block matching ``start`` up to one matching ``until``.

        Without ``until`` the section ends at the next heading of the same or a higher
        level (for a heading start) or at the next heading (for a plain block start).
        The start block's own text after the label is kept (``"Request: Please ..."``)
        unless ``tail`` is false (``"Received: 25 June 2021"`` starts the request text).
        """
        rx_start = linre.compile(rf"^\s*(?:{start})", re.IGNORECASE)
        rx_until = linre.compile(rf"^\s*(?:{until})", re.IGNORECASE) if until else None
        for i, block in enumerate(self.blocks):
            m = rx_start.match(block.text)
            if not m:
                continue
            parts = []
            rest = block.text[m.end() :].lstrip(" :-–\n").strip()
            if rest and tail and not block.level:
                parts.append(rest)
            for nxt in self.blocks[i + 1 :]:
                if rx_until is not None:
                    if rx_until.match(nxt.text):
                        break
                elif nxt.level and (not block.level or nxt.level <= block.level):
                    break
                parts.append(nxt.text)
            return "\n".join(parts).strip() or None
        return None

    def sections(self, marker: str) -> list[Page]:
        """The page cut into one part per entry, for logs that print several entries on a page.

        An entry starts at the heading just before a block matching ``marker`` (a regex at
        the block's start, such as the reference label; a level-1 heading is the page's own
        title, never an entry's), or at that block when no heading comes between it and the
        previous entry, and runs up to the next entry's start. Each part is a :class:`Page` of its own blocks, with the links whose list
        item or paragraph text is in those blocks; its URL is the page's with ``#entry=N``.

        >>> page = Page.parse(b"<main><h1>Related FOIs</h1><h2>12 - Foster care</h2>"
        ...     b"<p>Reference Number: 12</p><p>Question: How many?</p><h2>15 - Adoption</h2>"
        ...     b"<p>Reference Number: 15</p></main>", "https://x/log.aspx")
        >>> [(p.url, p.blocks[0].text) for p in page.sections(r"reference number")]
        [('https://x/log.aspx#entry=1', '12 - Foster care'), ('https://x/log.aspx#entry=2', '15 - Adoption')]
        """
        rx = linre.compile(rf"^\s*(?:{marker})", re.IGNORECASE)
        starts: list[int] = []
        for i, block in enumerate(self.blocks):
            if block.level or not rx.match(block.text):
                continue
            start = i
            floor = starts[-1] + 1 if starts else 0
            for j in range(i - 1, floor - 1, -1):
                if self.blocks[j].level > 1:
                    start = j
                    break
            if not starts or start > starts[-1]:
                starts.append(start)
        parts = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(self.blocks)
            blocks = self.blocks[start:end]
            text = "\n".join(b.text for b in blocks)
            links = [link for link in self.links if link.context and link.context in text]
            parts.append(
                Page(
                    f"{self.url.split('#', 1)[0]}#entry={n + 1}",
                    self.title,
                    blocks,
                    links,
                    self.tree,
                    self.content,
                    self.collected,
                )
            )
        return parts
