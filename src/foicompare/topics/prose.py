"""What a response's sentences say about using each flexibility.

Rules work on clauses (a sentence cut at ";" and at subordinating words such as "where",
"because", "but"), so "virtual visits were used where it was not possible to visit" is a use and
not a negation. A clause's polarity comes from general cues, never from one council's wording:

- negation ("not", "no", "never", "none", "decided against", "chose not to") -> not used;
- counterfactuals ("had we needed to ...") -> not used;
- hypotheticals ("if", "would", "may", "should the need arise", "considering") -> unknown;
- keeping to the normal rules ("continued to meet statutory timescales", "in line with the
  statutory requirements") -> not used;
- a verb of use or action ("used", "utilised", "relied on", "undertaken", "took place") -> used.

A clause that names no flexibility but speaks of them all ("any of the flexibilities", "the
amended regulations") and is negative is a blanket "none used"; "none ... except X" and "only X"
make X used and the rest not used.

>>> text = "The council has not used any of the flexibilities other than virtual visits."
>>> found = analyse(text, normalise(text), sentences(text))
>>> [(a.code, a.used, a.source) for a in found]
[('*', False, 'blanket'), ('cppcr-visits-remote', True, 'except')]
"""

from __future__ import annotations

import re

from foicompare import linre
from foicompare.topics.counts import NUMBER_WORDS, words_to_int
from foicompare.topics.model import Assertion
from foicompare.topics.segment import Sentence, sentences
from foicompare.topics.vocabulary import Mention, find_mentions, normalise

__all__ = ["analyse", "normalise", "sentences"]

_QUAL = (
    r"(?:legislative|statutory|regulatory|temporary|additional|new|covid(?:-19)?|coronavirus"
    r"|government'?s?|national|amended|amending|relaxed|emergency|dfe)"
)
GENERIC = linre.compile(
    r"\bflexibilit(?:y|ies)\b|\beasements?\b|\brelaxations?\b"
    rf"|\b{_QUAL}\s+(?:{_QUAL}\s+)*(?:regulations?|changes?|amendments?|provisions?|exemptions?"
    r"|measures|powers|legislation|duties)\b"
    r"|adoption and children \(coronavirus\)|\bamendment regulations\b|2020/445|2020/909"
    r"|\b(?:any|none|all) of (?:the|these) (?:amendments|changes|regulations|provisions)\b"
    r"|\bchanges to (?:the )?regulations\b|\bthe (?:new|amended|coronavirus) regulations\b"
)
_SUBORD = (
    r"where|wherever|when|whenever|because|since|if|unless|although|though|while|whilst|whereas"
    r"|however|but|once|until|as soon as|so that|in order to|due to|owing to|as a result of"
    r"|which|who"
)
_BOUNDARY = linre.compile(
    rf";|\b(?:{_SUBORD})\b|(?<!such)(?<!so)(?<!as)(?<!well) \bas(?= (?:there|we|it|they|this|these|those|our|many|some|a|an|the council)\b)"
)
_LEAD = linre.compile(rf"\W*(?:{_SUBORD})\b")
NEG = linre.compile(
    r"\b(?:not|never|no|none|nil|neither|nor|zero|cannot)\b|n't\b|\bdecided against\b"
    r"|\bchose not\b|\bopted not\b|\bdeclined\b|\brejected\b|\bno need\b|\bnor\b"
    r"|\bwithout (?:the )?need\b|\bdid not\b|\bnone\b"
)
NOT_NEG = linre.compile(
    r"\bno longer\b|\bnot only\b|\bwhether or not\b|\bno\.\s?\d|\bnot possible\b|\bif not\b"
    r"|\bnot (?:safe|appropriate|practicable|feasible)\b"
)
HYP = linre.compile(
    r"\b(?:if|would|could|might|may|should|shall|unless|in the event|plan(?:s|ned)? to"
    r"|intend\w* to|propos\w* to|considering|potential(?:ly)?|whether|reserve the right"
    r"|available to (?:us|use|the council)|in readiness|contingency|will be (?:used|applied)"
    r"|can|considered (?:whether|if|using|the use)|under consideration)\b"
)
_NOT_HYP = linre.compile(
    r"\bcan (?:confirm|advise|inform|state|report|tell|say)\b|\bmay be found\b|\bmay wish\b"
)
_DECIDED = linre.compile(r"\b(?:agreed|decided|approved|authori[sz]ed|signed off|determined)\b")
_COUNTER = linre.compile(
    r"\bhad (?:we|the (?:council|authority|local authority|service|department|la))\b"
    r"|\bif (?:we|the council|the authority) had\b"
)
_COMPLY = linre.compile(
    r"\bcontinu(?:e|ed|es|ing) to (?:fully )?(?:meet|comply|adhere|fulfil|follow|operate|be held"
    r"|sit|run|function|take place|be convened|convene|be quorate|work within|apply the"
    r"|observe|discharge|undertake all|visit|be visited|see|hold|undertake face)\b|\bremain(?:ed|s)? (?:fully )?(?:compliant|within)\b"
    r"|\bwithin (?:the )?(?:statutory|normal|usual|required|regulatory|existing|prescribed)"
    r" (?:timescales?|requirements|frameworks?|guidance|regulations)\b"
    r"|\bin (?:line|accordance) with (?:the )?(?:statutory|existing|usual|normal|original"
    r"|pre-?covid|regulatory|unamended)\b|\bcompl(?:ied|iant|iance) with\b|\bbusiness as usual\b"
    r"|\bas normal\b|\bas usual\b|\bunchanged\b|\bmet (?:all )?(?:its|our|the) statutory\b"
)
_REMOTE = linre.compile(r"virtual|remote|video|telephone|\bphone")
_POS = linre.compile(
    r"\b(?:use[ds]?|using|utili[sz](?:e|ed|es|ing|ation)|appl(?:y|ied|ies|ying)|rel(?:y|ied|ies"
    r"|ying) (?:up)?on|made use|make use|making use|taken? advantage|taking advantage"
    r"|implement(?:ed|ing|s)?|invok(?:e|ed|ing)|adopt(?:ed|ing)|exercis(?:e|ed|ing)"
    r"|employ(?:ed|ing)?|deploy(?:ed|ing)?|enact(?:ed|ing)?|need(?:ed)? to|required|necessary"
    r"|introduc(?:e|ed|ing)|avail(?:ed)? (?:ourselves|itself|themselves)|drawn? (?:up)?on"
    r"|resort(?:ed)? to|took up|taken up|undertak(?:e|en|ing)|undertook|carried out"
    r"|conduct(?:ed|ing)|complet(?:ed|ing)|took place|taken place|taking place|held|happen(?:ed|ing)"
    r"|occurr(?:ed|ing)|done|offered|arranged|facilitated|moved to|switched to|increased"
    r"|approved|placed|extended|delayed|postponed|deferred|waived|suspended|paused|stood down"
    r"|reduced|convened|constituted|made|in place|benefited|allowed|enabled|no longer)\b"
)
_EXCEPT = linre.compile(
    r"\b(?:except(?:ing)?(?: for| in relation to| in respect of)?|with the (?:sole )?exceptions? of"
    r"|other than(?: for)?|apart from|save for|aside from|but for|besides|excluding)\b"
)
_ONLY_BEFORE = linre.compile(r"\bonly\b")
_ONLY_NOUN = linre.compile(
    r"\bthe only (?:flexibilit\w+|exceptions?|one|ones|areas?|regulations?|amendments?|changes?"
    r"|provisions?|relaxations?|easements?)\b|\bonly (?:one|two|three) (?:of the )?flexibilit"
)
_NONE_HEAD = linre.compile(
    r"\W*(?:(?:answer|response|reply|our response|council response)\s*[:\-]?\s*)?(?:none|nil|no|n/a|not applicable|zero|0|no flexibilities(?: (?:were|have been) used)?"
    r"|not used)\W*$"
)
_REASON = linre.compile(
    r"\b(?:due to|because|as a result|owing to|in order to|to (?:reduce|minimise|protect|avoid"
    r"|prevent|limit|keep)|reasons?|circumstances|shielding|self[- ]isolat\w*|isolating|lockdown"
    r"|public health|social distancing|infection|staff (?:absence|shortages?|sickness)"
    r"|vulnerab\w+|risk)\b"
)
_COUNT = linre.compile(
    rf"\b(\d[\d,]*|{NUMBER_WORDS.pattern})\s+(?:[a-z-]+\s+){{0,2}}?(?:times|occasions|instances"
    r"|children|young people|cases|visits|placements|households|carers|uses|approvals|reviews"
    r"|panels|assessments)\b"
)


def clauses(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Clauses of ``norm[a:b]``: cut at boundaries; a leading subordinate clause ends at a comma."""
    cuts = [a] + [m.start() for m in _BOUNDARY.finditer(norm, a, b) if m.start() > a] + [b]
    out: list[tuple[int, int]] = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        if _LEAD.match(norm, x) and "," in norm[x:y]:
            comma = norm.index(",", x, y)
            out.append((x, comma))
            out.append((comma + 1, y))
        else:
            out.append((x, y))
    return [(x, y) for x, y in out if norm[x:y].strip()]


def _blank(norm: str, a: int, b: int, mentions: list[Mention]) -> str:
    chars = list(norm[a:b])
    for m in mentions:
        for i in range(max(m.start, a), min(m.end, b)):
            chars[i - a] = " "
    return "".join(chars)


def polarity(norm: str, a: int, b: int, mentions: list[Mention]) -> str | None:
    """``"neg"``, ``"pos"``, ``"hyp"`` or None for the clause ``norm[a:b]``.

    >>> t = "virtual visits have not been used"
    >>> polarity(t, 0, len(t), find_mentions(t))
    'neg'
    """
    raw = norm[a:b]
    blanked = NOT_NEG.sub(" ", _blank(norm, a, b, mentions))
    if _COUNTER.search(raw):
        return "neg"
    if NEG.search(blanked):
        return "neg"
    hyp = HYP.search(_NOT_HYP.sub(" ", raw))
    if hyp and not (_DECIDED.search(raw) and _POS.search(raw)):
        return "hyp"
    if _COMPLY.search(raw) and not _REMOTE.search(raw):
        return "neg"
    if _POS.search(raw):
        return "pos"
    return None


def _reason(text: str, norm: str, s: Sentence) -> str | None:
    if _REASON.search(norm, s.start, s.end):
        return " ".join(text[s.start : s.end].split())
    return None


def _count(norm: str, a: int, b: int) -> int | None:
    m = _COUNT.search(norm, a, b)
    if not m:
        return None
    raw = m.group(1).replace(",", "")
    return int(raw) if raw.isdigit() else words_to_int(raw)


def analyse(text: str, norm: str, sents: list[Sentence]) -> list[Assertion]:
    """Assertions from prose; blanket "none used" statements use the code ``"*"``."""
    out: list[Assertion] = []
    last_echo = ""
    for s in _split_table_lines(norm, sents):
        if s.echo:
            last_echo = norm[s.start : s.end]
            continue
        ev = (s.start, s.end)
        ctx = (max(0, s.start - 300), min(len(norm), s.end + 300))
        if _qa_none(norm, s, last_echo):
            out.append(Assertion("*", False, evidence=ev, source="blanket"))
            continue
        start = s.start
        ex = _EXCEPT.search(norm, s.start, s.end)
        if ex:
            handled = _except(text, norm, s, ex, ctx, out)
            if handled is not None:
                start = handled
        pending: list[Mention] = []
        for a, b in clauses(norm, start, s.end):
            pending = _clause(text, norm, s, a, b, ctx, out, pending)
    return out


def _split_table_lines(norm: str, sents: list[Sentence]) -> list[Sentence]:
    """A "sentence" running over several lines that each name a flexibility is a table whose
    columns were lost (PDF text); read it line by line so one row's "nil" stays in its row."""
    out: list[Sentence] = []
    for s in sents:
        if "\n" not in norm[s.start : s.end]:
            out.append(s)
            continue
        lines, pos = [], s.start
        for part in norm[s.start : s.end].split("\n"):
            lines.append((pos, pos + len(part)))
            pos += len(part) + 1
        named = sum(1 for a, b in lines if find_mentions(norm, a, b))
        if named >= 2:
            out.extend(Sentence(a, b, s.echo) for a, b in lines if b > a)
        else:
            out.append(s)
    return out


def _qa_none(norm: str, s: Sentence, last_echo: str) -> bool:
    """A bare "None"/"N/A" answering a question about how many flexibilities were used."""
    return bool(
        _NONE_HEAD.match(norm, s.start, s.end)
        and "flexibilit" in last_echo
        and linre.compile(r"how many|number of|which|any use|utilised|used").search(last_echo)
    )


def _except(
    text: str,
    norm: str,
    s: Sentence,
    ex: re.Match[str],
    ctx: tuple[int, int],
    out: list[Assertion],
) -> int | None:
    """Handle "none ... except X"; returns where normal clause processing resumes, or None."""
    head = (s.start, ex.start())
    head_mentions = find_mentions(norm, *head, context=ctx)
    head_text = norm[head[0] : head[1]]
    generic = GENERIC.search(head_text) or _NONE_HEAD.match(head_text.rstrip(" ,"))
    if head_mentions or not generic:
        return None
    tail_chunks = clauses(norm, ex.end(), s.end)
    if not tail_chunks:
        return None
    ta, tb = tail_chunks[0]
    tail_mentions = find_mentions(norm, ta, tb, context=ctx)
    pol = (
        "neg" if _NONE_HEAD.match(head_text.rstrip(" ,")) else polarity(norm, *head, head_mentions)
    )
    if pol not in ("neg", "pos") or not tail_mentions:
        return None
    ev = (s.start, s.end)
    if pol == "neg":
        out.append(Assertion("*", False, evidence=ev, source="blanket"))
    reason = _reason(text, norm, s)
    for m in tail_mentions:
        out.append(Assertion(m.code, pol == "neg", reason=reason, evidence=ev, source="except"))
    return tb


def _clause(
    text: str,
    norm: str,
    s: Sentence,
    a: int,
    b: int,
    ctx: tuple[int, int],
    out: list[Assertion],
    pending: list[Mention],
) -> list[Mention]:
    """Assertions of one clause; returns its mentions when their status is still open, so a
    following "but decided against it" clause can settle them."""
    ev = (s.start, s.end)
    mentions = find_mentions(norm, a, b, context=ctx)
    pol = polarity(norm, a, b, mentions)
    if not mentions:
        if pol == "neg" and GENERIC.search(norm, a, b):
            out.append(Assertion("*", False, evidence=ev, source="blanket"))
        elif pol == "neg" and pending and _CONTRAST.match(norm, a):
            out.extend(Assertion(m.code, False, evidence=ev) for m in pending)
        return []
    only = _only(norm, a, b, mentions)
    if only and pol in ("pos", None):
        out.append(Assertion("*", False, evidence=ev, source="blanket"))
        reason = _reason(text, norm, s)
        out.extend(
            Assertion(m.code, True, reason=reason, evidence=ev, source="only") for m in mentions
        )
        return []
    if pol is None:
        return mentions
    if pol == "hyp":
        out.extend(Assertion(m.code, None, evidence=ev) for m in mentions)
        return mentions
    used = pol == "pos"
    uses = _count(norm, a, b) if used and len(mentions) == 1 else None
    reason = _reason(text, norm, s) if used else None
    for m in mentions:
        out.append(Assertion(m.code, used, uses=uses, reason=reason, evidence=ev))
    return []


_CONTRAST = linre.compile(r"\W*(?:but|however|although|though|whereas)\b")


def _only(norm: str, a: int, b: int, mentions: list[Mention]) -> bool:
    """ "only X was used" / "the only flexibility used was X" (not "X was only used when ...")."""
    if _ONLY_NOUN.search(norm, a, b):
        return True
    first = min(m.start for m in mentions)
    for m in _ONLY_BEFORE.finditer(norm, a, first):
        if first - m.end() <= 80 and not norm[max(a, m.start() - 4) : m.start()].endswith("not "):
            return True
    return False
