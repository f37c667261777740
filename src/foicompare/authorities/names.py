"""Resolve one name, domain, email address or URL to an authority, date-aware.

Evidence, strongest first: an exact alias, the normalised name, the name without
council designators ("City Council", "London Borough of" ...), a web or email domain,
then fuzzy matching that would rather give no answer than a wrong one.

>>> r = resolve("LB Barnet")
>>> r.code, r.name, r.reason
('E09000003', 'London Borough of Barnet', 'exact alias')
>>> resolve("Buckinghamshire", on="2019-06-01").authority.code
'BKM'
>>> resolve("Newcastle").code is None
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from foicompare import linre
from foicompare.authorities.register import (
    Authority,
    as_date,
    core,
    domain_label,
    lookup,
    norm,
    register,
)
from foicompare.authorities.trusts import resolve_trust

#: fuzzy score (rapidfuzz ratio, 0-100) below which a fuzzy match is not an answer
FUZZY_THRESHOLD = 91.0
#: the best fuzzy match must beat the best match of another council by this much
FUZZY_MARGIN = 4.0

_EMAIL = linre.compile(r"^[\w.+-]+@([\w-]+(?:\.[\w-]+)+)$")
_HOSTLIKE = linre.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.I)


@dataclass
class Resolution:
    """The answer to "which council is this?" with how sure and why."""

    authority: Authority | None
    confidence: float
    reason: str
    on: dt.date | None = None
    flag: str | None = None
    candidates: list[Authority] = field(default_factory=list)
    #: the trust or company that gave the answer, when not the council itself
    responding_body: str | None = None
    #: every council the responding body acted for on the date
    responding_for: list[Authority] = field(default_factory=list)

    @property
    def code(self) -> str | None:
        """The GSS code in force on the document's date."""
        return self.authority.gss_on(self.on) if self.authority else None

    @property
    def name(self) -> str | None:
        return self.authority.official_name if self.authority else None

    def as_dict(self) -> dict[str, Any]:
        """The plain form stored in a Response's ``authority`` field.

        >>> resolve("RBKC").as_dict()["authority_code"]
        'KEC'
        """
        a = self.authority
        return {
            "name": a.official_name if a else None,
            "code": self.code,
            "authority_code": a.code if a else None,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "flag": self.flag,
            "candidates": [
                {"code": c.gss_on(self.on), "authority_code": c.code, "name": c.official_name}
                for c in self.candidates
            ],
            "responding_body": self.responding_body,
            "responding_for": [c.gss_on(self.on) or c.code for c in self.responding_for],
        }

    def __str__(self) -> str:
        if self.authority is None:
            alts = ", ".join(f"{c.official_name} ({c.gss_code})" for c in self.candidates)
            return f"no authority: {self.reason}" + (f"; candidates: {alts}" if alts else "")
        a = self.authority
        text = (
            f"{a.official_name} ({self.code}, {a.code}) "
            f"confidence {self.confidence:.2f}: {self.reason}"
        )
        return text + (f" [flag: {self.flag}]" if self.flag else "")


def _none(reason: str, on: dt.date | None, candidates: list[Authority] | None = None) -> Resolution:
    return Resolution(None, 0.0, reason, on=on, candidates=candidates or [])


def at_date(a: Authority, on: dt.date | None, confidence: float, reason: str) -> Resolution:
    """Move a match to the body that existed on the date, or flag why it cannot.

    A body abolished before ``on`` with one successor becomes the successor; with
    several it is kept and flagged. A body created after ``on`` becomes the predecessor
    with the same core name (Buckinghamshire Council -> Buckinghamshire County Council).
    """
    reg = register()
    flag = None
    if on is not None:
        seen = set()
        while a.ended_by(on) and len(a.successors) == 1 and a.code not in seen:
            seen.add(a.code)
            nxt = reg.by_code[a.successors[0]]
            reason += f"; {a.short_name} ended {a.valid_to}, succeeded by {nxt.official_name}"
            a = nxt
        if a.ended_by(on) and len(a.successors) > 1:
            names = " and ".join(reg.by_code[s].official_name for s in a.successors)
            flag = (
                f"{a.official_name} was abolished on {a.valid_to}; its area is now {names}, "
                "so figures may cover both successors"
            )
        elif a.started_after(on):
            own = core(norm(a.short_name))
            same = [
                p
                for p in (reg.by_code[c] for c in a.predecessors)
                if core(norm(p.short_name)) == own
            ]
            if len(same) == 1:
                reason += f"; before {a.valid_from} this was {same[0].official_name}"
                a = same[0]
            else:
                flag = f"{a.official_name} only exists from {a.valid_from}"
    return Resolution(a, confidence, reason, on=on, flag=flag)


def _prefer_on(codes: frozenset[str] | list[str], on: dt.date | None) -> list[Authority]:
    """Collapse candidates that are one body over time (county -> its unitary)."""
    reg = register()
    cands = [reg.by_code[c] for c in sorted(codes)]
    if len(cands) < 2:
        return cands
    chain = {c.code for c in cands}
    tails = [c for c in cands if not (len(c.successors) == 1 and c.successors[0] in chain)]
    if len(tails) == 1:
        if on is None:
            return tails
        alive = [c for c in cands if not c.ended_by(on) and not c.started_after(on)]
        return alive[:1] if len(alive) == 1 else tails
    return cands


def resolve_domain(text: str, on: dt.date | None = None) -> Resolution | None:
    """A council from a URL, host name or email address; None when it names no council.

    >>> resolve_domain("infogov@coventry.gov.uk").authority.code
    'COV'
    >>> resolve_domain("https://herefordshire.disclosurelog.co.uk/").authority.code
    'HEF'
    """
    s = text.strip()
    m = _EMAIL.match(s)
    if m:
        host, kind = m.group(1), "email domain"
    else:
        parts = urlsplit(s if "//" in s else f"//{s}")
        host, kind = parts.hostname or "", "web domain"
    if not host or not _HOSTLIKE.match(host):
        return None
    reg = register()
    label = domain_label(host)
    if label is not None:
        code = reg.domains.get(label) or name_labels().get(label)
        if code:
            return at_date(reg.by_code[code], on, 0.95, f"{kind} {host}")
        return None
    # Hosted disclosure logs and similar: "<council>.<platform>.co.uk", "<council>-d10.<host>".
    labels = host.lower().split(".")
    if len(labels) >= 3 and labels[-1] == "uk" and labels[-2] in ("ac", "nhs", "police", "sch"):
        return None
    for label in labels[:-2]:
        if label in ("www", "foi", "disclosures"):
            continue
        code = reg.domains.get(label) or name_labels().get(label)
        if code is None and "-" in label:
            head = label.split("-", 1)[0]
            code = (reg.domains.get(head) or name_labels().get(head)) if len(head) >= 6 else None
        if code:
            return at_date(reg.by_code[code], on, 0.85, f"council sub-domain of {host}")
    return None


@functools.cache
def name_labels() -> dict[str, str]:
    """Council names of two or more words without designators, run together ("eastherts",
    "eastcambs"), as the host labels councils use, when exactly one council has the name.

    >>> name_labels()["eastherts"], "london" in name_labels()
    ('EHE', False)
    """
    reg = register()
    found: dict[str, set[str]] = {}
    for key, code in reg.names.items():
        name = core(key)
        label = _NOT_LABEL.sub("", name)
        if len(label) >= 6 and " " in name:  # one-word names are in the domain table itself
            found.setdefault(label, set()).add(code)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


_NOT_LABEL = linre.compile(r"[^a-z0-9]")


def resolve(
    text_or_name: str, on: str | dt.date | None = None, *, fuzzy: bool = True
) -> Resolution:
    """Resolve a council name, abbreviation, domain, email address or URL.

    ``on`` is the document's date: a body abolished by then with one successor
    resolves to the successor; with several it is kept and flagged. ``fuzzy=False``
    skips the (slower) fuzzy step.

    >>> resolve("Northamptonshire County Council", on="2022-05-01").flag is not None
    True
    >>> resolve("Coventy City Council").reason
    'fuzzy match to "coventry city council" (score 98)'
    """
    when = as_date(on)
    if "\n" in (text_or_name or "").strip() or len(text_or_name or "") > 200:
        from foicompare.authorities.document import resolve_text

        return resolve_text(text_or_name, on=when)
    name = " ".join((text_or_name or "").split())
    if not name:
        return _none("empty name", when)
    trust = via_trust(name, when)
    if trust is not None:
        return trust
    reg = register()
    if "@" in name or "/" in name or (_HOSTLIKE.match(name) and " " not in name):
        hit = resolve_domain(name, when)
        if hit:
            return hit
    code = reg.aliases.get(name)
    if code:
        return at_date(reg.by_code[code], when, 1.0, "exact alias")
    if name.upper() in reg.ambiguous_initialisms:
        return _none(f'"{name}" is an initialism several councils share', when)
    key = norm(name)
    if key in reg.ambiguous:
        cands = [reg.by_code[c] for c in reg.ambiguous[key]]
        return _none(f'"{name}" names more than one council', when, cands)
    code = reg.names.get(key)
    if code:
        return at_date(reg.by_code[code], when, 0.97, "normalised name")
    by_code = lookup(name) if len(name) <= 9 and " " not in name else None
    if by_code is not None:
        return at_date(by_code, when, 1.0, "register code")
    stem = core(key)
    types = _implied_types(key)
    if stem in reg.ambiguous:
        cands = [reg.by_code[c] for c in reg.ambiguous[stem]]
        fits = [c for c in cands if c.type in types]
        if len(fits) == 1:
            why = f'"{stem}" is ambiguous; the designator fits only {fits[0].short_name}'
            return at_date(fits[0], when, 0.85, why)
        return _none(f'"{name}" names more than one council', when, cands)
    codes = reg.cores.get(stem)
    if codes:
        cands = _prefer_on(codes, when)
        if len(cands) > 1 and types:
            cands = [c for c in cands if c.type in types] or cands
        if len(cands) == 1:
            return at_date(cands[0], when, 0.9, f'name without designators "{stem}"')
        return _none(f'"{stem}" matches several councils', when, cands)
    if not fuzzy:
        return _none("no council of that name", when)
    return _fuzzy(key, when)


def via_trust(name: str, on: dt.date | None) -> Resolution | None:
    """A children's trust's name (or domain) as the council(s) it acted for on the date.

    One council: that council, with the trust as ``responding_body``. Several (Achieving
    for Children): no single council, the councils as candidates and ``responding_for``.
    Outside the trust's lifetime: no council, and the reason says why.

    >>> r = resolve("Sandwell Children's Trust", on="2022-01-01")
    >>> r.code, r.responding_body
    ('E08000028', "Sandwell Children's Trust")
    """
    tr = resolve_trust(name, on)
    if tr is None:
        return None
    body = tr.trust.name
    if len(tr.councils) == 1:
        res = at_date(tr.councils[0], on, 0.95, tr.reason)
        res.responding_body, res.responding_for = body, list(tr.councils)
        return res
    if tr.councils:
        return Resolution(
            None,
            0.0,
            tr.reason + "; the name alone does not say which",
            on=on,
            candidates=list(tr.councils),
            responding_body=body,
            responding_for=list(tr.councils),
        )
    return Resolution(None, 0.0, tr.reason, on=on, responding_body=body)


#: council types a designator implies ("London Borough of X" is a London borough)
_TYPE_HINTS = (
    (("london borough", "royal borough", "lb ", "rb ", " lbc"), {"LBO"}),
    ((" district council", " dc"), {"NMD"}),
    ((" county council", " cc"), {"CTY"}),
    ((" city council",), {"MD", "UA", "NMD", "SCO", "CC"}),
    ((" borough council", " bc"), {"NMD", "LBO", "UA", "MD"}),
    ((" metropolitan borough", " mbc"), {"MD"}),
)


def _implied_types(key: str) -> set[str]:
    padded = f" {key} "
    types: set[str] | None = None
    for words, kinds in _TYPE_HINTS:
        if any(w in padded for w in words):
            types = kinds if types is None else types & kinds
    return types or set()


def _fuzzy(key: str, when: dt.date | None) -> Resolution:
    reg = register()
    if len(key) < 6:
        return _none("no council of that name", when)
    hits = process.extract(key, reg.names.keys(), scorer=fuzz.ratio, limit=8)
    if not hits or hits[0][1] < FUZZY_THRESHOLD:
        return _none("no council of that name", when)
    best_key, best_score = hits[0][0], hits[0][1]
    best_code = reg.names[best_key]
    rival = next((s for k, s, _ in hits if reg.names[k] != best_code), 0.0)
    if best_score - rival < FUZZY_MARGIN:
        cands = list(dict.fromkeys(reg.by_code[reg.names[k]] for k, s, _ in hits[:3]))
        return _none(f'"{key}" is close to several councils', when, cands)
    conf = 0.6 + 0.3 * (best_score - FUZZY_THRESHOLD) / (100 - FUZZY_THRESHOLD)
    reason = f'fuzzy match to "{best_key}" (score {best_score:.0f})'
    return at_date(reg.by_code[best_code], when, conf, reason)
