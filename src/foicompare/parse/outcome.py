"""The authority's decision, in WhatDoTheyKnow's terms, per answer and overall.

``successful`` (all the information given), ``partially_successful`` (some given, some
withheld or not held), ``refused`` (nothing given, on a stated ground), ``not_held``
(the body holds none of it); ``None`` when the text shows no decision.

>>> classify_answer("This information is not held by the Council.")
'not_held'
>>> classify_answer("This is exempt under section 40(2).")
'refused'
>>> classify_answer("132 (19 of them agency staff)")
'successful'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from foicompare import linre
from foicompare.parse.layout import TABLE_ROW

NOT_HELD = linre.compile(
    r"\b(?:do|does|did) not (?:currently )?(?:hold|have|record|collect|keep|capture|report on)\b(?! any (?:children|young|cases|placements|staff|teams|carers))|"
    r"\b(?:is|are|was|were) not (?:held|recorded|collected|captured|available|kept)\b|"
    r"\bnot held\b|\bholds? no (?:recorded )?(?:information|data|records)\b|\bno (?:recorded )?(?:information|data|records?) (?:is|are|was|were)? ?held\b|"
    r"\bsection 17\s?\(1\)\s?\(b\)|\b(?:information|data|figures?|records?|details|breakdown|statistics)\b[^.\n]{0,30}?\b(?:is|are|was|were) (?:currently )?unavailable\b|\bnot available\b|\bcannot be broken down\b|\bnot (?:able|possible) to (?:identify|locate) any (?:recorded )?information",
    re.I,
)
REFUSED = linre.compile(
    r"\b(?:is|are|being|been|be) (?:exempt|withheld|refused)\b|\bexemption\b|\bexempt (?:from|under)\b|\bwithh(?:e|o)ld(?:ing)?\b|"
    r"\brefus(?:e|ed|al|ing)\b(?! to (?:conduct|carry out|undertake|hold) (?:an? |the )?(?:internal )?review)|"
    r"\bdeclin(?:e|ed|ing) to\b(?! (?:conduct|carry out|undertake|hold) (?:an? |the )?(?:internal )?review)|"
    r"\b(?:unable|not able)(?<!they are unable)(?<!they were unable)(?<!they are not able) to (?:provide|comply|process|release|disclose|supply|answer|respond)|"
    r"\b(?:exceed|above|over)(?:s|ed)? (?:the )?(?:appropriate|cost|18[- ]hour|£\d+) (?:limit|threshold)|"
    r"\bexceed(?:s|ed)? the (?:appropriate|cost) limit|\bdecided not to (?:disclose|release|provide)|"
    r"\bwill not be (?:disclosed|released|provided)|\bcannot (?:be )?(?:provide|disclose|release|supplie)d?\b|"
    r"\bnot (?:obliged|required) to comply\b|\blonger than the time allowed|\bexceed(?:s|ed)? the time (?:allowed|limit)|"
    r"\b(?:system|systems|records?|database) (?:do|does) not allow (?:us )?to (?:analyse|extract|report|identify|break|search)",
    re.I,
)
GIVEN = linre.compile(
    r"\bplease (?:see|find) (?:the |our )?(?:\w+ ){0,3}?(?:attached|enclosed|below|link)(?! a copy of your)|"
    r"\bI hope (?:that )?(?:this|the) information (?:is|will be|provided)|\bI trust (?:that )?(?:this|the) information|"
    r"\bpleased to (?:be able to )?provide|\b(?:I am|we are) (?:now )?(?:able|pleased) to provide|\bprovide below\b|"
    r"\bthe following (?:information|data|figures) (?:is|are) (?:available|provided|held)|"
    r"\bthere (?:were|are|was|is|have been|has been) (?:actually |currently |now )?(?:a total of |approximately |around )?\d|"
    r"\b(?:information|data|figures|details|answers?|responses?|numbers|statistics)\b[^.]{0,40}?"
    r"\b(?:is|are|has been|have been)\s+(?:listed|set out|shown|given|provided|detailed|tabled)\s+(?:below|above)\b|"
    r"\bthe (?:number|total)(?: of [\w ]{1,40}?)? (?:is|was|were) \d|\bresponds? as follows\b|"
    r"\bwe (?:can|are able to|have been able to) provide (?:the following|you with|some|the information)|"
    r"\bthe following information\b(?<!requested the following information)(?<!request the following information)"
    r"(?<!asked for the following information)(?<!requesting the following information)|"
    r"\b(?:we|the council|the authority) (?:did|do|does) not have any\b|\bthere (?:were|are|was|is|have been|has been) (?:no|none)\b|\bnil return|\battached\b|\b(?:is|are) as follows\b|"
    r"\bI can confirm\b|\bwe can confirm\b|\bprovided below\b|\bdetailed below\b|\bbeing released\b|"
    r"\b(?:is|are) (?:available|published) (?:on|at|via)\b|\bhttps?://|"
    r"\bthe (?:answer|figure|number|total) (?:is|was)(?=\s*(?:\d|£|nil\b|zero\b|none\b|yes\b|no\b|:))",
    re.I,
)
# a log page's outcome category ("Response (all information to be supplied)")
LOG_CATEGORY = linre.compile(
    r"(?:^|(?<=[:(\[\-–]))[ \t]*(?:\*\*)?[ \t]*(?:"
    r"(?P<all>all (?:of the )?information (?:to be |has been |was )?(?:supplied|provided|released|disclosed))|"
    r"\b(?P<some>some (?:of the )?information (?:to be |has been |was )?(?:supplied|provided|released|disclosed)|"
    r"(?:information )?partially (?:supplied|provided|released|disclosed))|"
    r"\b(?P<none>information not held|no information held)|"
    r"\b(?P<refused>(?:request|information) (?:refused|withheld|exempt)))",
    re.I | re.M,
)
_DATA = linre.compile(
    r"(?<![Ss]ection )(?<![Ss]\.)(?<!\()\b\d[\d,.%]*\b(?!\s?\()|\b(?:yes|no|none|nil|n/a)\b", re.I
)


def classify_answer(answer: str | None) -> str | None:
    """The outcome of one answer's text (None when no answer is given).

    >>> classify_answer("38 referrals. Out of hours data is exempt under section 12.")
    'partially_successful'
    """
    if not answer or not answer.strip():
        return None
    refused = bool(REFUSED.search(answer))
    not_held = bool(NOT_HELD.search(answer))
    if not refused and not not_held:
        return "successful"
    if _gave_some(answer):
        return "partially_successful"
    return "refused" if refused else "not_held"


_SENTENCE = linre.compile(r"(?<=[.!?;])\s+|\n+")
_EXPLAINING = linre.compile(
    r"\bwould\b|\bneed(?:ed)? to\b|\bhours?\b|\bfiles\b|\bcost|\bestimat|\blimit\b|\bsection\b|\bs\.?\d|"
    r"\bregulation\b|\bper cent of the\b|\bless than \d|\bfewer than \d|\bunder \d",
    re.I,
)


def _gave_some(answer: str) -> bool:
    """Whether an answer that also withholds or lacks something gives some data too."""
    for sentence in _SENTENCE.split(answer):
        if not sentence.strip() or REFUSED.search(sentence) or NOT_HELD.search(sentence):
            continue
        if _EXPLAINING.search(sentence) or linre.compile(r"^\s*(?:no|none)\b", re.I).match(
            sentence
        ):
            continue
        if _DATA.search(sentence) or GIVEN.search(sentence):
            return True
    return False


def combine(outcomes: Iterable[str | None]) -> str | None:
    """One outcome for several answers.

    >>> combine(["successful", "refused", "successful"])
    'partially_successful'
    >>> combine(["refused", "not_held"])
    'refused'
    """
    seen = {o for o in outcomes if o}
    if not seen:
        return None
    if len(seen) == 1:
        return seen.pop()
    if "successful" in seen or "partially_successful" in seen:
        return "partially_successful"
    return "refused"


def overall(
    decision_text: str,
    answer_outcomes: list[str | None],
    *,
    relied_on: bool,
    truncated: bool,
    cost_only: bool = False,
) -> str | None:
    """The document's outcome from its decisive text and its answers.

    ``relied_on`` says whether an exemption is relied on; ``truncated`` that the text
    stops before the decision ends, so a reply that so far gives everything may still
    withhold something further down.

    >>> overall("We do not hold the information you requested.", [], relied_on=False, truncated=False)
    'not_held'
    """
    category = LOG_CATEGORY.search(decision_text)
    if category:
        return {
            "all": "successful",
            "some": "partially_successful",
            "none": "not_held",
            "refused": "refused",
        }[category.lastgroup]
    if truncated and _SEVERAL_REQUESTS.search(decision_text):
        # one reply to several requests, cut off: this request's answer may not be visible
        return None
    from_answers = combine(answer_outcomes)
    if cost_only and not from_answers and not _part_only(decision_text):
        return "refused"  # section 12 applies to the request as a whole; advice to narrow it gives nothing
    refused = bool(REFUSED.search(decision_text))
    not_held = bool(NOT_HELD.search(decision_text))
    if from_answers:
        if from_answers == "successful" and (relied_on or refused or not_held):
            return "partially_successful"
        if from_answers == "successful" and truncated:
            return None
        return from_answers
    # pointers to published information offered with a refusal are advice, not disclosure
    gave = _gave(decision_text, beyond_advice=refused or relied_on)
    if (refused or relied_on) and _part_only(decision_text):
        return "partially_successful"
    if refused or relied_on:
        if not_held and not gave:
            return "refused"
        return "partially_successful" if gave and not _wholly_refused(decision_text) else "refused"
    if not_held:
        return "partially_successful" if gave else "not_held"
    if gave and (not truncated or _ALL_GIVEN.search(decision_text)):
        return "successful"
    return None


_WHOLE = linre.compile(
    r"\b(?:your|this|the) request (?:has been|is|was) (?:therefore )?refused|\bunable to (?:process|comply with) your request|"
    r"\bdecided not to disclose (?:this|the) information|\brefus(?:e|ing) (?:your|this|the) request|"
    r"\bdeclin(?:e|ing) to respond|\bthis (?:letter |email )?is a refusal notice|\brefusal notice (?:of|for) your request",
    re.I,
)


# a statement that the whole request is answered, which a cut-off excerpt does not undo
_ALL_GIVEN = linre.compile(
    r"\bprovide (?:you with )?(?:all )?(?:of )?the information (?:that )?you (?:require|requested|have requested|asked for|seek)",
    re.I,
)


def _wholly_refused(text: str) -> bool:
    return bool(_WHOLE.search(text))


# advice and assistance (s16 FOIA / s15 FOISA): pointers offered instead of the information
_ADVICE = linre.compile(
    r"\bfor\s+your\s+assistance\b|\bby\s+way\s+of\s+(?:advice\s+and\s+)?assistance\b|\b(?:may|might|could)\s+(?:find|be)\s+"
    r"(?:\w+\s+)?(?:helpful|useful|of\s+(?:some\s+)?(?:help|use|interest|assistance))|\byou\s+(?:may|might)\s+(?:wish|like|want)\s+to\b|"
    r"\badvice\s+and\s+assistance\b|\bsection\s+1[56]\b|\brather\s+than\s+(?:responding\s+with\s+)?a\s+(?:straight\s+|simple\s+|outright\s+)?refusal|"
    r"\b(?:already\s+|otherwise\s+)?(?:publicly|reasonably)\s+(?:available|accessible)\b",
    re.I,
)
# the closing paragraphs every reply carries: rights, re-use, publication, privacy
_BOILERPLATE = linre.compile(
    r"\binternal\s+review\b|\bInformation\s+Commissioner|\bico\.org\.uk|\bre-?use\b|\bcopyright\b|"
    r"\bdisclosure\s+log\b|\bprivacy\s+(?:notice|policy)|\bcomplain|\bright\s+to\s+(?:request|ask|appeal)",
    re.I,
)
# a refusal or withholding that covers only part of the request
_PART_ONLY = linre.compile(
    r"\b(?:one|some|certain|for|to|on)(?:\s+of\s+the)?\s+parts?\s+(?:\d+\s+|[a-z]\)\s+)?of\s+(?:the|your|this|his|her|their|that)\s+(?:original\s+)?request\b|"
    r"\bparts?\s+of\s+the\s+(?:requested\s+)?information\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:exempt|withheld|refused)",
    re.I,
)
# one reply to several separate requests ("our responses to each of the five requests")
_SEVERAL_REQUESTS = linre.compile(
    r"\b(?:each\s+of|all\s+of|to|both\s+of)\s+(?:the|your)\s+(?:\w+\s+)?(?:freedom\s+of\s+information\s+|foi\s+|information\s+)?requests\b",
    re.I,
)


def _gave(text: str, *, beyond_advice: bool = False) -> bool:
    """Whether the decision gives information: a disclosure cue or a table of figures.

    ``beyond_advice`` ignores cues in sentences offering advice and assistance (links to
    published figures, "you may find this helpful"), which accompany a refusal without
    giving any of the information requested.
    """
    if len(TABLE_ROW.findall(text)) >= 2:
        return True
    for sentence in _SENTENCE.split(text):
        if not GIVEN.search(sentence) or _BOILERPLATE.search(sentence):
            continue
        if not (beyond_advice and _ADVICE.search(sentence)):
            return True
    return False


def _part_only(text: str) -> bool:
    """Whether a refusal in ``text`` covers only part of the request (in the same sentence)."""
    return any(
        _PART_ONLY.search(sentence) and (REFUSED.search(sentence) or _GROUND.search(sentence))
        for sentence in _SENTENCE.split(text)
    )


_GROUND = linre.compile(r"\bexempt|\bsection\s+\d|\bcost\b|\blimit\b|\bwithh", re.I)
