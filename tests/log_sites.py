"""A loopback web server with one fake disclosure log per site family.

Each site is written to the structure of the real log it imitates (see
``../shared/reference/disclosure-logs.md`` and the disclosure-log pages in
``../shared/corpus``): site navigation, a cookie banner, pagination or year pages, a
detail page that is broken, an entry listed twice, and attachments (real PDF and DOCX
bytes). :func:`serve` starts the server on 127.0.0.1 on a free port; every request's path
and User-Agent is recorded so tests can check what the crawler fetched.

The sites live side by side under one host, each under its own folder:

| family (adapter)    | start page                                             |
|---------------------|--------------------------------------------------------|
| outcome-documents   | /barnet/foi-requests                                   |
| request-response    | /lambeth/lambeth-data-hub                              |
| publication-date    | /thurrock/foi-responses                                |
| reference-coded     | /dover/Freedom-of-information-Disclosure-Log/Disclosure-Log.aspx |
| year-indexed        | /hastings/my-council/freedom-of-information/date/     |
| export (CSV)        | /apha/foi-log.csv                                      |
| export (XLSX page)  | /leics/foi/disclosure-log                              |
| generic             | /misc/foi/                                             |
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HTML = "text/html; charset=utf-8"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

START = {
    "outcome-documents": "/barnet/foi-requests",
    "request-response": "/lambeth/lambeth-data-hub",
    "publication-date": "/thurrock/foi-responses",
    "reference-coded": "/dover/Freedom-of-information-Disclosure-Log/Disclosure-Log.aspx",
    "year-indexed": "/hastings/my-council/freedom-of-information/date/",
    "export": "/apha/foi-log.csv",
    "export-page": "/leics/foi/disclosure-log",
    "generic": "/misc/foi/",
}


def pdf(text: str) -> bytes:
    """A one-page PDF letter holding ``text`` (one line per ``\\n``)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    y = 800
    for line in text.split("\n"):
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return out.getvalue()


def docx(text: str) -> bytes:
    """A DOCX letter with one paragraph per line of ``text``."""
    import docx as python_docx

    document = python_docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(rows: list[list[str]]) -> bytes:
    """An XLSX workbook with a title row, then ``rows`` (headings first)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Disclosure log"
    sheet.append(["FOI Disclosure log (including responses) received since 23/09/2013"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def page(title: str, main: str, *, site: str) -> str:
    """A council page: skip link, header and nav, cookie banner, main content, footer."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<script>window.dataLayer = [{{"page": "foi"}}];</script>
<style>.cookie-banner {{ position: fixed; }}</style></head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div id="cookie-banner" class="cookie-banner" role="dialog">
  <p>We use cookies to make this website work and to collect analytics. <a href="/cookies">Cookie policy</a></p>
  <button>Accept all cookies</button><button>Reject non-essential cookies</button>
</div>
<header class="site-header"><a href="/">{site} home</a>
  <form action="/search"><input name="q"><button>Search</button></form></header>
<nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/your-council">Your council</a></li>
  <li>Freedom of information</li></ol></nav>
<nav aria-label="Main"><ul><li><a href="/bins">Bins and recycling</a></li><li><a href="/council-tax">Council tax</a></li>
  <li><a href="/news">News</a></li><li><a href="https://twitter.example/council">Follow us</a></li></ul></nav>
<main id="main-content">
{main}
</main>
<div class="feedback"><p>Was this page useful? <a href="/feedback">Tell us</a></p></div>
<footer><p>&copy; {site}</p><a href="/accessibility">Accessibility</a> <a href="/privacy">Privacy</a></footer>
</body></html>"""


@dataclass
class Route:
    body: bytes
    content_type: str = HTML
    status: int = 200


@dataclass
class LogSites:
    """The running server: ``url(path)``, and the ``requests`` it has answered."""

    base: str
    routes: dict[str, Route]
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def start(self, family: str) -> str:
        return self.url(START[family])

    def fetched(self, prefix: str) -> list[str]:
        """Paths (with query) requested under ``prefix``, in order."""
        return [r for r in self.requests if r.startswith(prefix)]


# --------------------------------------------------------------------------- Barnet

BARNET_ENTRIES = [
    # (id, title, received, request, documents [(label, path, content type, bytes)])
    (
        "7442736",
        "Children taken into Care",
        "25 June 2021",
        "In relation to the first 20 cases of children that were taken into care (either interim or"
        " full) by your authority in the 2021 calendar year please provide me with the following"
        " information in connection with each of these cases.\n1. The sex of the child?\n"
        "2. The age of the child?",
        [
            (
                "Response (all information to be supplied)",
                "/media/barnet/foi/7442736-response.pdf",
                PDF,
                pdf(
                    "Our reference: 7442736\nDate: 20 July 2021\nDear Requester,\n"
                    "Freedom of Information Act 2000\n"
                    "Thank you for your request. We have searched our records and can confirm that\n"
                    "the information you requested is not held by the council.\nYours sincerely"
                ),
            )
        ],
    ),
    (
        "11441280",
        "Use of agency project teams in social work",
        "24 January 2024",
        "This freedom of information request concerns the use of agency social work teams."
        " Could you provide me with:\n1) The number of agency social work project teams employed"
        " by the local authority in (a) children's services and (b) adult social services.",
        [
            (
                "Response (some information to be supplied)",
                "/media/barnet/foi/11441280-response.docx",
                DOCX,
                docx(
                    "Our reference: 11441280\nDate: 21 February 2024\n"
                    "Freedom of Information Act 2000\n"
                    "1) We employed two agency project teams in children's services.\n"
                    "2) Spend figures are withheld under section 43(2) (commercial interests)."
                ),
            )
        ],
    ),
    (
        "7696680",
        "UASC, EU national and non-British children by quarter",
        "1 October 2021",
        "Please provide, for each quarter since April 2019, the number of unaccompanied asylum"
        " seeking children looked after by the council.",
        [
            (
                "Response (information not held)",
                "/media/barnet/foi/7696680-response.pdf",
                PDF,
                pdf(
                    "Our reference: 7696680\nDate: 28 October 2021\nDear Requester,\n"
                    "The council does not hold this information.\nYours sincerely"
                ),
            )
        ],
    ),
    (
        "12133076",
        "Child protection plans",
        "13 May 2024",
        "I am writing to request that the following information is shared with me under the"
        " Freedom of Information Act:\n1) As of 13.05.2024, how many children are subject to a"
        " Child Protection Plan in your local authority?",
        [
            (
                "Response (all information to be supplied)",
                "/media/barnet/foi/12133076-response.pdf",
                PDF,
                pdf(
                    "Our reference: 12133076\nDate: 7 June 2024\n1) 212 children.\nYours sincerely"
                ),
            ),
            (
                "Internal review (upheld)",
                "/media/barnet/foi/12133076-review.pdf",
                PDF,
                pdf(
                    "Internal review 12133076\nDate: 1 July 2024\nThe original response is upheld."
                ),
            ),
        ],
    ),
    (
        "8293933",
        "Children Social Care",
        "25 April 2022",
        "Please can you provide me with the data for the following questions:\n"
        "1. How many children social workers does your borough employ?",
        [
            (
                "Response (all information to be supplied)",
                "/media/barnet/foi/8293933-response.pdf",
                PDF,
                pdf("Our reference: 8293933\nDate: 20 May 2022\n1. 186.5 FTE social workers."),
            )
        ],
    ),
]


def _barnet_detail(entry_id: str, title: str, received: str, request: str, docs: list) -> str:
    request_html = "".join(f"<p>{line}</p>" for line in request.split("\n"))
    items = "".join(
        f'<li>{label} - {ctype.split(";")[0]} - <a href="{path}">Download</a></li>'
        for label, path, ctype, _ in docs
    )
    review = ""
    if entry_id == "12133076":
        review = (
            "<h3>Internal Review</h3><p>Internal Review request on 10 June 2024</p>"
            "<p>The requester asked us to check the figure for question 1. Complaint not upheld.</p>"
        )
    main = f"""<h1>Freedom of Information Request</h1>
<h2>{title}</h2>
<p><strong>Received:</strong> {received}</p>
<div class="foi-request">{request_html}</div>
{review}
<h3>Outcome / Documents</h3>
<ul class="outcome-documents">{items}</ul>
<p><a href="/barnet/foi-requests">Back to all FOI requests</a></p>"""
    return page(title, main, site="Barnet Council")


def _barnet_list(page_no: int, ids: list[str], titles: dict[str, str], last: int) -> str:
    items = "".join(
        f'<li class="foi-item"><a href="/barnet/foi-requests/{i}">{titles[i]}</a>'
        f"<span class=meta> Freedom of Information Request</span></li>"
        for i in ids
    )
    pager = []
    if page_no > 1:
        prev = (
            "/barnet/foi-requests" if page_no == 2 else f"/barnet/foi-requests?page={page_no - 1}"
        )
        pager.append(f'<a href="{prev}" rel="prev">Previous</a>')
        pager.append('<a href="/barnet/foi-requests">First</a>')
    if page_no < last:
        pager.append(f'<a href="/barnet/foi-requests?page={page_no + 1}" rel="next">Next</a>')
    main = f"""<h1>FOI requests</h1>
<p>Search our disclosure log of previous Freedom of Information requests.</p>
<ul class="foi-list">{items}</ul>
<nav class="pagination" aria-label="Pagination">{" ".join(pager)}</nav>"""
    return (
        page("FOI requests", main, site="Barnet Council")
        .replace('<nav class="pagination"', '<div class="pagination"')
        .replace("</nav>\n</main>", "</div>\n</main>")
    )


def barnet_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    titles = {e[0]: e[1] for e in BARNET_ENTRIES}
    titles["9999999"] = "Home to school transport"
    for entry_id, title, received, request, docs in BARNET_ENTRIES:
        routes[f"/barnet/foi-requests/{entry_id}"] = Route(
            _barnet_detail(entry_id, title, received, request, docs).encode()
        )
        for _, path, ctype, data in docs:
            routes[path] = Route(data, ctype)
    # a broken detail page: the server fails every time
    routes["/barnet/foi-requests/9999999"] = Route(b"<h1>Service unavailable</h1>", HTML, 500)
    # page 1 and 2 overlap by one entry (the list moved on between page views)
    pages = [["7442736", "11441280", "9999999"], ["9999999", "7696680", "12133076"], ["8293933"]]
    for n, ids in enumerate(pages, start=1):
        path = "/barnet/foi-requests" if n == 1 else f"/barnet/foi-requests?page={n}"
        routes[path] = Route(_barnet_list(n, ids, titles, len(pages)).encode())
    return routes


# --------------------------------------------------------------------------- Lambeth


def lambeth_routes() -> dict[str, Route]:
    entries = {
        "looked-after-children-2": (
            "Looked after children",
            "14 March 2022",
            [
                "How many children were looked after by the council on 31 March 2021?",
                "How many of them were placed outside the borough?",
            ],
            [
                "There were 374 looked after children on 31 March 2021.",
                "Where the number is five or less we have not given it, as it could identify"
                " individuals; this information is exempt under section 40(2) and 40(3).",
            ],
        ),
        "agency-social-workers-3": (
            "Agency social workers",
            "2 February 2023",
            ["How many agency social workers did children's services employ in 2022?"],
            ["Children's services employed 61 agency social workers in 2022."],
        ),
    }
    routes: dict[str, Route] = {}
    for slug, (title, date, questions, answers) in entries.items():
        qs = "".join(f"<li>{q}</li>" for q in questions)
        ans = "".join(f"<li>{a}</li>" for a in answers)
        main = f"""<article><h1>{title}</h1>
<p class="date">Date: {date}</p>
<h2>Your request</h2><ol>{qs}</ol>
<h2>Our response</h2><ol>{ans}</ol>
<h2>Related content</h2><ul><li><a href="/lambeth/lambeth-data-hub">Lambeth data hub</a></li></ul>
</article>"""
        routes[f"/lambeth/lambeth-data-hub/{slug}"] = Route(
            page(title, main, site="Lambeth Council").encode()
        )
    listing = "".join(
        f'<div class="teaser"><h3><a href="/lambeth/lambeth-data-hub/{slug}">{t[0]}</a></h3>'
        f"<p>{t[1]}</p></div>"
        for slug, t in entries.items()
    )
    routes["/lambeth/lambeth-data-hub"] = Route(
        page(
            "Lambeth data hub", f"<h1>Lambeth data hub</h1>{listing}", site="Lambeth Council"
        ).encode()
    )
    return routes


# --------------------------------------------------------------------------- Thurrock


def thurrock_routes() -> dict[str, Route]:
    entries = {
        "children-taken-into-care-2017-0": (
            "Children taken into care 2017",
            "Monday 10 September 2018",
            "In relation to the first 20 cases of children that were taken into care by your"
            " authority in the 2018 calendar year please provide me with the sex and age of each child.",
            "In issuing our response the council have applied S12 of the Freedom of Information Act.\n"
            "This means that the council does not have to comply with your request if the cost of"
            " doing so exceeds the 'appropriate limit', which for local authorities is 18 hours.",
        ),
        "use-of-agency-social-workers-1": (
            "Use of agency social workers",
            "Wednesday 3 March 2021",
            "How many agency social workers were working in children's social care on 1 January 2021?",
            "There were 41 agency social workers. Teams with fewer than 5 agency workers are not"
            " identified under section 40(2).",
        ),
        "social-workers": (
            "Social workers",
            "Friday 31 July 2020",
            "How many caseholding social workers does the council employ?",
            "The council employs 112 caseholding social workers.",
        ),
    }
    routes: dict[str, Route] = {}
    for slug, (title, date, request, response) in entries.items():
        resp = "".join(f"<p>{line}</p>" for line in response.split("\n"))
        main = f"""<div class="page-title"><h1>Freedom of information response</h1></div>
<h2>{title}</h2>
<div class="field field--publication-date"><div class="label">Publication date:</div>
<div class="value"><time datetime="">{date}</time></div></div>
<div class="field--request"><p><strong>Request:</strong></p><p>{request}</p></div>
<div class="field--response"><p><strong>Response:</strong></p>{resp}</div>
<p>If you are dissatisfied with the way in which the council have managed your request you can
pursue an independent review.</p>"""
        routes[f"/thurrock/foi-responses/{slug}"] = Route(
            page(title, main, site="Thurrock Council").encode()
        )
    # a detail page that is not an FOI response (an error template with a 200 status)
    routes["/thurrock/foi-responses/moved-page"] = Route(
        page(
            "Page not found",
            "<h1>Page not found</h1><p>Sorry, this page has moved.</p>",
            site="Thurrock Council",
        ).encode()
    )
    slugs = list(entries) + ["moved-page"]
    first = "".join(f'<li><a href="/thurrock/foi-responses/{s}">{s}</a></li>' for s in slugs[:2])
    second = "".join(f'<li><a href="/thurrock/foi-responses/{s}">{s}</a></li>' for s in slugs[2:])
    pager1 = '<ul class="pager"><li><a href="/thurrock/foi-responses?page=1" rel="next">Next ›</a></li></ul>'
    pager2 = (
        '<ul class="pager"><li><a href="/thurrock/foi-responses?page=0">‹ Previous</a></li></ul>'
    )
    routes["/thurrock/foi-responses"] = Route(
        page(
            "FOI responses",
            f"<h1>FOI responses</h1><ul>{first}</ul>{pager1}",
            site="Thurrock Council",
        ).encode()
    )
    routes["/thurrock/foi-responses?page=0"] = routes["/thurrock/foi-responses"]
    routes["/thurrock/foi-responses?page=1"] = Route(
        page(
            "FOI responses",
            f"<h1>FOI responses</h1><ul>{second}</ul>{pager2}",
            site="Thurrock Council",
        ).encode()
    )
    return routes


# --------------------------------------------------------------------------- Dover

DOVER = "/dover/Freedom-of-information-Disclosure-Log"


def dover_routes() -> dict[str, Route]:
    entries = {
        "FI17008": (
            "Family and connected persons placements",
            "2 December 2024",
            "23 December 2024",
            "I am writing to request recorded information regarding your local authority's"
            " exploration and use of family and connected persons placements.",
            "Dover District Council is not a children's services authority and does not hold this"
            " information. Kent County Council may hold it.",
            None,
        ),
        "FI16950": (
            "Temporary accommodation costs",
            "4 November 2024",
            "29 November 2024",
            "Please provide the total spent on temporary accommodation in 2023/24.",
            "The council spent £1,204,300 on temporary accommodation in 2023/24."
            " Details of individual providers are withheld.",
            "Section 43(2) - commercial interests",
        ),
    }
    routes: dict[str, Route] = {}
    for ref, (title, received, responded, request, response, exemptions) in entries.items():
        exemption_row = (
            f"<tr><th>Exemptions applied</th><td>{exemptions}</td></tr>" if exemptions else ""
        )
        main = f"""<h1>{ref}</h1>
<table class="foi-details"><tr><th>Subject</th><td>{title}</td></tr>
<tr><th>Date received</th><td>{received}</td></tr>
<tr><th>Date of response</th><td>{responded}</td></tr>{exemption_row}</table>
<h2>Request</h2><p>{request}</p>
<h2>Response</h2><p>{response}</p>"""
        routes[f"{DOVER}/Responses/{ref}.aspx"] = Route(
            page(ref, main, site="Dover District Council").encode()
        )
    # the same response listed again under a tracking query string
    routes[f"{DOVER}/Responses/FI17008.aspx?src=list"] = routes[f"{DOVER}/Responses/FI17008.aspx"]
    # a broken detail page: truncated HTML without the reference heading
    routes[f"{DOVER}/Responses/FI16001.aspx"] = Route(
        b"<html><head><title>Runtime Error</title></head><body><p>Server Error in '/' Application."
    )
    rows = "".join(
        f'<tr><td><a href="{DOVER}/Responses/{ref}.aspx">{ref}</a></td><td>{t[0]}</td></tr>'
        for ref, t in entries.items()
    )
    rows += (
        f'<tr><td><a href="{DOVER}/Responses/FI16001.aspx">FI16001</a></td><td>Parking</td></tr>'
    )
    page2 = f'<tr><td><a href="{DOVER}/Responses/FI17008.aspx?src=list">FI17008</a></td><td>again</td></tr>'
    routes[f"{DOVER}/Disclosure-Log.aspx"] = Route(
        page(
            "Disclosure log",
            f"<h1>Disclosure log</h1><table>{rows}</table>"
            f'<p class="pager"><a href="{DOVER}/Disclosure-Log.aspx?page=2">2</a></p>',
            site="Dover District Council",
        ).encode()
    )
    routes[f"{DOVER}/Disclosure-Log.aspx?page=2"] = Route(
        page(
            "Disclosure log",
            f"<h1>Disclosure log</h1><table>{page2}</table>"
            f'<p class="pager"><a href="{DOVER}/Disclosure-Log.aspx?page=1">1</a></p>',
            site="Dover District Council",
        ).encode()
    )
    routes[f"{DOVER}/Disclosure-Log.aspx?page=1"] = routes[f"{DOVER}/Disclosure-Log.aspx"]
    return routes


# --------------------------------------------------------------------------- Hastings

HASTINGS = "/hastings/my-council/freedom-of-information/date/"


def hastings_routes() -> dict[str, Route]:
    years = {
        2024: [
            (
                "FOIR-1042",
                "Children's services agency staff",
                "3 March 2024",
                "28 March 2024",
                "Please tell me how many agency staff work in the housing team.",
                "Information not held",
                "Hastings Borough Council does not hold this information.",
            ),
            (
                "FOIR-1017",
                "Temporary accommodation",
                "12 January 2024",
                "6 February 2024",
                "How many households were in temporary accommodation on 1 January 2024?",
                "Information supplied",
                "There were 402 households in temporary accommodation.",
            ),
        ],
        2023: [
            (
                "FOIR-0911",
                "Parking fines",
                "5 June 2023",
                "30 June 2023",
                "How much was collected in parking fines in 2022/23?",
                "Refused - section 12",
                "We estimate it would take 40 hours to compile; section 12 applies.",
            ),
        ],
    }
    routes: dict[str, Route] = {}
    year_nav = "".join(
        f'<li><a href="{HASTINGS}?year={y}">{y}</a></li>' for y in (2024, 2023, 2022)
    )
    for year, entries in [*years.items(), (2022, [])]:
        items = "".join(
            f'<li><a href="{ref}" title="{title}">{ref}: {title}</a></li>'
            for ref, title, *_ in entries
        )
        body = (
            f'<div class="main"><h1>Freedom of information requests by date</h1>'
            f'<ul class="years">{year_nav}</ul><div id="FoiList"><ul>{items}</ul></div></div>'
        )
        html = page("FOI by date", body, site="Hastings Borough Council").encode()
        routes[f"{HASTINGS}?year={year}"] = Route(html)
        if year == 2024:
            routes[HASTINGS] = Route(html)
        for ref, title, requested, responded, request, status, response in entries:
            main = f"""<div class="main"><h1>Freedom of information request {ref}</h1>
<h2>{title}</h2>
<p>Requested {requested}</p><p>Responded {responded}</p>
<p>Status: {status}</p>
<h3>Request</h3><p>{request}</p>
<h3>Response</h3><p>{response}</p></div>"""
            routes[f"{HASTINGS}{ref}"] = Route(
                page(ref, main, site="Hastings Borough Council").encode()
            )
    return routes


# --------------------------------------------------------------------------- exports

EXPORT_ROWS = [
    [
        "Reference number",
        "Received",
        "Response date",
        "Outcome",
        "Exemptions",
        "Details of Request",
        "Response",
    ],
    [
        "APHA-2017-001",
        "04/01/2017",
        "30/01/2017",
        "Information supplied in full",
        "",
        "Number of bovine TB tests in 2016.",
        "We carried out 9,120 tests.",
    ],
    [
        "APHA-2017-002",
        "11/01/2017",
        "07/02/2017",
        "Part disclosed",
        "Section 40(2)",
        "Names of vets contracted.",
        "Names of individual vets are personal data and withheld.",
    ],
    [
        "APHA-2017-003",
        "20/01/2017",
        "14/02/2017",
        "Information not held",
        "",
        "Badger cull costs in Wales.",
        "APHA does not hold this information.",
    ],
    [
        "APHA-2017-004",
        "02/02/2017",
        "01/03/2017",
        "Refused",
        "Section 12",
        "All emails about rabies since 2000.",
        "Compliance would exceed the cost limit.",
    ],
    [
        "APHA-2017-002",
        "11/01/2017",
        "07/02/2017",
        "Part disclosed",
        "Section 40(2)",
        "Names of vets contracted.",
        "Names of individual vets are personal data and withheld.",
    ],
]


def export_routes() -> dict[str, Route]:
    out = io.StringIO()
    csv.writer(out).writerows(EXPORT_ROWS)
    routes = {"/apha/foi-log.csv": Route(out.getvalue().encode("utf-8"), "text/csv")}
    leics = [
        [
            "Reference",
            "Date Received",
            "Date Responded",
            "Status",
            "Exemptions applied",
            "Request",
            "Response",
        ],
        [
            "FOI-2024-0101",
            "2024-01-08",
            "2024-02-02",
            "Part supplied",
            "s43",
            "Spend on agency social workers.",
            "Total spend £2.1m; rates withheld.",
        ],
        [
            "FOI-2024-0102",
            "2024-01-15",
            "2024-02-09",
            "Fully answered",
            "",
            "Number of foster carers.",
            "There are 312 approved foster carers.",
        ],
    ]
    routes["/leics/foi/files/disclosure-log-2024.xlsx"] = Route(xlsx(leics), XLSX)
    routes["/leics/foi/disclosure-log"] = Route(
        page(
            "FOI disclosure log",
            '<h1>FOI disclosure log</h1><p>Download the <a href="/leics/foi/files/disclosure-log-2024.xlsx">'
            "FOI Disclosure log (including responses) (XLSX, 12KB)</a>.</p>",
            site="Leicestershire County Council",
        ).encode()
    )
    return routes


# --------------------------------------------------------------------------- generic


def generic_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    answers = {
        "/misc/foi/2024/school-transport": (
            "Home to school transport",
            "<p>Reference: FOI/2024/0312</p><p>Date received: 2 April 2024</p>"
            "<p>Date of response: 25 April 2024</p><p>Outcome: Information provided</p>"
            "<h2>Request</h2><p>How many children receive free home to school transport?</p>"
            "<h2>Response</h2><p>1,240 children received free transport in 2023/24.</p>",
        ),
        "/misc/foi/2024/residential-homes": (
            "Residential children's homes",
            "<p>Reference: FOI/2024/0377</p><p>Date received: 19 April 2024</p>"
            "<h2>Request</h2><p>How many children live in residential homes?</p>"
            "<h2>Response</h2><p>The number is withheld under section 40(2) as fewer than 5.</p>"
            '<p>Attached: <a href="/misc/foi/files/foi-0377-response.pdf">Response letter (PDF)</a></p>',
        ),
    }
    for path, (title, body) in answers.items():
        routes[path] = Route(page(title, f"<h1>{title}</h1>{body}", site="Misc Council").encode())
    routes["/misc/foi/files/foi-0377-response.pdf"] = Route(
        pdf(
            "Our ref: FOI/2024/0377\nDate: 10 May 2024\nThe number is withheld under section 40(2)."
        ),
        PDF,
    )
    routes["/misc/foi/files/annual-foi-statistics.pdf"] = Route(
        pdf("FOI statistics 2023/24\n1,024 requests received; 91% answered on time."), PDF
    )
    links = "".join(f'<li><a href="{p}">{t}</a></li>' for p, (t, _) in answers.items())
    routes["/misc/foi/"] = Route(
        page(
            "Disclosure log",
            f"<h1>Disclosure log</h1><ul>{links}"
            '<li><a href="/misc/foi/files/annual-foi-statistics.pdf">FOI statistics 2023/24 (PDF)</a></li>'
            '<li><a href="/misc/foi/2024/school-transport#request">Home to school transport (again)</a></li>'
            '<li><a href="/misc/news/foi-week">FOI week news</a></li>'
            '<li><a href="https://www.example.org/elsewhere">Another site</a></li></ul>'
            '<p><a href="/misc/foi/?page=2">Older entries</a></p>',
            site="Misc Council",
        ).encode()
    )
    routes["/misc/foi/?page=2"] = Route(
        page(
            "Disclosure log",
            '<h1>Disclosure log</h1><ul><li><a href="/misc/foi/">Newer entries</a></li>'
            '<li><a href="/misc/foi/2024/residential-homes">Residential children\'s homes</a></li></ul>',
            site="Misc Council",
        ).encode()
    )
    routes["/misc/news/foi-week"] = Route(
        page("News", "<h1>News</h1>", site="Misc Council").encode()
    )
    return routes


def all_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for build in (
        barnet_routes,
        lambeth_routes,
        thurrock_routes,
        dover_routes,
        hastings_routes,
        export_routes,
        generic_routes,
    ):
        routes.update(build())
    return routes


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[LogSites]:
    """Run the fake sites on 127.0.0.1 (a free port) for the duration of the block."""
    table = routes if routes is not None else all_routes()
    sites = LogSites(base="", routes=table)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            with lock:
                sites.requests.append(self.path)
                sites.user_agents.append(self.headers.get("User-Agent", ""))
            route = table.get(self.path)
            if route is None:
                route = Route(b"<h1>Page not found</h1>", HTML, 404)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sites.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield sites
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
