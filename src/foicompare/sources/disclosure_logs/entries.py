"""A disclosure-log entry: the log's own fields for one answered request, and reading them.

>>> from foicompare.sources.disclosure_logs.adapters import get_adapter
>>> from foicompare.sources.disclosure_logs.pages import Page
>>> html = b'''<main><h1>Freedom of Information Request</h1><h2>Children taken into Care</h2>
... <p>Received: 25 June 2021</p><p>Please provide the number of children.</p>
... <h3>Outcome / Documents</h3>
... <ul><li>Response (all information to be supplied) - application/pdf - <a href="/d/1">Download</a></li></ul>
... </main>'''
>>> page = Page.parse(html, "https://www.barnet.gov.uk/foi-requests/7442736")
>>> fields = read_fields(page, get_adapter("outcome-documents"))
>>> fields["title"], fields["received"], fields["request_text"]
('Children taken into Care', '25 June 2021', 'Please provide the number of children.')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from foicompare import linre
from foicompare.sources.disclosure_logs.adapters import FIELDS, Adapter, Rule
from foicompare.sources.disclosure_logs.dates import parse_date
from foicompare.sources.disclosure_logs.outcome_labels import map_outcome_label
from foicompare.sources.disclosure_logs.pages import Page

__all__ = [
    "Attachment",
    "CrawlProblem",
    "LogEntry",
    "canonical_url",
    "clean_label",
    "exemption_sentences",
    "read_extra",
    "read_fields",
]

_TRACKING = linre.compile(r"^(?:utm_\w+|fbclid|gclid|sessionid|sid|phpsessid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """``url`` without fragment, tracking parameters or a trailing slash; query sorted.

    >>> canonical_url("HTTPS://Example.org/foi/12/?utm_source=x&b=2&a=1#top")
    'https://example.org/foi/12?a=1&b=2'
    """
    parts = urlsplit(url)
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def clean_label(text: str) -> str:
    """A document label without its media type and download link.

    >>> clean_label("Response (all information to be supplied) - application/pdf - Download")
    'Response (all information to be supplied)'
    >>> clean_label("Internal review (upheld) - Download")
    'Internal review (upheld)'
    """
    text = linre.compile(r"\s*[-–|]\s*(?:application|text|image)/[\w.+-]+.*$", re.IGNORECASE).sub(
        "", text
    )
    text = linre.compile(r"\s*[-–|(]?\s*\b(?:download|view|open)\b\s*\)?$", re.IGNORECASE).sub(
        "", text
    )
    text = linre.compile(r"\s*\((?:pdf|docx?|xlsx?|odt)[^)]*\)\s*$", re.IGNORECASE).sub("", text)
    return text.strip(" -–|")


_EXEMPTION = linre.compile(
    r"\b(?:section|s\.?)\s?\d{2}\b|\bexempt|\bexception\b|\bregulation 12\b|\breg\.? ?12\b",
    re.IGNORECASE,
)


def exemption_sentences(text: str | None) -> str | None:
    """The sentences of ``text`` that cite an exemption, joined; ``None`` if there are none.

    >>> exemption_sentences("Here are the figures. Numbers of five or fewer are withheld under section 40(2).")
    'Numbers of five or fewer are withheld under section 40(2).'
    """
    if not text:
        return None
    sentences = linre.compile(r"(?<=[.!?])\s+|\n+").split(text)
    hits = [s.strip() for s in sentences if _EXEMPTION.search(s)]
    return " ".join(hits) or None


def _apply(rule: Rule, page: Page) -> str | None:
    if rule.css:
        value = page.css_text(rule.css)
    elif rule.label:
        value = page.labelled(rule.label)
    elif rule.section:
        value = page.section(rule.section, rule.until, tail=rule.tail)
    elif rule.url:
        m = linre.compile(rule.url).search(page.url)
        value = m.group(1) if m else None
    elif rule.before:
        value = page.heading_before(rule.before)
    elif rule.block:
        rx = linre.compile(rf"^\s*(?:{rule.block})", re.IGNORECASE)
        value = next((b.text for b in page.blocks if rx.match(b.text)), None)
    elif rule.first_date:
        value = next(
            (b.text for b in page.blocks[:12] if len(b.text) <= 40 and parse_date(b.text)), None
        )
    else:
        value = None
    if value and rule.pattern:
        m = linre.compile(rule.pattern).search(value)
        value = (m.group(1) if m and m.groups() else m.group(0)) if m else None
    return value.strip() if value else None


def read_fields(page: Page, adapter: Adapter) -> dict[str, str | None]:
    """The log's own fields of one detail page, as printed (dates not yet parsed)."""
    out: dict[str, str | None] = {}
    for name in FIELDS:
        out[name] = None
        for rule in adapter.fields.get(name, ()):
            value = _apply(rule, page)
            if value:
                out[name] = value
                break
    if not out["title"] and page.title:
        out["title"] = page.title
    if not out["exemptions_text"]:
        out["exemptions_text"] = exemption_sentences(out["response_text"])
    return out


def read_extra(page: Page, adapter: Adapter) -> dict[str, str]:
    """The adapter's further fields (``extra_fields``) that the page carries."""
    out: dict[str, str] = {}
    for name, rules in adapter.extra_fields.items():
        for rule in rules:
            value = _apply(rule, page)
            if value:
                out[name] = value
                break
    return out


@dataclass(slots=True)
class Attachment:
    """A document attached to a log entry (the response letter, usually)."""

    url: str
    label: str | None
    data: bytes
    media_type: str | None = None
    fetched_at: dt.datetime | None = None
    requested_url: str | None = None  # the link followed, when redirected to ``url``


@dataclass(slots=True)
class CrawlProblem:
    """A page or document that could not be fetched or read; the crawl went on."""

    url: str
    stage: str  # fetch | parse
    reason: str


@dataclass(slots=True)
class LogEntry:
    """One answered request as the log states it, with the page and attachments' bytes."""

    site: str
    adapter: str
    url: str
    reference: str | None = None
    title: str | None = None
    received: dt.date | None = None
    published: dt.date | None = None
    outcome_label: str | None = None
    exemptions_text: str | None = None
    request_text: str | None = None
    response_text: str | None = None
    page: bytes | None = None
    page_media_type: str | None = None
    page_role: str = "page"  # page | row
    attachments: list[Attachment] = field(default_factory=list)
    fetched_at: dt.datetime | None = None
    authority: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    requested_url: str | None = None  # the page URL asked for, when redirected to ``url``

    @property
    def outcome(self) -> str | None:
        """The outcome label mapped onto the outcome vocabulary."""
        return map_outcome_label(self.outcome_label)

    @property
    def entry_id(self) -> str:
        """Stable id: the site plus the reference when printed, else the canonical URL."""
        key = (
            linre.compile(r"\s+").sub("", self.reference).upper()
            if self.reference
            else canonical_url(self.url)
        )
        return hashlib.sha256(f"{self.site}|{key}".encode()).hexdigest()[:20]

    @property
    def date(self) -> dt.date | None:
        """The date used by ``since``: published, else received."""
        return self.published or self.received

    def fields(self) -> dict[str, str]:
        """The log's fields as strings (dates ISO), for :class:`~foicompare.sources.base.SourceItem`."""
        values = {
            "reference": self.reference,
            "title": self.title,
            "received": self.received.isoformat() if self.received else None,
            "published": self.published.isoformat() if self.published else None,
            "outcome_label": self.outcome_label,
            "outcome": self.outcome,
            "exemptions_text": self.exemptions_text,
            "request_text": self.request_text,
            "response_text": self.response_text,
        }
        return {k: v for k, v in values.items() if v}

    @classmethod
    def from_fields(cls, raw: dict[str, str | None], **kwargs: object) -> LogEntry:
        """Build an entry from printed fields, parsing the two dates."""
        return cls(
            reference=raw.get("reference"),
            title=raw.get("title"),
            received=parse_date(raw.get("received")),
            published=parse_date(raw.get("published")),
            outcome_label=raw.get("outcome_label"),
            exemptions_text=raw.get("exemptions_text"),
            request_text=raw.get("request_text"),
            response_text=raw.get("response_text"),
            **kwargs,  # type: ignore[arg-type]
        )
