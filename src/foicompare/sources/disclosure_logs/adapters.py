"""Adapters: one small declarative configuration per disclosure-log site family.

An :class:`Adapter` says where a log's entries are (which links on a list page are
detail pages, which are further list pages or year pages) and how to read each of the
log's own fields from a detail page (:class:`Rule`: a CSS selector, a printed label, a
section between headings, or a pattern in the URL). :data:`ADAPTERS` holds the known
families; :func:`get_adapter` finds one by name and :func:`detect_adapter` by URL.

>>> get_adapter("outcome-documents").councils[0].name
'London Borough of Barnet'
>>> detect_adapter("https://www.hastings.gov.uk/my-council/freedom-of-information/date/?year=2024").name
'year-indexed'
>>> detect_adapter("https://foi.example.org/log.csv").name
'export'
>>> detect_adapter("https://unknown.example.org/foi/").name
'generic'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from foicompare import linre

__all__ = ["ADAPTERS", "Adapter", "Council", "Rule", "detect_adapter", "get_adapter"]

FIELDS = (
    "reference",
    "title",
    "received",
    "published",
    "outcome_label",
    "exemptions_text",
    "request_text",
    "response_text",
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One way to read a field; a field's rules are tried in order until one gives a value.

    Exactly one of ``css`` (text of the first matching node), ``label`` (regex of a printed
    label; the value follows it), ``section`` (regex of the block that opens a section;
    the value is the blocks after it, up to ``until`` or the next heading) or ``url``
    (regex on the page URL, group 1) is set. ``pattern`` then keeps only its group 1 (or
    whole match) from the value.
    """

    css: str | None = None
    label: str | None = None
    section: str | None = None
    until: str | None = None
    url: str | None = None
    before: str | None = None  # the heading just before the first block matching this regex
    first_date: bool = False  # the first short block near the top that is only a date
    block: str | None = None  # the whole text of the first block starting with this regex
    pattern: str | None = None
    tail: bool = True  # section: keep the start block's text after the label


@dataclass(frozen=True, slots=True)
class Council:
    """A council known to publish its log in an adapter's format."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Adapter:
    """How to walk and read one family of disclosure-log sites.

    ``kind`` is ``html`` (list pages → detail pages → attachments), ``export`` (a CSV or
    XLSX file, or a page linking to one), ``table`` (list pages whose table rows are the
    entries), ``sections`` (pages that print several entries one after another, each
    starting at the heading before a block matching ``entry_marker``; links matching
    ``detail_url`` are further such pages) or ``generic`` (every page under the path prefix,
    main text only). ``detail_url`` is a regex searched in a link's path and query;
    ``next_links`` / ``year_links`` are CSS selectors for pagination and year-index links;
    ``attachments`` a CSS selector for document links that carry no file extension;
    ``extra_fields`` are further labelled fields kept in ``log_entries.extra``;
    ``required`` the fields without which a page is not an entry (recorded as a parse
    error); ``extra_prefixes`` further path prefixes on the same host that may be fetched (where a
    site keeps detail pages or files outside the log's own folder).
    """

    name: str
    description: str
    kind: str = "html"
    councils: tuple[Council, ...] = ()
    hosts: tuple[str, ...] = ()
    detail_url: str | None = None
    next_links: str | None = None
    year_links: str | None = None
    year_param: str = "year"
    content: str = "main, #main-content, #content, article, .main, body"
    fields: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    extra_fields: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    attachments: str | None = None
    outcome_from_documents: bool = False
    extra_prefixes: tuple[str, ...] = ()
    required: tuple[str, ...] = ("title",)
    entry_marker: str | None = None
    text_breaks: str | None = None  # sections: where a PDF's text starts a new block

    def known_councils(self) -> str:
        """The councils as one line, for ``foicompare adapters``."""
        return ", ".join(c.name for c in self.councils) or "(any site)"


_REQUEST = (Rule(section=r"(?:your )?request(?: details)?\s*:?\s*$"), Rule(label=r"request"))
_RESPONSE = (
    Rule(section=r"(?:our )?(?:response|answer|reply)(?: details)?\s*:?\s*$"),
    Rule(label=r"(?:our )?response"),
)

#: the pagination links most logs print
_PAGER = "a[rel=next], .pagination a, .pager a"
#: the page's main heading as its title
_H1 = (Rule(css="main h1"), Rule(css="h1"))

#: a printed date: "17 February 2023", "17/02/2023", "4-2-23".
_DATE = r"\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
#: the first sentence (or line) of a request, without a leading "Re:", as a title.
_FIRST_SENTENCE = r"^(?:Re:\s*)?([^\n]{3,200}?)(?:[.?!](?:\s|$)|\n|$)"

OUTCOME_DOCUMENTS = Adapter(
    name="outcome-documents",
    description=(
        "Per-request pages (id in the URL): title, 'Received:' date, request text, and an"
        " 'Outcome / Documents' list whose document labels carry the outcome"
        " ('Response (all information to be supplied) - application/pdf - Download')."
    ),
    councils=(Council("London Borough of Barnet", "https://www.barnet.gov.uk/foi-requests"),),
    hosts=("barnet.gov.uk",),
    detail_url=r"/foi-requests/\d+/?$",
    next_links="a[rel=next], .pagination a, .pager a, nav.pagination a",
    fields={
        "reference": (Rule(url=r"/foi-requests/(\d+)/?$"),),
        "title": (Rule(css="main h2"), Rule(css="h2")),
        "received": (Rule(label=r"received"),),
        "request_text": (
            Rule(
                section=r"received\b",
                until=r"internal review|outcome\s*/\s*documents",
                tail=False,
            ),
        ),
    },
    extra_fields={"internal_review": (Rule(section=r"internal review"),)},
    attachments=".outcome-documents a, a[href*='/documents/'], a[href*=download]",
    outcome_from_documents=True,
    extra_prefixes=("/media/", "/sites/default/files/"),
    required=("title", "received"),
)

REQUEST_RESPONSE = Adapter(
    name="request-response",
    description=(
        "Per-request pages with a slug URL, a date, and the answer inline under"
        " 'Your request' / 'Our response' headings (numbered questions and answers)."
    ),
    councils=(Council("London Borough of Lambeth", "https://www.lambeth.gov.uk/lambeth-data-hub"),),
    hosts=("lambeth.gov.uk",),
    detail_url=r"/lambeth-data-hub/[^/?#]+/?$",
    next_links="a[rel=next], .pager a, .pagination a",
    fields={
        "title": _H1,
        "published": (
            Rule(label=r"(?:date|published|publication date|date published)"),
            Rule(first_date=True),
        ),
        "request_text": (Rule(section=r"your request"),),
        "response_text": (Rule(section=r"our response"),),
    },
    required=("title", "request_text"),
)

PUBLICATION_DATE = Adapter(
    name="publication-date",
    description=(
        "'Freedom of information response' pages with a title, 'Publication date:' and the"
        " request followed by the response text."
    ),
    councils=(Council("Thurrock Council", "https://www.thurrock.gov.uk/foi-responses"),),
    hosts=("thurrock.gov.uk",),
    detail_url=r"/foi-responses/[^/?#]+/?$",
    next_links="a[rel=next], .pager a, .pagination a",
    fields={
        "title": (Rule(css="main h2"), Rule(css="main h1")),
        "published": (Rule(label=r"publication date"),),
        "request_text": (Rule(section=r"request\s*:", until=r"response\s*:?\s*$"),),
        "response_text": (
            Rule(
                section=r"response\s*:?\s*$",
                until=r"if you are (?:dissatisfied|unhappy)|you may also|right of (?:appeal|review)",
            ),
        ),
    },
    extra_prefixes=("/foi-responses/", "/sites/default/files/"),
    required=("published",),
)

REFERENCE_CODED = Adapter(
    name="reference-coded",
    description=(
        "Pages named by their reference (…/Responses/FI17008.aspx) with the reference as"
        " heading and 'Request' / 'Response' sections."
    ),
    councils=(
        Council(
            "Dover District Council",
            "https://www.dover.gov.uk/Corporate-Information/Freedom-of-Information/"
            "Freedom-of-information-Disclosure-Log/",
        ),
    ),
    hosts=("dover.gov.uk",),
    detail_url=r"/Responses/[A-Z]{1,4}\d{4,}\.aspx(?:\?|$)",
    next_links=f"{_PAGER}, a[href*='page=']",
    fields={
        "reference": (
            Rule(css="main h1", pattern=r"[A-Z]{1,4}\d{4,}"),
            Rule(url=r"/([A-Z]{1,4}\d{4,})\.aspx$"),
        ),
        "title": (Rule(css="main h2.title"), Rule(label=r"subject|title"), Rule(css="title")),
        "received": (Rule(label=r"date received|received"),),
        "published": (Rule(label=r"date of response|response date|date responded"),),
        "request_text": (Rule(section=r"request\s*:?\s*$"),),
        "response_text": (Rule(section=r"response\s*:?\s*$"),),
        "exemptions_text": (Rule(label=r"exemptions?(?: applied)?"),),
    },
    required=("reference", "request_text"),
)

YEAR_INDEXED = Adapter(
    name="year-indexed",
    description=(
        "A list per year (?year=YYYY) of '#FoiList ul li a' entries; detail pages with the"
        " FOIR-nnnn id in h1, the title in h2, 'Requested <date>' and a 'Response' heading."
    ),
    councils=(
        Council(
            "Hastings Borough Council",
            "https://www.hastings.gov.uk/my-council/freedom-of-information/date/",
        ),
    ),
    hosts=("hastings.gov.uk",),
    detail_url=r"FOIR?-\d+",
    year_links="a[href*='year=']",
    content=".main, main, #content, body",
    fields={
        "reference": (Rule(css="h1", pattern=r"FOIR?-\d+"), Rule(url=r"(FOIR?-\d+)")),
        "title": (Rule(css="h2"),),
        "received": (Rule(label=r"requested"),),
        "published": (Rule(label=r"responded|response date|date of response"),),
        "outcome_label": (Rule(label=r"status|outcome"),),
        "request_text": (
            Rule(section=r"request\s*$"),
            Rule(section=r"requested\b", until=r"response\s*$"),
        ),
        "response_text": (Rule(section=r"response\s*$"),),
    },
    required=("reference",),
)


LABELLED_RECORD = Adapter(
    name="labelled-record",
    description=(
        "Content-management records, one page per request, whose fields are printed as"
        " label/value pairs: Jadu 'directory-record/<id>/<slug>' ('Reference number', 'Date"
        " request received', 'Date of decision', 'FOI Number', 'Request or Question'), CMS"
        " request records ('Short Description', 'Reference number', 'Date', 'Request') and"
        " quarterly folders of published FOIs ('published-fois-<year>/q<n>/<slug>':"
        " 'Reference', 'Request Date', 'Response Date', 'Question', 'Answer')."
    ),
    hosts=("lincolnshire.gov.uk", "scotborders.gov.uk", "cne-siar.gov.uk", "rbwm.gov.uk"),
    detail_url=(
        r"/directory-record/\d+|/published-fois/[^?#]*/q\d/[^/?#]+/?$"
        r"|/information-requests/[^/?#]+/?$"
    ),
    next_links=f"{_PAGER}, a[href*='page=']",
    fields={
        "reference": (
            Rule(label=r"reference number|foi number|reference", pattern=r"[A-Z]{0,4}\s?\d[\w/-]*"),
            Rule(url=r"/directory-record/(\d+)"),
        ),
        "title": (
            Rule(label=r"title or description|short description"),
            Rule(
                css="main h1",
                pattern=r"(?i)^(.*?)(?:\s+-\s+(?:find a )?freedom of information requests?)?$",
            ),
            Rule(css="h1"),
        ),
        "received": (Rule(label=r"date request received|date received|request date"),),
        "published": (
            Rule(label=r"date of decision|date of response|date responded|response date"),
            Rule(label=r"date", pattern=_DATE),
        ),
        "request_text": (
            Rule(
                section=r"request or question\s*$|request\s*$|question\s*$",
                until=r"decision\s*$|response\s*$|answer\s*$|reference number",
            ),
        ),
        "response_text": (
            Rule(
                section=r"decision\s*$|response\s*$|answer\s*$",
                until=r"reference number|date request received",
            ),
        ),
    },
    required=("title",),
)

CASE_SEARCH = Adapter(
    name="case-search",
    description=(
        "Searchable case systems: a search or list page whose results open one case by id in"
        " the query string (Wandsworth 'foi-case-details?id=WBC-FOI-00587', Wokingham"
        " 'see-answers-previous-information-requests?id=6197', Merthyr Tydfil"
        " 'disclosure-log/?id=33257', Essex 'ResultDetails.aspx?ID=45511'); the case page"
        " prints 'Reference'/'Request ID'/'Record Ref', 'Date Received', a closing date or an"
        " outcome line such as 'Part Disclosed - 17 February 2023', and the request as"
        " 'Question' / 'Answer' or free text."
    ),
    hosts=("wandsworth.gov.uk", "wokingham.gov.uk", "merthyr.gov.uk", "secureapps.essex.gov.uk"),
    detail_url=r"[?&](?i:id)=[\w-]+",
    next_links=_PAGER,
    fields={
        "reference": (
            Rule(label=r"record ref|reference", pattern=r"[A-Z]{2,}[\w-]*(?: ?\d+)+"),
            Rule(url=r"[?&](?i:id)=([\w-]+)"),
        ),
        "title": (
            Rule(label=r"subject"),
            Rule(section=r"question\s*$", pattern=_FIRST_SENTENCE),
            Rule(before=r"request id\b|reference\b|record ref\b|date received\b"),
            Rule(css="main h1"),
            Rule(css="h1"),
        ),
        "received": (
            Rule(label=r"date received", pattern=_DATE),
            Rule(section=r"request for information", pattern=r"received on ([^.]+)"),
        ),
        "published": (
            Rule(
                label=r"(?:part disclosed|disclosed in full|not disclosed|information not held|"
                r"refused|withdrawn|date resolved|date completed|response)",
                pattern=_DATE,
            ),
        ),
        "outcome_label": (
            Rule(label=r"outcome|status"),
            Rule(
                css="main h2, main h3",
                pattern=r"^(Part Disclosed|Disclosed in full|Not disclosed|Information not held"
                r"|Refused|Withdrawn)\b",
            ),
        ),
        "request_text": (Rule(section=r"question\s*$", until=r"answer\s*$"),),
        "response_text": (Rule(section=r"answer\s*$"),),
    },
    required=("title",),
)

HOSTED_LOG = Adapter(
    name="hosted-log",
    description=(
        "Hosted disclosure-log services ('<council>.disclosurelog.co.uk', 'disclosures.<council>"
        ".gov.uk'): a filterable list of releases, each page titled 'FOI release' with the"
        " title, an outcome summary, 'Case reference' and 'Published'."
    ),
    hosts=("disclosurelog.co.uk", "disclosures.pembrokeshire.gov.uk"),
    detail_url=r"/(?:disclosures/[0-9a-f-]{8,}|details/\d+)/?$",
    next_links="a[rel=next], .pagination a, nav.pagination a",
    fields={
        "reference": (
            Rule(label=r"case reference|foi reference|reference"),
            Rule(url=r"/details/(\d+)/?$"),
        ),
        "title": _H1,
        "published": (Rule(label=r"published|date published"),),
        "received": (Rule(label=r"received date|date received|received"),),
        "outcome_label": (Rule(css="main .outcome-summary, main .govuk-inset-text"),),
        "request_text": (Rule(section=r"request\s*$", until=r"response\s*$|documents\s*$"),),
        "response_text": (Rule(section=r"response\s*$"),),
    },
    required=("title",),
)

NUMBERED_PAGE = Adapter(
    name="numbered-page",
    description=(
        "Legacy content pages numbered by the CMS (Moray 'moray_standard/page_<n>.html'), one"
        " per request: 'FOI Request - <title>', 'Request <case number>', then dated steps"
        " ('Clarification sought dd-mm-yyyy', 'Response dd-mm-yyyy')."
    ),
    hosts=("moray.gov.uk",),
    detail_url=r"/page_\d+\.html$",
    next_links="a[rel=next], .pagination a",
    fields={
        "reference": (Rule(label=r"request", pattern=r"\d{6,}"),),
        "title": (
            Rule(css="main h1", pattern=r"^FOI Request\s*-?\s*(.+)$"),
            Rule(css="h1", pattern=r"^FOI Request\s*-?\s*(.+)$"),
            Rule(css="h1"),
        ),
        "received": (Rule(label=r"clarification received|received"),),
        "published": (Rule(label=r"response"),),
        "request_text": (Rule(section=r"request\s+\d{6,}", until=r"response\b|clarification"),),
        "response_text": (Rule(section=r"response\s+\d", tail=False),),
    },
    required=("reference",),
)

QA_ARCHIVE = Adapter(
    name="qa-archive",
    description=(
        "Archive pages per request ('accesstoinformation/archives/information_request/<slug>')"
        " with the questions and the council's answers interleaved; no reference or date"
        " printed (the slug is kept as the page's key)."
    ),
    hosts=("devon.gov.uk",),
    detail_url=r"/information_request/[^/?#]+/?$",
    next_links="a[rel=next], .pagination a, .nav-previous a",
    fields={
        "title": _H1,
        "request_text": (Rule(css="main .entry-content"),),
    },
    required=("title",),
)

RESULTS_TABLE = Adapter(
    name="results-table",
    kind="table",
    description=(
        "A searchable log whose results page lists the entries themselves as table rows"
        " (Nottingham City 'disclosureLog.aspx': Id | Subject | Response Date | Questions |"
        " Response Files); each row is one entry, its linked files are the response. Columns"
        " are matched by the same synonyms as exports."
    ),
    hosts=("open.nottinghamcity.gov.uk",),
    next_links=_PAGER,
    required=(),
)

ENTRY_SECTIONS = Adapter(
    name="entry-sections",
    kind="sections",
    description=(
        "Log pages that print several entries one after another (a department's or a"
        " month's page): each entry is a heading (its title, 'NNNN - <title>' on"
        " Northumberland's 'Related FOIs' pages) followed by 'Reference' / 'Reference"
        " Number', 'Date Responded' or 'Request Date', 'Response Type', then the request"
        " and the response (Lancashire's clickweb pages, entries separated by 'Top of"
        " Page'; Northumberland's month pages 'FOI/All/<year>/<Mon>.aspx', which print no"
        " title, so the question's first sentence is the title). Each entry is kept as its"
        " own text; links to other pages of the log (?pageid=, /FOI/All/, /FOI/Departments/)"
        " are followed."
    ),
    hosts=("clickweb.lancashire.gov.uk", "northumberland.gov.uk"),
    detail_url=r"[?&]pageid=\d+|/FOI/(?:All|Departments)/[^?#]+\.aspx$",
    next_links=_PAGER,
    entry_marker=r"reference(?: number)?\b",
    fields={
        "reference": (
            Rule(label=r"reference number|reference", pattern=r"[A-Z]{0,6}[ /-]?\d[\w./-]*"),
        ),
        "title": (
            Rule(before=r"reference(?: number)?\b", pattern=r"^(?:\d+\s+-\s+)?(.+)$"),
            # no heading printed (Northumberland's month pages): the question's first sentence
            Rule(
                section=r"(?:request|question)(?: and response)?\s*:?\s*$",
                pattern=r"^(?:Q\.?\s*\d+\.?\s*|\d+\s*[-.)]\s*)?([^\n]{3,200}?)"
                r"(?:[.?!](?:\s|$)|\n|$)",
            ),
        ),
        "received": (Rule(label=r"request date|date received|date of request"),),
        "published": (Rule(label=r"date responded|response date|date of response"),),
        "outcome_label": (Rule(label=r"response type|outcome"),),
        "request_text": (
            Rule(
                section=r"(?:request|question)\s*:?\s*$",
                until=r"(?:response|answer)\s*:?\s*$",
            ),
        ),
        "response_text": (
            Rule(
                section=r"(?:response|answer)\s*:?\s*$",
                until=r"attachments\b|top of page",
            ),
        ),
    },
    required=("title", "reference"),
)

_BUNDLE_Q = r"FOI\s*\d+\s*Q(?:\s*&\s*A)?\b"

PDF_BUNDLE = Adapter(
    name="pdf-bundle",
    kind="sections",
    description=(
        "Logs published as one PDF per month of answered requests (Slough 'FOIs received and"
        " answered – August 2011'), or a page linking such PDFs: each entry is 'FOI 3192 Q'"
        " with the question, then 'FOI 3192 A' with the answer ('FOI 5268 Q&A' when"
        " interleaved). The reference is 'FOI nnnn', the title the question's first sentence;"
        " no date is printed per entry."
    ),
    hosts=("static.slough.gov.uk",),
    detail_url=r"\.pdf$",
    next_links=_PAGER,
    entry_marker=_BUNDLE_Q,
    text_breaks=r"FOI\s*\d+\s*(?:Q\s*&\s*A|Q|A)\b",
    fields={
        "reference": (Rule(block=_BUNDLE_Q, pattern=r"^(FOI\s*\d+)"),),
        "title": (
            Rule(
                block=_BUNDLE_Q,
                pattern=r"^FOI\s*\d+\s*Q(?:\s*&\s*A)?\s*(?:1[.)]\s*)?([^\n]{3,300}?)"
                r"(?:[.?!](?:\s|$)|$)",
            ),
            # a longer first sentence: its first 120 characters
            Rule(block=_BUNDLE_Q, pattern=r"^FOI\s*\d+\s*Q(?:\s*&\s*A)?\s*([^\n]{3,120})"),
        ),
        "request_text": (Rule(section=_BUNDLE_Q, until=r"FOI\s*\d+\s*A\b"),),
        "response_text": (Rule(section=r"FOI\s*\d+\s*A\b"),),
    },
    required=("title", "reference"),
)

EXPORT = Adapter(
    name="export",
    kind="export",
    description=(
        "A spreadsheet or CSV export of the log (or a page linking to one) with columns such"
        " as Reference, Received, Response date, Outcome, Exemptions, Request, Response."
    ),
    councils=(
        Council(
            "Leicestershire County Council",
            "https://www.leicestershire.gov.uk/about-the-council/council-spending/"
            "freedom-of-information",
        ),
        Council("Animal and Plant Health Agency (data.gov.uk)", "https://www.data.gov.uk/"),
    ),
    required=(),
)

GENERIC = Adapter(
    name="generic",
    kind="generic",
    description=(
        "Fallback for unknown sites: every page linked under the start URL's path prefix,"
        " main text extracted, common labels (Reference, Received, Date, Outcome) read."
    ),
    fields={
        "reference": (
            Rule(
                label=r"(?:our |your |foi |request |case )?ref(?:erence)?(?: number| no\.?)?",
                pattern=r"[A-Z]{0,6}[-/ ]?\d[\w/-]*",
            ),
        ),
        "title": (Rule(css="h1"), Rule(css="title")),
        "received": (Rule(label=r"(?:date )?received|request date|date of request|requested"),),
        "published": (
            Rule(
                label=r"date of response|response date|date responded|responded|published"
                r"|publication date|date(?=\s*:)"
            ),
        ),
        "outcome_label": (Rule(label=r"outcome|decision|status"),),
        "exemptions_text": (Rule(label=r"exemptions?(?: applied)?"),),
        "request_text": _REQUEST,
        "response_text": _RESPONSE,
    },
)

#: every adapter by name, most specific first.
ADAPTERS: dict[str, Adapter] = {
    a.name: a
    for a in (
        OUTCOME_DOCUMENTS,
        REQUEST_RESPONSE,
        PUBLICATION_DATE,
        REFERENCE_CODED,
        YEAR_INDEXED,
        LABELLED_RECORD,
        CASE_SEARCH,
        HOSTED_LOG,
        NUMBERED_PAGE,
        QA_ARCHIVE,
        RESULTS_TABLE,
        ENTRY_SECTIONS,
        PDF_BUNDLE,
        EXPORT,
        GENERIC,
    )
}

_EXPORT_SUFFIX = linre.compile(r"\.(?:csv|tsv|xlsx|xlsm|xls|ods)$", re.IGNORECASE)


def get_adapter(name: str) -> Adapter:
    """The adapter called ``name``; ``KeyError`` lists the known names.

    >>> get_adapter("nope")
    Traceback (most recent call last):
    ...
    KeyError: "no disclosure-log adapter 'nope'; known: outcome-documents, request-response, publication-date, reference-coded, year-indexed, labelled-record, case-search, hosted-log, numbered-page, qa-archive, results-table, entry-sections, pdf-bundle, export, generic"
    """
    try:
        return ADAPTERS[name]
    except KeyError:
        raise KeyError(
            f"no disclosure-log adapter {name!r}; known: {', '.join(ADAPTERS)}"
        ) from None


def detect_adapter(url: str) -> Adapter:
    """The adapter for ``url``: an export by file suffix, a family by host, else generic."""
    parts = urlsplit(url)
    if _EXPORT_SUFFIX.search(parts.path):
        return EXPORT
    host = (parts.hostname or "").lower()
    for adapter in ADAPTERS.values():
        if any(host == h or host.endswith("." + h) for h in adapter.hosts):
            return adapter
    return GENERIC
