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
from foicompare.segment import TABLE_ROW

NOT_HELD = linre.compile(
    r"\b(?:do|does|did) not (?:currently )?(?:hold|have|record|collect|keep|capture|report on)\b(?! any (?:children|young|cases|placements|staff|teams|carers))|"
    r"\b(?:is|are|was|were) not (?:held|recorded|collected|captured|available|kept)\b(?! in (?:a|the|any|such a) (?:form|format|way|manner))|"
    r"\bnot held\b(?! in (?:a|the|any|such a) (?:form|format|way|manner))|\bholds? no (?:recorded )?(?:information|data|records)\b|\bno (?:recorded )?(?:information|data|records?) (?:is|are|was|were)? ?held\b|"
    r"\b(?:do|does|did) not (?:directly )?employ\b|\bno (?:category|field|data ?set|system|means|mechanism|facility) (?:to record|that (?:easily )?(?:enables|allows|records))|"
    r"\b(?:is|are) not (?:currently )?known\b|\bnot (?:centrally |routinely |currently )?(?:recorded|collated|captured)\b|"
    r"\b(?:your |this |the )?request (?:should|would need to|will need to|needs to) be (?:sent|directed|redirected|addressed|made|submitted|forwarded) to\b|"
    r"\bsection 17\s?\(1\)\s?\(b\)|\b(?:information|data|figures?|records?|details|breakdown|statistics)\b[^.\n]{0,30}?\b(?:is|are|was|were) (?:currently )?unavailable\b|\bnot available\b|\bcannot be broken down\b|\bnot (?:able|possible) to (?:identify|locate) any (?:recorded )?information",
    re.I,
)
REFUSED = linre.compile(
    r"\b(?:is|are|being|been|be) (?:exempt(?:ed)?|withheld|refused)\b|\bneither confirms? (?:n)?or deny\b|\bexempting\b|\bexemption\b|\bexempt (?:from|under)\b|\bwithh(?:e|o)ld(?:ing)?\b|"
    r"\brefus(?:e|ed|al|ing)\b(?! to (?:conduct|carry out|undertake|hold) (?:an? |the )?(?:internal )?review)|"
    r"\bdeclin(?:e|ed|ing) to\b(?! (?:conduct|carry out|undertake|hold) (?:an? |the )?(?:internal )?review)|"
    r"\b(?:unable|not able)(?<!they are unable)(?<!they were unable)(?<!they are not able) to (?:provide|comply|process|release|disclose|supply|answer|respond)|"
    r"\b(?:exceed|above|over)(?:s|ed)? (?:the )?(?:(?:appropriate|cost|time|18[- ]hour|£\d+) ){1,2}?(?:limit|threshold)|"
    r"\bexceed(?:s|ed)? the (?:appropriate|cost) limit|\bnot held in (?:a|the|any|such a) (?:form|format|way|manner)\b[^.]{0,200}?\blimit\b|\bdecided not to (?:disclose|release|provide)|"
    r"\bwill not be (?:disclosed|released|provided)|\b(?:cannot|can not) (?:be )?(?:provide|disclose|release|supplie)d?\b|"
    r"\bnot (?:obliged|required) to (?:comply|provide|disclose|release|supply)\b|\blonger than the time allowed|\bexceed(?:s|ed)? the time (?:allowed|limit)|"
    r"\b(?:system|systems|records?|database) (?:do|does) not allow (?:us )?to (?:analyse|extract|report|identify|break|search)|"
    r"\bnot (?:a )?valid (?:freedom of information |foi |information )?request\b|"
    r"\b(?:is|are) not (?:subject to|covered by) (?:the )?(?:FOIA|FOISA|EIRs?|Act|Freedom of Information)",
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
    r"(?P<all>all (?:of the )?information (?:to be |has been |was )?(?:supplied|provided|released|disclosed)|full (?:disclosure|release)\b)|"
    r"\b(?P<some>part(?:ial)? (?:disclosure|release)\b|some (?:of the )?information (?:to be |has been |was )?(?:supplied|provided|released|disclosed)|"
    r"(?:information )?partially (?:supplied|provided|released|disclosed)|"
    r"some (?:information )?(?:exceeds (?:the )?(?:appropriate|cost) limit|exempt|withheld|not held|refused))|"
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


def _sentences(text: str) -> list[str]:
    """``text`` split at spaces after ".!?;" and at line breaks.

    What ``re.split(r"(?<=[.!?;])\\s+|\\n+", text)`` gives, without a look-behind: a space run
    after ".!?;" is a break as a whole; elsewhere each run of line breaks inside it is one.

    >>> _sentences("Yes. 12 cases;  none\\n\\nheld  \\n x")
    ['Yes.', '12 cases;', 'none', 'held  ', ' x']
    """
    out: list[str] = []
    last = 0
    # one match per break, not per space: the punctuation is part of the match (no look-behind)
    for brk in _BREAK.finditer(text):
        s, e = brk.span()
        if text[s] in ".!?;":
            s += 1
        out.append(text[last:s])
        last = e
    out.append(text[last:])
    return out


_BREAK = linre.compile(r"[.!?;]\s+|\n+")


_EXPLAINING = linre.compile(
    r"\bwould\b|\bneed(?:ed)? to\b|\bhours?\b|\bfiles\b|\bcost|\bestimat|\blimit\b|\bsection\b|\bs\.?\d|"
    r"\bregulation\b|\bper cent of the\b|\bless than \d|\bfewer than \d|\bunder \d",
    re.I,
)


def _gave_some(answer: str) -> bool:
    """Whether an answer that also withholds or lacks something gives some data too."""
    for sentence in _sentences(answer):
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
        # section 12 applies to the request as a whole; advice to narrow it gives nothing, but
        # figures handed over all the same ("as a gesture of goodwill ... attached") are given
        if _handed_over(decision_text):
            return "partially_successful"
        return "refused"
    refused = bool(REFUSED.search(decision_text))
    not_held = bool(NOT_HELD.search(decision_text))
    if from_answers:
        if from_answers == "successful" and (relied_on or refused or not_held):
            return "partially_successful"
        if from_answers == "successful" and truncated and not _answers_visible(decision_text):
            return None
        return from_answers
    # pointers to published information offered with a refusal are advice, not disclosure
    gave = _gave(decision_text, beyond_advice=refused or relied_on or not_held)
    if (refused or relied_on) and _part_only(decision_text):
        return "partially_successful"
    if (refused or relied_on or not_held) and _GAVE_SOME.search(decision_text):
        return "partially_successful"  # "I enclose some of the information you requested"
    if refused or relied_on:
        if not_held and not gave:
            return "refused"
        return "partially_successful" if gave and not _wholly_refused(decision_text) else "refused"
    if not_held:
        return "partially_successful" if gave else "not_held"
    if gave and (
        not truncated or _ALL_GIVEN.search(decision_text) or _answers_visible(decision_text)
    ):
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


# a disclosure statement or answers with figures: what the labels call visible information
_DISCLOSED = linre.compile(
    r"\b(?:able|pleased|happy) to (?:provide|disclose|release|supply|share)\b|\bas attached\b|"
    r"\b(?<!not )decided to (?:disclose|release|provide|supply)\b|"
    r"\bplease (?:see|find) (?:the )?attached (?:the )?(?:information|data|spreadsheet|document|file|"
    r"table|figures|list|copy|details|records)\b",
    re.I,
)


# information handed over in so many words ("I have supplied information ... (see attached)")
_HANDED = linre.compile(
    r"\b(?:I|we) (?:have |are |am )?(?:now )?(?:supplied|provided|enclosed|attached|disclosed|released|included)\b|"
    r"\b(?:is|are|has been|have been) (?:supplied|provided|enclosed|attached|disclosed|released)\b",
    re.I,
)


def _handed_over(text: str) -> bool:
    """Whether a refusal still hands over some information: figures in a table or a list, or
    a sentence saying it was supplied (not advice, not a pointer to published pages)."""
    if len(TABLE_ROW.findall(text)) >= 2 or _answer_lines(text) >= 2:
        return True
    for sentence in _sentences(text):
        if not _HANDED.search(sentence) or _BOILERPLATE.search(sentence):
            continue
        if _NOT_GIVING.search(sentence) or _ASKING.search(sentence) or _ADVICE.search(sentence):
            continue
        if REFUSED.search(sentence) or _ESTIMATING.search(sentence):
            continue
        return True
    return False


def _answers_visible(text: str) -> bool:
    """Whether a cut-off reply says it discloses the information ("I am able to disclose the
    information as attached"), so what is cut off is the disclosure itself."""
    return bool(_DISCLOSED.search(text))


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
    r"\bdisclosure\s+log\b|\bprivacy\s+(?:notice|policy)|\bcomplain|\bright\s+to\s+(?:request|ask|appeal)|"
    r"\blegislation\.gov\.uk\b|\bview\s+(?:the\s+)?(?:section|regulation|act)\b",
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


# a sentence that works out a cost estimate: its figures count records or hours, not answers
_ESTIMATING = linre.compile(
    r"\bwould (?:need|take|require|have to|involve|mean)\b|\bestimat|\b(?:hours?|minutes?)\b", re.I
)


def _gave(text: str, *, beyond_advice: bool = False) -> bool:
    """Whether the decision gives information: a disclosure cue or a table of figures.

    ``beyond_advice`` ignores cues in sentences offering advice and assistance (links to
    published figures, "you may find this helpful"), which accompany a refusal without
    giving any of the information requested.
    """
    if len(TABLE_ROW.findall(text)) >= 2 or _answer_lines(text) >= 2:
        return True
    for sentence in _sentences(text):
        cue = GIVEN.search(sentence)
        if not cue or _BOILERPLATE.search(sentence):
            continue
        if _NOT_GIVING.search(sentence) or _ASKING.search(sentence) or _RESTATED.search(sentence):
            continue  # "I can confirm that we hold ...", "please find below our response", the request
        if NOT_HELD.search(sentence) and not REFUSED.search(sentence):
            continue  # "there is no record held": a statement that nothing is held
        if beyond_advice and (_ADVICE.search(sentence) or cue.group().lower().startswith("http")):
            continue  # with a refusal, a link points to what is published elsewhere
        if beyond_advice and _ESTIMATING.search(sentence):
            continue  # "there are 129 records which would need to be checked": the cost estimate
        return True
    return False


# the requester's words restated inside a reply ("please provide me with the following information")
_ASKING = linre.compile(
    r"\bplease (?:provide|confirm|supply|send|give|list|tell|advise|state|include)\b|"
    r"\bI (?:am|was) (?:seeking|requesting|asking)\b|\bI would (?:like|be grateful)\b|\b(?:could|can|would) you\b",
    re.I,
)


# the request restated in the reply's second person ("you seek access to the following information")
_RESTATED = linre.compile(
    r"\byou (?:have )?(?:seek|sought|requested|asked for|are seeking|were seeking)\s+(?:access to|the following|"
    r"information (?:about|on|in relation to|regarding|relating to|concerning)|details of|copies of|a copy of)|"
    r"\byour (?:original )?request (?:is|was) (?:attached|copied|reproduced|set out|as follows|below)\b|"
    r"\b(?:request|requests|requested|asked|asking|seeking)\b[^.\n]{0,60}\bfor the following information\b",
    re.I,
)


def asks(text: str) -> bool:
    """Whether ``text`` is in the requester's words ("please provide", "could you").

    >>> asks("Please provide the number of staff."), asks("We do not hold this.")
    (True, False)
    """
    return bool(_ASKING.search(text))


# a listed answer: an enumerated line ("c) 28 days", "1. No") or "<what> - <figure>"
_LISTED = linre.compile(
    r"^[ \t]*(?:\(?(?:\d{1,2}|[a-h]|[ivx]{1,4}|[IVX]{1,4})[.)]|[-•*])[ \t]+(?P<item>[^\n]{1,200})$|"
    r"^[ \t]*(?P<pair>[A-Za-z0-9][^\n]{3,150}?[ \t][-–:][ \t]*\d[^\n]{0,40})$",
    re.M,
)
_QUESTION_START = linre.compile(
    r"^\W*(?:how|what|which|when|where|who|whether|why|is|are|was|were|do|does|did|can|could|"
    r"would|will|have|has|please|provide|list|give|details? of|confirm|a (?:copy|list|breakdown)|"
    r"the (?:number|total|amount|names?|cost) of)\b",
    re.I,
)
_FIGURE_OR_YES = linre.compile(r"\d|^\W*(?:yes|no|none|nil|n/a|zero)\b", re.I)
_DATES = linre.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:19|20)\d\d(?:[/-]\d{2,4})?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)
_NOT_ANSWER = linre.compile(
    r"\b(?:ref(?:erence)?|date|tel|telephone|phone|fax|e-?mail|www|section|regulation|act \d{4})\b|@",
    re.I,
)


def _answer_lines(text: str) -> int:
    """How many lines of ``text`` read as listed answers: an enumerated line or a "<what> -
    <figure>" line that gives a figure or a yes/no, not a question restated."""
    n = 0
    for m in _LISTED.finditer(text):
        body = m.group("item") or m.group("pair") or ""
        if "?" in body or _NOT_ANSWER.search(body):
            continue
        if m.group("item") is not None and _QUESTION_START.search(body):
            continue
        if _FIGURE_OR_YES.search(_DATES.sub(" ", body)):
            n += 1
    return n


# sentences that carry a disclosure cue but give nothing: a confirmation that information is
# held, a pointer to the response that follows, a statement of what the law requires
_NOT_GIVING = linre.compile(
    r"\bconfirm\b[^.\n]{0,80}\b(?:hold|holds|held|meets this description)\b"
    r"(?![^.\n]{0,60}\b(?:below|attached|enclosed|follows|outlined|set out)\b)[^.\n]{0,60}\.?\s*$|"
    r"\bconfirm\b[^.\n]{0,80}\b(?:hold|holds|held)\b[^.\n]{0,60}\b(?:however|but)\b|"
    r"\bplease (?:see|find) (?:below|attached|enclosed) (?:the |our |my )?(?:response|reply|decision|answers?)\b|"
    r"\b(?:see|find|attach|enclose)\b[^.\n]{0,30}?\b(?:response|reply|decision|letter)\b[^.\n]{0,40}?\b(?:attached|enclosed)\b|"
    r"\b(?:response|reply|decision|letter)\b[^.\n]{0,40}?\b(?:is|are) (?:attached|enclosed)\b|"
    r"\b(?:requirements?|obliged|obligation|required) (?:for|to|of)\b|\bcannot be (?:disclosed|provided|released)",
    re.I,
)


# a refusal stated of the request as a whole, even where it speaks of parts
_WHOLE_OF_IT = linre.compile(
    r"\b(?:whole|entire|all|entirety) (?:of )?(?:the |your |this )?(?:request|requests) (?:is|are|was|were|has been|have been) "
    r"(?:therefore |thus )?(?:exempt|refused|withheld)\b",
    re.I,
)


def _part_only(text: str) -> bool:
    """Whether a refusal in ``text`` covers only part of the request (in the same sentence).

    >>> _part_only("The council disclosed some of the information but withheld the remainder.")
    True
    >>> _part_only("The request was refused under section 14.")
    False
    """
    for sentence in _sentences(text):
        if _WHOLE_OF_IT.search(sentence):
            continue  # "if one part exceeds the limit, the whole request is refused"
        part = _PART_ONLY.search(sentence) or _THIS_PART.search(sentence)
        if part and (REFUSED.search(sentence) or _GROUND.search(sentence)):
            return True
        if _SOME_GIVEN.search(sentence) and (
            REFUSED.search(sentence) or _GROUND.search(sentence) or NOT_HELD.search(sentence)
        ):
            return True
    return False


def some_given(text: str) -> bool:
    """Whether ``text`` says that some (not all) of the information was given.

    >>> some_given("The Council provided some information, but not the minutes.")
    True
    """
    return bool(_SOME_GIVEN.search(text))


# a statement of giving part of what was asked
_GAVE_SOME = linre.compile(
    r"\b(?:provided|disclosed|released|supplied|enclosed?|attached|provide|disclose|release|supply)\b[^.\n]{0,40}"
    r"\bsome (?:of )?(?:the |this |your )?(?:requested )?(?:information|data|documents?|records|figures)\b|"
    r"\bsome (?:of )?(?:the |this )?(?:requested )?information\b[^.\n]{0,40}\b(?:is|are|has been|have been) "
    r"(?:provided|disclosed|released|enclosed|attached)",
    re.I,
)


# "this part of your request", "the remaining parts of the request"
_THIS_PART = linre.compile(
    r"\b(?:this|that|each|other|remaining)\s+parts?\s+(?:of\s+)?(?:the|your|this)\s+(?:original\s+)?request",
    re.I,
)


# some information given and some not, in one sentence ("disclosed some ... withheld the rest")
_SOME_GIVEN = linre.compile(
    r"\b(?:provided|disclosed|released|supplied|gave|given|answered|enclosed?|attached)\b[^.\n]{0,60}\bsome\b"
    r"|\bsome (?:of the |of this |of its )?(?:requested )?information\b[^.\n]{0,60}\b(?:provided|disclosed|released|supplied|given)\b"
    r"|\b(?:the )?(?:remainder|remaining (?:information|parts?|requests?|questions?)|rest of (?:the|your) (?:information|request))\b"
    r"|\bwithh(?:e|o)ld(?:ing)? (?:some|part|parts|certain|other)\b|\b(?:partial|partly|partially) (?:disclos|withh|refus|releas|provid|upheld|exempt)"
    r"|\bin part\b|\bredact(?:ed|ion|ions)?\b|\bwith the exception of\b",
    re.I,
)


_GROUND = linre.compile(r"\bexempt|\bsection\s+\d|\bcost\b|\blimit\b|\bwithh", re.I)


# --- a Commissioner's (ICO, Scottish Commissioner) or tribunal's decision on a complaint ---
# Such a notice tells, in the third person, what the authority decided ("The Council withheld
# the information"), then what the Commissioner found ("The Commissioner found that the Council
# was not entitled to ..."). The labels take the authority's own, final position.

# a sentence giving the Commissioner's (or a tribunal's) findings or orders, not the body's
# decision: it opens with the Commissioner, or has the Commissioner find, or judges the handling
_FINDING = linre.compile(
    r"^\W*(?:however\W+)?(?:(?:following|after|as part of|in the course of|at the end of|during)\s+(?:an?|the|his|her|this)\s+"
    r"(?:commissioner(?:'s|’s|s)?\s+)?investigation\s*,?\s*)?"
    r"(?:the\s+(?:scottish\s+)?(?:information\s+)?commissioner(?:'s|’s|s)?\b(?!\s+for\b)|(?:he|she)\b|the\s+(?:first[- ]tier\s+)?tribunal\b|"
    r"the\s+appeal\b|this\s+(?:decision\s+)?notice\b|in\s+(?:this|the)\s+(?:decision|notice)\b)|"
    r"\b(?:the commissioner|he|she)\s+(?:has\s+|had\s+|also\s+|therefore\s+)?(?:considers?|considered|finds|found|is satisfied|was satisfied|"
    r"accepts?|accepted|conclude[sd]|decided|agree[sd]|notes|noted|require[sd]|ordered)\b|"
    r"\b(?:correctly|incorrectly|wrongly|rightly|(?:not )?entitled to|should (?:\w+ )?have)\b|"
    r"\b(?:has|have|had) breached\b|\bin breach of\b|\bbreach(?:ed|es)? (?:of )?(?:section|regulation|the requirement)|"
    r"\b(?:must|shall|(?:is|are) (?:therefore )?required to)\s+(?:now\s+)?(?:disclose|release|provide|issue|take|respond|reconsider|confirm)\b",
    re.I,
)
# the requester's part: the request, the review asked for, the application to the Commissioner
_ASKED = linre.compile(
    r"\b(?:asked|requested|request(?:ing)?\s+(?:information|a copy|details|copies)|wrote to|made (?:a|an|the|two|three|several) [^.]{0,40}requests?|"
    r"applied (?:to|for)|remained (?:dis|un)satisfied|was dissatisfied|sought|complained|contested)\b",
    re.I,
)
_BODY_ACTS = linre.compile(
    r"\b(?:withh[eo]ld(?:ing)?|refus(?:ed|ing)|disclos(?:ed|ing)|provid(?:ed|ing)|releas(?:ed|ing)|suppl(?:ied|ying)|answered|"
    r"responded|gave|informed|told|notified|stated|said|advised|confirmed|claimed|considered|relied|applied|cited|"
    r"explained|indicated|failed to (?:respond|reply))\b|\bnot hold\b|\bexempt",
    re.I,
)
# an earlier position the text says was replaced ("initially withheld ..., but later ...")
_INITIALLY = linre.compile(
    r"\b(?:initially|originally|at first|first (?:said|stated|told|responded|withheld|refused))\b",
    re.I,
)
_TURN = linre.compile(
    r"\b(?:but|however|later|subsequently|then|following (?:a|an|the|its) (?:internal )?review|on review|during the investigation)\b",
    re.I,
)
# given, in the third person ("The Council disclosed some information"); not a notice or a
# reply sent ("provided its refusal notice"), nor a description ("information provided in confidence")
_NOTICE_GAVE = linre.compile(
    r"\b(?:disclos(?:ed|ing)|provid(?:ed|ing)|releas(?:ed|ing)|suppl(?:ied|ying)|gave|giving|answer(?:ed|ing)|published)\b"
    r"(?!\s+(?:in confidence|by|for|under|to (?:the|it|them)\b|(?:its|a|an|the|their|his|her)\s+(?:\w+\s+)?(?:refusal|response|notice|reply|review|decision|reasons)\b))|"
    r"\bresponded to (?:most|some|parts?|the majority|part)\b",
    re.I,
)
_NOTICE_NOT_GIVING = linre.compile(
    r"(?:\bnot|n[’']t|\bfailed to|\brefused to|\bdeclined to|\bwithout|\bno longer|\bpreviously|\bto be|\bbe|\bbeen|"
    r"\brequired (?:it|the \w+) to|\bnever)\W+(?:\w+\W+){0,2}$",
    re.I,
)
# refusal grounds named in a notice, beyond the letter's refusal wording
_NOTICE_REFUSED = linre.compile(
    r"\bmanifestly unreasonable\b|\b(?:requests?|requester)\b[^.]{0,40}\bvexatious\b|\bvexatious (?:requests?|requester)\b|"
    r"\bexcepted\b|\brepeated request\b|\bcost (?:threshold|limit)\b|\bsubject to (?:the|an) (?:exception|exemption)s?\b|"
    r"\b(?:on|via) (?:its|their|the \w+(?:'s|’s)?) website\b|\b(?:publicly|reasonably|otherwise) (?:available|accessible)\b|"
    r"\b(?:rel(?:y|ied|ying)|relying) (?:up)?on\b[^.]{0,60}(?:\bsection|\bregulation|\bexemptions?|\bexceptions?|\bs\s?\d)|"
    r"\b(?:appl(?:y|ied|ying)|cit(?:ed|ing))\b[^.]{0,30}(?:\bsection|\bregulation|\bexemptions?|\bexceptions?|\bs\s?\d)",
    re.I,
)
# the withholding covers only part of the request ("withheld some", "applied section 40 to some")
_PART_WITHHELD = linre.compile(
    r"\b(?:withh[eo]ld(?:ing)?|refus(?:ed|ing)|applied\b[^.]{0,60}?\bto|exempt(?:ed)?|redact(?:ed|ing))\s+(?:\w+\s+){0,2}?"
    r"(?:some|part|parts|certain|remainder|remaining|outstanding|rest)\b|\b(?:some|parts?|certain) (?:of )?(?:the )?(?:information|of it|of them|of the request)\b"
    r"[^.]{0,30}\b(?:withheld|exempt|refused|redacted)\b|\b(?:partially|partly|in part)\b",
    re.I,
)
# the disclosure covers only part ("provided some information", "answered parts of the request")
_SOME_PART = linre.compile(r"\b(?:some|parts?|most|certain|majority)\b", re.I)
_NOTICE_BREAK = linre.compile(
    r"[.!?]+(?:\s+|(?=[A-Z]))|\n[ \t]*\n(?=[ \t]*[•*\-A-Z])|\n[ \t]*[•*][ \t]*"
)
# the orders that follow the findings ("required the Council to disclose ...")
_ORDERS = linre.compile(r"\b(?:requir(?:e|es|ed)|order(?:s|ed)?|must|should)\b", re.I)


def _notice_sentences(summary: str) -> list[str]:
    """``summary`` in sentences: a line break ends one only after a short line (a heading)."""
    out: list[str] = []
    last = 0
    for brk in _NOTICE_BREAK.finditer(summary):
        piece = summary[last : brk.start() + (1 if summary[brk.start()] in ".!?" else 0)]
        if brk.group().startswith("\n") and not brk.group().lstrip().startswith(("•", "*")):
            line = piece.rstrip().rsplit("\n", 1)[-1]
            if len(line.strip()) > 60 and not line.rstrip().endswith((".", ":", "!", "?")):
                continue  # a sentence wrapped over blank lines (double-spaced PDF text)
        out.append(" ".join(piece.split()))
        last = brk.end()
    out.append(" ".join(summary[last:].split()))
    return [s for s in out if s]


def notice_parts(summary: str) -> tuple[list[str], list[str]]:
    """``(the body's sentences, the Commissioner's sentences)`` of a notice's summary; the
    requester's sentences (the request, the complaint) are left out, and a position the text
    says was later replaced ("initially ..., but during the investigation ...") too.

    >>> notice_parts("The Applicant asked the Authority for reports. The Authority withheld "
    ...     "them. The Commissioner found that it was entitled to do so.")
    (['The Authority withheld them.'], ['The Commissioner found that it was entitled to do so.'])
    """
    body: list[str] = []
    findings: list[str] = []
    for sentence in _notice_sentences(summary):
        if _FINDING.search(sentence):
            findings.append(sentence)
        elif _ASKED.search(sentence) and not _BODY_ACTS.search(_ASKED.sub(" ", sentence)):
            continue
        else:
            body.append(sentence)
    final: list[str] = []
    for i, sentence in enumerate(body):
        first = _INITIALLY.search(sentence)
        if first:
            turn = _TURN.search(sentence, first.end())
            if turn:
                sentence = sentence[turn.start() :]
            elif any(_decides(s) for s in body[i + 1 :]):
                continue
        final.append(sentence)
    return final, findings


def _decides(text: str) -> bool:
    return bool(
        REFUSED.search(text)
        or NOT_HELD.search(text)
        or _NOTICE_REFUSED.search(text)
        or _gives(text)
    )


def _gives(text: str) -> bool:
    for m in _NOTICE_GAVE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _NOTICE_NOT_GIVING.search(before):
            continue
        if m.group().lower().endswith("ing") and _OF_DOING.search(before):
            continue  # "the public interest in disclosing the information": a finding's words
        return True
    return False


_OF_DOING = linre.compile(r"\b(?:in|of|for|on|about|to|against)\s+$", re.I)


def _third_person(sentences: list[str]) -> str | None:
    """The outcome of a body's decision told in the third person (None when none is told)."""
    gave = [s for s in sentences if _gives(s)]
    withheld = [s for s in sentences if REFUSED.search(s) or _NOTICE_REFUSED.search(s)]
    not_held = any(NOT_HELD.search(s) for s in sentences)
    if gave and (withheld or not_held):
        return "partially_successful"
    if gave:
        return "partially_successful" if any(_SOME_PART.search(s) for s in gave) else "successful"
    if withheld:
        part = any(_PART_WITHHELD.search(s) for s in withheld)
        return "partially_successful" if part and not not_held else "refused"
    if not_held:
        return "not_held"
    return None


def notice_outcome(summary: str) -> str | None:
    """The body's final decision as a Commissioner's notice reports it (None when the summary
    tells none).

    >>> notice_outcome("The Applicant asked the Authority for reports. The Authority initially "
    ...     "withheld the reports, but during the investigation it said it did not hold them. "
    ...     "The Commissioner found that it did not hold them.")
    'not_held'
    >>> notice_outcome("The complainant requested a report. The Commissioner's decision is that "
    ...     "the council was entitled to withhold it under section 43(2).")
    'refused'
    """
    body, findings = notice_parts(summary)
    found = _third_person(body)
    if found is None:
        found = _third_person([s for s in findings if not _ORDERS.search(s)])
    return found


# a review's own conclusion ("I uphold the original decision", "the decision is overturned")
_REVIEW_CONCLUDED = linre.compile(
    r"\b(?:I|we) (?:have )?(?:decided to )?(?:uphold|upheld|overturn|partially uphold|am (?:satisfied|content)|"
    r"consider that the (?:original )?(?:response|decision))|"
    r"\b(?:decision|response|original decision) (?:is|was|should be|has been) (?:upheld|overturned|revised|varied|reversed|correct)|"
    r"\b(?:upheld|not upheld|partially upheld|overturned)\b",
    re.I,
)


def review_concluded(text: str) -> bool:
    """Whether an internal review states its own conclusion; one cut off before it only
    restates the original decision, and its outcome is not visible.

    >>> review_concluded("Having reviewed the handling of your request, I uphold the decision.")
    True
    >>> review_concluded("The original response said the information was exempt under")
    False
    """
    return bool(_REVIEW_CONCLUDED.search(text))
