"""Who wrote which part of a document: the requester or the authority.

A stored text may be one council letter, a disclosure-log page ("Request" … "Response"
headings), a WhatDoTheyKnow thread (request, acknowledgement, clarification, answer, each
opening with "Dear …"), or an email chain ("----- Original Message -----" with "Sent:"
headers). :func:`split` cuts it into :class:`Part` records and gives each a role, so
that the parser reads decisions only from what the authority wrote.

>>> parts = split("Dear Leeds City Council,\\nPlease provide the figures.\\nYours faithfully,\\nA\\n"
...               "Dear Mr A\\nThank you for your request. We do not hold the information.")
>>> [p.role for p in parts]
['request', 'authority']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foicompare import linre
from foicompare.parse.dates import first_date

_SALUTATION = linre.compile(r"^[ \t>*_]*Dear\s+(?P<to>[^\n,.:;]{1,80})", re.M | re.I)
_EMAIL = linre.compile(r"-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}", re.I)
_SIGN_OFF = linre.compile(
    r"^[ \t]*(?:Yours (?:faithfully|sincerely|truly)|(?:Kind |Best |Warm )?regards|Many thanks|Best wishes)"
    r"[ \t]*,?[ \t]*\n(?:[ \t]*\n)*[ \t]*[A-Z][^\n]{0,60}\n",
    re.M | re.I,
)
_SENT = linre.compile(r"^[ \t>*]*(?:Sent|Date)\s*:\s*(?P<when>[^\n]{6,60})", re.M | re.I)
_FROM = linre.compile(r"^[ \t>*]*From\s*:\s*(?P<who>[^\n]{1,120})", re.M | re.I)
_ATTACHMENT = linre.compile(
    r"^This is an HTML version of an attachment to the Freedom of Information request", re.I
)

# headings of disclosure-log pages: a short line that names the part that follows
_HEAD = r"^[ \t\-*#•>]*(?:\*\*)?"
_REQUEST_HEADING = linre.compile(
    _HEAD
    + r"(?P<h>(?:the |your |original |details of (?:the )?|foi |information )?request(?: details| text)?|"
    r"information requested|what (?:was|you) (?:asked|requested)(?: for)?)(?:\*\*)?[ \t]*:?[ \t]*$",
    re.M | re.I,
)
_AUTHORITY_HEADING = linre.compile(
    _HEAD
    + r"(?P<h>(?:our |council(?:'s)? |the council's |foi |final )?(?:response|decision|answer|reply)s?"
    r"(?: provided| given| to (?:the |your )?request)?|outcome(?: / documents)?|information (?:provided|released|disclosed)|"
    r"clarification (?:sought|requested)|date of (?:decision|response))"
    r"(?:\*\*)?[ \t]*(?::|[ \t]+(?=\d)|$)",
    re.M | re.I,
)

# a review's result opening a paragraph ("Complaint upheld.", "Review not upheld -"): the authority's
REVIEW_RESULT = linre.compile(
    r"^[ \t*\-•]*(?:(?:the )?(?:internal )?review|(?:the )?complaint|(?:the )?appeal)"
    r"(?: request)? (?:is |was |has been )?(?:not |partially |partly )?upheld\b",
    re.M | re.I,
)
# a row of a data table: a label (a year, a category) then two or more figures or gaps
TABLE_ROW = linre.compile(
    r"^[ \t]*(?:(?:19|20)\d\d(?:[/\-]\d{2,4})?|[A-Z][\w'’ ]{1,30}?)[ \t]+"
    r"(?:(?:£?\d[\d,.]*%?|not available|n/a|nil|-)[ \t]+)+(?:£?\d[\d,.]*%?|not available|n/a|nil|-)[ \t]*$",
    re.M | re.I,
)

_ORG_WORDS = linre.compile(
    r"\b(?:council|department|borough|county|city|authority|trust|police|commissioner|ministry|"
    r"office|executive|government|foi|freedom of information|information|team|officer|service|"
    r"board|district|agency|college|university|school|nhs|sir|sirs|madam|colleague)s?\b",
    re.I,
)
_OFFICIAL_SENDER = linre.compile(
    r"\.gov\.uk|\.gov\.scot|\.gov\.wales|\.nhs\.(?:uk|net)|\.police\.uk|\b(?:foi|freedomofinformation|"
    r"information\.?governance|infogov|dataprotection|records)[\w.\-]*@",
    re.I,
)
_PERSON = linre.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s", re.I)

_REQUESTER_CUES = [
    (linre.compile(p, re.I), w)
    for p, w in [
        (
            r"\bI (?:would like|am writing|wish|am requesting|am seeking|request|apply|would be grateful)\b",
            2,
        ),
        (
            r"\bplease (?:could you |can you |would you )?(?:provide|supply|send|tell|detail|list|state|give|advise|let me know|confirm|include|break)\b",
            1.5,
        ),
        (
            r"\b(?:could|can|would) you (?:please |kindly )?(?:provide|tell|supply|send|confirm|let|advise|be able|inform)\b",
            1.5,
        ),
        (r"\b(?:would|will|could|can) you (?:please )?(?:kindly|be able)\b", 1.5),
        (r"\b(?:my|this) (?:freedom of information |foi |information )?request\b", 1),
        (r"\bI (?:am|have|was|believe|understand|note)\b", 1),
        (
            r"\brequest(?:ing)? (?:for )?(?:the following )?information (?:under|about|on|regarding|relating)\b",
            1.5,
        ),
        (r"\binternal review of\b.{0,80}\bhandling\b", 2),
    ]
]
_AUTHORITY_CUES = [
    (linre.compile(p, re.I), w)
    for p, w in [
        (
            r"\b(?:thank you|thanks) for (?:your|the) (?:recent )?(?:request|e-?mail|enquiry|letter|correspondence|contact|application)",
            3,
        ),
        (r"\byour (?:request|e-?mail|enquiry|letter|application)\b", 1.5),
        (
            r"\b(?:we|the council|the authority|the department|the trust) (?:do|does|did) not hold\b",
            3,
        ),
        (
            r"\b(?:we|the council|the authority|the department) (?:hold|holds|can confirm|are (?:unable|able|pleased|not able)|have (?:considered|decided|been|now)|will (?:respond|reply|aim)|regret|estimate)",
            2,
        ),
        (r"\bI can confirm\b", 2),
        (r"\bplease find (?:attached|below|enclosed)\b", 2),
        (r"\b(?:is|are|being) (?:exempt|withheld)\b", 2),
        (r"\bexemption\b", 1),
        (r"\b(?:refus(?:e|al|ed|ing)|declin(?:e|ing))\b", 0.5),
        (r"\bour (?:ref|reference|response)\b", 2),
        (r"\breference (?:number|no)\b", 1),
        (r"\bwithin (?:20|twenty) working days\b", 1.5),
        (r"\bright to (?:request|complain|appeal|ask)\b", 2),
        (r"\bif you are (?:unhappy|dissatisfied|not satisfied)\b", 2),
        (r"\bInformation Commissioner\b", 1),
        (r"\b(?:in response to|response to) your\b", 2),
        (r"\byou (?:have )?(?:requested|asked)(?: for)?\b", 2),
        (r"\bwe (?:can|are able to|have been able to) (?:provide|confirm|advise)\b", 2),
        (r"\bI hope (?:this|that this)\b", 1.5),
    ]
]


@dataclass(slots=True)
class Part:
    """One message or section of a document.

    ``role`` is ``"request"`` (what the requester wrote), ``"authority"`` (what the body
    wrote) or ``"chrome"`` (page furniture such as a WhatDoTheyKnow status line);
    ``sent`` the ISO date from the part's email header, ``heading`` the log heading
    (e.g. ``"Decision"``) that opened it, if any.
    """

    start: int
    end: int
    role: str
    sent: str | None = None
    heading: str | None = None
    sent_span: tuple[int, int] | None = None
    #: what opened the part: "lead", "dear", "email", "after" (a sign-off above), or a heading role
    kind: str = ""


def _score(text: str) -> float:
    """Positive when the text reads as written by the authority, negative for the requester."""
    score = 0.0
    for rx, w in _AUTHORITY_CUES:
        if rx.search(text):
            score += w
    for rx, w in _REQUESTER_CUES:
        if rx.search(text):
            score -= w
    return score


def _addressee_bias(to: str) -> float:
    """Requesters address organisations; authorities address named people."""
    to = to.strip()
    if _PERSON.match(to):
        return 2.0
    if _ORG_WORDS.search(to):
        return -2.0 if not linre.compile(r"\b(?:sir|sirs|madam)\b", re.I).search(to) else -0.5
    return 1.5 if len(to.split()) <= 3 else 0.0  # "Dear Jolyon", "Dear Alison"


def split(text: str) -> list[Part]:
    """The parts of a document, in text order, each with a role.

    >>> [(p.role, p.heading) for p in split("Request\\n1. How many?\\nResponse\\n1. 12")]
    [('request', 'Request'), ('authority', 'Response')]
    """
    cuts: dict[int, tuple[str, str | None]] = {}
    for m in _REQUEST_HEADING.finditer(text):
        cuts[m.start()] = ("request", m.group("h").strip())
    for m in _AUTHORITY_HEADING.finditer(text):
        cuts[m.start()] = ("authority", m.group("h").strip())
    for m in _EMAIL.finditer(text):
        cuts[m.start()] = ("email", None)
    for m in REVIEW_RESULT.finditer(text):
        cuts.setdefault(m.start(), ("review", None))
    for pos in _table_starts(text):
        cuts.setdefault(pos, ("table", None))
    emails = sorted(m.start() for m in _EMAIL.finditer(text))
    for m in _SALUTATION.finditer(text):
        prev = max((c for c in cuts if c < m.start()), default=-1)
        if prev in emails and m.start() - prev < 600:
            continue  # the salutation of an email whose header opened the part
        pos = _letter_start(text, m.start(), cuts)
        cuts.setdefault(pos, ("dear", m.group("to")))
    for m in _SIGN_OFF.finditer(text):
        if m.end() < len(text) - 40 and not any(m.end() <= c < m.end() + 40 for c in cuts):
            cuts.setdefault(m.end(), ("after", None))
    if 0 not in cuts:
        cuts[0] = ("lead", None)
    starts = sorted(cuts)
    parts: list[Part] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        kind, extra = cuts[s]
        chunk = text[s:e]
        if not chunk.strip():
            continue
        part = Part(s, e, "authority", kind=kind)
        if kind in ("request", "authority"):
            part.role, part.heading = kind, extra
        else:
            sent = _SENT.search(chunk)
            if sent and sent.start() < 400:
                hit = first_date(sent.group("when"))
                if hit:
                    part.sent = hit.iso
                    base = s + sent.start("when")
                    part.sent_span = (base + hit.start, base + hit.end)
            bias = _addressee_bias(extra) if kind == "dear" else 0.0
            if kind == "email":
                m = _SALUTATION.search(chunk)
                if m:
                    bias = _addressee_bias(m.group("to"))
                sender = _FROM.search(chunk[:400])
                if sender:
                    bias += 3 if _OFFICIAL_SENDER.search(sender.group("who")) else -3
            score = _score(chunk) + bias
            if kind in ("review", "table"):
                score = max(score, 1.0)  # a review's result, or figures: written by the authority
            if kind == "lead" and _ATTACHMENT.match(chunk.lstrip()):
                score += 5
            elif kind == "lead" and _looks_like_page(chunk) and len(chunk) < 400:
                score = 0  # a WhatDoTheyKnow title and status line
            part.role = "authority" if score > 0 else "request"
            if kind == "after" and parts and abs(score) < 1:
                part.role = parts[-1].role  # the signature block of the message above
            if kind == "lead" and score == 0:
                part.role = "chrome" if len(chunk.strip()) < 200 else "unknown"
        parts.append(part)
    return _merge_headerless(text, parts)


def _table_starts(text: str) -> list[int]:
    """Where each table of figures begins (its header line, if any): three or more data rows.

    Requesters ask in words and sometimes draw an empty table to fill in; rows of figures
    are the authority's answer.

    >>> t = "1. How many?\\nYear Cases Closed\\n2020 12 4\\n2021 9 3\\n2022 7 1\\n"
    >>> [t[i:i + 4] for i in _table_starts(t)]
    ['Year']
    """
    starts: list[int] = []
    rows = list(TABLE_ROW.finditer(text))
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and not text[rows[j].end() : rows[j + 1].start()].strip():
            j += 1
        if j - i >= 2:
            start = rows[i].start()
            above = text.rfind("\n", 0, max(0, start - 1)) + 1
            header = text[above:start].strip()
            if header and not header.endswith(("?", ".", ":")) and len(header) < 200:
                start = above
            starts.append(start)
        i = j + 1
    return starts


def _letter_start(text: str, pos: int, cuts: dict[int, tuple[str, str | None]]) -> int:
    """Where the message whose salutation is at ``pos`` begins: its sender line or letter head."""
    before = text.rfind("\n\n", 0, pos)
    head = text[before + 2 if before >= 0 else 0 : pos]
    # a short block just above "Dear" (sender name, "RE: subject") belongs to the message
    if (
        before >= 0
        and 0 < len(head.strip()) < 160
        and head.count("\n") <= 3
        and not any(before < c < pos for c in cuts)
    ) and not linre.compile(r"(?:yours|regards|thanks|faithfully|sincerely)", re.I).search(head):
        return before + 2
    return pos


def _merge_headerless(text: str, parts: list[Part]) -> list[Part]:
    """Join neighbouring parts of the same role; give a leading letter head to the letter."""
    merged: list[Part] = []
    for p in parts:
        if (
            merged
            and merged[-1].role == p.role
            and p.heading is None
            and p.sent is None
            and p.kind not in ("dear", "email")
        ):
            merged[-1].end = p.end
            continue
        if merged and merged[-1].role == "unknown" and p.heading and p.role == "authority":
            merged[-1].role = "request"  # a log page's question text above its "Response" heading
        if (
            merged
            and merged[-1].role in ("chrome", "unknown")
            and p.role == "authority"
            and p.heading is None
            and len(merged) == 1
            and _score(text[merged[-1].start : merged[-1].end]) >= 0
            and not _looks_like_page(text[merged[-1].start : merged[-1].end])
        ):
            # letter head (address, date, reference) above the first salutation
            p.start = merged[-1].start
            merged[-1] = p
            continue
        merged.append(p)
    return merged


_WDTK_CHROME = linre.compile(
    r"made this (?:Freedom of Information |FOI |EIR )?request to|This request has been closed|"
    r"The request (?:was|is|has been) |Waiting for (?:an? )?(?:internal review|response)|"
    r"Awaiting classification|Long overdue",
    re.I,
)


def _looks_like_page(chunk: str) -> bool:
    return bool(_WDTK_CHROME.search(chunk))


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Spans of WhatDoTheyKnow status lines, which are the requester's view, not a decision.

    >>> t = "Title\\nThe request was successful.\\nDear X"
    >>> [t[a:b] for a, b in chrome_spans(t)]
    ['The request was successful.']
    """
    out = []
    for m in _WDTK_CHROME.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        out.append((ls, len(text) if le < 0 else le))
    return out
