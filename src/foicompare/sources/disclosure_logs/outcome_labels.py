"""A disclosure log's own outcome label → the outcome vocabulary.

Logs describe their decisions in their own words: Barnet (an iCasework site) puts the
outcome in the document label ("Response (all information to be supplied)"), spreadsheet
logs have an "Outcome" column ("Part disclosed", "Information not held", "Refused - s12").
:func:`map_outcome_label` turns any of them into WhatDoTheyKnow's terms: ``successful``,
``partially_successful``, ``refused``, ``not_held``; ``None`` when the label states no
decision (a bare "Response", "Withdrawn", "Clarification requested").

>>> map_outcome_label("Response (all information to be supplied) - application/pdf - Download")
'successful'
>>> map_outcome_label("Response (some information to be supplied)")
'partially_successful'
>>> map_outcome_label("Information not held")
'not_held'
>>> map_outcome_label("Refused - section 12 cost limit")
'refused'
>>> map_outcome_label("Withdrawn") is None
True
"""

from __future__ import annotations

from foicompare import linre

__all__ = ["OUTCOMES", "map_outcome_label"]

#: the outcome vocabulary (DESIGN.md).
OUTCOMES: tuple[str, ...] = ("successful", "partially_successful", "refused", "not_held")

# "Some information sent but not all held", "not all information supplied"
_NOT_ALL = linre.compile(r"\bnot all\b|\bnot (?:fully|wholly|completely)\b")
# "Part disclosed", "partially successful", "some information to be supplied", "in part"
_PARTIAL = linre.compile(r"\b(?:part|parts|partial|partially|partly|some)\b")
_NOT_HELD = linre.compile(
    r"\bnot held\b|\bno (?:information|data|records?|recorded information) (?:is |are |was |were )?held\b"
    r"|\b(?:does|do|did) not hold\b|\bnil (?:return|response)\b|\binformation not (?:recorded|available)\b"
)
_REFUSED = linre.compile(
    r"refus|\bexempt|\bexception|withh[oe]ld|\bs\.?\s?\d{2}\b|\bsection \d+|\breg(?:ulation)?\.? ?12\b"
    r"|cost limit|exceeds? (?:the )?(?:appropriate |cost )?limit|vexatious|repeated request"
    r"|neither confirm nor deny|\bncnd\b"
)
# the information was given; "all information withheld" and "no information supplied" are not
_GIVEN = linre.compile(
    r"\ball information\b(?! (?:is |was |to be )?(?:withheld|exempt|refused|not held))"
    r"|\b(?:information|data|documents?) (?:to be |was |were |is )?"
    r"(?:supplied|provided|released|disclosed|sent|given)\b"
    r"|\b(?:granted|released|disclosed|answered|supplied|provided)\b|\bfull(?:y)? (?:disclos|answer|releas|grant)"
    r"|\bsuccessful\b|\bin full\b"
)
_NEGATED_GIVEN = linre.compile(
    r"\bno (?:information|data|documents?) (?:to be |was |were |is )?"
    r"(?:supplied|provided|released|disclosed|sent|given)\b|\bnot (?:supplied|provided|released|disclosed)\b"
    r"|\b(?:withheld|refused|exempt(?:ed)?) in full\b"
)
_PREFIX_TERMS = {  # exact labels some logs use as codes
    "successful": "successful",
    "partially successful": "partially_successful",
    "refused": "refused",
    "not held": "not_held",
}


def _normalise(label: str) -> str:
    text = label.lower().replace("’", "'")
    # Barnet/iCasework appends the media type and a download link to the label
    text = linre.compile(r"\s*-\s*application/[\w.+-]+.*$").sub("", text)
    text = linre.compile(r"[\-_/–—:;,()\[\]]+").sub(" ", text)
    return linre.compile(r"\s+").sub(" ", text).strip()


def map_outcome_label(label: str | None) -> str | None:
    """Map one log outcome label onto ``successful | partially_successful | refused | not_held``.

    Mixed labels count as partial: something given plus something refused or not held
    ("Information provided, section 40 applied") is ``partially_successful``.

    >>> map_outcome_label("Part disclosed / part exempt")
    'partially_successful'
    >>> map_outcome_label("Response (some not held)")
    'partially_successful'
    >>> map_outcome_label("All information withheld (s.43)")
    'refused'
    >>> map_outcome_label("Fully answered")
    'successful'
    """
    if not label or not label.strip():
        return None
    text = _normalise(label)
    if text in _PREFIX_TERMS:
        return _PREFIX_TERMS[text]
    if _NOT_ALL.search(text) or _PARTIAL.search(text):
        return "partially_successful"
    given = bool(_GIVEN.search(_NEGATED_GIVEN.sub(" ", text)))
    not_held = bool(_NOT_HELD.search(text))
    refused = bool(_REFUSED.search(text))
    if given and (refused or not_held):
        return "partially_successful"
    if not_held:
        return "not_held"
    if refused:
        return "refused"
    if given:
        return "successful"
    return None
