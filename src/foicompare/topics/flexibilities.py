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
from foicompare.topics.segment import sentences
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


def extract(text: str, tables: list[Table] | None = None) -> dict[str, Any]:
    """Flexibility usage, sign-off, Ofsted and decision level for one document (see module)."""
    tables = list(tables or [])
    if not is_about_flexibilities(text, tables):
        return _empty()
    norm = normalise(text)
    sents = sentences(text)
    found: list[Assertion] = []
    spans: list[tuple[int, int]] = []
    for t in tables:
        found.extend(_tables.analyse_table(text, t))
        if t.start is not None and t.end is not None:
            spans.append((t.start, t.end))
    for t in _tables.text_tables(text, skip=spans):
        found.extend(_tables.analyse_table(text, t))
        spans.append((t.start or 0, t.end or 0))
    outside = [s for s in sents if not any(a <= s.start and s.end <= b for a, b in spans)]
    found.extend(prose.analyse(text, norm, outside))
    return {
        "flexibilities": merge(found),
        "sign_off": signoff.sign_off(text, norm, sents),
        "ofsted_informed": signoff.ofsted_informed(norm, sents),
        "decision_level": signoff.decision_level(norm, sents),
        "instruments_cited": cited_instruments(norm),
    }


_tables = tables  # the parameter of `extract` shadows the module name


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
            }
        )
    return out


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
    """``flexibility_usage`` rows (one per code with a definite answer) and the response's
    ``flexibility_responses`` row (sign-off, Ofsted, decision level) when it is about them.

    >>> r = {"authority": {"code": "E08000026"}, "date": "2020-08-03", "flexibilities": [
    ...     {"code": "cppcr-visits-remote", "used": True, "uses": None, "by_month": {},
    ...      "suppressed": False, "reason": None, "evidence": [5, 9]},
    ...     {"code": "ch-contact-remote", "used": None, "uses": None, "by_month": {},
    ...      "suppressed": False, "reason": None, "evidence": [1, 2]}]}
    >>> [(x["code"], x["used"], x["authority_code"]) for x in rows("d1", r)["flexibility_usage"]]
    [('cppcr-visits-remote', True, 'E08000026')]
    """
    authority = response.get("authority") or {}
    out = []
    for f in response.get("flexibilities") or []:
        if f.get("used") is None:
            continue
        ev = f.get("evidence") or [None, None]
        out.append(
            {
                "doc_id": doc_id,
                "authority_code": authority.get("code"),
                "code": f["code"],
                "used": bool(f["used"]),
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
                "decision_level": response.get("decision_level"),
                "instruments_cited": list(response.get("instruments_cited") or []),
                "response_date": _iso_date(response.get("date")),
            }
        )
    return {"flexibility_usage": out, "flexibility_responses": decision}
