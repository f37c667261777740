"""Segment once: a document's text → its messages (who wrote them, when, quoted or not) and
the blocks inside them (paragraphs, list items, tables, headings).

A stored text may be one council letter, a disclosure-log page ("Request" … "Response"
headings), a WhatDoTheyKnow thread (the request, acknowledgements, clarifications, the answer,
each opening with "Dear …", authority messages headed "Name, Council"), or an email chain
("-----Original Message-----", "On … wrote:", From:/Sent:/To:/Subject: blocks, ``>`` lines).
:func:`messages` cuts it into :class:`Message` records, in text order, that cover the text
without overlapping; :func:`blocks` cuts any span into :class:`Block` records. Both are pure
functions of the text, linear in its length (every pattern goes through
:func:`foicompare.linre.compile`), and every span is an offset into the text as given, so
evidence can point back into the stored text. Parsing reads decisions only from what the
authority wrote; topic extraction can skip what the requester wrote.

>>> text = ("Jo Bloggs made this Freedom of Information request to Leeds City Council\\n\\n"
...         "Dear Leeds City Council,\\nPlease provide the figures.\\nYours faithfully,\\nJo Bloggs\\n\\n"
...         "Dear Ms Bloggs\\nThank you for your request. We do not hold the information.\\n"
...         "- item one\\n- item two\\n")
>>> [(m.sender, m.kind) for m in messages(text)]
[('unknown', 'page'), ('requester', 'wdtk'), ('authority', 'wdtk')]
>>> last = messages(text)[-1]
>>> [(b.kind, text[b.start:b.end]) for b in last.blocks][-2:]
[('list_item', '- item one'), ('list_item', '- item two')]

Stable API (other stages rely on it): :class:`Message` (``start``, ``end``, ``sender``,
``kind``, ``date``, ``date_span``, ``quoted``, ``heading``, ``blocks``), :class:`Block`
(``start``, ``end``, ``kind``), :func:`messages`, :func:`blocks`, :func:`sender_score`,
:func:`chrome_spans`. ``sender`` is ``"authority"``, ``"requester"`` or ``"unknown"``;
``kind`` is ``"letter"``, ``"email"``, ``"wdtk"`` (a message of a WhatDoTheyKnow thread),
``"log_question"``, ``"log_answer"`` (the parts of a disclosure-log page), ``"quoted"``
(earlier mail quoted inside a message) or ``"page"`` (page furniture: titles, status lines).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from foicompare import linre

__all__ = [
    "REVIEW_RESULT",
    "TABLE_ROW",
    "Block",
    "Message",
    "blocks",
    "chrome_spans",
    "messages",
    "sender_score",
]

SENDERS = ("authority", "requester", "unknown")
KINDS = ("letter", "email", "wdtk", "log_question", "log_answer", "quoted", "page")


@dataclass(frozen=True, slots=True)
class Block:
    """A block inside a message: ``kind`` is ``paragraph``, ``list_item``, ``table`` or ``heading``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Message:
    """One message (or page section) of a document; see the module doc for the values."""

    start: int
    end: int
    sender: str
    kind: str
    date: str | None = None
    date_span: tuple[int, int] | None = None
    quoted: bool = False
    heading: str | None = None
    #: what opened it: "lead", "dear", "email", "after" (a sign-off above), "request"/"authority"
    #: (a log heading), "review", "table", "quote", "tail"
    opener: str = ""
    blocks: tuple[Block, ...] = field(default=(), compare=False, repr=False)


# --- patterns -------------------------------------------------------------------------------

_I, _M = re.I, re.M
# "Dear Ms Smith", "DearMr Smith" as PDF text extraction sometimes glues it, and a bare "Dear"
# whose addressee was redacted
_SALUTATION = linre.compile(
    r"^[ \t>*_]*Dear(?:[ \t]+|(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Madam)\b|[ \t]*,?[ \t]*$)(?P<to>[^\n,.:;]{0,80})",
    _M,
)
_EMAIL = linre.compile(
    r"-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}"
    r"|(?:^|\n)[ \t]*Begin forwarded message:",
    _I,
)
_HEADER_BLOCK = linre.compile(  # an Outlook header block without a dashed line above it
    r"(?:^|\n)[ \t>*]*From:[^\n]{1,160}\n[ \t>*]*(?:Sent|Date):[^\n]{4,80}\n[ \t>*]*To:", _I
)
_WROTE = linre.compile(r"(?:^|\n)[ \t>]*On [^\n]{4,160}(?:\n[^\n]{0,120})?\bwrote:[ \t]*\n", _I)
_QUOTE_LINES = linre.compile(r"(?:^|\n)(?:[ \t]*>[^\n]*\n){2,}", 0)
_SHOW_QUOTED = linre.compile(r"(?:^|\n)[ \t]*(?:show|hide) quoted sections[ \t]*(?:\n|$)", _I)
_SIGN_OFF = linre.compile(
    r"^[ \t]*(?:Yours (?:faithfully|sincerely|truly)|(?:Kind |Best |Warm )?regards|Many thanks|Best wishes)"
    r"[ \t]*,?[ \t]*\n(?:[ \t]*\n)*[ \t]*[A-Z][^\n]{0,60}\n",
    _M | _I,
)
_SENT = linre.compile(r"^[ \t>*]*(?:Sent|Date)\s*:\s*(?P<when>[^\n]{6,60})", _M | _I)
_FROM = linre.compile(r"^[ \t>*]*From\s*:\s*(?P<who>[^\n]{1,120})", _M | _I)
_ATTACHMENT = linre.compile(
    r"^This is an HTML version of an attachment to the Freedom of Information request", _I
)
_MADE_REQUEST = linre.compile(
    r"(?:^|\n)[ \t]*(?P<who>[^\n]{2,80}?) made this (?:Freedom of Information |FOI |EIR |FOISA )?"
    r"request to (?P<to>[^\n]{2,120}?)[ \t.]*(?:\n|$)",
    _I,
)

# headings of disclosure-log pages: a short line that names the part that follows
_HEAD = r"^[ \t\-*#•>]*(?:\*\*)?"
_REQUEST_HEADING = linre.compile(
    _HEAD
    + r"(?P<h>(?:the |your |original |details of (?:the )?|foi |information |customer )?request(?: details| text)?|"
    r"information requested|what (?:was|you) (?:asked|requested)(?: for)?)(?:\*\*)?[ \t]*:?[ \t]*$",
    _M | _I,
)
_AUTHORITY_HEADING = linre.compile(
    _HEAD
    + r"(?P<h>(?:our |council(?:'s)? |the council's |foi |final |(?:[\w&-]+ ){1,4}(?:council|authority|trust|police|constabulary|board|department|service)(?:'s|’s)? )?(?:response|decision|answer|reply)s?"
    r"(?: provided| given| to (?:the |your )?request)?|outcome(?: / documents)?|information (?:provided|released|disclosed)|"
    r"clarification (?:sought|requested)|date of (?:decision|response))"
    r"(?:\*\*)?[ \t]*(?::|[ \t]+\d|$)",
    _M | _I,
)

#: a review's result opening a paragraph ("Complaint upheld.", "Review not upheld -")
REVIEW_RESULT = linre.compile(
    r"^[ \t*\-•]*(?:(?:the )?(?:internal )?review|(?:the )?complaint|(?:the )?appeal)"
    r"(?: request)? (?:is |was |has been )?(?:not |partially |partly )?upheld\b",
    _M | _I,
)
#: a row of a data table: a label (a year, a category) then two or more figures or gaps
TABLE_ROW = linre.compile(
    r"^[ \t]*(?:(?:19|20)\d\d(?:[/\-]\d{2,4})?|[A-Z][\w'’ ]{1,30}?)[ \t]+"
    r"(?:(?:£?\d[\d,.]*%?|not available|n/a|nil|-)[ \t]+)+(?:£?\d[\d,.]*%?|not available|n/a|nil|-)[ \t]*$",
    _M | _I,
)

_ORG_WORDS = linre.compile(
    r"\b(?:council|department|borough|county|city|authority|trust|police|commissioner|ministry|"
    r"office|executive|government|foi|freedom of information|information|team|officer|service|"
    r"board|district|agency|college|university|school|nhs|sir|sirs|madam|colleague)s?\b",
    _I,
)
_SIR_MADAM = linre.compile(r"\b(?:sir|sirs|madam)\b", _I)
_OFFICIAL_SENDER = linre.compile(
    r"\.gov\.uk|\.gov\.scot|\.gov\.wales|\.nhs\.(?:uk|net)|\.police\.uk|\b(?:foi|freedomofinformation|"
    r"information\.?governance|infogov|dataprotection|records)[\w.\-]*@",
    _I,
)
_PERSON = linre.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s", _I)

_REQUESTER_CUES = [
    (linre.compile(p, _I), w)
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
    (linre.compile(p, _I), w)
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

#: every cue in one set (authority cues, then requester cues): which occur, in one pass
_CUES = linre.Set([rx.pattern for rx, _ in _AUTHORITY_CUES + _REQUESTER_CUES], _I)

_WDTK_CHROME = linre.compile(
    r"made this (?:Freedom of Information |FOI |EIR )?request to|This request has been closed|"
    r"The request (?:was|is|has been) |Waiting for (?:an? )?(?:internal review|response)|"
    r"Awaiting classification|Long overdue",
    _I,
)

# blocks: blank lines, list items, table rows (pipes, tabs, rows of figures), short headings
_LINE = linre.compile(r"[^\n]*(?:\n|$)")
_LIST_ITEM = linre.compile(
    r"^[ \t]*(?:[-•*▪●◦·]|\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\(?[ivx]{1,4}\)|[qQ]\d{1,2}[.:)]?|"
    r"question \d{1,2}[.:)]?)[ \t]",
    _I,
)
_TABLE_LINE = linre.compile(r"^[ \t]*\|.*\||\t[^\t\n]*\t", 0)
_HEADING_LINE = linre.compile(r"^[ \t#*]*[A-Z][^\n.?!;,]{0,70}[: \t*]*$", 0)
# the table and list tests as one multi-line scan of a whole span: none of them crosses a line
# break, so a line holds a match of the scan exactly when the pattern matches the line alone
_TABLE_LINES = linre.compile(_TABLE_LINE.pattern + "|" + TABLE_ROW.pattern, _M | _I)
_LIST_ITEMS = linre.compile(_LIST_ITEM.pattern, _M | _I)


# --- public functions -----------------------------------------------------------------------


def sender_score(text: str) -> float:
    """Positive when ``text`` reads as written by the authority, negative for the requester.

    >>> sender_score("Thank you for your request. We do not hold the information.") > 0
    True
    >>> sender_score("I would like to request the following information.") < 0
    True
    """
    score = 0.0
    found = _CUES.matching(text)  # one pass for every cue, authority cues first
    for i in found:
        if i < len(_AUTHORITY_CUES):
            score += _AUTHORITY_CUES[i][1]
    for i in found:
        if i >= len(_AUTHORITY_CUES):
            score -= _REQUESTER_CUES[i - len(_AUTHORITY_CUES)][1]
    return score


def messages(text: str) -> list[Message]:
    """The messages of a document, in text order, each with its sender and blocks.

    Parse and topics both ask for the same document's messages; the cut is made once (the
    last few texts are remembered) and each caller gets its own list.

    >>> t = "Request\\n1. How many?\\nResponse\\n1. 12"
    >>> [(m.sender, m.kind, m.heading) for m in messages(t)]
    [('requester', 'log_question', 'Request'), ('authority', 'log_answer', 'Response')]
    """
    return list(_messages(text))


@functools.lru_cache(maxsize=2)
def _messages(text: str) -> tuple[Message, ...]:
    parts = _parts(text)
    wdtk = _MADE_REQUEST.search(text[:3000])
    out: list[Message] = []
    for p in parts:
        sender = {"authority": "authority", "request": "requester"}.get(p.role, "unknown")
        if p.role == "quoted":
            kind = "quoted"
        elif p.role == "chrome":
            kind = "page"
        elif p.heading is not None:
            kind = "log_question" if p.role == "request" else "log_answer"
        elif p.kind == "email":
            kind = "email"
        elif wdtk is not None and p.kind in ("dear", "after", "tail"):
            kind = "wdtk"
        elif p.kind == "lead" and p.role == "unknown":
            kind = "page" if _WDTK_CHROME.search(text[p.start : p.end]) else "letter"
        else:
            kind = "letter"
        if p.role == "quoted":
            sender = p.quoted_sender
        out.append(
            Message(
                start=p.start,
                end=p.end,
                sender=sender,
                kind=kind,
                date=p.sent,
                date_span=p.sent_span,
                quoted=p.role == "quoted" or p.quoted,
                heading=p.heading,
                opener=p.kind,
                blocks=tuple(blocks(text, p.start, p.end)),
            )
        )
    return tuple(out)


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """The paragraphs, list items, tables and headings of ``text[start:end]``, spans in ``text``.

    A paragraph runs until a blank line, a list item or a table; consecutive table lines (pipes,
    tabs, rows of figures) make one table; a short capitalised line without a full stop,
    followed by a line that does not continue its sentence, is a heading.

    >>> t = "Response\\nWe hold 3 records.\\nMore text.\\n\\n1. First\\n2. Second\\nYear 2020 2021\\n"
    >>> [(b.kind, t[b.start:b.end]) for b in blocks(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('heading', 'Response'), ('paragraph', 'We hold 3 records.\\nMore text.'),
     ('list_item', '1. First'), ('list_item', '2. Second'), ('table', 'Year 2020 2021')]
    """
    end = len(text) if end is None else min(end, len(text))
    out: list[Block] = []
    cur_kind: str | None = None
    cur_start = cur_end = start
    pos = start
    lines: list[tuple[int, int, str]] = []
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop, text[pos:stop]))
        pos = stop + 1
    tables = _lines_with(_TABLE_LINES, text, start, end)
    items = _lines_with(_LIST_ITEMS, text, start, end)
    # a span opening mid-line: its first line is tested alone (``^`` matches at its start)
    alone = start > 0 and text[start - 1] != "\n"
    for i, (a, b, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kind = None
        elif (
            _TABLE_LINE.search(line) or TABLE_ROW.search(line) if alone and i == 0 else a in tables
        ):
            kind = "table"
        elif _LIST_ITEM.search(line) if alone and i == 0 else a in items:
            kind = "list_item"
        elif (
            cur_kind is None
            and len(stripped) <= 60
            and _HEADING_LINE.search(line)
            and i + 1 < len(lines)
            and lines[i + 1][2].strip()
            and not lines[i + 1][2].strip()[0].islower()
        ):
            kind = "heading"
        else:
            kind = "paragraph" if cur_kind in (None, "heading", "table") else "continue"
        if kind == "continue":
            cur_end = b
            continue
        if cur_kind is not None and not (kind == "table" and cur_kind == "table"):
            out.append(_trimmed(text, cur_start, cur_end, cur_kind))
            cur_kind = None
        if kind is None:
            continue
        if cur_kind is None:
            cur_kind, cur_start = kind, a
        cur_end = b
    if cur_kind is not None:
        out.append(_trimmed(text, cur_start, cur_end, cur_kind))
    return [blk for blk in out if blk.end > blk.start]


def _lines_with(rx: linre.Pattern, text: str, start: int, end: int) -> set[int]:
    """Offsets of the lines of ``text[start:end]`` holding a match of ``rx`` (a multi-line
    pattern whose matches never cross a line break); the first line counts from ``start``."""
    return {text.rfind("\n", start, s) + 1 or start for s in rx.starts(text, start, end)}


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


# --- internals ------------------------------------------------------------------------------


def _trimmed(text: str, a: int, b: int, kind: str) -> Block:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Block(a, b, kind)


@dataclass(slots=True)
class _Part:
    """A message under construction (mutable while the splitter merges neighbours)."""

    start: int
    end: int
    role: str  # "request", "authority", "chrome", "unknown", "quoted"
    sent: str | None = None
    heading: str | None = None
    sent_span: tuple[int, int] | None = None
    kind: str = ""
    quoted: bool = False
    quoted_sender: str = "unknown"


def _addressee_bias(to: str) -> float:
    """Requesters address organisations; authorities address named people."""
    to = to.strip()
    if _PERSON.search(to):
        return 2.0
    if _ORG_WORDS.search(to):
        return -3.5 if not _SIR_MADAM.search(to) else -0.5
    return 1.5 if len(to.split()) <= 3 else 0.0  # "Dear Jolyon", "Dear Alison"


_NOT_NAME = linre.compile(r"[^a-z0-9 ]")


def _norm_name(s: str) -> str:
    return _NOT_NAME.sub("", s.lower()).strip()


def _wdtk_bias(to: str, header: str, who: str | None, body: str | None) -> float:
    """On a WhatDoTheyKnow thread page: the requester addresses the body, the body the requester.

    ``who`` and ``body`` come from "X made this Freedom of Information request to Y";
    ``header`` is the short line above the salutation ("X" or "Name, Y").
    """
    if not who or not body:
        return 0.0
    to_n, who_n, body_n, head_n = map(_norm_name, (to, who, body, header))
    bias = 0.0
    if body_n and to_n and (to_n in body_n or body_n in to_n):
        bias -= 4.0
    elif who_n and to_n and any(w in to_n.split() for w in who_n.split() if len(w) > 2):
        bias += 4.0
    if head_n:
        if body_n and body_n in head_n:
            bias += 3.0
        elif who_n and head_n == who_n:
            bias -= 3.0
    return bias


def _parts(text: str) -> list[_Part]:
    """The parts of a document, in text order, each with a role (the splitter proper)."""
    from foicompare.parse.dates import first_date  # here: foicompare.parse imports this module

    cuts: dict[int, tuple[str, str | None]] = {}
    for m in _REQUEST_HEADING.finditer(text):
        cuts[m.start()] = ("request", m.group("h").strip())
    for m in _AUTHORITY_HEADING.finditer(text):
        cuts[m.start()] = ("authority", m.group("h").strip())
    emails = []
    for m in _EMAIL.finditer(text):
        pos = m.start() + (1 if text[m.start()] == "\n" else 0)
        cuts[pos] = ("email", None)
        emails.append(pos)
    for m in _HEADER_BLOCK.finditer(text):
        pos = m.start() + (1 if text[m.start()] == "\n" else 0)
        if not any(0 <= pos - e < 200 for e in emails):
            cuts[pos] = ("email", None)
            emails.append(pos)
    quote_starts = set()
    for m in _WROTE.finditer(text):
        pos = m.start() + (1 if text[m.start()] == "\n" else 0)
        cuts.setdefault(pos, ("quote", None))
        quote_starts.add(pos)
    for m in REVIEW_RESULT.finditer(text):
        cuts.setdefault(m.start(), ("review", None))
    for pos in _table_starts(text):
        cuts.setdefault(pos, ("table", None))
    emails.sort()
    wdtk = _MADE_REQUEST.search(text[:3000])
    who = wdtk.group("who").strip() if wdtk else None
    body = wdtk.group("to").strip() if wdtk else None
    headers: dict[int, str] = {}
    for m in _SALUTATION.finditer(text):
        prev = max((c for c in cuts if c < m.start()), default=-1)
        if prev in emails and m.start() - prev < 600:
            continue  # the salutation of an email whose header opened the part
        pos = _letter_start(text, m.start(), cuts)
        if pos < m.start():
            headers[pos] = text[pos : m.start()].strip()
        cuts.setdefault(pos, ("dear", m.group("to")))
    for m in _SIGN_OFF.finditer(text):
        if m.end() < len(text) - 40 and not any(m.end() <= c < m.end() + 40 for c in cuts):
            cuts.setdefault(m.end(), ("after", None))
    for m in _SHOW_QUOTED.finditer(text):
        pos = m.end()
        if pos < len(text) - 20 and not any(pos <= c < pos + 40 for c in cuts):
            cuts.setdefault(pos, ("after", None))
    if 0 not in cuts:
        cuts[0] = ("lead", None)
    starts = sorted(cuts)
    parts: list[_Part] = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        kind, extra = cuts[s]
        chunk = text[s:e]
        if not chunk.strip():
            continue
        part = _Part(s, e, "authority", kind=kind)
        if kind in ("request", "authority"):
            part.role, part.heading = kind, extra
            parts.append(part)
            continue
        sent = _SENT.search(chunk)
        if sent and sent.start() < 400:
            hit = first_date(sent.group("when"))
            if hit:
                part.sent = hit.iso
                base = s + sent.start(_SENT.groupindex["when"])
                part.sent_span = (base + hit.start, base + hit.end)
        bias = 0.0
        if kind == "dear":
            bias = _addressee_bias(extra or "") + _wdtk_bias(
                extra or "", headers.get(s, ""), who, body
            )
        if kind == "email":
            m = _SALUTATION.search(chunk)
            if m:
                bias = _addressee_bias(m.group("to"))
            sender = _FROM.search(chunk[:400])
            if sender:
                bias += 3 if _OFFICIAL_SENDER.search(sender.group("who")) else -3
        score = sender_score(chunk) + bias
        if kind in ("review", "table"):
            score = max(score, 1.0)  # a review's result, or figures: written by the authority
        if kind == "lead" and _ATTACHMENT.search(chunk.lstrip()[:200]):
            score += 5
        elif kind == "lead" and _WDTK_CHROME.search(chunk) and len(chunk) < 400:
            score = 0  # a WhatDoTheyKnow title and status line
        part.role = "authority" if score > 0 else "request"
        if kind == "after" and parts and abs(score) < 1:
            part.role = parts[-1].role  # the signature block of the message above
        if kind == "lead" and score == 0:
            part.role = "chrome" if len(chunk.strip()) < 200 else "unknown"
        if kind == "quote":
            # "On ... wrote:" and what follows: earlier mail quoted by the message above
            part.quoted_sender = (
                "authority" if score > 0 else "requester" if score < 0 else "unknown"
            )
            part.role = "quoted"
        parts.append(part)
    parts = _merge_headerless(text, parts)
    _mark_quoted_lines(text, parts)
    return parts


def _mark_quoted_lines(text: str, parts: list[_Part]) -> None:
    """Flag parts that are mostly ``>``-quoted lines (earlier mail inside a reply)."""
    for p in parts:
        if p.role == "quoted":
            p.quoted = True
            continue
        quoted = sum(m.end() - m.start() for m in _QUOTE_LINES.finditer(text, p.start, p.end))
        if quoted > 0.6 * max(1, p.end - p.start):
            p.quoted = True


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


_CLOSING_WORDS = linre.compile(r"(?:yours|regards|thanks|faithfully|sincerely)", _I)


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
    ) and not _CLOSING_WORDS.search(head):
        return before + 2
    return pos


def _merge_headerless(text: str, parts: list[_Part]) -> list[_Part]:
    """Join neighbouring parts of the same role; give a leading letter head to the letter."""
    merged: list[_Part] = []
    for p in parts:
        if (
            merged
            and merged[-1].role == p.role
            and p.heading is None
            and p.sent is None
            and p.kind not in ("dear", "email", "quote")
        ):
            merged[-1].end = p.end
            continue
        if (
            merged
            and merged[-1].kind == "after"
            and p.kind == "dear"
            and merged[-1].role == p.role
            and len(text[merged[-1].start : p.start].strip()) < 250
        ):
            # a sender line ("FOI Team, Council", "Our ref: ...") above the salutation
            merged[-1].end = p.end
            merged[-1].kind = "dear"
            continue
        if merged and merged[-1].role == "unknown" and p.heading and p.role == "authority":
            merged[-1].role = "request"  # a log page's question text above its "Response" heading
        if (
            merged
            and merged[-1].role in ("chrome", "unknown")
            and p.role == "authority"
            and p.heading is None
            and len(merged) == 1
            and sender_score(text[merged[-1].start : merged[-1].end]) >= 0
            and not _WDTK_CHROME.search(text[merged[-1].start : merged[-1].end])
        ):
            # letter head (address, date, reference) above the first salutation
            p.start = merged[-1].start
            merged[-1] = p
            continue
        merged.append(p)
    return merged
