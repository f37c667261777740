"""Who signed off the use of the flexibilities, whether Ofsted was told, and at what level.

Roles are named in a canonical form ("Director of Children's Services", "Senior Leadership
Team", "Lead Member for Children's Services", "Principal Social Worker"); boards keep their own
name ("Children's Services Improvement Executive Board"). A role counts only in a sentence about
approving (signed off, agreed, ratified, authorised, decision made by ...) or in a short answer
to a "who signed this off" question; sentences echoing the request are skipped.

>>> t = "This approach was signed off by the DCS and the Lead Member. Ofsted has been informed."
>>> s = sentences(t)
>>> sign_off(t, normalise(t), s), ofsted_informed(normalise(t), s)
(["Director of Children's Services", "Lead Member for Children's Services"], True)
"""

from __future__ import annotations

import re

from foicompare import linre
from foicompare.topics.prose import HYP, NEG, NOT_NEG, clauses
from foicompare.topics.segment import Sentence, sentences
from foicompare.topics.vocabulary import normalise

__all__ = ["decision_level", "normalise", "ofsted_informed", "sentences", "sign_off"]

_CS = r"children'?s?(?:,? (?:and|&) (?:families|family|young people'?s?|adults?|education))?(?: social care| social work)?(?: services?)?"
ROLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "Director of Children's Services",
        linre.compile(
            rf"\b(?:corporate |executive |strategic )?director (?:of|for) {_CS}|\bdcs\b"
            r"|\bdirector of people(?:'s)?(?: services)?\b"
        ),
    ),
    ("Assistant Director", linre.compile(r"\bassistant directors?\b|\bdeputy directors?\b")),
    ("Chief Executive", linre.compile(r"\bchief executive\b(?! of ofsted)")),
    (
        "Head of Service",
        linre.compile(r"\bheads? of (?:service|social work|children'?s social care)\b"),
    ),
    ("Senior Leadership Team", linre.compile(r"\bsenior leadership team\b|\bslt\b")),
    ("Senior Management Team", linre.compile(r"\bsenior management team\b|\bsmt\b")),
    (
        "Corporate Leadership Team",
        linre.compile(r"\bcorporate (?:leadership|management) team\b|\bclt\b|\bcmt\b"),
    ),
    (
        "Children's Services Leadership Team",
        linre.compile(
            r"\b(?:children'?s services|directorate|departmental|department) (?:senior )?"
            r"(?:leadership|management) team\b|\bdlt\b"
        ),
    ),
    (
        "Lead Member for Children's Services",
        linre.compile(
            rf"\blead members?(?: (?:for|from|of) {_CS})?|\bcabinet members? (?:for|with responsibility for) {_CS}"
            rf"|\bportfolio holders? (?:for )?{_CS}|\bexecutive members? for {_CS}"
        ),
    ),
    ("Principal Social Worker", linre.compile(r"\bprincipal social workers?\b|\bpsw\b")),
    ("Gold Command", linre.compile(r"\bgold (?:command|group|meeting|cell)\b")),
    ("Cabinet", linre.compile(r"\bcabinet\b(?! members?)")),
    ("Agency Decision Maker", linre.compile(r"\bagency decision makers?\b|\badm\b")),
    ("Service Manager", linre.compile(r"\bservice managers?\b")),
    ("Team Manager", linre.compile(r"\bteam managers?\b")),
    (
        "Independent Reviewing Officer",
        linre.compile(r"\bindependent reviewing officers?\b|\biros?\b"),
    ),
]
_BOARD = linre.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+(?:(?:and|&|of|for|the)\s+)?){0,6}(?:Board|Partnership|Committee))\b"
)
_BOARD_WORD = linre.compile(
    r"\b(?:improvement|safeguarding|executive|transformation|scrutiny|partnership|corporate parenting)\b",
    re.I,
)
_SIGN = linre.compile(
    r"\bsign(?:ed)?[- ]?off\b|\bsign-off\b|\bapprov(?:ed|al|es|ing)\b|\bagreed\b|\bratifi|\bauthori[sz]"
    r"|\bendors|\bdecisions? (?:was|were|is|are|has been|have been|to use \w+ (?:was|were)) (?:made|taken)"
    r"|\bdecided by\b|\boverseen by\b|\boversight\b|\boversee|\baccountab|\bresponsib"
    r"|\b(?:made|taken) by\b|\bchaired by\b|\bsigned\b|\bcountersigned\b|\bscrutin"
)
_WHO_Q = linre.compile(
    r"who (?:has )?signed|sign(?:ed)?[- ]off|who (?:approved|authori[sz]ed|agreed)"
)
_OFSTED = linre.compile(r"\bofsted\b|\bhmci?\b|\bthe (?:inspectorate|regulator)\b")
_O = r"(?:ofsted|hmi|the inspectorate|the regulator|our (?:link )?inspector)"
_V = (
    r"(?:advised|informed|notified|told|made aware|aware|updated|briefed|sighted|consulted|shared"
    r"|provided|sent|submitted|reported|discussed|shown|given|supplied|received|requested|asked"
    r"|sought|contacted|liaised|kept (?:up to date|informed|updated|sighted)|spoke|spoken)"
)
_TOLD = linre.compile(
    rf"\b(?:to|with) {_O}\b|\b{_O} (?:\w+ ){{0,4}}?{_V}\b|\b{_V} (?:\w+ ){{0,2}}?{_O}\b"
    rf"|\b{_V} by {_O}\b|\bkeeping in touch\b[^.]{{0,40}}{_O}|\b{_O}[^.]{{0,40}}\bkeeping in touch\b"
)
_AUTHORITY_WIDE = linre.compile(
    r"\b(?:overarching|authority[- ]wide|council[- ]wide|service[- ]wide|across the (?:service|authority"
    r"|council|directorate|local authority|department)|blanket|policy decision|(?:an|the|our|this|that|its) (?:overall |agreed |local )?approach"
    r"|(?:a|the) (?:corporate|strategic|collective) decision|all cases|for all children)\b"
)
_CASE_BY_CASE = linre.compile(
    r"\bcase[- ]by[- ]case\b|\bindividual (?:case |child )?basis\b|\beach (?:individual )?(?:case|child)\b"
    r"|\bindividual(?:ly)? (?:risk[- ]assess\w*|assessed|considered|cases|decisions)\b"
    r"|\bchild[- ]by[- ]child\b|\bper child\b|\bon a case\b"
)


def sign_off(text: str, norm: str, sents: list[Sentence]) -> list[str]:
    """Canonical roles and named boards that signed off (see module example)."""
    found: list[str] = []
    asked_at = -1
    for s in sents:
        seg = norm[s.start : s.end]
        if s.echo:
            if _WHO_Q.search(seg):
                asked_at = s.end
            continue
        short_answer = asked_at >= 0 and s.start - asked_at < 400 and len(seg) < 250
        if not (_SIGN.search(seg) or short_answer):
            continue
        for name, pat in ROLES:
            if pat.search(seg) and name not in found:
                found.append(name)
        for m in _BOARD.finditer(text, s.start, s.end):
            name = " ".join(m.group(1).replace("’", "'").split())
            name = linre.compile(r"^(?:The|A|An|And|By|Both|Our|Its)\s+").sub("", name)
            if _BOARD_WORD.search(name) and name not in found and len(name.split()) > 1:
                found.append(name)
    return found


def ofsted_informed(norm: str, sents: list[Sentence]) -> bool | None:
    """True if a sentence says Ofsted was told or asked, False if it says it was not, else None.

    A clause counts when it has a verb of telling (informed, advised, shared, provided,
    requested ...); a negated clause gives False, a hypothetical one ("we will inform Ofsted
    if ...") nothing, and any positive clause wins over negative ones.
    """
    verdict: bool | None = None
    for s in sents:
        if s.echo or not _OFSTED.search(norm, s.start, s.end):
            continue
        if linre.compile(r"\bwill\b|inspectors? will").search(
            norm[s.start : s.end]
        ) and not linre.compile(r"\b(?:has|have|had|was|were)\b").search(norm[s.start : s.end]):
            continue
        for a, b in clauses(norm, s.start, s.end):
            if not _TOLD.search(norm, a, b):
                continue
            clause = NOT_NEG.sub(" ", norm[a:b])
            if NEG.search(clause):
                verdict = False if verdict is None else verdict
            elif not HYP.search(clause):
                verdict = True
    return verdict


_WHEN = linre.compile(
    r"\b(?:on|in|since|from) (\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]* 20\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* 20\d\d)\b"
    r"|\b(?:at|through|during|via|in) (?:our |the |a |its |their )?((?:[a-z'-]+ ){0,4}"
    r"(?:meetings?|visits?|conversations?|calls?|letters?|returns?|updates?|reports?|inspections?))\b"
)


def ofsted_when(text: str, norm: str, sents: list[Sentence]) -> str | None:
    """When or how Ofsted was told, as the letter states it ("at the annual engagement
    meeting", "in May 2020"), from the first sentence that says Ofsted was told.

    >>> t = "Our approach was shared with Ofsted at the annual engagement meeting."
    >>> from foicompare.topics.segment import sentences
    >>> ofsted_when(t, t.lower(), sentences(t))
    'annual engagement meeting'
    """
    for s in sents:
        seg = norm[s.start : s.end]
        if s.echo or not _OFSTED.search(seg) or not _TOLD.search(seg) or NEG.search(seg):
            continue
        m = _WHEN.search(seg)
        if m:
            return " ".join((m.group(1) or m.group(2)).split())
    return None


def decision_level(norm: str, sents: list[Sentence]) -> str | None:
    """``"case_by_case"`` when decisions are said to be per child, ``"authority_wide"`` for an
    overall approach or policy, else None."""
    wide = case = False
    for s in sents:
        if s.echo:
            continue
        seg = norm[s.start : s.end]
        case = case or bool(_CASE_BY_CASE.search(seg))
        wide = wide or bool(_AUTHORITY_WIDE.search(seg))
    if case:
        return "case_by_case"
    return "authority_wide" if wide else None
