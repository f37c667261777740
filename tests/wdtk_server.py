"""A loopback Alaveteli (WhatDoTheyKnow) server for tests: real socket, real HTTP.

It serves what ``../shared/reference/alaveteli-api.md`` describes, built from a small
in-memory site: a batch sent to several councils (acknowledgement, clarification,
refusal, PDF and DOCX attachments), a hidden request (403), a missing one (404),
numeric-id and historic-slug redirects, JSON and Atom feeds, paged batch pages and
``all-authorities.csv``. Faults are queued per path::

    with AlaveteliServer(demo_site()) as server:
        server.faults["/request/x.json"] = ["429", "ok"]   # 429 once, then normal
        client.get(server.base_url + "/request/x.json")
        server.hits  # every path requested, in order

Fault names: ``429`` (Retry-After: 1), ``500``, ``503``, ``timeout`` (the server waits
``slow_seconds`` before answering), ``truncate`` (half the body under the full
Content-Length), ``truncate_json`` (a complete response whose JSON is cut short),
``challenge`` (a Cloudflare-style 403 HTML page), ``html`` (an HTML page with 200).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit

UTC = dt.UTC
BST = dt.timezone(dt.timedelta(hours=1))


@dataclass
class Attachment:
    part: int
    filename: str
    content_type: str
    data: bytes
    prominence: str = "normal"  # normal | hidden | requester_only (hidden by an administrator)


@dataclass
class Message:
    direction: str  # incoming | outgoing
    id: int
    at: dt.datetime
    text: str
    event_type: str  # sent | followup_sent | response
    calculated_state: str | None
    attachments: list[Attachment] = field(default_factory=list)
    described_state: str | None = None
    prominence: str = "normal"  # normal | hidden | requester_only (hidden by an administrator)
    quoted: str = ""  # quoted earlier mail: folded away unless the page is asked ?unfold=1
    author: str = ""  # the sender's own name, when the email gave one


def response(
    mid: int,
    at: dt.datetime,
    text: str,
    state: str,
    attachments: list[Attachment] | None = None,
    *,
    described: bool = True,
    **extra: str,
) -> Message:
    """An authority's reply: an incoming ``response`` event that leaves the request in
    ``state``, which the requester also described it as unless ``described`` is false."""
    return Message(
        "incoming",
        mid,
        at,
        text,
        "response",
        state,
        attachments or [],
        described_state=state if described else None,
        **extra,
    )


@dataclass
class Body:
    id: int
    url_name: str
    name: str
    tags: list[list] = field(default_factory=lambda: [["local_council", None]])
    old_url_names: list[str] = field(default_factory=list)


@dataclass
class Request:
    id: int
    url_title: str
    title: str
    body: Body
    created_at: dt.datetime
    described_state: str
    messages: list[Message]
    prominence: str = "normal"
    batch_id: int | None = None
    user_name: str | None = None  # set for external requests (no "user" object)
    law_used: str = "foi"
    updated_at: dt.datetime | None = None
    awaiting_description: bool = False
    markup: str = "alaveteli"  # "changed": correspondence in markup the reader does not know


@dataclass
class Site:
    bodies: list[Body]
    requests: list[Request]
    batches: dict[int, dict]  # id -> {"title", "sent_at", "user"}
    per_page: int = 25


def _ts(value: dt.datetime) -> str:
    """Rails TimeWithZone JSON: milliseconds and the zone (Z for UTC)."""
    text = value.isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


# -- documents served as attachments ---------------------------------------------------


def make_pdf(lines: list[str]) -> bytes:
    """A real one-page PDF with text (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    y = 800
    for line in lines:
        pdf.drawString(60, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(paragraphs: list[str]) -> bytes:
    """A real Word document (python-docx)."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TITLE = "Use of the Adoption and Children (Coronavirus) (Amendment) Regulations 2020"
REQUEST_TEXT = (
    "Dear {body},\n\nPlease tell me whether your children's services used any of the "
    "flexibilities in the Adoption and Children (Coronavirus) (Amendment) Regulations 2020 "
    "(SI 2020/445) between 24 April and 25 September 2020.\n\nYours faithfully,\nA Researcher"
)


def demo_site(per_page: int = 3) -> Site:
    """The batch used by the tests: five councils, every kind of answer, plus extras."""
    barnet = Body(
        59,
        "barnet_borough_council",
        "Barnet Borough Council",
        old_url_names=["london_borough_of_barnet"],
    )
    coventry = Body(900102, "coventry_city_council", "Coventry City Council")
    leeds = Body(900103, "leeds_city_council", "Leeds City Council")
    kent = Body(900104, "kent_county_council", "Kent County Council")
    manchester = Body(900105, "manchester_city_council", "Manchester City Council")
    gone = Body(900106, "york_council", "City of York Council")
    sent = dt.datetime(2020, 7, 3, 9, 14, 5, 318000, tzinfo=BST)

    def outgoing(mid: int, body: Body, at: dt.datetime) -> Message:
        return Message(
            "outgoing", mid, at, REQUEST_TEXT.format(body=body.name), "sent", "waiting_response"
        )

    def in_batch(
        n: int,
        body: Body,
        state: str,
        messages: list[Message],
        *,
        at: dt.datetime = sent,
        **extra: str,
    ) -> Request:
        """The ``n``-th request of batch 42 (the round robin), to ``body``."""
        slug = "use_of_the_adoption_and_childre" + (f"_{n}" if n > 1 else "")
        return Request(671230 + n, slug, TITLE, body, at, state, messages, batch_id=42, **extra)

    barnet_pdf = make_pdf(
        [
            "Barnet Borough Council - Freedom of Information response",
            "Reference: FOI-2020-1234   Date: 28 July 2020",
            "We did not use any of the flexibilities in SI 2020/445.",
        ]
    )
    coventry_docx = make_docx(
        [
            "Coventry City Council",
            "Our reference: REQ07286",
            "Your request is refused under section 12 of the Freedom of Information Act 2000:",
            "the cost of compliance would exceed the appropriate limit (902 hours).",
        ]
    )
    manchester_pdf = make_pdf(
        [
            "Manchester City Council - Information Governance",
            "Some of the information you asked for is attached; section 40(2) applies to the rest.",
        ]
    )
    requests = [
        in_batch(
            1,
            barnet,
            "successful",
            [
                outgoing(9001, barnet, sent),
                response(
                    5001,
                    sent + dt.timedelta(days=1),
                    "Thank you for your request. We aim to respond within 20 working days.",
                    "waiting_response",
                    described=False,
                ),
                response(
                    5002,
                    dt.datetime(2020, 7, 28, 11, 0, tzinfo=BST),
                    "Please find our response attached.",
                    "successful",
                    [Attachment(2, "FOI-2020-1234 response.pdf", "application/pdf", barnet_pdf)],
                ),
            ],
        ),
        in_batch(
            2,
            coventry,
            "rejected",
            [
                outgoing(9002, coventry, sent.astimezone(UTC)),
                response(
                    5003,
                    dt.datetime(2020, 7, 8, 10, 0, tzinfo=UTC),
                    "Before we can answer, please clarify which period you mean.",
                    "waiting_clarification",
                ),
                Message(
                    "outgoing",
                    9003,
                    dt.datetime(2020, 7, 9, 8, 0, tzinfo=UTC),
                    "Dear Coventry, I mean 24 April to 25 September 2020.",
                    "followup_sent",
                    "waiting_response",
                ),
                response(
                    5004,
                    dt.datetime(2020, 8, 3, 15, 30, tzinfo=UTC),
                    "Please see the attached letter.",
                    "rejected",
                    [
                        Attachment(
                            3,
                            "REQ07286 response.docx",
                            "application/vnd.openxmlformats-officedocument"
                            ".wordprocessingml.document",
                            coventry_docx,
                        )
                    ],
                ),
            ],
            at=sent.astimezone(UTC),
        ),
        in_batch(
            3, leeds, "successful", [outgoing(9004, leeds, sent)], prominence="requester_only"
        ),
        in_batch(4, kent, "waiting_response", [outgoing(9005, kent, sent)]),
        in_batch(
            5,
            manchester,
            "partially_successful",
            [
                outgoing(9006, manchester, sent),
                response(
                    5005,
                    dt.datetime(2020, 8, 20, 9, 0, tzinfo=BST),
                    "Please find attached our response.",
                    "partially_successful",
                    [Attachment(2, "Response 5005.pdf", "application/pdf", manchester_pdf)],
                ),
            ],
            user_name="External Researcher",
        ),
        in_batch(6, gone, "successful", [outgoing(9007, gone, sent)], prominence="missing"),
        Request(
            680001,
            "foster_carers_numbers",
            "Foster carers numbers",
            barnet,
            dt.datetime(2021, 3, 1, 10, 0, tzinfo=UTC),
            "not_held",
            [
                outgoing(9101, barnet, dt.datetime(2021, 3, 1, 10, 0, tzinfo=UTC)),
                response(
                    5101,
                    dt.datetime(2021, 3, 20, 10, 0, tzinfo=UTC),
                    "We do not hold this information.",
                    "not_held",
                ),
            ],
        ),
    ]
    for request in requests:
        request.updated_at = request.updated_at or max(m.at for m in request.messages)
    batches = {42: {"title": TITLE, "sent_at": sent, "user": ("a_researcher", "A Researcher")}}
    bodies = [barnet, coventry, leeds, kent, manchester, gone]
    return Site(bodies=bodies, requests=requests, batches=batches, per_page=per_page)


# -- rendering ----------------------------------------------------------------------


def _request_json(site: Site, r: Request, deep: bool = True) -> dict:
    out = {
        "id": r.id,
        "url_title": r.url_title,
        "title": r.title,
        "created_at": _ts(r.created_at),
        "updated_at": _ts(r.updated_at or r.created_at),
        "described_state": r.described_state,
        "display_status": STATUS_LABELS[r.described_state],
        "awaiting_description": r.awaiting_description,
        "prominence": r.prominence,
        "law_used": r.law_used,
        "tags": [["covid19", None], ["campaign", "si445"], ["campaign", "si445b"]],
    }
    if not deep:
        return out
    if r.user_name:
        out["user_name"] = r.user_name
    else:
        out["user"] = {
            "id": 98765,
            "url_name": "a_researcher",
            "name": "A Researcher",
            "ban_text": "",
            "about_me": "",
        }
    out["public_body"] = _body_json(r.body)
    out["info_request_events"] = [_event_json(e) for e in _events(r)]
    return out


def _events(r: Request) -> list[dict]:
    events = []
    for m in r.messages:
        events.append(
            {
                "id": m.id * 10,
                "event_type": m.event_type,
                "created_at": m.at,
                "described_state": m.described_state,
                "calculated_state": m.calculated_state,
                "last_described_at": _ts(m.at) if m.described_state else None,
                "incoming_message_id": m.id if m.direction == "incoming" else None,
                "outgoing_message_id": m.id if m.direction == "outgoing" else None,
                "comment_id": None,
                "display_status": _event_label(m),
                "request": r,
            }
        )
    # an admin event without a message: must be tolerated and ignored
    events.append(
        {
            "id": r.id * 10 + 1,
            "event_type": "status_update",
            "created_at": (r.updated_at or r.created_at),
            "described_state": None,
            "calculated_state": r.described_state,
            "last_described_at": None,
            "incoming_message_id": None,
            "outgoing_message_id": None,
            "comment_id": None,
            "request": r,
        }
    )
    return events


#: InfoRequest.get_status_description (app/models/info_request.rb)
STATUS_LABELS = {
    "waiting_classification": "Awaiting classification",
    "waiting_response": "Awaiting response",
    "waiting_response_overdue": "Delayed",
    "waiting_response_very_overdue": "Long overdue",
    "not_held": "Information not held",
    "rejected": "Refused",
    "partially_successful": "Partially successful",
    "successful": "Successful",
    "waiting_clarification": "Waiting clarification",
    "gone_postal": "Handled by postal mail",
    "internal_review": "Awaiting internal review",
    "error_message": "Delivery error",
    "requires_admin": "Unusual response",
    "attention_requested": "Reported for administrator attention",
    "user_withdrawn": "Withdrawn by the requester",
    "vexatious": "Considered by administrators as vexatious",
    "not_foi": "Considered by administrators as not an FOI request",
}


def _event_label(m: Message) -> str:
    """InfoRequestEvent#display_status for a message event."""
    if m.direction == "incoming":
        return STATUS_LABELS[m.calculated_state] if m.calculated_state else "Response"
    if m.calculated_state == "internal_review":
        return "Internal review request"
    if m.calculated_state == "waiting_response":
        return "Clarification"
    return "Follow up"


def _event_json(e: dict) -> dict:
    out = {k: v for k, v in e.items() if k != "request"}
    out["created_at"] = _ts(e["created_at"])
    if out.get("incoming_message_id") is None and out.get("outgoing_message_id") is None:
        out.pop("display_status", None)
    return out


def _body_json(b: Body) -> dict:
    return {
        "id": b.id,
        "url_name": b.url_name,
        "name": b.name,
        "short_name": "",
        "created_at": "2008-01-01T00:00:00.000Z",
        "updated_at": "2025-05-01T10:00:00.000Z",
        "home_page": f"https://www.{b.url_name.split('_')[0]}.gov.uk",
        "notes": "",
        "publication_scheme": "",
        "disclosure_log": "",
        "tags": b.tags,
        "info": {
            "requests_count": 10,
            "requests_successful_count": 5,
            "requests_not_held_count": 1,
            "requests_overdue_count": 1,
            "requests_visible_classified_count": 9,
        },
    }


def _attach_path(r: Request, m: Message, a: Attachment, as_html: bool = False) -> str:
    name = quote(a.filename)
    if as_html:
        return f"/request/{r.url_title}/response/{m.id}/attach/html/{a.part}/{name}.html"
    return f"/request/{r.url_title}/response/{m.id}/attach/{a.part}/{name}"


def _time(at: dt.datetime) -> str:
    """Rails ``time_tag`` as DateTimeHelper#simple_date_html writes it."""
    return (
        f'<time datetime="{at.isoformat(timespec="seconds")}" '
        f'title="{at:%Y-%m-%d %H:%M:%S %z}">{at.day} {at:%B %Y}</time>'
    )


def _simple_format(text: str) -> str:
    """Rails ``simple_format``: paragraphs on blank lines, ``<br />`` on single breaks."""
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br />\n".join(html.escape(line) for line in p.split("\n")) + "</p>\n\n"
        for p in paras
    )


HIDDEN_NOTICE = (
    "This message has been hidden. There are various reasons why we might have done this, "
    "sorry we can't be more specific here. Please "
    '<a href="/help/contact">contact us</a> if you have any questions.'
)
REQUESTER_ONLY_NOTICE = (
    "This message has been hidden. There are various reasons why we might have done this, "
    "sorry we can't be more specific here. If you are the requester, then you may "
    '<a href="/profile/sign_in?r=%2Frequest%2Fx">sign in</a> to view the message. Please '
    '<a href="/help/contact">contact us</a> if you have any questions.'
)


def _footer(r: Request, anchor: str) -> str:
    return (
        '<div class="correspondence__footer"><div class="correspondence__footer__cplink">'
        f'<input type="text" class="cplink__field" value="https://www.whatdotheyknow.com'
        f'/request/{r.url_title}#{anchor}" />'
        '<a class="cplink__button">Link to this</a>'
        f'<a class="cplink__button" href="/request/{r.url_title}/report/new">Report</a>'
        "</div></div>"
    )


def _attachment_li(r: Request, m: Message, a: Attachment) -> str:
    att_id = m.id * 100 + a.part
    if a.prominence != "normal":
        notice = (
            "This attachment has been hidden. There are various reasons why we might have done"
            " this, sorry we can't be more specific here."
        )
        return (
            f'<li class="attachment" id="attachment-{att_id}">'
            '<img class="attachment__image" src="/assets/content_type/icon_unknown.png" />'
            f'<span class="hidden_attachment">{notice}</span></li>'
        )
    return (
        f'<li class="attachment" id="attachment-{att_id}">'
        f'<a href="{_attach_path(r, m, a)}"><img class="attachment__image" alt="Attachment" '
        f'src="/assets/content_type/icon_application_pdf_large.png" /></a>'
        f'<p class="attachment__name">{html.escape(a.filename)}</p>'
        f'<p class="attachment__meta">{max(1, len(a.data) // 1024)}K '
        f'<a href="{_attach_path(r, m, a, as_html=True)}">View</a> '
        f'<a href="{_attach_path(r, m, a)}">Download</a></p></li>'
    )


def _incoming_html(r: Request, m: Message, unfold: bool) -> str:
    author = (f"{html.escape(m.author)},\n" if m.author else "") + html.escape(r.body.name)
    head = (
        f'<div class="incoming correspondence {m.prominence} js-collapsible" id="incoming-{m.id}">'
        '<div class="correspondence__header">'
        f'<span class="correspondence__header__author js-collapsible-trigger">{author}</span>'
        f'<a class="correspondence__header__date" href="#incoming-{m.id}">{_time(m.at)}</a>'
        "</div>"
    )
    if m.prominence != "normal":
        notice = HIDDEN_NOTICE if m.prominence == "hidden" else REQUESTER_ONLY_NOTICE
        return head + f'<p id="hidden_message" class="hidden_message">{notice}</p></div>'
    items = "".join(_attachment_li(r, m, a) for a in m.attachments)
    n = len(m.attachments)
    attachments = (
        '<div class="attachments"><div class="attachments__header"><h3>'
        f"{n} Attachment{'s' if n != 1 else ''}</h3></div>"
        f'<ul class="list-of-attachments">{items}</ul>'
        '<a href="#" class="attachments__show-more" style="display: none;" '
        'data-show-all="Show all attachments" data-show-fewer="Show fewer attachments"></a>'
        "</div>"
        if m.attachments
        else ""
    )
    if m.quoted and unfold:
        body = _simple_format(m.text + "\n\n" + m.quoted) + (
            f'<span class="unfold_link"><a href="?#incoming-{m.id}">hide quoted sections</a></span>'
        )
    elif m.quoted:
        body = _simple_format(m.text) + (
            f'<span class="unfold_link"><a href="?unfold=1#incoming-{m.id}">show quoted '
            "sections</a></span>"
        )
    else:
        body = _simple_format(m.text)
    return (
        head + f'<div class="correspondence_text">{attachments}'
        f'<div id="attachment-{m.id * 100 + 1}">{body}</div></div>'
        '<p class="event_actions"></p>' + _footer(r, f"incoming-{m.id}") + "</div>"
    )


def _outgoing_html(r: Request, m: Message) -> str:
    head = f'<div class="outgoing correspondence js-collapsible" id="outgoing-{m.id}">'
    if m.prominence != "normal":
        notice = HIDDEN_NOTICE if m.prominence == "hidden" else REQUESTER_ONLY_NOTICE
        return head + f'<p id="hidden_message" class="hidden_message">{notice}</p></div>'
    return (
        head + '<div class="correspondence__header">'
        '<span class="correspondence__header__author js-collapsible-trigger">'
        f"{html.escape(r.user_name or 'A Researcher')}</span>"
        f'<a class="correspondence__header__date" href="#outgoing-{m.id}">{_time(m.at)}</a>'
        "</div>"
        '<div class="js-delivery-log-ajax-error" hidden aria-hidden="true" style="display: none;'
        ' visibility: hidden;"><p>We couldn’t load the mail server logs for this message.</p>'
        "</div>"
        f'<div class="correspondence_text"><div>{_simple_format(m.text)}</div></div>'
        '<p class="event_actions"></p>' + _footer(r, f"outgoing-{m.id}") + "</div>"
    )


def _changed_html(r: Request, m: Message) -> str:
    """Correspondence as a redesign might render it: no correspondence ids at all."""
    return (
        f'<article class="message message--{m.direction}"><header>{_time(m.at)}</header>'
        f"<section>{_simple_format(m.text)}</section></article>"
    )


def _request_html(r: Request, unfold: bool = False) -> str:
    """The request page as app/views/request/show.html.erb renders it (logged out)."""
    blocks = []
    for m in r.messages:
        if r.markup == "changed":
            blocks.append(_changed_html(r, m))
        elif m.direction == "outgoing":
            blocks.append('<div class="ff-print-fix"></div>' + _outgoing_html(r, m))
        else:
            blocks.append('<div class="ff-print-fix"></div>' + _incoming_html(r, m, unfold))
    batch = (
        f'<div class="sidebar__section sidebar__part-of-batch"><h2>More requests in this '
        f'batch</h2><p>This request is part of <a href="/info_request_batch/{r.batch_id}">a '
        f"batch sent to 6 authorities</a></p></div>"
        if r.batch_id
        else ""
    )
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><title>{html.escape(r.title)} - a Freedom "
        f"of Information request to {html.escape(r.body.name)} - WhatDoTheyKnow</title>"
        f"<script>var x = '<a href=\"https://evil.example/x\">';</script></head><body>"
        f'<div id="wrapper"><div class="request-header"><h1>{html.escape(r.title)}</h1></div>'
        f'<div id="left_column" class="left_column">{"".join(blocks)}</div>'
        f'<div id="right_column" class="sidebar right_column" role="complementary">{batch}'
        f'<a href="https://evil.example/tracker.pdf">Elsewhere</a></div></div></body></html>'
    )


def _batch_html(site: Site, batch_id: int, page: int) -> str | None:
    batch = site.batches.get(batch_id)
    if not batch:
        return None
    members = [r for r in site.requests if r.batch_id == batch_id and r.prominence != "hidden"]
    start = (page - 1) * site.per_page
    shown = members[start : start + site.per_page]
    listing = "".join(
        f'<div class="request_listing"><span class="head"><a href="/request/'
        f'{r.url_title if r.id != 671235 else r.id}">{html.escape(r.title)}</a></span>'
        f'<span class="bottomline">Request sent to <a href="/body/{r.body.url_name}">'
        f"{html.escape(r.body.name)}</a> by A Researcher on {r.created_at:%d %B %Y}.</span>"
        f"</div>"
        for r in shown
    )
    pager = ""
    if start + site.per_page < len(members):
        pager = (
            f'<div class="pagination"><a class="next_page" rel="next" '
            f'href="/info_request_batch/{batch_id}?page={page + 1}">Next →</a></div>'
        )
    n = sum(1 for r in site.requests if r.batch_id == batch_id)
    return (
        f"<!DOCTYPE html><html><body><div class='info_request_batch_intro'>"
        f"<h1>{html.escape(batch['title'])} - a batch request</h1>"
        f"Sent to {n} authorities by <a href='/user/{batch['user'][0]}'>{batch['user'][1]}"
        f"</a> on {batch['sent_at']:%d %B %Y}.</div><div id='left_column' class='left_column'>"
        f"<div class='results_section'><div class='results_block'>{listing}{pager}</div></div>"
        f"</div></body></html>"
    )


def _feed_events(site: Site, query: str) -> list[dict]:
    """Indexed events (sent, followup_sent, response) of searchable requests, newest first."""
    body = re.search(r"requested_from:(\S+)", query)
    dates = re.search(r"(\d\d/\d\d/\d{4})\.\.(\d\d/\d\d/\d{4})", query)
    words = re.sub(r"\S+:\S+|\d\d/\d\d/\d{4}\.\.\d\d/\d\d/\d{4}", "", query).strip().lower()
    out = []
    for r in site.requests:
        if r.prominence != "normal":
            continue
        if body and r.body.url_name != body[1]:
            continue
        if words and not all(w in r.title.lower() for w in words.split()):
            continue
        for e in _events(r):
            if e["event_type"] not in {"sent", "followup_sent", "response", "comment"}:
                continue
            if dates:
                lo = dt.datetime.strptime(dates[1], "%d/%m/%Y").date()
                hi = dt.datetime.strptime(dates[2], "%d/%m/%Y").date()
                if not lo <= e["created_at"].astimezone(UTC).date() <= hi:
                    continue
            out.append(e)
    out.sort(key=lambda e: e["created_at"], reverse=True)
    return out


def _feed_atom(host: str, path: str, events: list[dict], title: str) -> str:
    entries = []
    for e in events:
        r = e["request"]
        content = html.escape(
            f'<div class="request_listing"><a href="/request/{r.url_title}#incoming-'
            f'{e["incoming_message_id"] or e["outgoing_message_id"]}">{html.escape(r.title)}</a>'
            f" Response by {html.escape(r.body.name)} to A Researcher on "
            f"{e['created_at']:%d %B %Y}.</div>"
        )
        entries.append(
            f"<entry><id>tag:{host},2005:InfoRequestEvent/{e['id']}</id>"
            f"<published>{e['created_at'].isoformat()}</published>"
            f'<link rel="alternate" type="text/html" href="http://{host}/request_event/{e["id"]}"/>'
            f'<title type="html">{html.escape(r.title)}</title>'
            f'<content type="html">{content}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">'
        f"<id>tag:{host},2005:{path}</id>"
        f'<link rel="alternate" type="text/html" href="http://{host}/"/>'
        f"<title>{html.escape(title)}</title>{''.join(entries)}</feed>"
    )


def _authorities_csv(site: Site) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "Internal ID",
            "Name",
            "Short name",
            "URL name",
            "Tags",
            "Home page",
            "Publication scheme",
            "Disclosure log",
            "Notes",
            "Created at",
            "Updated at",
            "Version",
        ]
    )
    for b in site.bodies:
        tags = " ".join(t[0] if t[1] is None else f"{t[0]}:{t[1]}" for t in b.tags)
        writer.writerow(
            [
                b.id,
                b.name,
                "",
                b.url_name,
                tags,
                "",
                "",
                "",
                "",
                "2008-01-01 00:00:00 UTC",
                "2025-05-01 10:00:00 UTC",
                1,
            ]
        )
    return buffer.getvalue()


# -- the server -----------------------------------------------------------------------


class AlaveteliServer:
    """A threaded HTTP server on 127.0.0.1 (port chosen by the OS) serving ``site``."""

    def __init__(self, site: Site, *, slow_seconds: float = 1.0) -> None:
        self.site = site
        self.slow_seconds = slow_seconds
        self.faults: dict[str, list[str]] = {}
        self.hits: list[str] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                outer._handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client that timed out and hung up is expected here

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> AlaveteliServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> AlaveteliServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def hits_matching(self, pattern: str) -> list[str]:
        return [h for h in self.hits if re.search(pattern, h)]

    # -- request handling ---------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        with self._lock:
            self.hits.append(h.path)
            self.user_agents.append(h.headers.get("User-Agent", ""))
            queue = self.faults.get(parts.path) or self.faults.get(path)
            fault = queue.pop(0) if queue else None
        if fault == "timeout":
            time.sleep(self.slow_seconds)
        elif fault in {"429", "500", "503"}:
            headers = {"Retry-After": "1"} if fault == "429" else {}
            return self._send(h, int(fault), b"busy", "text/plain", headers)
        elif fault == "challenge":
            return self._send(
                h,
                403,
                b"<html><title>Just a moment...</title></html>",
                "text/html",
                {"cf-mitigated": "challenge", "cf-ray": "8a1"},
            )
        elif fault == "html":
            return self._send(
                h, 200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"
            )
        status, body, ctype, headers = self._route(path, query, h)
        if fault == "truncate":
            return self._send(h, status, body, ctype, headers, truncate=True)
        if fault == "truncate_json":
            body = body[: len(body) // 2]
        return self._send(h, status, body, ctype, headers, etag_request=h)

    def _send(self, h, status, body, ctype, headers=None, *, truncate=False, etag_request=None):
        headers = dict(headers or {})
        if status == 200 and etag_request is not None:
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            headers["ETag"] = etag
            if etag_request.headers.get("If-None-Match") == etag:
                h.send_response(304)
                h.send_header("ETag", etag)
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            h.send_header(key, value)
        if truncate:
            h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(body[: len(body) // 2] if truncate else body)
        if truncate:
            h.wfile.flush()
            h.close_connection = True

    def _route(self, path: str, query: dict, h) -> tuple[int, bytes, str, dict]:
        site = self.site
        host = h.headers.get("Host", "127.0.0.1")
        page = int((query.get("page") or ["1"])[0])
        by_slug = {r.url_title: r for r in site.requests}
        by_id = {r.id: r for r in site.requests}
        json_type = "application/json; charset=utf-8"
        html_type = "text/html; charset=utf-8"

        m = re.fullmatch(r"/request/(\d+)(\.json)?", path)
        if m and int(m[1]) in by_id:
            return (
                301,
                b"",
                html_type,
                {"Location": f"/request/{by_id[int(m[1])].url_title}{m[2] or ''}"},
            )
        m = re.fullmatch(r"/request/([a-z0-9_]+)(\.json)?", path)
        if m:
            r = by_slug.get(m[1])
            if r is None or r.prominence == "missing":
                return 404, b"" if m[2] else b"<html>Not found</html>", html_type, {}
            if r.prominence in {"hidden", "requester_only"}:
                return (
                    403,
                    b"" if m[2] else b"<html>This request has been hidden</html>",
                    html_type,
                    {},
                )
            if m[2]:
                return 200, json.dumps(_request_json(site, r)).encode(), json_type, {}
            unfold = bool((query.get("unfold") or [""])[0])
            return 200, _request_html(r, unfold=unfold).encode(), html_type, {}
        m = re.fullmatch(r"/request/([a-z0-9_]+)/response/(\d+)/attach/(html/)?(\d+)/(.+)", path)
        if m and m[1] in by_slug:
            r = by_slug[m[1]]
            for msg in r.messages:
                for a in msg.attachments:
                    if msg.id == int(m[2]) and a.part == int(m[4]):
                        if a.prominence != "normal" or msg.prominence != "normal":
                            return (
                                403,
                                b"<html>This attachment has been hidden</html>",
                                html_type,
                                {},
                            )
                        if m[3]:
                            page_html = (
                                f"<html><body><div id='wrapper_header'>This is an HTML version "
                                f"of an attachment to the Freedom of Information request "
                                f"'{html.escape(r.title)}'.</div><div>{html.escape(a.filename)}"
                                f"</div></body></html>"
                            )
                            return 200, page_html.encode(), html_type, {}
                        return 200, a.data, a.content_type, {}
            return 404, b"", html_type, {}
        m = re.fullmatch(r"/body/([a-z0-9_]+)\.json", path)
        if m:
            for b in site.bodies:
                if b.url_name == m[1]:
                    return 200, json.dumps(_body_json(b)).encode(), json_type, {}
                if m[1] in b.old_url_names:
                    return 301, b"", html_type, {"Location": f"/body/{b.url_name}.json"}
            return 404, b"", html_type, {}
        if path == "/body/all-authorities.csv":
            return 200, _authorities_csv(site).encode(), "text/csv; charset=utf-8", {}
        m = re.fullmatch(r"/info_request_batch/(\d+)", path)
        if m:
            text = _batch_html(site, int(m[1]), page)
            return (200, text.encode(), html_type, {}) if text else (404, b"", html_type, {})
        m = re.fullmatch(r"/feed/(body|search)/(.+?)(\.json)?", path)
        if m:
            q = f"requested_from:{m[2]}" if m[1] == "body" else m[2]
            events = _feed_events(site, q)[(page - 1) * 25 : page * 25]
            if m[3]:
                items = []
                for e in events:
                    r = e["request"]
                    item = _event_json(e)
                    item.update(
                        snippet="…",
                        info_request=_request_json(site, r, deep=False),
                        public_body=_body_json(r.body),
                        user={"name": r.user_name or "A Researcher"},
                    )
                    items.append(item)
                return 200, json.dumps(items).encode(), json_type, {}
            atom = _feed_atom(host, path, events, f"FOI requests matching '{q}'")
            return 200, atom.encode(), "application/atom+xml; charset=utf-8", {}
        m = re.fullmatch(r"/request_event/(\d+)", path)
        if m:
            for r in site.requests:
                for e in _events(r):
                    if e["id"] == int(m[1]):
                        kind = "incoming" if e["incoming_message_id"] else "outgoing"
                        mid = e["incoming_message_id"] or e["outgoing_message_id"]
                        anchor = f"#{kind}-{mid}"
                        return 301, b"", html_type, {"Location": f"/request/{r.url_title}{anchor}"}
        if path == "/robots.txt":
            return 200, b"User-agent: *\nDisallow: */feed/*\n", "text/plain", {}
        return 404, b"<html>Not found</html>", html_type, {}


def fidelity_site() -> Site:
    """Requests that exercise what the real pages do: quoted sections folded unless
    ``?unfold=1``, messages and attachments hidden by an administrator, and one request
    whose page uses markup the reader does not know."""
    sandwell = Body(900201, "sandwell_metropolitan_borough_council", "Sandwell Council")
    at = dt.datetime(2023, 5, 2, 8, 15, tzinfo=BST)
    request_text = "Dear Sandwell Council,\n\nHow many children in care live out of area?\n\nJ."
    report = make_pdf(["Sandwell Children's Trust", "Reference: SCT FOI 2023 118"])
    quoted = "-----Original Message-----\nFrom: J. Example\nSent: 02 May 2023\n\n" + request_text
    requests = [
        Request(
            690001,
            "children_in_care_out_of_area",
            "Children in care out of area",
            sandwell,
            at,
            "successful",
            [
                Message("outgoing", 9201, at, request_text, "sent", "waiting_response"),
                response(
                    5201,
                    at + dt.timedelta(days=1),
                    "Your request was passed to a third party by mistake.",
                    "waiting_response",
                    described=False,
                    prominence="hidden",
                ),
                response(
                    5202,
                    at + dt.timedelta(days=20),
                    "Please find our response attached.\n\nSandwell Children's Trust",
                    "successful",
                    [
                        Attachment(2, "SCT FOI 2023 118.pdf", "application/pdf", report),
                        Attachment(3, "names.pdf", "application/pdf", report, "hidden"),
                    ],
                    quoted=quoted,
                    author="Information Governance",
                ),
            ],
        ),
        Request(
            690002,
            "placements_changed_markup",
            "Placements",
            sandwell,
            at,
            "successful",
            [
                Message("outgoing", 9202, at, request_text, "sent", "waiting_response"),
                response(
                    5203, at + dt.timedelta(days=9), "We hold no such information.", "not_held"
                ),
            ],
            markup="changed",
        ),
    ]
    for request in requests:
        request.updated_at = max(m.at for m in request.messages)
    return Site(bodies=[sandwell], requests=requests, batches={})
