"""Parsers for what an Alaveteli site (WhatDoTheyKnow) serves: JSON, HTML, Atom and CSV.

Every function takes bytes or decoded data and returns plain records; none fetches.
They accept the variations the reference notes (timestamps in ``Z`` or ``+01:00``,
``user`` or ``user_name``, tags as ``[name, value]`` pairs, old and new page markup).

>>> parse_time("2020-07-03T09:14:05.318+01:00")
datetime.datetime(2020, 7, 3, 8, 14, 5, 318000)
>>> collapse_slug("the_adoption_and_children_corona_12")
'the_adoption_and_children_corona'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from foicompare import linre

__all__ = [
    "AttachmentLink",
    "BatchPage",
    "Body",
    "Event",
    "FeedEntry",
    "PageMessage",
    "RequestInfo",
    "RequestPage",
    "WdtkParseError",
    "collapse_slug",
    "parse_authorities_csv",
    "parse_batch_page",
    "parse_body",
    "parse_feed_atom",
    "parse_feed_json",
    "parse_request",
    "parse_request_page",
    "parse_time",
]


class WdtkParseError(ValueError):
    """Data from the site did not have the expected shape (names what was wrong)."""


ATTACH_RE = linre.compile(
    r"/request/(?P<slug>[^/]+)/response/(?P<im>\d+)/attach/(?P<html>html/)?"
    r"(?P<part>\d+)/(?P<name>[^?#]+)"
)
REQUEST_LINK_RE = linre.compile(r"^(?:https?://[^/]+)?/request/(?P<slug>[a-z0-9_]+)/?(?:[#?].*)?$")
BATCH_LINK_RE = linre.compile(r"/info_request_batch/(?P<id>\d+)")
EVENT_LINK_RE = linre.compile(r"/request_event/(?P<id>\d+)")


def parse_time(value: Any) -> dt.datetime | None:
    """An Alaveteli timestamp (ISO 8601, any zone) as naive UTC; ``None`` stays ``None``."""
    if value in (None, ""):
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise WdtkParseError(f"not a timestamp: {value!r}") from exc
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def collapse_slug(url_title: str) -> str:
    """Alaveteli's ``url_title(collapse: true)``: the slug without its ``_<n>`` suffix."""
    return linre.compile(r"[_0-9]+$").sub("", url_title)


def _tags(raw: Any) -> list[str]:
    """``[[name, value|null], ...]`` (or a dict, or strings) as ``name`` / ``name:value``."""
    out: list[str] = []
    if isinstance(raw, dict):
        raw = list(raw.items())
    for item in raw or []:
        if isinstance(item, list | tuple) and item:
            name, value = item[0], item[1] if len(item) > 1 else None
            out.append(f"{name}:{value}" if value not in (None, "") else str(name))
        elif isinstance(item, str):
            out.append(item)
    return out


@dataclass(slots=True)
class Body:
    """A public body as ``/body/<url_name>.json`` (or a feed item) describes it."""

    url_name: str
    name: str
    id: int | None = None
    short_name: str = ""
    tags: list[str] = field(default_factory=list)
    home_page: str = ""
    disclosure_log: str = ""


@dataclass(slots=True)
class Event:
    """One ``info_request_events`` item."""

    id: int
    event_type: str
    created_at: dt.datetime | None
    described_state: str | None = None
    calculated_state: str | None = None
    incoming_message_id: int | None = None
    outgoing_message_id: int | None = None
    display_status: str | None = None


@dataclass(slots=True)
class RequestInfo:
    """A request as ``/request/<url_title>.json`` gives it (deep)."""

    id: int
    url_title: str
    title: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    described_state: str | None
    display_status: str | None
    awaiting_description: bool
    prominence: str
    law_used: str
    tags: list[str]
    user_name: str | None
    body: Body | None
    events: list[Event]


def parse_body(data: dict[str, Any]) -> Body:
    """A body object (``/body/<x>.json`` or a feed item's ``public_body``).

    >>> parse_body({"id": 3, "url_name": "barnet", "name": "Barnet Council"}).name
    'Barnet Council'
    """
    if not isinstance(data, dict) or not data.get("url_name"):
        raise WdtkParseError("body JSON without url_name")
    return Body(
        url_name=data["url_name"],
        name=data.get("name") or data["url_name"],
        id=data.get("id"),
        short_name=data.get("short_name") or "",
        tags=_tags(data.get("tags")),
        home_page=data.get("home_page") or "",
        disclosure_log=data.get("disclosure_log") or "",
    )


def _event(data: dict[str, Any]) -> Event:
    return Event(
        id=int(data["id"]),
        event_type=str(data.get("event_type") or ""),
        created_at=parse_time(data.get("created_at")),
        described_state=data.get("described_state"),
        calculated_state=data.get("calculated_state"),
        incoming_message_id=data.get("incoming_message_id"),
        outgoing_message_id=data.get("outgoing_message_id"),
        display_status=data.get("display_status"),
    )


def parse_request(data: Any) -> RequestInfo:
    """The deep request JSON as a :class:`RequestInfo`.

    >>> r = parse_request({"id": 1, "url_title": "x", "title": "X", "law_used": "foi",
    ...     "created_at": "2020-01-01T00:00:00.000Z", "described_state": "rejected",
    ...     "user_name": "Ext", "info_request_events": []})
    >>> (r.described_state, r.user_name, r.body)
    ('rejected', 'Ext', None)
    """
    if not isinstance(data, dict):
        raise WdtkParseError(f"request JSON is a {type(data).__name__}, not an object")
    missing = [k for k in ("id", "url_title", "title") if k not in data]
    if missing:
        raise WdtkParseError(f"request JSON lacks {', '.join(missing)}")
    user = data.get("user")
    user_name = user.get("name") if isinstance(user, dict) else data.get("user_name")
    body = data.get("public_body")
    try:
        events = [_event(e) for e in data.get("info_request_events") or []]
    except (KeyError, TypeError, ValueError) as exc:
        raise WdtkParseError(f"malformed event in request {data.get('url_title')}: {exc}") from exc
    events.sort(key=lambda e: (e.created_at or dt.datetime.min, e.id))
    return RequestInfo(
        id=int(data["id"]),
        url_title=str(data["url_title"]),
        title=str(data["title"]),
        created_at=parse_time(data.get("created_at")),
        updated_at=parse_time(data.get("updated_at")),
        described_state=data.get("described_state"),
        display_status=data.get("display_status"),
        awaiting_description=bool(data.get("awaiting_description")),
        prominence=data.get("prominence") or "normal",
        law_used=data.get("law_used") or "foi",
        tags=_tags(data.get("tags")),
        user_name=user_name,
        body=parse_body(body) if isinstance(body, dict) and body.get("url_name") else None,
        events=events,
    )


# -- the request's HTML page ----------------------------------------------------------
#
# The markup below is Alaveteli's own (app/views/request/_incoming_correspondence,
# _outgoing_correspondence, _attachments and _prominence .html.erb, checked at commit
# 351eb61e, April 2026):
#
#   div.incoming.correspondence.<prominence>#incoming-<id>     (normal | hidden | requester_only)
#     div.correspondence__header > span.correspondence__header__author, a.correspondence__header__date > time[datetime]
#     p#hidden_message.hidden_message                           (only when hidden by an administrator)
#     div.correspondence_text
#       div.attachments > ul.list-of-attachments > li.attachment#attachment-<id>
#         (a > img) p.attachment__name p.attachment__meta (a "View" /attach/html/..., a "Download" /attach/...)
#         span.hidden_attachment                                 (a hidden attachment: no links)
#       div#attachment-<id of the main body part>                (the message text; p.hidden_attachment if hidden)
#         ... span.unfold_link > a[href="?unfold=1#incoming-<id>"] "show quoted sections"   (folded page)
#         ... span.unfold_link > a[href="?#incoming-<id>"] "hide quoted sections"           (?unfold=1 page)
#   div.outgoing.correspondence#outgoing-<id>                   (header only when readable)
#     div.correspondence_text > div                             (the message text)


@dataclass(slots=True)
class AttachmentLink:
    """An attachment found on a request page: raw URL, and HTML-rendering URL if linked.

    A hidden (or erased) attachment has ``hidden`` set and no URL.
    """

    url: str
    incoming_message_id: int
    part: int
    filename: str
    html_url: str | None = None
    attachment_id: int | None = None  # the page's attachment-<id>
    hidden: bool = False
    note: str = ""  # why it cannot be had ("This attachment has been hidden. ...")


@dataclass(slots=True)
class PageMessage:
    """One message on the request page (the only place its text appears).

    ``quoted`` lists ``(start, end)`` character spans of ``text`` that quote earlier mail
    (found on the unfolded page); ``folded`` says the page was fetched without
    ``?unfold=1``, so quoted sections are missing from ``text``. A message hidden by an
    administrator has ``hidden`` set, an empty ``text`` and the site's notice in ``note``.
    """

    direction: str  # incoming | outgoing
    message_id: int
    text: str
    attachments: list[AttachmentLink] = field(default_factory=list)
    hidden: bool = False
    prominence: str = "normal"  # normal | hidden | requester_only
    sent_at: dt.datetime | None = None  # from the header's <time datetime>, UTC
    author: str = ""
    quoted: list[tuple[int, int]] = field(default_factory=list)
    folded: bool = False
    note: str = ""


@dataclass(slots=True)
class RequestPage:
    messages: list[PageMessage]
    batch_id: int | None
    attachments: list[AttachmentLink]  # every attachment link on the page, in order
    #: the page carried Alaveteli's correspondence markup (div.correspondence#incoming-N ...)
    recognised: bool = True
    hidden_request: str = ""  # the notice of a request hidden as a whole


_DROP = (
    ".attachments, .event_actions, .correspondence__footer, .correspondence__header, "
    "h2, script, style, form, input, button, .js-delivery-log-ajax-error, .unfold_link, "
    ".hidden_message, .hidden_attachment"
)
_CONCEALED = frozenset({"hidden", "requester_only"})
_MESSAGE_ID = linre.compile(r"(incoming|outgoing)-(\d+)")
_ATTACHMENT_ID = linre.compile(r"attachment-(\d+)")
_BR = linre.compile(r"(?i)<br\s*/?>")
_SPACES = linre.compile(r"\s+")
_BLOCK_END = linre.compile(r"(?i)</(?:p|div|li|tr|h[1-6]|blockquote|pre)>")


def _clean_text(text: str) -> str:
    lines = [linre.compile(r"[ \t\u00a0]+").sub(" ", line).strip() for line in text.splitlines()]
    return linre.compile(r"\n{3,}").sub("\n\n", "\n".join(lines)).strip()


def _node_text(node: Any) -> str:
    """Text as the page shows it: <br> is a line break, paragraphs and blocks end lines."""
    html = _SPACES.sub(" ", node.html or "")  # source line breaks are only spaces in HTML
    html = _BR.sub("\n", html)
    html = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html)
    fragment = HTMLParser(f"<div>{html}</div>")
    root = fragment.body or fragment.root
    return _clean_text(root.text(separator="") if root else "")


def attachment_links(html: str, page_url: str) -> list[AttachmentLink]:
    """Every attachment link in ``html``, raw and HTML forms merged, absolute URLs.

    >>> links = attachment_links('<a href="/request/x/response/9/attach/2/a.pdf?cookie_passthrough=1">'
    ...     '</a><a href="/request/x/response/9/attach/html/2/a.pdf.html">v</a>',
    ...     "https://wdtk.test/request/x")
    >>> [(a.part, a.filename, a.url, a.html_url) for a in links]
    [(2, 'a.pdf', 'https://wdtk.test/request/x/response/9/attach/2/a.pdf', 'https://wdtk.test/request/x/response/9/attach/html/2/a.pdf.html')]
    """
    tree = HTMLParser(html)
    return _links(tree.css("a[href]"), page_url)


def _links(anchors: list[Any], page_url: str) -> list[AttachmentLink]:
    found: dict[tuple[int, int], AttachmentLink] = {}
    for a in anchors:
        href = a.attributes.get("href") or ""
        m = ATTACH_RE.search(href)
        if not m:
            continue
        absolute = urljoin(page_url, href.split("?", 1)[0].split("#", 1)[0])
        key = (int(m["im"]), int(m["part"]))
        name = unquote(m["name"])
        link = found.get(key)
        if m["html"]:
            name = name.removesuffix(".html")
            if link is None:
                link = found[key] = AttachmentLink("", key[0], key[1], name)
            link.html_url = absolute
        else:
            if link is None:
                link = found[key] = AttachmentLink(absolute, key[0], key[1], name)
            link.url, link.filename = absolute, name
    for link in found.values():  # only an HTML view was linked: derive the raw URL
        if not link.url and link.html_url:
            link.url = link.html_url.replace("/attach/html/", "/attach/", 1).removesuffix(".html")
    return list(found.values())


def _attachments(node: Any, message_id: int, page_url: str) -> list[AttachmentLink]:
    """The ``li.attachment`` items of one message, hidden ones included (without a URL)."""
    out: list[AttachmentLink] = []
    items = node.css("li.attachment")
    for li in items:
        m = _ATTACHMENT_ID.fullmatch(li.attributes.get("id") or "")
        att_id = int(m[1]) if m else None
        links = _links(li.css("a[href]"), page_url)
        if links:
            for link in links:
                link.attachment_id = att_id
            out.extend(links)
            continue
        name = li.css_first(".attachment__name")
        notice = li.css_first(".hidden_attachment, .attachment__meta em")
        out.append(
            AttachmentLink(
                url="",
                incoming_message_id=message_id,
                part=0,
                filename=_clean_text(name.text()) if name else "",
                attachment_id=att_id,
                hidden=True,
                note=_clean_text(notice.text()) if notice else "",
            )
        )
    if not items:  # older markup: links without list items
        out = _links(node.css("a[href]"), page_url)
    return out


def _sent_at(node: Any) -> dt.datetime | None:
    header = node.css_first(".correspondence__header") or node
    for t in header.css("time[datetime]"):
        try:
            return parse_time(t.attributes.get("datetime"))
        except WdtkParseError:
            continue
    date = header.css_first(".correspondence__header__date, h2")
    if date is not None:
        text = _clean_text(date.text())
        for fmt in ("%d %B %Y", "%B %d, %Y"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    return None


_QUOTE_TAIL_MARKERS = (
    "this is a copy of the message, including all the headers",
    "original message",
    "forwarded message",
    "forwarded by",
)
_OLD_STYLE_DATE = linre.compile(r"\d\d/\d\d/\d{4}\s+\d\d:\d\d")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    r"""Character spans of ``text`` that quote earlier mail, by Alaveteli's own rules.

    A port of ``IncomingMessage.remove_quoted_sections`` that works line by line in
    linear time: lines starting ``>``; "On ... wrote:" lines; and from an
    "-----Original Message-----", "Forwarded message", "This is a copy of the message"
    or Outlook "From:/Sent:" header block (or ``>>> name dd/mm/yyyy hh:mm >>>``) to the
    end of the message.

    >>> t = "Thanks.\n\n-----Original Message-----\nFrom: me\nHello"
    >>> [t[a:b] for a, b in quoted_spans(t)]
    ['-----Original Message-----\nFrom: me\nHello']
    >>> u = "Yes.\n> did you?\n> ok\nBye"
    >>> [u[a:b] for a, b in quoted_spans(u)]
    ['> did you?\n> ok\n']
    """
    spans: list[tuple[int, int]] = []
    lines = text.splitlines(keepends=True)
    offsets = []
    at = 0
    for line in lines:
        offsets.append(at)
        at += len(line)
    n = len(text)

    def add(start: int, end: int) -> None:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))

    for i, line in enumerate(lines):
        stripped = line.strip()
        low = stripped.casefold()
        nxt = lines[i + 1].strip().casefold() if i + 1 < len(lines) else ""
        dashed = low.startswith("--") and low.endswith("--")
        if (dashed and any(k in low for k in _QUOTE_TAIL_MARKERS)) or (
            low.startswith("----") and "this is a copy of the message" in low
        ):
            add(offsets[i], n)
            break
        if low.startswith(">>>") and (_OLD_STYLE_DATE.search(low) or _OLD_STYLE_DATE.search(nxt)):
            add(offsets[i], n)
            break
        if low.startswith("from:") and nxt.startswith(("sent:", "date:")):
            add(offsets[i], n)
            break
        if low.startswith("on ") and nxt.startswith("<") and nxt.endswith(("wrote:", "said:")):
            add(offsets[i], n)
            break
        if stripped.startswith(">") or (
            low.startswith("on ") and low.endswith(("wrote:", "said:"))
        ):
            add(offsets[i], offsets[i] + len(line))
    return spans


def _message(node: Any, direction: str, message_id: int, page_url: str) -> PageMessage:
    classes = (node.attributes.get("class") or "").split()
    prominence = next((c for c in classes if c in _CONCEALED), "normal")
    notice = node.css_first("p.hidden_message, #hidden_message")
    author = node.css_first(".correspondence__header__author")
    msg = PageMessage(
        direction=direction,
        message_id=message_id,
        text="",
        prominence=prominence,
        sent_at=_sent_at(node),
        author=" ".join(author.text().split()).rstrip(",") if author else "",
    )
    if notice is not None or prominence in _CONCEALED:
        # Hidden by an administrator: the site shows a notice instead of the text.
        msg.hidden = True
        msg.note = _clean_text(notice.text()) if notice else ""
        if prominence == "normal":  # outgoing blocks carry no prominence class
            # ProminenceHelper offers "sign in" only for requester_only
            requester = "if you are the requester" in msg.note.casefold()
            msg.prominence = "requester_only" if requester else "hidden"
        return msg
    msg.attachments = _attachments(node, message_id, page_url)
    body = node.css_first(".correspondence_text") or node
    unfold = body.css("span.unfold_link a[href]")
    msg.folded = any("unfold=1" in (a.attributes.get("href") or "") for a in unfold)
    main_hidden = body.css_first("p.hidden_attachment")
    for junk in body.css(_DROP):
        junk.decompose()
    msg.text = _node_text(body)
    if main_hidden is not None and not msg.text:
        msg.hidden = True
        msg.note = _clean_text(main_hidden.text())
    msg.quoted = quoted_spans(msg.text)
    return msg


def parse_request_page(html: str, page_url: str) -> RequestPage:
    """Messages (text, date, author, attachments, quoting, hiding) and the batch link.

    Correspondence blocks are ``div.correspondence`` with ids ``incoming-<id>`` /
    ``outgoing-<id>``; comments (``comment-<id>``) are not correspondence and are left
    out. ``recognised`` is False when no such block was found, so a caller can tell an
    empty request from a page whose markup changed.
    """
    tree = HTMLParser(html)
    messages: list[PageMessage] = []
    every: list[AttachmentLink] = []
    seen: set[tuple[str, int]] = set()
    for node in tree.css("div.correspondence, div[id^='incoming-'], div[id^='outgoing-']"):
        m = _MESSAGE_ID.fullmatch(node.attributes.get("id") or "")
        if not m or (m[1], int(m[2])) in seen:
            continue
        seen.add((m[1], int(m[2])))
        msg = _message(node, m[1], int(m[2]), page_url)
        every.extend(a for a in msg.attachments if not a.hidden)
        messages.append(msg)
    if not messages:  # unknown markup: still keep the attachments
        every = _links(tree.css("a[href]"), page_url)
    batch = None
    for a in tree.css("a[href*='/info_request_batch/']"):
        found = BATCH_LINK_RE.search(a.attributes.get("href") or "")
        if found:
            batch = int(found["id"])
            break
    hidden = tree.css_first("p#hidden_request")
    return RequestPage(
        messages=messages,
        batch_id=batch,
        attachments=every,
        recognised=bool(messages),
        hidden_request=_clean_text(hidden.text()) if hidden else "",
    )


# -- batch pages --------------------------------------------------------------------


@dataclass(slots=True)
class BatchPage:
    title: str
    slugs: list[str]
    next_url: str | None
    n_authorities: int | None
    #: slug → (body url_name, body name) where the listing names the body
    bodies: dict[str, tuple[str, str]] = field(default_factory=dict)


def parse_batch_page(html: str, page_url: str) -> BatchPage:
    """Title, request slugs and the next page's URL from ``/info_request_batch/<id>``.

    >>> p = parse_batch_page('<h1>Foster care - a batch request</h1>Sent to 3 authorities'
    ...     ' by <a href="/user/u">U</a><div class="request_listing">'
    ...     '<a href="/request/foster_care#incoming-1">Foster care</a></div>'
    ...     '<a rel="next" href="?page=2">Next</a>', "https://wdtk.test/info_request_batch/7")
    >>> (p.title, p.slugs, p.next_url, p.n_authorities)
    ('Foster care', ['foster_care'], 'https://wdtk.test/info_request_batch/7?page=2', 3)
    """
    tree = HTMLParser(html)
    h1 = tree.css_first("h1")
    title = _clean_text(h1.text()) if h1 else ""
    title = linre.compile(r"\s+-\s+a batch request$").sub("", title)
    scope = tree.css_first("#left_column, .results_block") or tree.body or tree.root
    slugs: list[str] = []
    for a in scope.css("a[href]") if scope else []:
        m = REQUEST_LINK_RE.match(a.attributes.get("href") or "")
        if m and m["slug"] not in slugs:
            slugs.append(m["slug"])
    bodies: dict[str, tuple[str, str]] = {}
    for listing in tree.css(".request_listing"):
        slug = body = None
        for a in listing.css("a[href]"):
            href = a.attributes.get("href") or ""
            m = REQUEST_LINK_RE.match(href)
            if m and slug is None:
                slug = m["slug"]
            b = linre.compile(r"^(?:https?://[^/]+)?/body/([a-z0-9_]+)/?$").match(href)
            if b and body is None:
                body = (b[1], _clean_text(a.text()))
        if slug and body:
            bodies[slug] = body
    nxt = tree.css_first("a[rel~='next'], a.next_page, .pagination a.next")
    next_url = None
    if nxt and nxt.attributes.get("href"):
        next_url = urljoin(page_url, nxt.attributes["href"])
    text = tree.body.text() if tree.body else ""
    count = linre.compile(r"Sent (?:batch \S* )?to (one|\d+) authorit").search(text)
    n = None if not count else 1 if count[1] == "one" else int(count[1])
    return BatchPage(title=title, slugs=slugs, next_url=next_url, n_authorities=n, bodies=bodies)


# -- feeds ----------------------------------------------------------------------------


@dataclass(slots=True)
class FeedEntry:
    """One feed item: an event and the request it belongs to."""

    event_id: int | None
    url_title: str | None
    published: dt.datetime | None
    title: str
    event_type: str | None = None
    body_url_name: str | None = None


def parse_feed_json(data: Any) -> list[FeedEntry]:
    """A ``/feed/...json`` array (deep events with ``info_request`` and ``public_body``)."""
    if not isinstance(data, list):
        raise WdtkParseError(f"feed JSON is a {type(data).__name__}, not an array")
    out = []
    for item in data:
        if not isinstance(item, dict):
            continue
        request = item.get("info_request") or {}
        body = item.get("public_body") or {}
        out.append(
            FeedEntry(
                event_id=item.get("id"),
                url_title=request.get("url_title"),
                published=parse_time(item.get("created_at")),
                title=request.get("title") or "",
                event_type=item.get("event_type"),
                body_url_name=body.get("url_name"),
            )
        )
    return out


ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed_atom(data: bytes) -> list[FeedEntry]:
    """An Atom feed's entries, parsed with no DTD, no entities and no network.

    A document with a ``<!DOCTYPE`` is refused outright: Atom needs none, and refusing it
    rules out entity-expansion attacks whatever the parser's defaults.
    """
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise WdtkParseError("Atom feed with a DOCTYPE/ENTITY declaration refused")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise WdtkParseError(f"invalid Atom XML: {exc}") from exc
    if root.tag != f"{ATOM}feed":
        raise WdtkParseError(f"not an Atom feed (root element {root.tag})")
    out = []
    for entry in root.iter(f"{ATOM}entry"):
        event_id = None
        m = linre.compile(r"InfoRequestEvent/(\d+)").search(entry.findtext(f"{ATOM}id") or "")
        if m:
            event_id = int(m[1])
        slug = None
        content = entry.findtext(f"{ATOM}content") or ""
        for a in HTMLParser(content).css("a[href]") if content.strip() else []:
            found = REQUEST_LINK_RE.match(a.attributes.get("href") or "")
            if found:
                slug = found["slug"]
                break
        title = HTMLParser(entry.findtext(f"{ATOM}title") or "<p></p>").text().strip()
        out.append(
            FeedEntry(
                event_id=event_id,
                url_title=slug,
                published=parse_time(entry.findtext(f"{ATOM}published")),
                title=title,
            )
        )
    return out


# -- all-authorities.csv ------------------------------------------------------------------


def parse_authorities_csv(data: bytes) -> list[dict[str, Any]]:
    """``/body/all-authorities.csv`` as dicts: url_name, name, short_name, tags, ...

    >>> rows = parse_authorities_csv(b"Internal ID,Name,Short name,URL name,Tags,Home page,"
    ...     b"Publication scheme,Disclosure log,Notes,Created at,Updated at,Version\\n"
    ...     b"3,Barnet Borough Council,,barnet_borough_council,local_council london,"
    ...     b"https://barnet.gov.uk,,,,,,1\\n")
    >>> rows[0]["url_name"], rows[0]["tags"]
    ('barnet_borough_council', ['local_council', 'london'])
    """
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    need = {"Name", "URL name"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise WdtkParseError(f"all-authorities.csv lacks columns {sorted(need)}")
    out = []
    for row in reader:
        if not row.get("URL name"):
            continue
        out.append(
            {
                "id": int(row["Internal ID"]) if (row.get("Internal ID") or "").isdigit() else None,
                "name": row["Name"].strip(),
                "short_name": (row.get("Short name") or "").strip(),
                "url_name": row["URL name"].strip(),
                "tags": (row.get("Tags") or "").split(),
                "home_page": (row.get("Home page") or "").strip(),
                "disclosure_log": (row.get("Disclosure log") or "").strip(),
            }
        )
    return out


def request_slug(url: str) -> str | None:
    """The url_title of a request URL (``#incoming-N`` anchors and suffixes ignored).

    >>> request_slug("https://www.whatdotheyknow.com/request/adoption_services_3#incoming-1")
    'adoption_services_3'
    """
    path = urlsplit(url).path
    m = linre.compile(r"^/request/([^/]+?)(?:\.json)?/?$").match(path)
    return m[1] if m else None
