"""Exemptions an authority relies on, as bare section numbers, with evidence.

A section counts when its sentence relies on it ("is exempt under section 40(2)",
"refused under s.12", "we are applying regulation 12(4)(b)") and not when it is
boilerplate: section 16 advice, section 17 notices, review and Commissioner rights,
re-use terms, or lists of "relevant statutory provisions". Sections of other Acts
("section 46 of the Children Act 1989") are not FOI exemptions.

>>> [e.section for e in find_exemptions("The information is exempt under s.40(2) of the FOIA.")]
['40']
>>> find_exemptions("Under Section 16 we offer advice and assistance.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from foicompare import linre

#: FOIA 2000 s12 (cost), s14 (vexatious) and Part II exemptions (ss21-44); FOISA 2002
#: s12, s14 and Part 2 (ss25-41) lie inside the same range.
_SECTIONS = {"12", "14", *(str(n) for n in range(21, 45)), "22A"}

# a list of cited sections: "section 40(2)", "s.43", "Sec 40", "sections 31, 33 and 43", and
# "sections 31(1)(a) (law enforcement), 38(1)(b) (health and safety)" (each with its heading)
_CITE = linre.compile(
    r"(?<![\w.'’])(?:sections?\s?|secs?\.?\s?|ss?\.\s?|ss?(?=\d)|ss?\s(?=\d))(?P<list>(?:(?:sections?\s?|s\.?\s?)?\d{1,2}A?(?:\s?\(\s?\d+[A-Z]?\s?\))?(?:\s?\([a-z]{1,4}\))*"
    r"(?:\s?\([A-Za-z][A-Za-z ,'’\-]{4,60}\))?(?:\s*(?:,|and|&|or|/)\s*)?)+)",
    re.I,
)
_ONE = linre.compile(
    r"(?P<n>\d{1,2}A?)(?P<sub>(?:\s?\(\s?\d+[A-Z]?\s?\))?(?:\s?\([a-z]{1,4}\))*)|\([^()]*\)", re.I
)
# a section number printed bare with its subsection, in a list of exemptions: "29(1)(b)", "30(c)"
_BARE = linre.compile(r"(?<![\w.,£$/’'\-])(?P<n>\d{1,2}A?)\s?\((?:\d+[A-Z]?|[a-z]{1,4})\)", re.I)
# what may stand before a bare section: the start of a (bulleted) line or a list's joint
_BARE_BEFORE = linre.compile(
    r"(?:^|\n)[ \t•*·▪●◦‣–—\-]*(?:\d+[.)][ \t]+)?$|(?:,|;|\band|\bor|&|/|\bexemptions?|\bsections?|\bunder)[ \t]*$",
    re.I,
)
# a line that opens a list of the exemptions relied on ("by virtue of the following exemptions:")
_LIST_INTRO = linre.compile(r"(?:[:;]|\bsections?|\bexemptions?(?:\s?\(s\))?)[ \t]*$", re.I)
_EXEMPT_WORD = linre.compile(r"\bexempt|\bexception|\bsections?\b", re.I)
_REG = linre.compile(
    r"(?<![\w.])(?:regulations?|regs?\.?|r\.)\s?(?P<n>12|13)\s?(?P<sub>(?:\(\s?\d\s?\)?)?(?:\s?\([a-z]\))?)",
    re.I,
)
# sentences that rely on the cited provision
_RELIANCE = linre.compile(
    r"\bexempt|\bexemption|\bexception|\bwithh[eo]ld|\brefus|\bdeclin|\bengag|\brel(?:y|ies|ied|ying) (?:up)?on|"
    r"\bappl(?:y|ies|ied|ying)\b|\binvok|\bexceed|\bappropriate limit|\bcost limit|\bnot (?:obliged|required) to|"
    r"\bunable to (?:provide|comply|process|release|disclose)|\bcannot (?:provide|comply|disclose|release)|"
    r"\bnot (?:be )?(?:provided|disclosed|released)|\bredact|\bunder the provisions of|\bunder s(?:ection|\.)?\s?\d|"
    r"\bcit(?:e|es|ed|ing)\b|\bneither confirm nor deny|\bby virtue of|\bin (?:line|accordance) with s(?:ection|\.)?\s?\d",
    re.I,
)
# sentences that only quote the Act (rights, notices, lists of provisions)
_BOILERPLATE = linre.compile(
    r"advice and assistance|\bto advise and assist|\bsection 1\s?\(1\)|general entitlement|"
    r"relevant statutory provisions|\bre-?use\b|\bcopyright|"
    r"\b(?:ask|request|apply|entitled|right) (?:for |to )?(?:an? )?(?:internal )?review|"
    r"\bif you are (?:unhappy|dissatisfied|not satisfied)|complain|\bappeal\b|\bsection 50\b|"
    r"\bsection 17\s?\(|refusal notice|\bFor (?:your )?information, the Act defines|"
    r"\bnumber of exemptions\b|\bif any of the exemption|"
    r"\bno longer (?:applies|apply|engaged|relied)\b|\b(?:is|are) not engaged\b|"
    r"\bfunctions of the (?:Scottish Information )?Commissioner\b|"
    r"\b(?:may|might|could) (?:also )?(?:apply|be (?:exempt|withheld|applied|relevant|engaged))\b",
    re.I,
)
_OTHER_ACT = linre.compile(
    r"^\s*(?:\([^)]{0,12}\)\s*)*(?:of\s+)?(?:the\s+)?(?P<act>(?:\d{4}\s+)?[A-Z][A-Za-z']*(?:\s+(?:and\s+)?[A-Z(][A-Za-z()']*){0,6})\s+Act\b"
)
_PIT = linre.compile(
    r"public interest test|public interest (?:in|of) (?:maintaining|withholding|disclos|releasing|favour)|"
    r"balance of (?:the )?public interest|qualified exemption|weigh(?:ed|ing)? the public interest|"
    r"public interest (?:arguments|factors|considerations)",
    re.I,
)
#: the most a sentence or a line reaches back (or forward) from a citation, in characters
_WINDOW = 1000
_SENTENCE_END = linre.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“‘])|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]))")


@dataclass(frozen=True, slots=True)
class Exemption:
    """One relied-on provision: bare section ("40", "reg12(4)(b)") and where it was cited."""

    section: str
    start: int
    end: int
    public_interest_test: bool = False
    subsection: str = ""


def sentence_bounds(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The sentence around ``pos`` (bounded by ``lo``/``hi``).

    >>> t = "First one. The second one here. Third."
    >>> a, b = sentence_bounds(t, 15)
    >>> t[a:b]
    'The second one here.'
    """
    hi = len(text) if hi is None else hi
    # with no break in the 600 characters before ``pos`` the sentence is cut at ``_WINDOW``
    # characters: a text without full stops (JSON lines, a pasted table) is not one sentence
    start = max(lo, pos - _WINDOW)
    for m in _SENTENCE_END.finditer(text, max(lo, pos - 600), pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos, min(hi, pos + 600))
    end = m.start() if m else min(hi, pos + 600)
    return start, end


def _other_act(after: str) -> str | None:
    m = _OTHER_ACT.match(after)
    if not m:
        return None
    act = m.group("act")
    if linre.compile(
        r"freedom of information|\bFOI|\bthe\s+Act$|^Act$|^this$|^above$", re.I
    ).search(act):
        return None
    return act


def find_exemptions(
    text: str,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    authority_voice: bool = False,
) -> list[Exemption]:
    """Relied-on sections within ``spans`` of ``text``, one per section, first citation kept.

    With ``authority_voice`` (for text not known to be the authority's), a citation counts only
    in a sentence that reads as the authority's: not a requester's ("please", "I would like",
    "if it is not possible ..."), and not a bare heading.

    >>> [e.section for e in find_exemptions("Refused under regulation 12(4)(b) of the EIR.")]
    ['reg12(4)(b)']
    >>> [e.section for e in find_exemptions("A s46(3)(f) Children Act 1989 referral was refused.")]
    []
    """
    spans = spans or [(0, len(text))]
    found: dict[str, Exemption] = {}
    for lo, hi in spans:
        for m in _CITE.finditer(text, lo, hi):
            for one in _ONE.finditer(m.group("list")):
                if one.group("n") is None:
                    continue  # a section's heading in brackets
                n = one.group("n").upper()
                if n == "18" and _FOISA_NEAR.match(text, m.end(), min(hi, m.end() + 60)):
                    pass  # FOISA s18: neither confirm nor deny (FOIA's s18 is no exemption)
                elif n not in _SECTIONS or n in found:
                    continue  # not an exemption, or already relied on (first citation kept)
                if n in found:
                    continue
                s = m.start("list") + one.start()
                e = m.start("list") + one.end()
                if n in ("12", "13") and _EIR_AFTER.match(text, m.end(), min(hi, m.end() + 80)):
                    n = _as_regulation(n, one.group("sub"))  # "section 12(4)(b) of the EIR"
                    if n is None or n in found:
                        continue
                if _relied(text, s, e, lo, hi, section=n, voice=authority_voice):
                    _add(found, text, n, s, e, lo, hi, one.group("sub"))
        for m in _BARE.finditer(text, lo, hi):
            n = m.group("n").upper()
            if n not in _SECTIONS or n in found or not _bare_section(text, m.start(), lo, hi):
                continue
            tail = _SUBS.match(text, m.end(), hi)
            if _EIR_AFTER.match(text, tail.end() if tail else m.end(), min(hi, m.end() + 80)):
                continue  # "section 12(4)(b) of the EIR": the regulation, read above
            if _relied(text, m.start(), m.end(), lo, hi, section=n, voice=authority_voice):
                _add(found, text, n, m.start(), m.end(), lo, hi, text[m.end("n") : m.end()])
        for m in _REG.finditer(text, lo, hi):
            sub = _reg_sub(m.group("sub"))
            if m.group("n") == "12" and not sub.startswith(("(4)", "(5)")):
                continue
            section = f"reg{m.group('n')}{sub if m.group('n') == '12' else ''}"
            if section not in found and _relied(
                text, m.start(), m.end(), lo, hi, section=section, voice=authority_voice
            ):
                _add(found, text, section, m.start(), m.end(), lo, hi, sub)
    return sorted(found.values(), key=lambda x: x.start)


_SUBS = linre.compile(r"(?:\s?\([0-9a-z]{1,4}\))*", re.I)
_FOISA_NEAR = linre.compile(
    r"[^.\n]{0,12}?(?:of\s+)?(?:the\s+)?(?:FOISA|Freedom of Information \(Scotland\))", re.I
)
_EIR_AFTER = linre.compile(
    r"\s*(?:of\s+)?(?:the\s+)?(?:Environmental Information (?:\(Scotland\) )?Regulations|EIRs?\b)",
    re.I,
)


def _as_regulation(n: str, sub: str) -> str | None:
    """A "section 12(4)(b)" that the text says is of the EIRs, as the regulation it is.

    >>> _as_regulation("12", "(4)(b)"), _as_regulation("13", ""), _as_regulation("12", "(1)")
    ('reg12(4)(b)', 'reg13', None)
    """
    if n == "13":
        return "reg13"
    sub = _reg_sub(sub)
    return f"reg12{sub}" if sub.startswith(("(4)", "(5)")) else None


def _reg_sub(sub: str) -> str:
    """A regulation's subdivision written the usual way: "( 4 ) (b)" and "(5(b)" give "(4)(b)".

    >>> _reg_sub("(5(b)"), _reg_sub("( 4 ) (b)"), _reg_sub("")
    ('(5)(b)', '(4)(b)', '')
    """
    return "".join(f"({p})" for p in linre.compile(r"\d+|[a-z]").findall(sub.lower()))


def _bare_section(text: str, pos: int, lo: int, hi: int) -> bool:
    """Whether a bare "29(1)(b)" at ``pos`` stands where a section is cited: in a list of
    sections or exemptions (after a joint such as ", and" or at the start of a list line),
    with the word section, exemption or exception in its sentence or in the list's opening
    line, and not as a regulation, an article or a clause of another instrument."""
    line_start = text.rfind("\n", max(lo, pos - 200), pos)
    before = text[max(lo, line_start if line_start >= 0 else pos - 200) : pos]
    if not _BARE_BEFORE.search(before):
        return False
    if linre.compile(
        r"(?:regulations?|regs?\.?|articles?|art\.|paragraphs?|para\.?|rules?|clauses?|schedules?)\s*(?:\d[\w()]*\s*(?:,|and|or)\s*)*$",
        re.I,
    ).search(text[max(lo, pos - 80) : pos]):
        return False
    a, b = sentence_bounds(text, pos, lo, hi)
    if _EXEMPT_WORD.search(text[a:b]):
        return True
    intro = _list_intro(text, pos, lo)
    return intro is not None and bool(_EXEMPT_WORD.search(text[intro[0] : intro[1]]))


def _list_intro(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """The line that opens the list holding ``pos`` ("... by virtue of the following
    exemptions:"), when ``pos`` is on a list line below it (at most eight lines down)."""
    end = text.rfind("\n", lo, pos)
    for _ in range(8):
        if end < lo or end < 0:
            return None
        start = text.rfind("\n", lo, end) + 1
        start = max(start, lo)
        line = text[start:end]
        stripped = line.strip(" \t•*·▪●◦‣–—-")
        if stripped and _LIST_INTRO.search(line.rstrip()):
            return start, end
        if stripped and not _LIST_LINE.match(stripped):
            return None  # a line of prose that opens no list
        end = start - 1
    return None


# a line of a list of sections: "29(1)(b) (Ministerial communications)", "Section 24(2) National Security"
_LIST_LINE = linre.compile(r"(?:sections?\s?|s\.?\s?)?\d{1,2}A?\s?(?:\(|\b)", re.I)


def _add(
    found: dict[str, Exemption], text: str, section: str, s: int, e: int, lo: int, hi: int, sub: str
) -> None:
    if section in found:
        return
    a, b = sentence_bounds(text, s, lo, hi)
    window = text[max(lo, a - 400) : min(hi, b + 600)]
    found[section] = Exemption(
        section,
        s,
        e,
        public_interest_test(window) is not None,
        linre.compile(r"\s").sub("", sub or ""),
    )


def _relied(
    text: str, s: int, e: int, lo: int, hi: int, *, section: str, voice: bool = False
) -> bool:
    a, b = sentence_bounds(text, s, lo, hi)
    sentence = text[a:b]
    if voice and _REQUESTER_VOICE.search(sentence):
        return False
    other = _other_act(text[e : e + 80])
    if other and not (section == "40" and linre.compile(r"data protection", re.I).search(other)):
        return False  # e.g. "section 38 Police and Criminal Evidence Act"
    if _BOILERPLATE.search(sentence) and not linre.compile(
        r"\b(?:is|are|being|been) (?:exempt|withheld|refused)|\bwe (?:have )?(?:applied|rel(?:y|ied))|"
        r"\bs(?:ection|\.)?\s?\d{1,2}(?:\(\w+\))*\s+(?:of (?:the )?(?:Act|FOIA|FOISA)\s+)?applies\b",
        re.I,
    ).search(sentence):
        return False
    if _RELIANCE.search(sentence):
        return True
    # a line of a list opened by "... by virtue of the following exemptions:"
    intro = _list_intro(text, s, lo)
    if intro:
        opening = text[slice(*sentence_bounds(text, intro[1] - 1, lo, hi))]
        if _RELIANCE.search(opening) and not _MAYBE.search(opening):
            return True
    # "The Council is declining to respond on cost grounds. Section 12 of the Act ..."
    pa, _ = sentence_bounds(text, max(lo, a - 2), lo, hi)
    if pa < a and _RELIANCE.search(text[pa:a]) and len(sentence) < 120:
        return True
    if voice:
        return False
    # a heading such as "Request for a Review – Refusal under Section 12" or "Section 40 – Personal data"
    a, b = _line(text, s, e, lo, hi)
    line = text[a:b]
    return bool(linre.compile(r"\brefus|\bexempt|\bwithh", re.I).search(line))


# a requester's sentence: asks, supposes or argues rather than decides
_REQUESTER_VOICE = linre.compile(
    r"\bplease\b|\bI (?:would|'d) like\b|\bI (?:am|was) (?:aware|writing to request)|\b(?:could|can|would) you\b|"
    r"\bif (?:it is )?(?:not )?possible\b|\bif possible\b|\byour section\b|\bmy (?:request|view)\b|\bI request\b|"
    r"\bargu(?:e|ment)|\bpresumed?\b|\bI (?:believe|think|feel|expect)\b|\bin the (?:unlikely )?event\b|\bsubject to\b|\bdoes not apply\b|\?",
    re.I,
)


def requester_voice(text: str, pos: int) -> bool:
    """Whether the sentence at ``pos`` reads as a requester's (asks, supposes or argues).

    >>> requester_voice("If possible within the section 12 cost limit, I would like the figures.", 20)
    True
    """
    return bool(_REQUESTER_VOICE.search(text[slice(*sentence_bounds(text, pos))]))


# a list of what might apply, not what does ("the following exemptions may apply:")
_MAYBE = linre.compile(r"\b(?:may|might|could|if)\b", re.I)


def _line(text: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
    """The line holding ``text[s:e]``, cut at ``_WINDOW`` characters either side.

    >>> t = "Intro\\nSection 40 - Personal data\\nMore"
    >>> a, b = _line(t, 6, 16, 0, len(t))
    >>> t[a:b]
    'Section 40 - Personal data'
    """
    floor = max(lo, s - _WINDOW)
    before = text.rfind("\n", floor, s)
    start = before + 1 if before >= 0 else (0 if floor == lo else floor)
    after = text.find("\n", e, e + _WINDOW)
    if after < 0:
        after = hi if e + _WINDOW >= len(text) else e + _WINDOW
    return start, after


_COST_REFUSAL = linre.compile(
    r"(?:exceed|above|over|more than|in excess of|beyond)[^.\n]{0,40}(?:appropriate|cost|fees?)[ \"”“'’]*(?:limit|level)|"
    r"(?:appropriate|cost|fees?)[ \"”“'’]*(?:limit|level)[^.\n]{0,40}(?:exceed|would be exceeded)|\bon (?:the )?(?:grounds? of cost|cost grounds)|"
    r"\bof cost grounds",
    re.I,
)
# the limit said to be exceeded, as a fact ("some exceeds appropriate limit", "would exceed")
_STATED = linre.compile(r"\bexceeds\b|\bexceeded\b|\b(?:would|will) (?:\w+ )?exceed", re.I)
_NOT_OVER = linre.compile(
    r"\b(?:not|n't|never|below|within|under)\b[^.]{0,30}(?:exceed|limit|level)", re.I
)
_REFUSING = linre.compile(
    r"\bunable to|\bcannot\b|\bnot able to|\bdeclin|\brefus|\bnot (?:obliged|required) to comply|\bwill not be (?:provid|process)|"
    r"\bnot (?:been )?(?:provided|supplied|released|disclosed)\b",
    re.I,
)


def cost_limit_refusal(
    text: str, spans: Sequence[tuple[int, int]] | None = None
) -> Exemption | None:
    """A refusal because compliance would exceed the cost limit, even where the section
    number is not printed: that is a section 12 refusal under FOIA and FOISA alike.

    >>> cost_limit_refusal("We are unable to process your request as the cost exceeds the appropriate limit.").section
    '12'
    """
    for lo, hi in spans or [(0, len(text))]:
        for m in _COST_REFUSAL.finditer(text, lo, hi):
            a, b = sentence_bounds(text, m.start(), lo, hi)
            pa, _ = sentence_bounds(text, max(lo, a - 2), lo, hi)
            window = text[pa:b]
            if linre.compile(
                r"\b(?:if|may|might|could)\b[^.]{0,60}\b(?:exceed|limit)", re.I
            ).search(window):
                continue
            stated = _STATED.search(m.group()) and not _NOT_OVER.search(text[a:b])
            if _REFUSING.search(window) or stated:
                return Exemption("12", m.start(), m.end(), False, "")
    return None


_PROVISIONS = linre.compile(
    r"Relevant statutory provisions\s*(?P<list>[^\n]*(?:\n(?!\s*\n)[^\n]*)*)", re.I
)
_PROVISION = linre.compile(
    r"(?:^|;|sections?)\s*(?P<n>\d{1,2})\s?(?:\(\d+\))?[^;]*?\((?P<desc>[A-Z][^()]*)\)"
)
_NOT_A_GROUND = linre.compile(
    r"general entitlement|effect of exemptions|notice|application|review|advice|interpretation|vexatious",
    re.I,
)


def provisions_cited(text: str) -> list[Exemption]:
    """Exemptions in an Information Commissioner decision's "Relevant statutory provisions" list.

    >>> t = "Relevant statutory provisions\\nFOISA sections 1(1) (General entitlement); 25(1) (Information otherwise accessible)"
    >>> [e.section for e in provisions_cited(t)]
    ['25']
    """
    m = _PROVISIONS.search(text)
    if not m:
        return []
    out = []
    base = m.start("list")
    for p in _PROVISION.finditer(m.group("list")):
        n = p.group("n")
        if n in _SECTIONS and n != "14" and not _NOT_A_GROUND.search(p.group("desc")):
            out.append(Exemption(n, base + p.start("n"), base + p.end("n")))
    stop = _PROVISIONS_END.search(text, m.end(), min(len(text), m.end() + 3000))
    regs = _eisr_provisions(
        text, m.start("list"), stop.start() if stop else min(len(text), m.end() + 3000)
    )
    if regs:
        # FOISA s39(2) beside the EIRs only sends the request to the EIRs: not a ground
        out = [e for e in out if e.section != "39"] + regs
    return out


# the Scottish EIRs in a decision's list of provisions, and their exceptions: regulation 10(4)
# and 10(5) (exceptions), 11(2) (personal data), e.g. "10(1), (2), (4)(a) and (5)(e) (Exceptions ...)"
_PROVISIONS_END = linre.compile(
    r"^[ \t]*(?:Background|Investigation|Commissioner.s analysis)\b", re.M
)
_EISR_LIST = linre.compile(r"Environmental Information \(Scotland\) Regulations[^\n]*", re.I)
_EISR_ITEM = linre.compile(
    r"(?:regulations?\s*|[;,]\s*)(?P<n>10|11)\s?(?P<subs>(?:\s*(?:,|and)?\s*\(\s?(?:\d|[a-z])\s?\))+)"
)
_SUB = linre.compile(r"\(\s?(?:(?P<num>\d)|(?P<letter>[a-z]))\s?\)")


def _eisr_provisions(text: str, lo: int, hi: int) -> list[Exemption]:
    """Regulations 10(4)/(5) and 11(2) listed among a decision's Scottish EIR provisions.

    >>> t = ("Relevant statutory provisions\\nThe Environmental Information (Scotland) Regulations 2004 "
    ...      "regulations 5(1) (Duty); 10(1), (2), (4)(a) and (e) (Exceptions); 11(2) (Personal data)")
    >>> [e.section for e in _eisr_provisions(t, 0, len(t))]
    ['reg10(4)(a)', 'reg10(4)(e)', 'reg11(2)']
    """
    out: list[Exemption] = []
    for block in _EISR_LIST.finditer(text, lo, hi):
        for item in _EISR_ITEM.finditer(text, block.start(), block.end()):
            reg, num = item.group("n"), ""
            for sub in _SUB.finditer(item.group("subs")):
                if sub.group("num"):
                    num = sub.group("num")
                    if reg == "11" and num == "2":
                        out.append(Exemption("reg11(2)", item.start("n"), item.end()))
                elif reg == "10" and num in ("4", "5"):
                    out.append(
                        Exemption(
                            f"reg10({num})({sub.group('letter')})", item.start("n"), item.end()
                        )
                    )
    return out


def public_interest_test(
    text: str, spans: Sequence[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """The span where the text says a public interest test was applied, or None.

    >>> public_interest_test("Section 22 is a qualified exemption subject to the public interest test.")
    (16, 35)
    """
    for lo, hi in spans or [(0, len(text))]:
        for m in _PIT.finditer(text, lo, hi):
            if not linre.compile(
                r"\bnot (?:subject to|required|necessary)|\babsolute exemption", re.I
            ).search(text[max(lo, m.start() - 60) : m.start()]):
                return m.start(), m.end()
    return None
