"""Splitting a response into sentences and marking those that echo the request.

A council's reply usually quotes the request ("Please could you ... confirm how many of each
specific flexibility has been utilised ...?") and sometimes its example table row (regulation 23
with ``XX`` placeholders). Those sentences say nothing about the council, so every topic rule
skips sentences marked ``echo``. The document is first cut into messages by the shared
segmentation stage (:mod:`foicompare.segment`, the same cut the parser reads): everything the
requester wrote (a WhatDoTheyKnow request, an email asking the question) and every quoted
earlier message is echo too, so only what the authority wrote can say what it did.

>>> text = "Please confirm how many flexibilities were used? We have not used any flexibilities."
>>> [(s.echo, text[s.start:s.end]) for s in sentences(text)]
[(True, 'Please confirm how many flexibilities were used?'), (False, 'We have not used any flexibilities.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foicompare import linre
from foicompare import segment as shared_segment


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's span in the text and whether it echoes the request."""

    start: int
    end: int
    echo: bool


_BLOCK = linre.compile(
    r"\n[ \t]*\n\s*"  # blank line
    r"|\n(?=[ \t]*(?:[-•*▪●◦·]|\d{1,2}[.)]|[a-h][.)]|\(?[a-h0-9]{1,3}\)|q\d|question \d)\s)"  # list item
    r"|(?<=[.:?!])[ \t]*\n"  # line ending a sentence
    r"|\t|\s\|\s|^\||\|$",
    re.IGNORECASE | re.MULTILINE,
)
#: the gap between two sentences: after ".!?" (and closing quotes), before an opening capital
#: or digit; the characters around the gap are part of the match (RE2 has no look-around)
_SENT = linre.compile(r"[.!?](?P<gap>[\"')\]*]*\s+)[\"'(\[*]*[A-Z0-9•]")
_ABBREV = linre.compile(
    r"(?:\b(?:e\.g|i\.e|no|nos|reg|regs|para|approx|etc|cf|s|ss|st|dr|mr|mrs|ms)\.)$", re.I
)

_REQUEST = linre.compile(
    r"^\W*(?:\d{1,2}[.)]?\s*)?(?:[a-h][.)]\s*)?(?:please\b|could you\b|can you\b|would you\b"
    r"|i (?:would|should|am|wish|want|request|understand|note|believe|ask)\b|in your (?:answer|response)\b"
    r"|what\b|who\b|provide\b|confirm\b|state\b|list\b|summari[sz]e\b|describe\b|if so\b|if not\b)"
    r"|\byou (?:have )?(?:requested|asked|wrote|want)\b|\byour request\b|\bplease (?:could|can|would"
    r"|confirm|provide|include|summari[sz]e|state|tell|advise|supply|send|list|detail|give|present"
    r"|set out|explain|indicate|specify)\b|\bcould you\b|\bas per the following table\b"
    r"|\bpresent the information\b|\bthe following information\b|\bfollowing questions?\b"
    r"|\brequest(?:ed|ing)? (?:for |under )?(?:the following )?information\b|\bi am requesting\b"
    r"|\b(?:xx|x{3,})\b|^\W*e\.g\.",
    re.IGNORECASE,
)
_ANSWER_START = linre.compile(
    r"^\W*(?:answer|response|reply|our response|council response|la response|foi response)\b\s*[:\-]",
    re.IGNORECASE,
)


def is_echo(sentence: str) -> bool:
    """Whether a sentence quotes or paraphrases the request rather than answering it.

    >>> is_echo("How many of each flexibility has been utilised in total?")
    True
    >>> is_echo("Response: we have not used any of the flexibilities.")
    False
    """
    s = sentence.strip()
    if _ANSWER_START.match(s):
        return False
    if s.rstrip("*\"') ").endswith("?"):
        return True
    return bool(_REQUEST.search(s[:400]))


def sentences(text: str) -> list[Sentence]:
    r"""Split ``text`` into sentences with offsets; see the module example.

    A sentence inside a requester's or a quoted message is echo:

    >>> t = ("A made this Freedom of Information request to Leeds City Council\n\n"
    ...      "Dear Leeds City Council,\nWe have not used any flexibilities at all.\n"
    ...      "Yours faithfully,\nA\n\nDear A\nThe council used virtual visits.\n")
    >>> [t[s.start:s.end] for s in sentences(t) if s.echo]
    ['Dear Leeds City Council,\nWe have not used any flexibilities at all.', 'Yours faithfully,\nA']
    """
    out: list[Sentence] = []
    pos = 0
    for m in [*_BLOCK.finditer(text), None]:
        end = m.start() if m else len(text)
        _split_block(text, pos, end, out)
        pos = m.end() if m else len(text)
    asked = _not_the_authority(text)
    if not asked:
        return out
    return [
        Sentence(s.start, s.end, True) if not s.echo and _inside(asked, s.start) else s for s in out
    ]


def _not_the_authority(text: str) -> list[tuple[int, int]]:
    """Spans of messages the authority did not write now: the requester's and quoted ones.

    Only for texts of more than one message: a lone letter is the authority's whatever its
    sender guess, so a single reply is never silenced.
    """
    found = shared_segment.messages(text)
    if sum(1 for m in found if m.kind != "page") < 2:
        return []
    if not any(m.sender == "authority" and not m.quoted for m in found):
        return []  # nothing recognised as the authority's: do not silence the document
    return [(m.start, m.end) for m in found if m.quoted or m.sender == "requester"]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _split_block(text: str, lo: int, hi: int, out: list[Sentence]) -> None:
    start = lo
    for m in _SENT.finditer(text, max(lo - 1, 0), hi):
        gap_start, gap_end = m.span("gap")
        if _ABBREV.search(text[max(start, gap_start - 8) : gap_start]):
            continue
        _add(text, start, gap_start, out)
        start = gap_end
    _add(text, start, hi, out)


_PLACEHOLDER = linre.compile(r"\bXX+\b")


def _add(text: str, a: int, b: int, out: list[Sentence]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - a < 2:
        return
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    placeholder = "XX" in line and _PLACEHOLDER.search(line) is not None  # literal check first
    out.append(Sentence(a, b, placeholder or is_echo(text[a:b])))
