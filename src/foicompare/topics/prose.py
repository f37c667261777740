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
from foicompare.topics.segment import Sentence, is_echo, sentences
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
    rf"\b(\d[\d,]*|{NUMBER_WORDS.pattern})\s+(?:[a-z-]+\s+){{0,2}}?(?:times|occasions?|instances?"
    r"|child(?:ren)?|young (?:people|person)|cases?|visits?|placements?|households?|carers?|uses?"
    r"|approvals?|reviews?|panels?|assessments?)\b"
)


def clauses(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Clauses of ``norm[a:b]``: cut at boundaries; a leading subordinate clause ends at a comma."""
    cuts = [a]
    depth, pos = 0, a
    for m in _BOUNDARY.finditer(norm, a, b):
        segment = norm[pos : m.start()]
        depth = max(0, depth + segment.count("(") - segment.count(")"))
        pos = m.start()
        # a boundary inside brackets ("(Reg 26(b); 27(1A) Adoption Agencies 2005)") is not one
        if m.start() > a and depth == 0:
            cuts.append(m.start())
    cuts.append(b)
    out: list[tuple[int, int]] = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        comma = _comma_outside_brackets(norm, x, y) if _LEAD.match(norm, x) else -1
        if comma >= 0:
            out.append((x, comma))
            out.append((comma + 1, y))
        else:
            out.append((x, y))
    return [(x, y) for x, y in out if norm[x:y].strip()]


def _comma_outside_brackets(norm: str, a: int, b: int) -> int:
    depth = 0
    for i in range(a, b):
        c = norm[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            return i
    return -1


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
    hyp = HYP.search(_NOT_HYP.sub(" ", _MAY_MONTH.sub(" ", raw)))
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


_NUMBERED = linre.compile(r"(?:regulations?|regs?|section|s|paragraph|para|part|schedule)\.?\s*$")


def _count(norm: str, a: int, b: int) -> int | None:
    """The first count of things in ``norm[a:b]`` ("37 visits"), never a regulation number."""
    m = _COUNT.search(norm, a, b)
    while m and _NUMBERED.search(norm[max(a, m.start() - 12) : m.start()]):
        m = _COUNT.search(norm, m.end(1), b)
    if not m:
        return None
    raw = m.group(1).replace(",", "")
    return int(raw) if raw.isdigit() else words_to_int(raw)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: "in May 212 visits", "during June, 51", "May: 14", "14 in April", "14 visits in April"
_MONTH_COUNT = linre.compile(
    rf"\b(?:in|during|for) {_MONTH_WORD}(?: 20(2[01]))?[,:]? (?:there were |we (?:had|made|"
    r"carried out|undertook|completed|held) )?(\d[\d,]*)\b"
    rf"|\b{_MONTH_WORD}(?: 20(2[01]))?: (\d[\d,]*)\b"
    r"|\b(\d[\d,]*) (?:[a-z-]+ ){0,2}(?:in|during) "
    rf"{_MONTH_WORD}\b(?: 20(2[01]))?"
)
#: the month "may" after a preposition or before a year or number is not the verb
_MAY_MONTH = linre.compile(
    r"\b(?:in|during|between|from|since|until|till|to|of|and|across|over|through|throughout"
    r"|by|before|after|end of|early|late|mid) may\b"
    r"|\bmay (?:20[12]\d|\d)"
)
#: a count said to be a withheld small number: "fewer than five", "<5"
_SUPPRESSED_COUNT = linre.compile(
    r"(?:fewer than|less than|under|below|<|&lt;)\s*(?:5|five|10|ten|3|three)\b"
    r"|\b(?:5|five) or (?:fewer|less)\b|\bsmall number of\b"
)


def month_counts(norm: str, a: int, b: int) -> dict[str, int]:
    """Counts per month stated in prose, as ``{"2020-05": 212, ...}``.

    >>> t = "in may 212 visits and in june 51 visits were carried out virtually."
    >>> month_counts(t, 0, len(t))
    {'2020-05': 212, '2020-06': 51}
    >>> t = "virtual visits: 14 in april 2021, 22 in may."
    >>> month_counts(t, 0, len(t))
    {'2021-04': 14, '2020-05': 22}
    """
    out: dict[str, int] = {}
    for m in _MONTH_COUNT.finditer(norm[a:b]):
        g = m.groups()
        if g[0]:
            month, year, n = g[0], g[1], g[2]
        elif g[3]:
            month, year, n = g[3], g[4], g[5]
        else:
            n, month, year = g[6], g[7], g[8]
        k = _MONTHS.index(month[:3]) + 1
        y = 2000 + int(year) if year else (2021 if k <= 3 else 2020)
        key = f"{y}-{k:02d}"
        out[key] = out.get(key, 0) + int(n.replace(",", ""))
    return out


def analyse(text: str, norm: str, sents: list[Sentence]) -> list[Assertion]:
    """Assertions from prose; blanket "none used" statements use the code ``"*"``."""
    out: list[Assertion] = []
    last_echo = ""
    split = _split_table_lines(norm, _join_colon_lines(text, _echo_tails(text, sents)))
    # a sentence wrapped over lines reads as one line ("with the\nexception of"), offsets kept
    norm = norm.translate(_FLAT)
    for s in split:
        if s.echo:
            last_echo = norm[s.start : s.end]
            continue
        ev = (s.start, s.end)
        ctx = (max(0, s.start - 300), min(len(norm), s.end + 300))
        if _REASON_HEAD.match(norm[s.start : min(s.end, s.start + 80)]):
            continue  # "Reason: panel suspended in April" explains the statement before it
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


_REASON_HEAD = linre.compile(
    r"\W*(?:summary of )?(?:reasons?|rationale|local circumstances|why)(?: for (?:use|this))?\s*[:\-]"
)
_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


_PLACEHOLDER_LINE = linre.compile(r"(?m)^.*\bxx+\b.*$", re.I)


def _echo_tails(text: str, sents: list[Sentence]) -> list[Sentence]:
    """A request's example row ("... XX XX XX") run together with the answer's first line (no
    full stop between them in PDF text): the lines after the last placeholder are the answer."""
    out: list[Sentence] = []
    for s in sents:
        if not s.echo or "\n" not in text[s.start : s.end]:
            out.append(s)
            continue
        last = None
        for m in _PLACEHOLDER_LINE.finditer(text[s.start : s.end]):
            last = m
        cut = s.start + last.end() + 1 if last is not None else s.end
        if s.start < cut < s.end and not is_echo(text[cut : s.end]):
            out.append(Sentence(s.start, cut - 1, True))
            out.append(Sentence(cut, s.end, False))
        else:
            out.append(s)
    return out


def _join_colon_lines(text: str, sents: list[Sentence]) -> list[Sentence]:
    """ "Adopter medical reports (Reg 26(b) ...):" then, on the next line, "used in 16 cases":
    a line ending in a colon and continued in lower case is one sentence."""
    out: list[Sentence] = []
    for s in sents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end - 1 : prev.end] == ":"
            and s.start - prev.end <= 3
            and text[s.start : s.start + 1].islower()
            and prev.echo == s.echo
        ):
            out[-1] = Sentence(prev.start, s.end, s.echo)
            continue
        out.append(s)
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
    if not norm[s.start : ex.start()].strip(" ,;:-(\"'"):
        return _leading_except(text, norm, s, ex, ctx, out)
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
    _except_uses(norm, ta, tb, tail_mentions, pol == "neg", reason, ev, out)
    return tb


def _except_uses(
    norm: str,
    a: int,
    b: int,
    mentions: list[Mention],
    used: bool,
    reason: str | None,
    ev: tuple[int, int],
    out: list[Assertion],
    source: str = "except",
) -> None:
    """The excepted flexibilities, with a count when the exception states one for just one."""
    one = used and len({m.code for m in mentions}) == 1
    suppressed = one and bool(_SUPPRESSED_COUNT.search(norm[a:b]))
    by_month = month_counts(norm, a, b) if one and not suppressed else {}
    uses = _count(norm, a, b) if one and not suppressed else None
    if by_month and (uses is None or not _TOTAL_WORD.search(norm[a:b])):
        uses = sum(by_month.values())
    for m in mentions:
        out.append(
            Assertion(m.code, used, uses=uses, by_month=dict(by_month), suppressed=suppressed,
                      reason=reason, evidence=ev, source=source)
        )  # fmt: skip


def _leading_except(
    text: str,
    norm: str,
    s: Sentence,
    ex: re.Match[str],
    ctx: tuple[int, int],
    out: list[Assertion],
) -> int | None:
    """ "With the exception of / apart from X, no flexibilities were used": the excepted part
    runs to the first comma; the rest is the statement it qualifies."""
    comma = norm.find(",", ex.end(), s.end)
    if comma < 0:
        return None
    tail_mentions = find_mentions(norm, ex.end(), comma, context=ctx)
    rest = (comma + 1, s.end)
    rest_mentions = find_mentions(norm, *rest, context=ctx)
    if not tail_mentions or rest_mentions or not GENERIC.search(norm, *rest):
        return None
    pol = polarity(norm, *rest, rest_mentions)
    if pol not in ("neg", "pos"):
        return None
    ev = (s.start, s.end)
    if pol == "neg":
        out.append(Assertion("*", False, evidence=ev, source="blanket"))
    reason = _reason(text, norm, s)
    _except_uses(norm, ex.end(), comma, tail_mentions, pol == "neg", reason, ev, out)
    return s.end


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
    if mentions:
        # "X (regulation ...): used in 21 cases" - the verdict follows the label's colon, and
        # words inside the label ("a person who is not a connected person") are not it
        colon = norm.rfind(": ", max(m.end for m in mentions), b)
        if colon >= 0 and not find_mentions(norm, colon, b, context=ctx):
            after = polarity(norm, colon + 1, b, [])
            if after in ("pos", "neg"):
                pol = after
    if not mentions:
        if pol == "neg" and GENERIC.search(norm, a, b) and not _NOT_ABOUT_USE.search(norm[a:b]):
            out.append(Assertion("*", False, evidence=ev, source="blanket"))
        elif pol == "neg" and pending and _CONTRAST.match(norm, a):
            out.extend(Assertion(m.code, False, evidence=ev) for m in pending)
        return []
    only = _only(norm, a, b, mentions)
    if only and pol in ("pos", None):
        out.append(Assertion("*", False, evidence=ev, source="blanket"))
        _except_uses(norm, a, b, mentions, True, _reason(text, norm, s), ev, out, source="only")
        return []
    contrast = _CONTRAST.match(norm, a) or _CONTRAST_BEFORE.search(norm[max(0, a - 12) : a])
    if pol is None and contrast and _ELLIPTIC.search(norm[a:b]):
        pol = "pos"  # "X was not used; however, Y was"
    by_month = month_counts(norm, a, b) if len(mentions) == 1 and pol != "neg" else {}
    if pol is None and any(by_month.values()):
        pol = "pos"  # "virtual visits: 14 in April, 22 in May" states uses
    if pol is None:
        return mentions
    if pol == "hyp":
        out.extend(Assertion(m.code, None, evidence=ev) for m in mentions)
        return mentions
    used = pol == "pos"
    suppressed = used and bool(_SUPPRESSED_COUNT.search(norm[a:b]))
    uses = _count(norm, a, b) if used and len(mentions) == 1 and not suppressed else None
    if by_month and not suppressed and (uses is None or not _TOTAL_WORD.search(norm[a:b])):
        uses = sum(by_month.values())
    reason = _reason(text, norm, s) if used else None
    for m in mentions:
        out.append(
            Assertion(m.code, used, uses=uses, by_month=dict(by_month) if used else {},
                      suppressed=suppressed, reason=reason, evidence=ev)
        )  # fmt: skip
    return []


_ELLIPTIC = linre.compile(r"\b(?:was|were|has|have|had|did|is|are)(?: been)?\W*$")
_CONTRAST_BEFORE = linre.compile(r"\b(?:but|however|although|whereas)\W*$")
#: a negative clause about information, records or Ofsted, not about using the flexibilities
_NOT_ABOUT_USE = linre.compile(
    r"\b(?:no|any|not) (?:further )?(?:information|data|details|records?|figures)\b|\bofsted\b"
    r"|\bnot (?:recorded|collated|held|captured|centrally)\b"
    r"|\bno (?:[a-z-]+ ){0,3}(?:for|of|about|on|regarding|to record) (?:the )?(?:use|usage)\b"
)
_TOTAL_WORD = linre.compile(r"\b(?:total|altogether|overall|in all)\b")
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
