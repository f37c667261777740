"""What kind of document an authority's message is.

``response``, ``internal_review``, ``acknowledgement``, ``clarification``, ``request``
(only the request is visible) or ``other`` (e.g. an Information Commissioner decision).

>>> message_kind("Thank you for your request. We will respond within 20 working days.")
'acknowledgement'
>>> message_kind("Having reviewed the handling of your request, I uphold the decision.")
'internal_review'
"""

from __future__ import annotations

import re

from foicompare import linre
from foicompare.segment import REVIEW_RESULT

COMMISSIONER_DECISION = linre.compile(
    r"^\s*(?:Home\s+Decisions\s+)?Decision(?: Notice)?\s+\d{3}/\d{4}|\bDecision notice\b[\s\S]{0,400}\bReference:\s*(?:FS|IC-)|"
    r"\bThe Commissioner (?:investigated|found|finds|agreed|decided)\b|\bthe Applicant (?:made|asked|wrote)\b",
    re.I | re.M,
)
_REVIEW = linre.compile(
    r"\brequest for (?:an? )?(?:internal )?review\b(?![^.\n]{0,60}\bshould be)|\binternal review (?:of|into|decision|outcome|response)\b|"
    r"\bhaving (?:now )?(?:reviewed|considered your (?:request for|complaint))|\b(?:outcome|result) of (?:the|my|our) (?:internal )?review\b|"
    r"\bI have (?:now )?(?:completed|carried out|conducted|undertaken) (?:an?|the|my)(?: full| formal| thorough| independent)? (?:internal )?review\b|"
    r"\b(?:I|we) (?:have decided to )?(?:uphold|upheld|overturn)|"
    r"\bhave (?:now )?(?:reviewed|reconsidered|re-examined) (?:the handling of your request|our (?:original )?(?:response|decision))|\bmy determination\b|\breview (?:panel|officer) has\b|"
    r"\b(?:seeking|sought|requested|asked (?:us|me) (?:for|to)) (?:an? )?(?:internal )?review\b|\bappeal panel\b|"
    r"\breview (?:the|our) (?:original )?(?:response|decision|handling)\b|\bI have (?:now )?reviewed\b",
    re.I,
)
_ACK = linre.compile(
    r"\b(?:acknowledge|acknowledging) (?:receipt of )?your (?:request|e-?mail|letter)|\bwe (?:will|shall|aim to) (?:respond|reply|provide|send)|"
    r"\byou (?:will|should) receive (?:a response|the information|a reply)|\breply will be sent\b|"
    r"\b(?:passed|forwarded|referred)(?: on)? (?:your request )?to (?:the|a|an|our) (?:relevant|appropriate|departmental|service)|"
    r"\b(?:may|can|will|could) take up to (?:20|twenty) working days|\bendeavour to respond\b|\bbeing (?:considered|processed|dealt with)\b|"
    r"\bhas been (?:logged|received|allocated)\b|\bwithin (?:the )?(?:statutory )?(?:timescale|20 working days)|"
    r"\b(?:aims?|seek|intend|endeavour|expect)s? to (?:provide|answer|respond|reply|send|receive)\b|\b(?:20|twenty) working days\b|"
    r"\backnowledge(?:ment of| receipt)\b|\bact as (?:an )?acknowledge?ment\b|\bwill be (?:processed|dealt with|handled|considered)\b|"
    r"\b(?:are|is) (?:now )?(?:dealing with|processing|handling|considering) your (?:request|e-?mail|enquiry)|"
    r"\b(?:acknowledge|acknowledging) (?:receipt of )?your (?:enquiry|correspondence|application|freedom of information)|"
    r"\backnowledge?ment\b|\ballocated\b[^.]{0,30}\breference\b|\b(?:reply|response) (?:to be|will be) (?:sent|provided)\b|"
    r"\bconfirm(?:ing)? (?:the )?receipt\b|\bwill (?:be )?(?:assigned|allocated) to\b|\bwill (?:contact|respond to|reply to) you (?:in due course|shortly|as soon as)",
    re.I,
)
_CLARIFY = linre.compile(
    r"\bclarification (?:sought|requested|is required|needed)|\b(?:please|could you|can you) (?:clarify|confirm what|be more specific)|"
    r"\bseek(?:ing)? clarification|\bneed(?:s)? (?:some )?clarification|\bask(?:ed)? (?:you )?(?:for|to provide) clarification|"
    r"\brefine your request|\bneed (?:you|further information from you) to (?:clarify|confirm|specify)|"
    r"\bbefore we can (?:respond|proceed|process|deal with)\b[^.]{0,60}\b(?:clarif|confirm|specify)",
    re.I,
)
_DECISION = linre.compile(
    r"\bplease (?:see|find) (?:the |our )?(?:attached|enclosed|below|response|information)|\bour response\b|"
    r"\bI can confirm\b|\bwe can confirm\b|\bthe information (?:you (?:have )?requested|requested) is\b|"
    r"\b(?:do|does|did) not hold\b|\bexempt\b|\brefus|\bwithheld\b|\bresponse is as follows\b|\bin response to your\b|"
    r"\bI (?:am|have been) (?:now )?(?:able|unable) to\b|\bwe are (?:unable|able|pleased) to\b|\bregret\b|"
    r"\bhere (?:is|are) the\b|\bdecision\b",
    re.I,
)


_STRONG_DECISION = linre.compile(
    r"\bplease (?:see|find) (?:the |our )?(?:attached|enclosed|below|response|information)|"
    r"\bplease (?:see|find) (?:the |our )?(?:[\w-]+ ){1,3}?(?:attached|enclosed)\b|\bour response\b(?! (?:will|shall|is being|to follow))|"
    r"\b(?:I|we) can confirm\b(?! (?:that )?(?:we|the \w+|your request) (?:are|is|has|have) (?:now )?(?:dealing|received|been received|being|logged))|\b(?:do|does|did) not hold\b|(?<!not )\b(?:is|are|being|been) (?:exempt|withheld|refused)\b|"
    r"\bresponse is as follows\b|\brespond(?:s|ed)? as follows\b|\b(?:we are|I am) (?:now )?(?:unable|able|pleased) to (?:provide|confirm|supply|respond)|"
    r"\bhere (?:is|are) the\b|\b(?:refused|refusing) (?:under|your)|\bdecided (?:not )?to\b",
    re.I,
)


_WITHHOLDS = linre.compile(r"\bexempt|\bwithheld|\bnot hold", re.I)
_RIGHTS_BEFORE = linre.compile(r"\b(?:if you|you (?:can|may|have the right)|wish to)\b", re.I)


# words just before a cue that make it a promise or a condition, not a decision made
_NOT_YET = linre.compile(
    r"(?:\bwill|\bshall|\bto|\bmay|\bmight|\bif|\bunless|\bwhether|\bnot|\bwhere necessary|\bor)\W+(?:\w+\W+){0,3}$",
    re.I,
)


def _made(rx, text: str):
    """The first match of ``rx`` in ``text`` that states a decision made (not promised or
    conditional: "we will send our response", "if the information is exempt")."""
    for m in rx.finditer(text):
        if not _NOT_YET.search(text[max(0, m.start() - 40) : m.start()]):
            return m
    return None


def message_kind(text: str) -> str:
    """The kind of one authority message (never ``request``).

    >>> message_kind("We will be in touch within 20 working days to provide our response "
    ...     "or to seek clarification where necessary.")
    'acknowledgement'
    """
    if REVIEW_RESULT.search(text) or _reviews(text):
        return "internal_review"
    decision = _made(_STRONG_DECISION, text)
    clarify = _made(_CLARIFY, text)  # each pattern scans the text once
    if clarify and not decision:
        return "clarification"
    ack = _ACK.search(text)
    if ack and not decision:
        return "acknowledgement"
    if clarify and len(text) < 1500 and not _WITHHOLDS.search(text):
        return "clarification"
    if ack and not decision and not _made(_DECISION, text):
        return "acknowledgement"
    return "response"


def has_kind_cue(text: str) -> bool:
    """Whether the message states what it is (a decision, a review, an acknowledgement or a
    request for clarification), rather than being typed ``response`` for want of a cue.

    >>> has_kind_cue("Thank you. Regards"), has_kind_cue("We do not hold the information.")
    (False, True)
    """
    return bool(
        REVIEW_RESULT.search(text)
        or _made(_STRONG_DECISION, text)
        or _ACK.search(text)
        or _made(_CLARIFY, text)
        or _made(_DECISION, text)
    )


def _reviews(text: str) -> bool:
    """Whether the text speaks of a review other than in the usual "you may ask for a
    review" paragraph."""
    return any(
        not _RIGHTS_BEFORE.search(text[max(0, m.start() - 150) : m.start()])
        for m in _REVIEW.finditer(text)
    )
