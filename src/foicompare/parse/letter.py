"""text → the Response record: composes layout, dates, reference, act, exemptions, cost,
answers, outcome and document type.

>>> r = parse_response("Our ref: FOI 1234\\n3 May 2021\\nDear Ms Smith\\n"
...                    "We do not hold the information you requested.\\nYours sincerely")
>>> r["reference"], r["date"], r["outcome"], r["document_type"], r["act"]
('FOI 1234', '2021-05-03', 'not_held', 'response', 'FOIA')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from foicompare import linre
from foicompare.parse import layout
from foicompare.parse.act import Act, find_act
from foicompare.parse.answers import Answer, find_answers
from foicompare.parse.cost import find_cost_hours
from foicompare.parse.doctype import COMMISSIONER_DECISION, message_kind
from foicompare.parse.exemptions import (
    cost_limit_refusal,
    find_exemptions,
    provisions_cited,
    public_interest_test,
)
from foicompare.parse.outcome import overall
from foicompare.parse.reference import bare_reference, find_reference
from foicompare.parse.when import labelled_date, letter_date, received_date
from foicompare.text.base import Table

PARSER_VERSION = "1.2"

_DECISIONS = ("response", "internal_review")
_CLOSING = linre.compile(
    r"yours (?:sincerely|faithfully)|kind regards|\bregards\b|date of decision|if you are (?:unhappy|dissatisfied|not satisfied)|"
    r"information commissioner|rate this page|\bdownload\b|re-?use|right to (?:request|complain|appeal)|"
    r"internal review|I hope (?:this|that)",
    re.I,
)


@dataclass(slots=True)
class _Group:
    """One authority message: consecutive authority parts (a letter, an email, a log answer)."""

    parts: list[layout.Part] = field(default_factory=list)
    sent: str | None = None
    kind: str = "response"

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in self.parts]


def _groups(text: str, parts: list[layout.Part]) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    sent: str | None = None
    for p in parts:
        if p.kind == "email" or p.sent:
            sent = p.sent
        if p.role == "request" and p.heading is None:
            current = None  # the requester wrote in between: the next reply is a new message
            continue
        if p.role != "authority":
            continue
        new_message = (
            p.kind in ("dear", "email")
            and current is not None
            and p.heading is None
            and any(q.kind in ("dear", "email") for q in current.parts)
        )
        if current is None or new_message or (sent and current.sent and sent != current.sent):
            current = _Group(sent=sent)
            groups.append(current)
        current.parts.append(p)
        current.sent = current.sent or sent
    for g in groups:
        g.kind = message_kind(" ".join(text[a:b] for a, b in g.spans))
    return groups


def _decisive(groups: list[_Group]) -> _Group | None:
    if not groups:
        return None
    ordered = list(groups)
    if all(g.sent for g in groups):
        ordered.sort(key=lambda g: g.sent or "")
    decisions = [g for g in ordered if g.kind in _DECISIONS]
    return (decisions or ordered)[-1]


def _truncated(text: str, end: int) -> bool:
    """Whether the text stops inside the decisive message (an excerpt cut mid-way).

    A text that ends with a line break was not cut inside a line, so its last line is whole.
    """
    tail = text[max(0, end - 400) : end].rstrip()
    if end < len(text.rstrip()) - 5:
        return False
    if text.endswith("\n") and end >= len(text.rstrip()):
        return False
    if _CLOSING.search(tail):
        return False
    return not tail.endswith((".", "!", ")", "”", '"'))


def _scottish(text: str, url: str | None) -> bool:
    """Whether the authority (from the URL or the text) is a Scottish body."""
    if url and linre.compile(r"\.scot\b|\.gov\.scot|scotland", re.I).search(url):
        return True
    try:
        from foicompare import authorities

        found = authorities.resolve_document(text[:3000], url=url)
    except Exception:  # resolution is best effort here; the pipeline records its own result
        return False
    code = (found or {}).get("code") or ""
    return str(code).startswith("S")


def parse_response(
    text: str,
    tables: list[Table] | None = None,
    *,
    url: str | None = None,
    meta: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The Response record (without authority and flexibilities) for one document's text.

    ``tables`` are accepted for future use: the flattened tables are already part of
    ``text``. ``meta`` may carry ``received``/``date`` from a source (e.g. a disclosure
    log's fields), used when the text gives none.
    """
    meta = meta or {}
    parts = layout.split(text)
    groups = _groups(text, parts)
    inline = find_answers(text, strict=True) if not groups else []
    if not groups and not any(a.answer for a in inline):
        tail = _closing_reply(text)
        if tail:
            groups = [_Group(parts=[layout.Part(tail, len(text), "authority", kind="tail")])]
            groups[0].kind = message_kind(text[tail:])
    decisive = _decisive(groups)
    auth_spans = [s for g in groups for s in g.spans]
    requester_spans = [(p.start, p.end) for p in parts if p.role == "request" and p.heading is None]
    evidence: dict[str, list[int]] = {}
    commissioner = bool(COMMISSIONER_DECISION.search(text[:3000]))

    # answers: a log page answers its listed questions by number; a letter answers in place
    request_heads = [p for p in parts if p.role == "request" and p.heading]
    answers: list[Answer]
    if decisive and request_heads and request_heads[0].start < decisive.start:
        answers = find_answers(
            text, request_heads[0].start, decisive.end, answer_from=decisive.start
        )
    elif decisive and decisive.parts[0].heading:
        # a log page's answer section under a heading: its questions are in the part above
        above = [p for p in parts if p.role == "request" and p.end <= decisive.start]
        lo = above[-1].start if above else decisive.start
        answers = find_answers(text, lo, decisive.end, answer_from=decisive.start)
    elif decisive:
        answers = find_answers(text, decisive.start, decisive.end)
    else:
        answers = inline
    if commissioner:
        answers = []  # a decision notice's numbered paragraphs are not answers
    answered = [a for a in answers if a.answer]
    if not decisive and answered:
        # inline answers under the questions of a page with no headings: the reply runs from
        # the first answer to the end
        auth_spans = [(answered[0].start, len(text))]
    scope = auth_spans if auth_spans else []

    exemptions = find_exemptions(text, scope) if scope else []
    if scope and not any(e.section == "12" for e in exemptions):
        implied = cost_limit_refusal(text, scope)
        if implied:
            exemptions.append(implied)
    if commissioner:
        exemptions = [
            e for e in exemptions if e.section != "14" or _relied_by_authority(text, e.start)
        ]
        seen = {e.section for e in exemptions}
        exemptions += [e for e in provisions_cited(text) if e.section not in seen]
    pit = public_interest_test(text, scope) if scope else None
    cost = (
        find_cost_hours(text, scope)
        if scope and any(e.section == "12" for e in exemptions)
        else None
    )
    if cost is None and scope and _COST_WORDS.search(" ".join(text[a:b] for a, b in scope)):
        cost = find_cost_hours(text, scope)

    # document type
    if commissioner:
        doc_type = "other"
    elif decisive:
        doc_type = decisive.kind
        if doc_type in ("acknowledgement", "clarification") and answered:
            doc_type = "response"
    elif answered:
        doc_type = "response"
    elif any(p.role in ("request", "unknown") for p in parts):
        doc_type = "request"
    else:
        doc_type = "other"

    # outcome
    outcome: str | None = None
    if doc_type in _DECISIONS or commissioner:
        dec_spans = decisive.spans if decisive else scope
        if commissioner:
            dec_spans = [_summary(text)]
        dec_text = " ".join(text[a:b] for a, b in dec_spans)
        end = decisive.end if decisive else (scope[-1][1] if scope else len(text))
        if decisive and _quotes_request_to_end(parts, decisive):
            end = len(text)  # the letter restates the request under a heading and is cut there
        outcome = overall(
            dec_text,
            [a.outcome for a in answered],
            relied_on=bool(exemptions),
            truncated=_truncated(text, end),
            cost_only={e.section for e in exemptions} == {"12"},
        )
        if decisive:
            evidence["outcome"] = [decisive.start, decisive.end]
        if outcome:
            for a in answers:
                if a.answer is None and not answered:
                    a.outcome = outcome
    if commissioner and outcome == "successful":
        outcome = None

    # reference
    ref = None
    if not commissioner:
        search_order = ([decisive.spans] if decisive else []) + [g.spans for g in groups]
        for spans in search_order:
            ref = find_reference(text, spans, skip=requester_spans)
            if ref:
                break
        if ref is None:
            ref = find_reference(text, None, skip=requester_spans)
        if ref is None:
            ref = bare_reference(text)
    if ref:
        evidence["reference"] = [ref.start, ref.end]

    # dates
    date_hit = None
    if decisive:
        date_hit = labelled_date(text, decisive.start, decisive.end) or letter_date(
            text, decisive.start, decisive.end
        )
        if date_hit is None and decisive.sent and decisive.parts[0].sent_span:
            a, b = decisive.parts[0].sent_span
            date_hit = _Hit(decisive.sent, a, b)
    if date_hit is None and not commissioner:
        date_hit = labelled_date(text)
        if (
            date_hit
            and decisive is None
            and doc_type == "request"
            and not _publication(text, date_hit.start)
        ):
            date_hit = None
    if date_hit is None and not commissioner and not groups:
        date_hit = None
    date = date_hit.iso if date_hit else meta.get("date")
    if date_hit:
        evidence["date"] = [date_hit.start, date_hit.end]

    rec = None
    if decisive:
        rec = received_date(text, decisive.start, decisive.end, before=date)
    if rec is None and decisive and decisive.sent:
        rec = _last_request_before(text, parts, decisive.sent)
    if rec is None:
        rec = received_date(text, before=date)
    received = rec.iso if rec else meta.get("received")
    if rec:
        evidence["received"] = [rec.start, rec.end]

    # only a bare "Freedom of Information" (read as FOIA) depends on who the body is; the
    # authority lookup is made only then
    act_hit = find_act(text)
    if act_hit and act_hit.act == "FOIA" and _needs_nation(text) and _scottish(text, url):
        act_hit = Act("FOISA", act_hit.start, act_hit.end)
    if act_hit:
        evidence["act"] = [act_hit.start, act_hit.end]
    if exemptions:
        evidence["exemptions"] = [exemptions[0].start, exemptions[0].end]
    if cost:
        evidence["cost_hours"] = [cost.start, cost.end]
    if pit:
        evidence["public_interest_test"] = list(pit)
    if decisive:
        evidence["document_type"] = [decisive.start, decisive.end]

    act = act_hit.act if act_hit else None
    return {
        "reference": ref.value if ref else None,
        "date": date,
        "received": received,
        "document_type": doc_type,
        "outcome": outcome,
        "act": act,
        "exemptions": sorted({e.section for e in exemptions}, key=_section_key),
        "exemption_details": [
            {
                "section": e.section,
                "act": act if not e.section.startswith("reg") else "EIR",
                "public_interest_test": e.public_interest_test,
                "span": [e.start, e.end],
            }
            for e in exemptions
        ],
        "cost_hours": cost.hours if cost else None,
        "answers": [a.as_dict() for a in answers],
        "public_interest_test": bool(pit),
        "evidence": evidence,
        "parser_version": PARSER_VERSION,
    }


@dataclass(frozen=True, slots=True)
class _Hit:
    iso: str
    start: int
    end: int


_REPLY_START = linre.compile(
    r"(?:^|\n)[ \t]*(?=(?:We|Our|The (?:Council|Authority|Department)|This information|I can confirm|I am able|Unfortunately)\b)"
)


def _closing_reply(text: str) -> int | None:
    """Where a reply written straight after the request text begins, if the page ends with one."""
    last_para = [m.start() for m in linre.compile(r"\n\s*\n|\n(?=[ \t]*\S)").finditer(text)]
    for m in reversed(list(_REPLY_START.finditer(text))):
        if m.start() < len(text) * 0.3:
            return None
        start = m.start() + (1 if text[m.start()] == "\n" else 0)
        if layout._score(text[start:]) >= 0 and start in {p + 1 for p in last_para} | {0}:
            return start
        return None
    return None


def _quotes_request_to_end(parts: list[layout.Part], decisive: _Group) -> bool:
    """Whether everything after the decisive message is the request, quoted under a heading.

    A response letter often restates the request ("Details of request:") before answering;
    when the text ends inside that restatement, the answers are cut off.
    """
    after = [p for p in parts if p.start >= decisive.end]
    return bool(after) and all(p.role == "request" and p.heading for p in after)


def _summary(text: str) -> tuple[int, int]:
    """A Commissioner decision's summary: what the authority decided, in a few sentences."""
    m = linre.compile(r"\bSummary\b").search(text)
    start = m.end() if m else 0
    stop = linre.compile(r"Relevant statutory provisions|\bBackground\b", re.I).search(text, start)
    return start, stop.start() if stop else min(len(text), start + 1200)


def _section_key(section: str) -> tuple[int, str]:
    m = linre.compile(r"(?:reg)?(\d+)").match(section)
    return (int(m.group(1)) if m else 999, section)


def _publication(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos)
    before = text[max(0, line_start - 60) : pos]
    return bool(linre.compile(r"publi(?:cation|shed)", re.I).search(before))


_NAMED_ACT = linre.compile(
    r"Freedom of Information Act 2000|\bFOIA\b|Freedom of Information \(Scotland\)|FOISA", re.I
)
_COST_WORDS = linre.compile(r"\bcost|appropriate limit", re.I)


def _needs_nation(text: str) -> bool:
    """A bare "Freedom of Information" could be either UK Act: only then ask who the body is."""
    return not _NAMED_ACT.search(text)


def _relied_by_authority(text: str, pos: int) -> bool:
    window = text[max(0, pos - 200) : pos + 100]
    return bool(linre.compile(r"\b(?:Authority|Council) (?:relied|applied|refused)").search(window))


def _last_request_before(text: str, parts: list[layout.Part], when: str) -> _Hit | None:
    """In an email chain, the date of the requester's latest message before ``when``."""
    best: _Hit | None = None
    for p in parts:
        earlier = p.role == "request" and p.sent and p.sent < when and p.sent_span
        if earlier and (best is None or p.sent > best.iso):
            best = _Hit(p.sent, *p.sent_span)
    return best
