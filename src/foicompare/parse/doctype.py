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
from foicompare.parse.layout import REVIEW_RESULT

COMMISSIONER_DECISION = linre.compile(
    r"^\s*(?:Home\s+Decisions\s+)?Decision(?: Notice)?\s+\d{3}/\d{4}|\bDecision notice\b[\s\S]{0,400}\bReference:\s*(?:FS|IC-)|"
    r"\bThe Commissioner (?:investigated|found|finds|agreed|decided)\b|\bthe Applicant (?:made|asked|wrote)\b",
    re.I | re.M,
)
_REVIEW = linre.compile(
    r"\brequest for (?:an? )?(?:internal )?review\b(?![^.\n]{0,60}\bshould be)|\binternal review (?:of|into|decision|outcome|response)\b|"
    r"\bhaving (?:now )?(?:reviewed|considered your (?:request for|complaint))|\b(?:outcome|result) of (?:the|my|our) (?:internal )?review\b|"
    r"\bI have (?:now )?(?:completed|carried out|conducted|undertaken) (?:an?|the|my) (?:internal )?review\b|"
    r"\b(?:I|we) (?:have decided to )?(?:uphold|upheld|overturn)|"
    r"\bhave (?:now )?(?:reviewed|reconsidered|re-examined) (?:the handling of your request|our (?:original )?(?:response|decision))|\bmy determination\b|\breview (?:panel|officer) has\b",
    re.I,
)
_ACK = linre.compile(
    r"\b(?:acknowledge|acknowledging) (?:receipt of )?your (?:request|e-?mail|letter)|\bwe (?:will|shall|aim to) (?:respond|reply|provide|send)|"
    r"\byou (?:will|should) receive (?:a response|the information|a reply)|\breply will be sent\b|"
    r"\b(?:passed|forwarded|referred)(?: on)? (?:your request )?to (?:the|a|an|our) (?:relevant|appropriate|departmental|service)|"
    r"\b(?:may|can|will|could) take up to (?:20|twenty) working days|\bto provide (?:you with )?a (?:reply|response)\b|\bendeavour to respond\b|\bbeing (?:considered|processed|dealt with)\b|"
    r"\bhas been (?:logged|received|allocated)\b|\bwithin (?:the )?(?:statutory )?(?:timescale|20 working days)",
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
    r"\bplease (?:see|find) (?:the |our )?(?:attached|enclosed|below|response|information)|\bour response\b|"
    r"\bI can confirm\b|\bwe can confirm\b|\b(?:do|does|did) not hold\b|(?<!not )\b(?:is|are|being|been) (?:exempt|withheld|refused)\b|"
    r"\bresponse is as follows\b|\b(?:we are|I am) (?:now )?(?:unable|able|pleased) to (?:provide|confirm|supply|respond)|"
    r"\bhere (?:is|are) the\b|\b(?:refused|refusing) (?:under|your)|\bdecided (?:not )?to\b",
    re.I,
)


_WITHHOLDS = linre.compile(r"\bexempt|\bwithheld|\bnot hold", re.I)
_RIGHTS_BEFORE = linre.compile(r"\b(?:if you|you (?:can|may|have the right)|wish to)\b", re.I)


def message_kind(text: str) -> str:
    """The kind of one authority message (never ``request``)."""
    if REVIEW_RESULT.search(text) or _reviews(text):
        return "internal_review"
    decision = _STRONG_DECISION.search(text)
    clarify = _CLARIFY.search(text)  # each pattern scans the text once
    if clarify and not decision:
        return "clarification"
    ack = _ACK.search(text)
    if ack and not decision:
        return "acknowledgement"
    if clarify and len(text) < 1500 and not _WITHHOLDS.search(text):
        return "clarification"
    if ack and not _DECISION.search(text):
        return "acknowledgement"
    return "response"


def _reviews(text: str) -> bool:
    """Whether the text speaks of a review other than in the usual "you may ask for a
    review" paragraph."""
    return any(
        not _RIGHTS_BEFORE.search(text[max(0, m.start() - 150) : m.start()])
        for m in _REVIEW.finditer(text)
    )
