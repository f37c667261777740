"""Which councils with children's services publish a disclosure log, where, and in what shape.

Each :class:`LogSite` names a council (resolved to its GSS code by
:mod:`foicompare.authorities`), the log's URL, the adapter for its page shape and how
well the entry is evidenced:

* ``entry`` — text of the council's own log entry pages was seen (in the search tool's
  pages corpus); the test fixture is that real text in the platform's page shape.
* ``landing`` — only the log's landing page text was seen; the fixture's landing page is
  that text, the entries behind it are synthetic (marked so in the fixture).

``url`` is the log's own entry point where the real text shows it; otherwise it is one of
the log's entry pages (``start``), which a crawl reads as a single entry. The sources of
every entry are listed in ``docs/notes/disclosure-logs.md``.

>>> site = log_site("lincolnshire")
>>> site.adapter, site.gss_code
('labelled-record', 'E10000019')
>>> site_for_url("https://www.barnet.gov.uk/foi-requests/7442736").key
'barnet'
>>> site_for_url("https://unknown.example.org/foi/") is None
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

__all__ = ["LOG_SITES", "LogSite", "coverage", "known_councils", "log_site", "site_for_url"]


@dataclass(frozen=True)
class LogSite:
    """One council's disclosure log."""

    key: str
    council: str  # the council's name as the register knows it
    url: str  # the log's entry point (or one entry's page, see ``start``)
    adapter: str
    evidence: str  # entry | landing
    sources: tuple[str, ...]  # pages whose real text the fixture carries
    note: str = ""
    start: str = "log"  # log | entry: what ``url`` is
    extra_hosts: tuple[str, ...] = field(default=())

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower().removeprefix("www.")

    @functools.cached_property
    def gss_code(self) -> str | None:
        """The council's current GSS code (``None`` if the register cannot place it)."""
        from foicompare.authorities import resolve

        return resolve(self.council).code

    @property
    def council_name(self) -> str:
        from foicompare.authorities import resolve

        return resolve(self.council).name or self.council


_E, _L = "entry", "landing"
_AFC = "https://www.achievingforchildren.org.uk/pages/freedom-of-information"
_AFC_NOTE = (
    "Children's services FOI requests are answered and published by Achieving for Children "
    "(see docs/notes/authorities.md), whose FOI page points to its previous responses."
)

#: The registry. Order: councils with real entry text first.
LOG_SITES: tuple[LogSite, ...] = (
    LogSite(
        "barnet", "London Borough of Barnet", "https://www.barnet.gov.uk/foi-requests",
        "outcome-documents", _E,
        ("https://www.barnet.gov.uk/foi-requests/7442736",
         "https://www.barnet.gov.uk/foi-requests/8293933"),
    ),
    LogSite(
        "lambeth", "London Borough of Lambeth", "https://www.lambeth.gov.uk/lambeth-data-hub",
        "request-response", _E,
        ("https://lambeth.gov.uk/lambeth-data-hub/looked-after-children-1",
         "https://lambeth.gov.uk/lambeth-data-hub/children-care"),
        "Entries print a date but no reference.",
    ),
    LogSite(
        "thurrock", "Thurrock Council", "https://www.thurrock.gov.uk/foi-responses",
        "publication-date", _E,
        ("https://www.thurrock.gov.uk/foi-responses/foster-care-2",
         "https://www.thurrock.gov.uk/foi-responses/looked-after-children-1"),
        "Entries print a publication date but no reference.",
    ),
    LogSite(
        "wandsworth", "London Borough of Wandsworth",
        "https://www.wandsworth.gov.uk/foi-case-details?id=WBC-FOI-00587", "case-search", _E,
        ("https://www.wandsworth.gov.uk/foi-case-details?id=WBC-FOI-00587",),
        "Only a case page was seen; the search page's address is not known.", start="entry",
    ),
    LogSite(
        "wokingham", "Wokingham Borough Council",
        "https://www.wokingham.gov.uk/council-and-meetings/information-and-data-protection/"
        "see-answers-previous-information-requests",
        "case-search", _E,
        ("https://wokingham.gov.uk/council-and-meetings/information-and-data-protection/"
         "see-answers-previous-information-requests?id=6197&month=0000-12-01&year=2023",
         "https://www.wokingham.gov.uk/council-and-meetings/information-and-data-protection/"
         "see-answers-previous-information-requests?id=12651&month=0000-06-01&year=2026"),
        "Case pages label 'Request ID', 'Date Received', 'Date Resolved' but the seen text "
        "carries no values for them; the id in the address is the reference.",
    ),
    LogSite(
        "lincolnshire", "Lincolnshire County Council",
        "https://lincolnshire.gov.uk/directory-record/72426/looked-after-children-",
        "labelled-record", _E,
        ("https://lincolnshire.gov.uk/directory-record/72426/looked-after-children-",
         "https://lincolnshire.gov.uk/directory-record/67807/unaccompanied-asylum-seeker-children"),
        "'Find a freedom of information request' directory; its search page was not seen.",
        start="entry",
    ),
    LogSite(
        "scottish-borders", "Scottish Borders Council",
        "https://scotborders.gov.uk/directory-record/66529/looked-after-children",
        "labelled-record", _E,
        ("https://scotborders.gov.uk/directory-record/66529/looked-after-children",
         "https://scotborders.gov.uk/directory-record/66467/looked-after-children"),
        "The seen text has the 'FOI Number' and 'Date Received' labels without values; the "
        "record id is the reference and no date is known.",
        start="entry",
    ),
    LogSite(
        "herefordshire", "Herefordshire Council",
        "https://herefordshire.disclosurelog.co.uk/disclosures", "hosted-log", _E,
        ("https://herefordshire.disclosurelog.co.uk/disclosures",
         "https://herefordshire.disclosurelog.co.uk/disclosures/"
         "d2beb566-10d9-459c-86eb-fb42139c0c10"),
    ),
    LogSite(
        "pembrokeshire", "Pembrokeshire County Council",
        "https://disclosures.pembrokeshire.gov.uk/details/1427405", "hosted-log", _E,
        ("https://disclosures.pembrokeshire.gov.uk/details/1427405",
         "https://disclosures.pembrokeshire.gov.uk/details/1836707"),
        "Entry pages print 'FOI Reference' and 'Received Date' (seen on 1427405; 1836707 shows "
        "the title and request only); the log's list page was not seen.",
        start="entry",
    ),
    LogSite(
        "moray", "Moray Council",
        "http://www.moray.gov.uk/moray_standard/page_149603.html", "numbered-page", _E,
        ("http://www.moray.gov.uk/moray_standard/page_149603.html",
         "http://moray.gov.uk/moray_standard/page_94217.html"),
        "The log's index page was not seen.", start="entry",
    ),
    LogSite(
        "devon", "Devon County Council",
        "https://www.devon.gov.uk/accesstoinformation/archives/information_request/"
        "care-leavers-looked-after-or-fostered",
        "qa-archive", _E,
        ("https://www.devon.gov.uk/accesstoinformation/archives/information_request/"
         "care-leavers-looked-after-or-fostered",),
        "Archive pages print neither a reference nor a date.", start="entry",
    ),
    LogSite(
        "essex", "Essex County Council",
        "https://secureapps.essex.gov.uk/Freedom_of_information/ResultDetails.aspx?ID=45511",
        "case-search", _E,
        ("https://secureapps.essex.gov.uk/Freedom_of_information/ResultDetails.aspx?ID=45511",),
        "A case page of the council's 'Freedom of Information database' (its search page was not "
        "seen); the page heads the entry 'Freedom of Information Act Request' and prints no "
        "subject, so that heading is the title.",
        start="entry",
    ),
    LogSite(
        "windsor-maidenhead", "Royal Borough of Windsor and Maidenhead",
        "https://www.rbwm.gov.uk/council-and-democracy/strategies-and-policies/freedom-information/"
        "information-requests/foi002143-foi-housing",
        "labelled-record", _E,
        ("https://www.rbwm.gov.uk/council-and-democracy/strategies-and-policies/freedom-information/"
         "information-requests/foi002143-foi-housing",),
        "The council's own log of historical requests; most children's services requests are "
        "answered by Achieving for Children since August 2017 (see docs/notes/authorities.md), "
        "whose FOI page points to its previous responses.",
        start="entry",
    ),
    LogSite(
        "nottingham", "Nottingham City Council",
        "http://open.nottinghamcity.gov.uk/InformationGovernance/disclosureLog.aspx",
        "results-table", _E,
        ("http://open.nottinghamcity.gov.uk/InformationGovernance/disclosureLog.aspx",),
        "The search page lists the last three months' entries as table rows (Id, Subject, "
        "Response Date, Questions, Response Files); the response files were not seen.",
    ),
    LogSite(
        "merthyr", "Merthyr Tydfil County Borough Council",
        "https://www.merthyr.gov.uk/council/data-protection-and-freedom-of-information/"
        "disclosure-log/?id=33257&lang=en-GB&page=3",
        "case-search", _E,
        ("https://www.merthyr.gov.uk/council/data-protection-and-freedom-of-information/"
         "disclosure-log/?id=33257&lang=en-GB&page=3",),
        "Case pages print 'Record Ref', 'Date Received', 'Date Completed', 'Question' and "
        "'Answer' but no subject; the title is the question's first sentence.",
        start="entry",
    ),
    LogSite(
        "eilean-siar", "Comhairle nan Eilean Siar",
        "https://www.cne-siar.gov.uk/your-council/freedom-of-information/published-fois/"
        "published-fois-2020/q1/libraries-opened-or-closed/",
        "labelled-record", _E,
        ("https://www.cne-siar.gov.uk/your-council/freedom-of-information/published-fois/"
         "published-fois-2020/q1/libraries-opened-or-closed/",),
        "Published FOIs in folders per year and quarter; the quarter's list page was not seen.",
        start="entry",
    ),
    LogSite(
        "lancashire", "Lancashire County Council",
        "https://clickweb.lancashire.gov.uk/?e=e&pageid=33976&siteid=5934", "entry-sections", _E,
        ("https://clickweb.lancashire.gov.uk/?e=e&pageid=33976&siteid=5934",
         "https://clickweb.lancashire.gov.uk/?e=e&pageid=33966&siteid=5934"),
        "Pages of several entries ('Reference', 'Date Responded', 'Response Type', 'Request', "
        "'Response'); the index linking the pages was not seen.",
    ),
    LogSite(
        "northumberland", "Northumberland County Council",
        "https://www.northumberland.gov.uk/FOI/All/2017/Dec.aspx", "entry-sections", _E,
        ("https://www.northumberland.gov.uk/FOI/All/2017/Dec.aspx",
         "http://www.northumberland.gov.uk/FOI/All/2017/Aug.aspx",
         "http://www.northumberland.gov.uk/FOI/Departments/Wellbeing.aspx"),
        "Month pages ('FOI/All/<year>/<Mon>.aspx') and department pages ('Related FOIs') of "
        "entries: 'Reference Number', 'Request Date', 'Question' and 'Response'; the month pages "
        "print no title in the seen text (the question's first sentence is the title), the "
        "August 2017 and department pages print 'NNNN - title'.",
    ),
    LogSite(
        "slough", "Slough Borough Council",
        "https://static.slough.gov.uk/downloads/foi-requests-aug2011.pdf", "pdf-bundle", _E,
        ("https://static.slough.gov.uk/downloads/foi-requests-aug2011.pdf",
         "https://vdocuments.mx/foi-request-3192-foisloughgovuk-if-you-wish-to-be-sent-a-copy-"
         "of-these-attachments.html"),
        "Monthly PDFs 'FOIs received and answered' ('FOI 3192 Q' / 'FOI 3192 A'; no date per "
        "entry); the text is that of a copy of the August 2011 PDF on a document-sharing site. "
        "Children's services are run by Slough Children First for the council (see "
        "docs/notes/authorities.md).",
        start="entry",
    ),
    LogSite(
        "leicestershire", "Leicestershire County Council",
        "http://leicestershire.gov.uk/about-the-council/freedom-of-information/"
        "freedom-of-information-requests",
        "export", _L,
        ("http://leicestershire.gov.uk/about-the-council/freedom-of-information/"
         "freedom-of-information-requests",),
        "Two spreadsheet downloads ('received since 23/09/2013', '01/01/2009 to 20/09/2013'); "
        "their columns were not seen.",
    ),
    LogSite(
        "hertfordshire", "Hertfordshire County Council",
        "https://www.hertfordshire.gov.uk/About-the-council/freedom-of-information-and-council-"
        "data/Freedom-of-information-requests/Freedom-of-information-requests.aspx",
        "generic", _L,
        ("https://www.hertfordshire.gov.uk/About-the-council/freedom-of-information-and-council-"
         "data/Freedom-of-information-requests/Freedom-of-information-requests.aspx",),
        "'You can search our responses by keyword and date'; entry pages not seen.",
    ),
    LogSite(
        "cheshire-east", "Cheshire East Council",
        "https://www.cheshireeast.gov.uk/council_and_democracy/council_information/"
        "open-data-and-transparency/freedom_of_information/freedom_of_information.aspx",
        "generic", _L,
        ("https://www.cheshireeast.gov.uk/council_and_democracy/council_information/"
         "open-data-and-transparency/freedom_of_information/freedom_of_information.aspx",),
        "Searchable by keyword, month and year (last three years); entry pages not seen.",
    ),
    LogSite(
        "dorset", "Dorset Council",
        "https://www.dorsetcouncil.gov.uk/your-council/about-your-council/freedom-of-information/"
        "freedom-of-information",
        "generic", _L,
        ("https://www.dorsetcouncil.gov.uk/your-council/about-your-council/freedom-of-information/"
         "freedom-of-information",),
    ),
    LogSite(
        "camden", "London Borough of Camden", "https://www.camden.gov.uk/freedom-information-request",
        "generic", _L, ("https://www.camden.gov.uk/freedom-information-request",),
        "Previous responses are on the council's open data portal (not seen).",
    ),
    LogSite(
        "cornwall", "Cornwall Council",
        "https://www.cornwall.gov.uk/the-council-and-democracy/data-protection-and-freedom-of-"
        "information/freedom-of-information-advice/how-to-make-a-freedom-of-information-request/",
        "generic", _L,
        ("https://www.cornwall.gov.uk/the-council-and-democracy/data-protection-and-freedom-of-"
         "information/freedom-of-information-advice/how-to-make-a-freedom-of-information-request/",),
    ),
    LogSite(
        "norfolk", "Norfolk County Council", "https://www.norfolk.gov.uk/aboutfoi", "generic", _L,
        ("https://www.norfolk.gov.uk/aboutfoi",),
    ),
    LogSite(
        "york", "City of York Council",
        "https://www.york.gov.uk/info/20219/freedom_of_information/1535/"
        "freedom_of_information_responses",
        "generic", _L,
        ("https://www.york.gov.uk/info/20219/freedom_of_information/1570/"
         "make_a_freedom_of_information_request",
         "https://stevegalloway.mycouncillor.org.uk/tag/freedom-of-information/"),
        "A councillor reports that York stopped publishing responses in 2019.",
    ),
    LogSite(
        "croydon", "London Borough of Croydon", "https://www.croydon.gov.uk/democracy/open-data/foiact/foi",
        "generic", _L, ("https://www.croydon.gov.uk/democracy/open-data/foiact/foi",),
        "'Search for previous FoI requests and responses'; entry pages not seen.",
    ),
    LogSite(
        "milton-keynes", "Milton Keynes Council", "http://www.milton-keynes.gov.uk/foi/",
        "generic", _L, ("http://www.milton-keynes.gov.uk/foi/",),
        "'Disclosure log: search to see if the information ... has already been provided'; "
        "entry pages not seen.",
    ),
    LogSite(
        "nottinghamshire", "Nottinghamshire County Council",
        "https://www.nottinghamshire.gov.uk/council-and-democracy/freedom-of-information/submit",
        "generic", _L,
        ("https://www.nottinghamshire.gov.uk/council-and-democracy/freedom-of-information/submit",),
        "Points to the council's 'FOI and EIR Disclosure Log'; entry pages not seen.",
    ),
    LogSite(
        "cardiff", "City of Cardiff Council",
        "https://www.cardiff.gov.uk/ENG/Your-Council/Data-protection-and-FOI/Freedom-of-information/"
        "Pages/default.aspx",
        "generic", _L,
        ("https://www.cardiff.gov.uk/ENG/Your-Council/Data-protection-and-FOI/Freedom-of-"
         "information/Pages/default.aspx",),
        "Asks requesters to check the council's published request responses first; entry pages "
        "not seen.",
    ),
    LogSite(
        "kent", "Kent County Council",
        "https://www.kent.gov.uk/about-the-council/information-and-data/access-to-information/"
        "freedom-of-information-requests",
        "generic", _L,
        ("https://www.kent.gov.uk/about-the-council/information-and-data/access-to-information/"
         "freedom-of-information-requests",
         "https://kent.gov.uk/about-the-council/information-and-data/access-to-information"),
        "'Check our disclosure log' (closed cases of the last three years); entry pages not seen.",
    ),
    LogSite(
        "leicester", "Leicester City Council",
        "https://www.leicester.gov.uk/your-council/how-we-work/data-protection-and-foia/"
        "freedom-of-information/",
        "generic", _L,
        ("https://www.leicester.gov.uk/your-council/how-we-work/data-protection-and-foia/"
         "freedom-of-information/",),
        "'We are now publishing responses online in our disclosure log'; entry pages not seen.",
    ),
    LogSite("kingston", "Royal Borough of Kingston upon Thames", _AFC, "generic", _L,
            (_AFC, "https://kingston.gov.uk/council-democracy/freedom-information-requests"),
            _AFC_NOTE),
    LogSite("richmond", "London Borough of Richmond upon Thames", _AFC, "generic", _L,
            (_AFC,), _AFC_NOTE),
)  # fmt: skip


def log_site(key: str) -> LogSite:
    """A registry entry by key; ``KeyError`` names the known keys."""
    for site in LOG_SITES:
        if site.key == key:
            return site
    raise KeyError(f"no log site {key!r}; known: {', '.join(s.key for s in LOG_SITES)}")


def known_councils(adapter: Any) -> list[dict[str, str]]:
    """The councils known to publish in ``adapter``'s shape: those named by the adapter
    itself, then the registry's (with their evidence), each council once.

    >>> from foicompare.sources.disclosure_logs.adapters import get_adapter
    >>> [c["name"] for c in known_councils(get_adapter("results-table"))]
    ['Nottingham City Council']
    """
    out = [{"name": c.name, "url": c.url, "evidence": "adapter"} for c in adapter.councils]
    names = {c["name"] for c in out}
    for site in LOG_SITES:
        if site.adapter == adapter.name and site.council not in names:
            out.append({"name": site.council, "url": site.url, "evidence": site.evidence})
            names.add(site.council)
    return out


def site_for_url(url: str) -> LogSite | None:
    """The registry entry whose log lives on ``url``'s host (first match), or ``None``."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for site in LOG_SITES:
        if host == site.host or host in site.extra_hosts:
            return site
    return None


def coverage(con: Any | None = None) -> list[dict[str, Any]]:
    """One row per registered council: name, GSS code, adapter, evidence, log URL and the
    last crawl of that log in the dataset (``None`` when never crawled or no dataset).

    >>> rows = coverage()
    >>> rows[0]["council"], rows[0]["gss_code"], rows[0]["last_crawl"]
    ('London Borough of Barnet', 'E09000003', None)
    """
    crawls: list[tuple[str, Any, int]] = []
    if con is not None:
        crawls = [
            (r[0], r[1], r[2])
            for r in con.execute(
                "SELECT start_url, finished_at, entries FROM log_crawls ORDER BY finished_at"
            ).fetchall()
        ]
    rows = []
    for site in LOG_SITES:
        last = None
        for start_url, finished, entries in crawls:
            host = (urlsplit(start_url).hostname or "").lower().removeprefix("www.")
            if host == site.host:
                last = (finished, entries)
        rows.append(
            {
                "key": site.key,
                "council": site.council_name,
                "gss_code": site.gss_code,
                "adapter": site.adapter,
                "evidence": site.evidence,
                "url": site.url,
                "last_crawl": last[0] if last else None,
                "last_entries": last[1] if last else None,
            }
        )
    return rows
