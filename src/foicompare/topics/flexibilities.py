"""SI 2020/445 flexibilities: which each council used, how often, when, why, who signed off.

``extract(text, tables)`` reads one document and returns::

    {"flexibilities": [{"code", "used", "uses", "by_month", "suppressed", "reason", "evidence"}],
     "sign_off": [...], "ofsted_informed": True|False|None,
     "decision_level": "authority_wide"|"case_by_case"|None,
     "instruments_cited": ["SI 2020/445", ...]}

Evidence comes from usage tables (structured ``Table`` objects, or tables laid out in the
text) and from prose. A blanket "we have not used any of the flexibilities" gives every code of
the vocabulary ``used: False``; "none except virtual visits" makes that one True. Text that echoes
the request (its questions and its example row with ``XX`` placeholders) is never evidence.
Documents not about these regulations return empty at the cost of one regular-expression scan.

>>> r = extract("Re: The Adoption and Children (Coronavirus) (Amendment) Regulations 2020. "
...             "We have not needed to use any of the flexibilities except virtual visits.")
>>> sorted({f["used"] for f in r["flexibilities"]}), len(r["flexibilities"])
([False, True], 53)
>>> [f["code"] for f in r["flexibilities"] if f["used"]]
['cppcr-visits-remote']
>>> extract("Our bin collections are weekly.")["flexibilities"]
[]
"""

from __future__ import annotations

import json
import re
from typing import Any

from foicompare import linre
from foicompare.text.base import Table
from foicompare.topics import prose, signoff, tables
from foicompare.topics.model import Assertion
from foicompare.topics.segment import Sentence, is_echo, sentences
from foicompare.topics.vocabulary import cited_instruments, load, normalise

#: analysis tables written from a Response (each has a ``doc_id`` column)
TABLES: tuple[str, ...] = ("flexibility_usage", "flexibility_responses")
#: bump when extraction changes in a way that should trigger re-extraction
EXTRACTOR_VERSION = "1"

_GATE = linre.compile(
    r"coronavirus\W{0,3}\(?\s*amendment|\b20(?:20|21)/(?:445|909|261)\b|adoption and children"
    r"|flexibilities|legislative flexibilit|regulatory flexibilit|statutory flexibilit"
    r"|secure training centre \(coronavirus\)|covid(?:-19)? (?:regulations|amendments|easements)",
    re.IGNORECASE,
)
_HEAD = linre.compile(r"description of flexibility", re.IGNORECASE)


def _empty() -> dict[str, Any]:
    return {
        "flexibilities": [],
        "sign_off": [],
        "ofsted_informed": None,
        "ofsted_when": None,
        "decision_level": None,
        "instruments_cited": [],
    }


def is_about_flexibilities(text: str, tables_: list[Table] | None = None) -> bool:
    """The cheap pre-check: does the text (or a table's cells) name the regulations?

    >>> is_about_flexibilities("Reg 28(1A) virtual visits under the legislative flexibilities")
    True
    >>> is_about_flexibilities("Flexible working policy")
    False
    """
    if _GATE.search(text):
        return True
    for t in tables_ or []:
        head = " ".join(" ".join(r) for r in t.rows[:3])
        if _GATE.search(head) or _HEAD.search(head):
            return True
    return False


def extract(
    text: str, tables: list[Table] | None = None, *, context: str | None = None
) -> dict[str, Any]:
    """Flexibility usage, sign-off, Ofsted and decision level for one document (see module).

    ``context`` is the thread the document answers (the request's text): a reply need not
    name the regulations when the request it answers does.

    >>> answer = "We have not needed to use any of the changes except virtual visits."
    >>> extract(answer)["flexibilities"]
    []
    >>> req = "Please tell me how you used the Adoption and Children (Coronavirus) Regulations."
    >>> [f["code"] for f in extract(answer, context=req)["flexibilities"] if f["used"]]
    ['cppcr-visits-remote']
    """
    tables = list(tables or [])
    if not is_about_flexibilities(text, tables) and not (
        context and is_about_flexibilities(context)
    ):
        return _empty()
    norm = normalise(text)
    sents = sentences(text)
    found: list[Assertion] = []
    spans: list[tuple[int, int]] = []
    for t in _tables.join_continued(tables):
        found.extend(_tables.analyse_table(text, t))
        span = _tables.locate(text, t)
        if span is not None:
            spans.append(span)
            lost = _tables.recover_rows(text, t, span)
            if lost is not None:
                found.extend(_tables.analyse_table(text, lost))
    for t in _tables.text_tables(text, skip=spans):
        found.extend(_tables.analyse_table(text, t))
        spans.append((t.start or 0, t.end or 0))
    outside = _outside(text, sents, spans)
    found.extend(prose.analyse(text, norm, outside))
    return {
        "flexibilities": merge(found),
        "sign_off": signoff.sign_off(text, norm, sents),
        "ofsted_informed": signoff.ofsted_informed(norm, sents),
        "ofsted_when": signoff.ofsted_when(text, norm, sents),
        "decision_level": signoff.decision_level(norm, sents),
        "instruments_cited": cited_instruments(norm),
    }


_tables = tables  # the parameter of `extract` shadows the module name


def _outside(text: str, sents: list[Sentence], spans: list[tuple[int, int]]) -> list[Sentence]:
    """The parts of sentences outside every table: a table's rows are read once, as a table,
    even when the text's sentence splitting runs a sentence into or out of it."""
    import bisect

    spans = sorted(spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    out: list[Sentence] = []
    for s in sents:
        pieces = [(s.start, s.end)]
        lo = bisect.bisect_left(starts, s.start - longest)
        hi = bisect.bisect_left(starts, s.end)
        for a, b in spans[lo:hi]:
            if a >= s.end or b <= s.start:
                continue
            pieces = [p for x, y in pieces for p in ((x, min(y, a)), (max(x, b), y)) if p[1] > p[0]]
        for x, y in pieces:
            if y - x < 2:
                continue
            whole = (x, y) == (s.start, s.end)
            echo = s.echo if whole else s.echo and (is_echo(text[x:y]) or "XX" in text[x:y])
            out.append(Sentence(x, y, echo))
    return out


def merge(found: list[Assertion]) -> list[dict[str, Any]]:
    """One answer per code: the most trusted source wins; among equals a use wins over a
    non-use; a blanket "none used" fills every code nothing else speaks about.

    >>> [d["code"] for d in merge([Assertion("*", False), Assertion("cppcr-visits-remote", True)])][:2]
    ['rfc-welfare-reasonable-endeavours', 'rfc-complaint-response-28-days']
    """
    vocab = load()
    by_code: dict[str, list[Assertion]] = {}
    blanket: Assertion | None = None
    for a in found:
        if a.code == "*":
            blanket = blanket or a
        else:
            by_code.setdefault(a.code, []).append(a)
    out: list[dict[str, Any]] = []
    for code in vocab.codes:
        group = by_code.get(code)
        if group:
            best = _pick(group)
        elif blanket is not None:
            best = Assertion(code, False, evidence=blanket.evidence, source="blanket")
        else:
            continue
        out.append(
            {
                "code": code,
                "used": best.used,
                "uses": best.uses,
                "by_month": best.by_month,
                "suppressed": best.suppressed,
                "reason": best.reason,
                "evidence": list(best.evidence) if best.evidence else None,
                "source": best.source,
                "confidence": confidence(best, group or []),
            }
        )
    return out


#: how far each kind of evidence is trusted on its own (a table row most, a blanket least)
CONFIDENCE = {"table": 0.95, "except": 0.9, "only": 0.85, "prose": 0.8, "blanket": 0.75}
#: values below this need a human look (``needs_review``)
REVIEW_BELOW = 0.6


def confidence(best: Assertion, group: list[Assertion]) -> float:
    """How sure the reading is: the kind of evidence, lowered when the value is not definite
    or when other evidence about the same flexibility disagrees.

    >>> confidence(Assertion("x", True, source="table"), [])
    0.95
    >>> confidence(Assertion("x", None), [])
    0.3
    >>> a, b = Assertion("x", True), Assertion("x", False)
    >>> confidence(a, [a, b])
    0.5
    """
    if best.used is None:
        return 0.3
    score = CONFIDENCE.get(best.source, 0.7)
    if any(a.used is not None and a.used != best.used for a in group):
        score = min(score, 0.5)
    return round(score, 2)


def status(used: bool | None) -> str:
    """``"used"``, ``"not used"`` or ``"not stated"`` for a reading's ``used``."""
    return "used" if used else ("not stated" if used is None else "not used")


def period(by_month: dict[str, int] | None) -> str | None:
    """``"2020-04..2020-06"`` for the months a count covers, None without months.

    >>> period({"2020-06": 1, "2020-04": 2})
    '2020-04..2020-06'
    """
    if not by_month:
        return None
    months = sorted(by_month)
    return months[0] if len(months) == 1 else f"{months[0]}..{months[-1]}"


def _pick(group: list[Assertion]) -> Assertion:
    definite = [a for a in group if a.used is not None]
    if not definite:
        return group[0]
    top = max(a.rank for a in definite)
    best = [a for a in definite if a.rank == top]
    pos = [a for a in best if a.used]
    if pos:
        chosen = max(
            pos, key=lambda a: (a.uses is not None, bool(a.by_month), a.reason is not None)
        )
        if chosen.uses is None:
            counted = [a for a in pos if a.uses is not None]
            if counted:
                chosen.uses = counted[0].uses
        if chosen.reason is None:
            chosen.reason = next((a.reason for a in pos if a.reason), None)
        return chosen
    return best[0]


def _iso_date(value: Any) -> str | None:
    text = str(value) if value else ""
    return text[:10] if linre.compile(r"^\d{4}-\d{2}-\d{2}").match(text) else None


def rows(doc_id: str, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """``flexibility_usage`` rows (one per code the response answers or names: a named code
    without a definite answer is ``not stated`` and needs review) and the response's
    ``flexibility_responses`` row (sign-off, Ofsted, decision level) when it is about them.

    >>> r = {"authority": {"code": "E08000026"}, "date": "2020-08-03", "flexibilities": [
    ...     {"code": "cppcr-visits-remote", "used": True, "uses": None, "by_month": {},
    ...      "suppressed": False, "reason": None, "evidence": [5, 9]},
    ...     {"code": "ch-contact-remote", "used": None, "uses": None, "by_month": {},
    ...      "suppressed": False, "reason": None, "evidence": [1, 2]}]}
    >>> [(x["code"], x["status"], x["needs_review"]) for x in rows("d1", r)["flexibility_usage"]]
    [('cppcr-visits-remote', 'used', False), ('ch-contact-remote', 'not stated', True)]
    """
    authority = response.get("authority") or {}
    out = []
    refused = response.get("outcome") in ("refused",) and response.get("exemptions")
    for f in response.get("flexibilities") or []:
        ev = f.get("evidence") or [None, None]
        used = f.get("used")
        conf = f.get("confidence")
        if conf is None:
            conf = 0.3 if used is None else CONFIDENCE.get(f.get("source") or "prose", 0.7)
        state = status(used)
        if used is None and refused:
            state = "withheld"  # named, and the answer about it refused under an exemption
        out.append(
            {
                "doc_id": doc_id,
                "authority_code": authority.get("code"),
                "code": f["code"],
                "used": None if used is None else bool(used),
                "status": state,
                "confidence": conf,
                "needs_review": conf < REVIEW_BELOW,
                "period": period(f.get("by_month")),
                "source": f.get("source"),
                "uses": f.get("uses"),
                "by_month": json.dumps(f.get("by_month") or {}, sort_keys=True),
                "suppressed": bool(f.get("suppressed")),
                "reason": f.get("reason"),
                "evidence_start": ev[0],
                "evidence_end": ev[1],
                "response_date": _iso_date(response.get("date")),
            }
        )
    decision = []
    if (
        out
        or response.get("sign_off")
        or response.get("ofsted_informed") is not None
        or response.get("instruments_cited")
    ):
        decision.append(
            {
                "doc_id": doc_id,
                "authority_code": authority.get("code"),
                "sign_off": list(response.get("sign_off") or []),
                "ofsted_informed": response.get("ofsted_informed"),
                "ofsted_when": response.get("ofsted_when"),
                "decision_level": response.get("decision_level"),
                "instruments_cited": list(response.get("instruments_cited") or []),
                "response_date": _iso_date(response.get("date")),
            }
        )
    return {"flexibility_usage": out, "flexibility_responses": decision}
