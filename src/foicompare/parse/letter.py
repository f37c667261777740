"""text → the Response record: composes segmentation (foicompare.segment), dates, reference, act, exemptions, cost,
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

from foicompare import linre, segment
from foicompare.parse import model
from foicompare.parse.act import Act, find_act, non_uk_law
from foicompare.parse.answers import Answer, find_answers
from foicompare.parse.confidence import assess
from foicompare.parse.cost import find_cost_hours
from foicompare.parse.dates import first_date
from foicompare.parse.doctype import COMMISSIONER_DECISION, has_kind_cue, message_kind
from foicompare.parse.exemptions import (
    cost_limit_refusal,
    find_exemptions,
    provisions_cited,
    public_interest_test,
    requester_voice,
)
from foicompare.parse.outcome import (
    LOG_CATEGORY,
    NOT_HELD,
    REFUSED,
    asks,
    notice_outcome,
    overall,
    review_concluded,
    some_given,
)
from foicompare.parse.reference import (
    bare_reference,
    find_reference,
    other_reference,
    plausible,
)
from foicompare.parse.when import (
    labelled_date,
    letter_date,
    received_date,
    received_field_before,
)
from foicompare.text.base import Table

PARSER_VERSION = "2.1"

_DECISIONS = ("response", "internal_review")
_CLOSING = linre.compile(
    r"yours (?:sincerely|faithfully)|kind regards|\bregards\b|date of decision|if you are (?:unhappy|dissatisfied|not satisfied)|"
    r"information commissioner|rate this page|\bdownload\b|re-?use|right to (?:request|complain|appeal)|"
    r"internal review|I hope (?:this|that)",
    re.I,
)


@dataclass(slots=True)
class _Part:
    """A message of :func:`foicompare.segment.messages` as the parser reads it.

    ``role`` is ``"request"``, ``"authority"``, ``"chrome"`` (page furniture), ``"unknown"`` or
    ``"quoted"`` (earlier mail quoted inside a message: neither side's new word).
    """

    start: int
    end: int
    role: str
    sent: str | None = None
    heading: str | None = None
    sent_span: tuple[int, int] | None = None
    kind: str = ""


def _parts(msgs: list[segment.Message]) -> list[_Part]:
    out = []
    for m in msgs:
        if m.kind == "quoted":
            role = "quoted"
        elif m.sender == "authority":
            role = "authority"
        elif m.sender == "requester":
            role = "request"
        else:
            role = "chrome" if m.kind == "page" else "unknown"
        out.append(_Part(m.start, m.end, role, m.date, m.heading, m.date_span, m.opener))
    return out


@dataclass(slots=True)
class _Group:
    """One authority message: consecutive authority parts (a letter, an email, a log answer)."""

    parts: list[_Part] = field(default_factory=list)
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


def _groups(text: str, parts: list[_Part]) -> list[_Group]:
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
        if g.kind == "response" and _stub(text, g):
            g.kind = "stub"
    return groups


_SALUTATION = linre.compile(r"^[ \t]*Dear\b[^\n]{0,80}$", re.M | re.I)
_WORD = linre.compile(r"\w+")


def _stub(text: str, group: _Group) -> bool:
    """Whether a message is only its opening words, the text being cut off after its salutation
    ("Dear M Mounty / Thank y"): no decision, nor even its kind, can be read from it."""
    if group.end < len(text.rstrip()):
        return False
    salutations = list(_SALUTATION.finditer(text, group.start, group.end))
    if not salutations:
        return False
    body = text[salutations[-1].end() : group.end].rstrip()
    if not body or body.endswith((".", "!", ")", "”", '"')) or _CLOSING.search(body):
        return False  # a whole short message ("Thank you. Regards")
    return sum(1 for _ in _WORD.finditer(body)) < 15


def _decisive(groups: list[_Group]) -> _Group | None:
    """The authority's latest decision (a response or review), else its latest message; a
    message cut off after its first words counts only when there is no other."""
    if not groups:
        return None
    ordered = list(groups)
    if all(g.sent for g in groups):
        ordered.sort(key=lambda g: g.sent or "")
    readable = [g for g in ordered if g.kind != "stub"] or ordered
    decisions = [g for g in readable if g.kind in _DECISIONS]
    return (decisions or readable)[-1]


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
    if _WHOLE_LAST_LINE.search(tail):
        return False  # a figure, a date or a reference closes a line of data, not a sentence
    return not tail.endswith((".", "!", ")", "”", '"'))


# a last line that ends in a figure ("2021 - 0", "3. 4,428", "25 July 2018", "FOI 13765") or a
# review result ("FOI 43: Upheld"): a complete line, where a cut excerpt stops inside a word
_WHOLE_LAST_LINE = linre.compile(r"(?:\d%?|\bupheld)[ \t]*$", re.I)


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
    features_out: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The Response record (without authority and flexibilities) for one document's text.

    ``features_out``, if given, receives the learned model's features (for training it).

    ``tables`` are accepted for future use: the flattened tables are already part of
    ``text``. ``meta`` may carry ``received``/``date`` from a source (e.g. a disclosure
    log's fields), used when the text gives none.
    """
    meta = meta or {}
    parts = _parts(segment.messages(text))
    groups = _groups(text, parts)
    inline = find_answers(text, strict=True) if not groups else []
    if not groups and not any(a.answer for a in inline):
        tail = _closing_reply(text)
        if tail:
            groups = [_Group(parts=[_Part(tail, len(text), "authority", kind="tail")])]
            groups[0].kind = message_kind(text[tail:])
    decisive = _decisive(groups)
    auth_spans = [s for g in groups for s in g.spans]
    requester_spans = [(p.start, p.end) for p in parts if p.role == "request" and p.heading is None]
    # what the requester wrote as a letter or email (not a page's opening, which may be the
    # authority's heading block with its reference)
    written_spans = [
        (p.start, p.end)
        for p in parts
        if p.role == "request" and p.heading is None and p.kind != "lead"
    ]
    evidence: dict[str, list[int]] = {}
    commissioner = is_commissioner_decision(text)

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
    if commissioner and not scope:
        scope = [_summary(text)]  # a notice: what it says the authority decided

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
    if scope:
        exemptions = _more_exemptions(text, scope, exemptions)
    if non_uk_law(text):
        exemptions = []  # a Crown dependency's law: its articles are not FOIA/FOISA sections
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
        # a reply cut off after its salutation shows no decision: what the labels call the
        # acknowledgement of the request
        doc_type = "acknowledgement" if decisive.kind == "stub" else decisive.kind
        if doc_type in ("acknowledgement", "clarification") and answered:
            doc_type = "response"
    elif answered:
        doc_type = "response"
    elif any(p.role in ("request", "unknown") for p in parts):
        # a published response page (a disclosure log's "FOI release") whose answer is not
        # visible is still the response; a page of the request alone is the request
        doc_type = "response" if _RESPONSE_PAGE.search(text[:400]) else "request"
    else:
        doc_type = "other"

    # what the decisive messages rely on; grounds found elsewhere below are recorded but do not
    # decide the outcome (they may belong to an earlier stage of the request)
    decided_on = list(exemptions)
    if (
        not exemptions
        and not commissioner
        and doc_type not in ("acknowledgement", "clarification")
        and not non_uk_law(text)
    ):
        # no authority message found, or none citing a ground: the text may still hold the
        # authority's own sentences (a review quoting the original refusal, a log answer that
        # segmentation read as the request)
        others = _outside(len(text), written_spans)
        exemptions = find_exemptions(text, others, authority_voice=True)
        implied = None if exemptions else cost_limit_refusal(text, others)
        if implied and not requester_voice(text, implied.start):
            exemptions = [implied]
        if cost is None and any(e.section == "12" for e in exemptions):
            cost = find_cost_hours(text, others)  # the estimate behind that cost refusal

    # outcome
    outcome: str | None = None
    truncated = False
    dec_text = ""
    if doc_type in _DECISIONS or commissioner:
        dec_spans = decisive.spans if decisive else scope
        if commissioner:
            dec_spans = [_summary(text)]
        dec_text = " ".join(text[a:b] for a, b in dec_spans)
        end = decisive.end if decisive else (scope[-1][1] if scope else len(text))
        if decisive and _quotes_request_to_end(parts, decisive):
            end = len(text)  # the letter restates the request under a heading and is cut there
        truncated = _truncated(text, end)
        outcome = overall(
            dec_text,
            [a.outcome for a in answered],
            relied_on=bool(decided_on),
            truncated=truncated,
            cost_only={e.section for e in decided_on} == {"12"},
        )
        if doc_type == "internal_review" and truncated and not review_concluded(text):
            outcome = None  # a review cut off before its own conclusion restates the original
        if decisive:
            evidence["outcome"] = [decisive.start, decisive.end]
        if outcome:
            for a in answers:
                if a.answer is None and not answered:
                    a.outcome = outcome
    told = notice_outcome(text[slice(*_summary(text))]) if commissioner else None
    if told:
        outcome = told  # the body's final position, as the notice tells it
    elif commissioner and outcome == "successful":
        outcome = None
    if (
        commissioner
        and not told
        and outcome in ("refused", "not_held", None)
        and some_given(text[slice(*_summary(text))])
    ):
        outcome = "partially_successful"  # the notice says the authority gave some of it

    # reference
    ref = None
    ref_how = "labelled"
    if not commissioner:
        search_order = ([decisive.spans] if decisive else []) + [g.spans for g in groups]
        for spans in search_order:
            ref = find_reference(text, spans, skip=written_spans)
            if ref:
                break
        if ref is None:
            ref = find_reference(text, None, skip=written_spans)
        if ref is not None and not plausible(ref.value):
            ref = None  # a word's tail read as a prefix ("numbers 11018"), a year, a case number
        if ref is None:
            ref, ref_how = bare_reference(text), "bare"
        if ref is None:
            ref_how = "other"
            ref = other_reference(text, [(decisive.start, decisive.end)] if decisive else None)
        if ref is None and decisive:
            ref = other_reference(text)
            written = [(p.start, p.end) for p in parts if p.role == "request" and p.kind != "lead"]
            if ref and any(a <= ref.start < b for a, b in written):
                ref = None  # an earlier request's reference, quoted in the requester's letter
    if ref:
        evidence["reference"] = [ref.start, ref.end]

    # dates
    date_hit = None
    date_how = None
    if decisive:
        date_hit = labelled_date(text, decisive.start, decisive.end)
        date_how = "labelled"
        if date_hit is None:
            date_hit, date_how = letter_date(text, decisive.start, decisive.end), "letter"
        if date_hit is None and decisive.sent and decisive.parts[0].sent_span:
            a, b = decisive.parts[0].sent_span
            date_hit, date_how = _Hit(decisive.sent, a, b), "header"
    if date_hit is None and commissioner:
        date_hit, date_how = _notice_date(text), "notice"
    if date_hit is None and not commissioner:
        date_hit, date_how = labelled_date(text), "labelled"
        if (
            date_hit
            and decisive is None
            and doc_type == "request"
            and not _publication(text, date_hit.start)
        ):
            date_hit = None
    if date_hit is None and not commissioner and not groups:
        date_hit = None
    if date_hit is None and not commissioner:
        # a page's own date on a line of its own at the top (a disclosure log's publication date)
        date_hit, date_how = _head_date(text), "letter"
    date = date_hit.iso if date_hit else meta.get("date")
    if date_hit is None:
        date_how = "meta" if date else None
    if date_hit:
        evidence["date"] = [date_hit.start, date_hit.end]

    rec = None
    if decisive:
        rec = received_date(text, decisive.start, decisive.end, before=date)
    if rec is None and decisive and decisive.sent:
        rec = _last_request_before(text, parts, decisive.sent)
    if rec is None:
        rec = received_date(text, before=date)
    if rec is None:
        rec = _received_more(text, before=date)
    if rec is None and date is None and ref is not None:
        # "received on 4 April" with no letter date: the year the reference carries
        # ("2019-0013853", "FOI2021/23340") bounds it
        year = _REF_YEAR.search(ref.value)
        if year:
            rec = received_date(text, before=f"{year.group(1)}-12-31")
    received = rec.iso if rec else meta.get("received")
    if rec:
        evidence["received"] = [rec.start, rec.end]

    # only a bare "Freedom of Information" (read as FOIA) depends on who the body is; the
    # authority lookup is made only then
    act_hit = find_act(text)
    if act_hit and act_hit.act == "FOIA" and _needs_nation(text) and _scottish(text, url):
        act_hit = Act("FOISA", act_hit.start, act_hit.end)
    if act_hit and act_hit.act == "FOISA":
        # a Scottish request handled under the EIRs: the Environmental Information (Scotland)
        # Regulations name it, or a regulation 10/11 exception is relied on
        eisr = _SCOTTISH_EIR.search(text)
        if eisr or any(e.section.startswith(("reg10", "reg11")) for e in exemptions):
            where = eisr or next(e for e in exemptions if e.section.startswith("reg1"))
            act_hit = Act(
                "EIR", where.start() if eisr else where.start, where.end() if eisr else where.end
            )
    # (a citation the excerpt cuts off, "under section 12(1) of", may go on to name any Act)
    sections = [
        e
        for e in exemptions
        if not e.section.startswith("reg") and _SENTENCE_STOP.search(text, e.end, e.end + 200)
    ]
    if act_hit is None and sections:
        # no Act named, but FOI exemptions relied on ("Section 40(2): Personal Data")
        act_hit = Act(
            "FOISA" if _scottish(text, url) else "FOIA", sections[0].start, sections[0].end
        )
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
    if commissioner:
        type_how = "notice"
    elif decisive and has_kind_cue(" ".join(text[a:b] for a, b in decisive.spans)):
        type_how = "cue"
    elif answered:
        type_how = "answers"
    else:
        type_how = "default"
    signals = {
        "document_type": type_how,
        "outcome": (
            "category" if LOG_CATEGORY.search(dec_text) else "answers" if answered else "rules"
        ),
        "date": date_how,
        "received": "found" if rec else ("meta" if received else None),
        "reference": ref_how,
        "act": "named" if act_hit and not _needs_nation(text) else ("bare" if act_hit else None),
        "truncated": truncated,
    }
    record = {
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
    feats = model.features(
        dec_text or text,
        rule_type=doc_type,
        rule_outcome=outcome,
        answer_outcomes=tuple(a.outcome for a in answered),
        exemptions=tuple(record["exemptions"]),
        commissioner=commissioner,
        truncated=truncated,
        has_decisive=decisive is not None,
        n_messages=len(groups),
        requester_share=sum(b - a for a, b in requester_spans) / max(1, len(text)),
    )
    if features_out is not None:
        features_out.update(feats)
    _apply_model(record, signals, feats)
    confidence, reasons = assess(record, signals)
    record["confidence"] = confidence
    record["needs_review"] = bool(reasons)
    record["review_reasons"] = reasons
    return record


#: how sure the model must be to overrule or fill in the rules (chosen on the dev split)
MODEL_TYPE_MIN = 0.6
MODEL_TYPE_OVERRULE_MIN = 0.9
MODEL_OUTCOME_FILL_MIN = 0.6
MODEL_OUTCOME_OVERRULE_MIN = 0.75


def _apply_model(record: dict[str, Any], signals: dict[str, Any], feats: dict[str, float]) -> None:
    """Combine rules and model: the model types a message no rule cue described, fills in an
    outcome the rules could not read, and overrules a rule outcome only when it is very sure.
    Evidence spans stay the rules' (the decisive message)."""
    t_label, t_p = model.predict("document_type", feats)
    o_label, o_p = model.predict("outcome", feats)
    if t_label is None and o_p == 0.0:
        return  # no model shipped
    signals["model"] = {"document_type": (t_label, t_p), "outcome": (o_label, o_p)}
    overrule = signals.get("document_type") in ("cue", "answers") and t_p >= MODEL_TYPE_OVERRULE_MIN
    if (
        (signals.get("document_type") == "default" or overrule)
        and t_label
        and t_p >= MODEL_TYPE_MIN
        and t_label != record["document_type"]
    ):
        record["document_type"] = t_label
        signals["document_type"] = "model"
        if t_label not in _DECISIONS:
            record["outcome"] = None
    if record["document_type"] not in _DECISIONS:
        return
    if (
        record["outcome"] is None
        and o_label
        and o_p >= MODEL_OUTCOME_FILL_MIN
        or (
            record["outcome"]
            and signals.get("outcome") in ("rules", "answers")
            and o_label != record["outcome"]
            and o_p >= MODEL_OUTCOME_OVERRULE_MIN
        )
    ):
        # overruling may also set the outcome to null: a review or a reply whose own decision
        # the text does not reach, which the rules read from the decision it restates
        record["outcome"], signals["outcome"] = o_label, "model"


@dataclass(frozen=True, slots=True)
class _Hit:
    iso: str
    start: int
    end: int


_REPLY_START = linre.compile(
    r"(?:^|\n)[ \t]*(?:We|Our|The (?:Council|Authority|Department)|This information|I can confirm|I am able|"
    r"Unfortunately|Please (?:see|find)|(?:Download|View) (?:the |our )?(?:full )?(?:response|reply)|"
    r"See (?:the )?attached|Attached|Response\s*:)\b"
)


_RESPONSE_PAGE = linre.compile(
    r"\b(?:FOI|freedom of information|EIR|information) (?:release|disclosure)s?\b|"
    r"^[ \t]*(?:date )?(?:responded|response date|date of response)\b|\bsome or all of the information\b",
    re.I | re.M,
)


def _closing_reply(text: str) -> int | None:
    """Where a reply written straight after the request text begins, if the page ends with one
    (a disclosure-log page: the request, then "Please see attached" or "We hold ...")."""
    found = list(_REPLY_START.finditer(text))
    if not found:
        return _reply_paragraph(text) or _decision_line(text)
    m = found[-1]
    if m.start() < len(text) * 0.3:
        return None
    start = m.start() + (1 if text[m.start()] == "\n" else 0)
    while start < len(text) and text[start] in " \t":
        start += 1
    if segment.sender_score(text[start:]) >= 0:
        return start
    return None


_PARAGRAPH = linre.compile(r"\n[ \t]*\n")
_LINE = linre.compile(r"[^\n]+")


def _decision_line(text: str) -> int | None:
    """Where the reply begins on a page that answers between the request's own lines (a log
    page without headings): the first line after the opening one that states a refusal or that
    information is not held, in the authority's voice (not the requester's)."""
    asked = False
    for m in _LINE.finditer(text):
        line = m.group()
        if asks(line) or segment.sender_score(line) < 0:
            asked = True
            continue
        if not asked or _IF_START.match(line) or not _AUTHORITY_VOICE.search(line):
            continue
        if segment.sender_score(line) <= 0:
            continue  # "I understand the council does not hold ...": the requester's words
        if REFUSED.search(line) or NOT_HELD.search(line):
            return m.start()
    return None


# a condition or a numbered item of the request, not a statement
_IF_START = linre.compile(
    r"^\W*(?:if|where|should|in the event|\(?\d{1,2}[.)]|\(?[a-z][.)])(?:\W|$)", re.I
)
# the authority speaking of itself or of the request
_AUTHORITY_VOICE = linre.compile(
    r"\b(?:we|our|us|the (?:council|trust|authority|department|force|board|service))\b|"
    r"\b(?:this|your) request\b",
    re.I,
)


def _reply_paragraph(text: str) -> int | None:
    """The first paragraph, past the opening fifth of a page, that reads as the authority's
    ("Under section 21 we are not required ...", "I apologise that your request cannot be met"),
    when the rest of the page from there reads as the authority's too."""
    lo = len(text) // 5
    for m in _PARAGRAPH.finditer(text, lo):
        start = m.end()
        nxt = _PARAGRAPH.search(text, start)
        para = text[start : nxt.start() if nxt else len(text)]
        if len(para.strip()) < 40:
            continue
        if segment.sender_score(para) >= 2 and segment.sender_score(text[start:]) >= 2:
            return start
    return None


def _quotes_request_to_end(parts: list[_Part], decisive: _Group) -> bool:
    """Whether everything after the decisive message is the request, quoted under a heading.

    A response letter often restates the request ("Details of request:") before answering;
    when the text ends inside that restatement, the answers are cut off.
    """
    after = [p for p in parts if p.start >= decisive.end]
    return bool(after) and all(p.role == "request" and p.heading for p in after)


_NOTICE_SIGNS = [
    linre.compile(p, re.I)
    for p in (
        r"\bdecision notices?\b",
        r"\bthe complainant\b",
        r"\bappellant\b",
        r"\bdecision\(s\)[ \t]+(?:FOI|EIR)\b|\bcomplaint (?:not )?upheld\b|\bsection of act/eir\b",
        r"\bthe applicant\b",
        r"^[ \t•*\-]*public authority\s*:",
        r"\b(?:FS|FER)5\d{6}\b|\bIC-\d{5,}",
        r"\bdecision \d{1,4}/(?:19|20)\d\d\b",
        r"\bthe commissioner(?:'s|’s|s)? (?:decision|investigat|found|finds|requires|considers|is satisfied)",
    )
]
_NOTICE_MULTILINE = linre.compile(r"^[ \t•*\-]*(?:public )?authority\s*:", re.I | re.M)


def is_commissioner_decision(text: str) -> bool:
    """Whether the text is an Information Commissioner's (ICO or Scottish) decision on a complaint.

    Such a notice describes the authority's decision in the third person; two or more of its
    marks ("decision notice", "the complainant", a case number, "The Commissioner's decision
    is ...") in its opening part identify it.

    >>> is_commissioner_decision("Decision notice\\nThe complainant asked the council ... "
    ...     "The Commissioner's decision is that the council was entitled to refuse.")
    True
    >>> is_commissioner_decision("Dear Ms Smith, if you are unhappy you may complain to the "
    ...     "Information Commissioner.")
    False
    """
    head = text[:3000]
    if COMMISSIONER_DECISION.search(head):
        return True
    signs = sum(1 for rx in _NOTICE_SIGNS if rx.search(head))
    signs += bool(_NOTICE_MULTILINE.search(head))
    return signs >= 2 and "commissioner" in head.lower()


_INLINE_DATE = linre.compile(
    r"\b(?:Date|Dated|Decision date|Date of (?:decision|notice))\s*:\s*", re.I
)


# where a request's date is stated, in words the received-date rules miss; the date follows
_RECEIVED_MORE = linre.compile(
    r"\b(?:your|her|his|their|the|this|my)? ?(?:freedom of information |foi |information )?"
    r"(?:request|e[ -]?mail|letter|application)(?: for information)?[ \t]+(?:of|on|dated)[ \t]+(?:the[ \t]+)?|"
    r"\breceived\s+by\s+[^.]{0,80}?\bon\s+(?:the\s+)?|"
    r"\bcontact(?:ing|ed)? (?:the council|us|the authority|the department)[^.\n]{0,20}? on (?:the )?|"
    r"\boriginal (?:foi |freedom of information |information )?request\s*[:\-]?\s*(?:\n[ \t\-]*)*|"
    r"\b(?:question|request) \(?dated[:\s]*|"
    r"\b(?:wrote|made (?:a|an|the|their|his|her) (?:[\w\-]+ ){0,2}?request|submitted (?:a|an|the|their|his|her) (?:[\w\-]+ ){0,2}?request)"
    r" (?:for information )?to [^.\n]{0,60}? on (?:the )?|"
    r"\bOn (?:the )?",
    re.I,
)
# "On 7 September 2016 the complainant wrote to the council and requested ..."
_ASKED_AFTER = linre.compile(
    r"^[,\s]*(?:the |mr |mrs |ms |miss |dr )?[\w.,’'() ]{0,60}?\b(?:wrote|asked|requested|made (?:a|an|the|their|his|her) "
    r"(?:[\w\-]+ ){0,2}?(?:request|application)|submitted|emailed|contacted|(?:hand-)?delivered|sent)\b",
    re.I,
)


def _received_more(text: str, before: str | None) -> _Hit | None:
    """The request's date from "your request of 8 April", "received by ... on 24/06/2018",
    "On 7 September 2016 the complainant wrote ...", "Original FoI request: 27th September 2009"."""
    for m in _RECEIVED_MORE.finditer(text):
        found = first_date(text, m.end(), min(len(text), m.end() + 40))
        if not found or found.start - m.end() > 3:
            continue
        if before and found.iso > before:
            continue
        if m.group().lower().startswith("on") and not _ASKED_AFTER.search(
            text[found.end : found.end + 120]
        ):
            continue  # "On 3 May the Council replied": not the request
        return _Hit(found.iso, found.start, found.end)
    return None


_DATE_ONLY_LINE = linre.compile(
    r"^[ \t*#]*(?P<when>[^\n|]{6,40}?(?:[ \t]\|[^\n]{0,120})?)[ \t*.]*$", re.M
)
# the page's furniture dates, not the document's
_FURNITURE = linre.compile(
    r"(?:updated|first published|last modified|modified|printed|accessed|retrieved|posted|"
    r"last reviewed|page created)\W*$",
    re.I,
)


def _head_date(text: str) -> _Hit | None:
    """A date alone on a line in the first lines of a page, not a "Last updated:" date; or
    opening a line of a log's listing fields ("February 11, 2026 | Crime Statistics")."""
    head = min(len(text), 500)
    for m in _DATE_ONLY_LINE.finditer(text, 0, head):
        whole = m.group(1)
        if "|" in whole:
            whole = whole[: whole.index("|")]
        found = first_date(text, m.start(1), m.start(1) + len(whole))
        if not found or whole.strip(" ,.") != text[found.start : found.end]:
            continue
        if _FURNITURE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if received_field_before(text, found.start):
            continue  # "Request Date\nMarch 23, 2018": when it was asked, not answered
        return _Hit(found.iso, found.start, found.end)
    return None


def _notice_date(text: str) -> _Hit | None:
    """A Commissioner decision's date: its "Date:" field, else a date that opens the text."""
    head = min(len(text), 2500)
    hit = labelled_date(text, 0, head)
    if hit is None:
        for m in _INLINE_DATE.finditer(text, 0, head):
            found = first_date(text, m.end(), min(len(text), m.end() + 30))
            if found and found.start - m.end() <= 3:
                hit = found
                break
    if hit is None:
        found = first_date(text, 0, min(len(text), 120))
        if found and not text[: found.start].strip(" \t\n•*-"):
            hit = found
    if hit is None:
        # "Decision Notice 23 June 2011 Public Authority: ..."
        m = _NOTICE_HEAD_DATE.search(text, 0, head)
        found = first_date(text, m.end(), min(len(text), m.end() + 30)) if m else None
        if m and found and found.start == m.end():
            hit = found
    return _Hit(hit.iso, hit.start, hit.end) if hit else None


_NOTICE_HEAD_DATE = linre.compile(r"\bDecision Notice[ \t]*[:\-–]?[ \t]*(?:\n[ \t]*)?", re.I)


def _summary(text: str) -> tuple[int, int]:
    """A Commissioner decision's summary: what the authority decided, in a few sentences."""
    m = linre.compile(r"\bSummary\b|^[ \t]*Decision\b|\bDecision \(including", re.M).search(text)
    start = m.end() if m else 0
    stop = linre.compile(
        r"Relevant statutory provisions|\bBackground\b|\bRequest and response\b|\bReasons for decision\b|"
        r"\bThe Commissioner requires\b",
        re.I,
    ).search(text, start)
    return start, stop.start() if stop else min(len(text), start + 1500)


def _section_key(section: str) -> tuple[int, str]:
    m = linre.compile(r"(?:reg)?(\d+)").match(section)
    return (int(m.group(1)) if m else 999, section)


def _publication(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos)
    before = text[max(0, line_start - 60) : pos]
    return bool(linre.compile(r"publi(?:cation|shed)", re.I).search(before))


_NAMED_ACT = linre.compile(
    r"Freedom of Information Act 2000|\bFOIA\b|Freedom of Information \(Scotland\)|FOISA",
    re.I,
)
_COST_WORDS = linre.compile(r"\bcost|appropriate limit", re.I)


def _needs_nation(text: str) -> bool:
    """A bare "Freedom of Information" could be either UK Act: only then ask who the body is."""
    return not _NAMED_ACT.search(text)


# Scottish EIRs (EISR 2004): exceptions in regulation 10(4) and 10(5), personal data in 11(2)
_EISR = linre.compile(
    r"\b(?:regulations?|regs?\.?|r\.)\s?(?P<n>10|11)\s?(?P<sub>\(\s?[245]\s?\)(?:\s?\([a-g]\))?)",
    re.I,
)
_SCOTTISH_EIR = linre.compile(r"Environmental Information \(Scotland\)|\bEISRs?\b", re.I)
# the cost limit stated in hours or as a threshold, with the request refused on it
_HOURS_LIMIT = linre.compile(
    r"(?:exceed|over|more than|in excess of|beyond|above)[^.\n]{0,30}(?:18|24|eighteen|twenty[- ]four)[ -]?hours?|"
    r"\b(?:18|24)[ -]hours? (?:limit|threshold)|\b(?:time|cost) threshold\b",
    re.I,
)
_ENVIRONMENTAL = linre.compile(r"\benvironmental\b", re.I)


def _more_exemptions(text: str, scope: list[tuple[int, int]], exemptions: list[Any]) -> list[Any]:
    """Provisions the section rules miss: Scottish EIR exceptions (``reg10(4)(a)``), a cost
    refusal stated in hours ("would take over 18 hours") as section 12; and section 39 left
    out when it only routes an environmental request to the EIRs."""
    from foicompare.parse.exemptions import Exemption, sentence_bounds

    seen = {e.section for e in exemptions}
    scottish = bool(_SCOTTISH_EIR.search(text)) or any(s.startswith("reg10") for s in seen)
    for lo, hi in scope:
        for m in _EISR.finditer(text, lo, hi):
            sub = "".join(m.group(2).split()).lower()
            n = m.group(1)
            if n == "10" and not sub.startswith(("(4)", "(5)")):
                continue
            if n == "11" and not (scottish and sub.startswith("(2)")):
                continue
            section = f"reg{n}{sub}"
            a, b = sentence_bounds(text, m.start(), lo, hi)
            if section not in seen and _RELIANCE_WORDS.search(text[a:b]):
                exemptions.append(Exemption(section, m.start(), m.end()))
                seen.add(section)
        if "12" not in seen:
            for m in _HOURS_LIMIT.finditer(text, lo, hi):
                a, b = sentence_bounds(text, m.start(), lo, hi)
                pa, _ = sentence_bounds(text, max(lo, a - 2), lo, hi)
                window = text[pa:b]
                if _REFUSING_WORDS.search(window) and not _HYPOTHETICAL.search(window):
                    exemptions.append(Exemption("12", m.start(), m.end()))
                    seen.add("12")
                    break
    if any(s.startswith("reg") for s in seen):
        exemptions = [
            e
            for e in exemptions
            if e.section != "39"
            or not _ENVIRONMENTAL.search(text[slice(*sentence_bounds(text, e.start))])
        ]
    return exemptions


_RELIANCE_WORDS = linre.compile(
    r"\bexcept|\bexempt|\bwithh[eo]ld|\brefus|\bengag|\brel(?:y|ies|ied|ying) (?:up)?on|\bappl(?:y|ies|ied|ying)\b|"
    r"\bmanifestly unreasonable|\bnot (?:obliged|required) to|\bunder\b",
    re.I,
)
_REFUSING_WORDS = linre.compile(
    r"\bunable to|\bcannot\b|\bcan not\b|\bnot able to|\bdeclin|\brefus|\bnot (?:obliged|required) to|"
    r"\bwill not be (?:provid|process)|\bwould (?:take|exceed|require)",
    re.I,
)
_HYPOTHETICAL = linre.compile(
    r"\b(?:if|may|might|could)\b[^.]{0,120}\b(?:exceed|limit|hours)", re.I
)


def _relied_by_authority(text: str, pos: int) -> bool:
    window = text[max(0, pos - 200) : pos + 100]
    if linre.compile(r"\b(?:Authority|Council) (?:relied|applied|refused)").search(window):
        return True
    # "The Council refused ... under section 14(1)", "correctly applied section 14(1)"
    near = text[max(0, pos - 250) : pos + 20]
    return bool(_APPLIED_14.search(near))


_APPLIED_14 = linre.compile(
    r"\b(?:refused|refusing|relied|relying|applied|applying|cited|citing|entitled to rely)\b[^.]{0,200}$",
    re.I,
)


_SENTENCE_STOP = linre.compile(r"[.;:!?\n]")
#: a year leading a reference's number: "2019-0013853", "FOI2021/23340", "2013/0049047"
_REF_YEAR = linre.compile(r"(?:^|[A-Za-z ])((?:19|20)\d\d)[/\-]\d{3,}")


def _outside(n: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``range(n)`` not covered by ``spans``.

    >>> _outside(10, [(2, 4), (6, 7)])
    [(0, 2), (4, 6), (7, 10)]
    """
    out, at = [], 0
    for a, b in sorted(spans):
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < n:
        out.append((at, n))
    return out


def _last_request_before(text: str, parts: list[_Part], when: str) -> _Hit | None:
    """In an email chain, the date of the requester's latest message before ``when``."""
    best: _Hit | None = None
    for p in parts:
        earlier = p.role == "request" and p.sent and p.sent < when and p.sent_span
        if earlier and (best is None or p.sent > best.iso):
            best = _Hit(p.sent, *p.sent_span)
    return best
