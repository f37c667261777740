"""Which access regime a document is handled under: FOIA, FOISA, EIR or DPA.

Named Acts win ("Freedom of Information (Scotland) Act 2002", "Environmental Information
Regulations 2004", "subject access request"). A bare "Freedom of Information" / "FOI"
means FOIA unless the document is Scottish (Scottish Information Commissioner, FOISA,
or an authority known to be Scottish), where the same words mean FOISA.

>>> find_act("Freedom of Information (Scotland) Act 2002").act
'FOISA'
>>> find_act("a request under the Environmental Information Regulations 2004").act
'EIR'
>>> find_act("Dear council, please tell me") is None
True
>>> find_act("our response to a freedom of information (FOI) or environmental information regulations (EIR) request").act
'FOIA'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foicompare import linre

_FOISA = linre.compile(
    r"Freedom\s+of\s+Information\s+\(Scotland\)|\bFOI\s?\(?S\)?A\b|\bFOISA\b|Scottish Information Commissioner|"
    r"\bFOI\(S\)|\(Scotland\) Act 2002",
    re.I,
)
#: "EIR", unless "EIR/FOI" (``re`` had the look-ahead ``(?! ?/ ?FOI)``)
_EIR_FOI = linre.compile(r" ?/ ?FOI", re.I)
# "FOI or EIR", "Act/EIR", "(or Environmental Information Regulations 2004, if ...)": either
# regime, named to describe requests in general, not this one's
_OR_BEFORE = linre.compile(
    r"(?:\bor|/)[ \t]*(?:\(|the[ \t]+)?(?:environmental information regulations(?: 2004)?[ \t]*\()?$",
    re.I,
)
_OR_AFTER = linre.compile(
    r"(?:[ \t]*\([A-Za-z]{2,5}\))?[ \t]*(?:\bor\b|/)[ \t]*(?:the[ \t]+)?(?:FOI|Freedom)", re.I
)


def _either(m: linre.Match) -> bool:
    """Whether an EIR mention is one side of "FOI or EIR"."""
    before = m.string[max(0, m.start() - 60) : m.start()]
    return bool(_OR_BEFORE.search(before)) or bool(_OR_AFTER.match(m.string, m.end(), m.endpos))


_EIR = linre.where(
    linre.compile(r"Environmental\s+Information\s+Regulations|\bEIRs?\b", re.I),
    lambda m: not _EIR_FOI.match(m.string, m.end(), m.endpos) and not _either(m),
)
_EIR_RELIED = linre.compile(
    r"\bregulation\s?1[23]\s?\(|\breg\.?\s?1[23]\s?\(|under the (?:EIR|Environmental)", re.I
)
_DPA = linre.compile(r"subject access request|\bDSAR\b|right of access under|\bSAR\b", re.I)
# words may be split across lines ("Freedom of\nInformation Act 2000")
_FOIA_NAMED = linre.compile(r"Freedom\s+of\s+Information\s+Act(?:\s+2000)?|\bFOIA\b", re.I)
_FOI = linre.compile(r"Freedom\s*of\s*Information|\bFOI\b|\bFoI\b|\bFOIs\b", re.I)


# a freedom of information law outside the UK Acts ("Freedom of Information (Jersey) Law 2011")
_NON_UK = linre.compile(
    r"Freedom\s+of\s+Information\s+\((?:Jersey|Guernsey|Bailiwick of Guernsey|Isle of Man)\)|"
    r"Freedom\s+of\s+Information\s+Act\s+2015\s+\(Isle of Man\)",
    re.I,
)


def non_uk_law(text: str) -> bool:
    """Whether the text is handled under a Crown dependency's own FOI law, not a UK Act.

    >>> non_uk_law("refused under Article 16 of the Freedom of Information (Jersey) Law 2011")
    True
    """
    return bool(_NON_UK.search(text)) and not _FOIA_NAMED.search(text)


@dataclass(frozen=True, slots=True)
class Act:
    """The regime and the span that shows it."""

    act: str
    start: int
    end: int


def find_act(text: str, *, scottish: bool = False) -> Act | None:
    """The regime a text is handled under; ``scottish`` when the authority is known to be Scottish.

    >>> find_act("Your FOI request", scottish=True).act
    'FOISA'
    """
    m = _FOISA.search(text)
    if m:
        return Act("FOISA", m.start(), m.end())
    if _NON_UK.search(text) and not _FOIA_NAMED.search(text):
        return None  # the Crown dependencies' own laws are none of the four
    relied = _EIR_RELIED.search(text)
    m = relied or _EIR.search(text)
    foi = _FOIA_NAMED.search(text)
    if m and (not foi or relied):
        return Act("EIR", m.start(), m.end())
    m = _DPA.search(text)
    if m and not foi:
        return Act("DPA", m.start(), m.end())
    m = foi or _FOI.search(text)
    if m:
        return Act("FOISA" if scottish else "FOIA", m.start(), m.end())
    return None
