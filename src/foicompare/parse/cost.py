"""The officer-hours estimate behind a cost-limit (section 12) refusal.

Letters give it as a total ("would take an officer approximately 902 hours", "in excess
of 80 hours", "28.25 hours of work") or as a rate times a count ("20 minutes per case for
322 cases", "322 files at 15 minutes each"). The limit itself (18 hours, 24 hours, £450,
£600) is not an estimate and is skipped.

>>> find_cost_hours("It would take approximately 902 hours, above the 18 hour limit.").hours
902
>>> round(find_cost_hours("at 20 minutes per case for 322 cases, well over the cost limit").hours, 2)
107.33
>>> find_cost_hours("The appropriate limit is 18 hours.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from foicompare import linre

_NUM = r"(?P<{0}>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
_HOURS = linre.compile(
    r"(?<![\d.,£$])" + _NUM.format("n") + r"(?:\s?-\s?\d+)?\s*(?:hours?|hrs?)\b", re.I
)
_UNIT = r"(?:case|file|record|complaint|document|referral|child|children|young (?:person|people)|item|folder|report|assessment|plan|email|entry|entries|form|request|person|people|individual|visit|placement|page|box|year|month)s?"
_RATE_FIRST = linre.compile(
    _NUM.format("rate")
    + r"\s*(?P<unit>minutes?|mins?|hours?|hrs?)\s*(?:per|for each|each|a|to (?:review|check|read|locate|search|examine|go through) (?:each|every|one|a))\s+"
    + _UNIT
    + r"\b[^.\n]{0,80}?\b(?:for|across|x|×|of|by|multiplied by|with|and there are|there are)\s+(?:the\s+|approximately\s+|around\s+|about\s+|over\s+)?"
    + _NUM.format("count")
    + r"\s+(?:\w+\s+){0,2}?"
    + _UNIT,
    re.I,
)
_COUNT_FIRST = linre.compile(
    _NUM.format("count")
    + r"\s+(?:\w+\s+){0,3}?"
    + _UNIT
    + r"\b[^.\n]{0,80}?\b(?:at|taking|takes?|×|x|for|of)\s+(?:approximately\s+|around\s+|about\s+|an average of\s+)?"
    + _NUM.format("rate")
    + r"\s*(?P<unit>minutes?|mins?|hours?|hrs?)\s*(?:each|per|for each|a)\b",
    re.I,
)
_LIMIT_WORDS = linre.compile(
    r"\blimit|\bthreshold|\bappropriate|\bequates? to|\bequivalent to|\bset at|\bprescribed|£\s?(?:450|600)",
    re.I,
)
_COMPARE_BEFORE = linre.compile(
    r"(?:more than|longer than|over|exceed(?:s|ing)?|in excess of|above|beyond|greater than|than|of|the|within)\s*$",
    re.I,
)
_COST_CONTEXT = linre.compile(
    r"\bsection 12\b|\bs\.?\s?12\b|\bcost\b|\bappropriate limit|\bestimat|\bwould take|\bwould require|\bofficer time|\bstaff time",
    re.I,
)


@dataclass(frozen=True, slots=True)
class CostEstimate:
    """Estimated hours and the span they were read from."""

    hours: float
    start: int
    end: int


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _tidy(hours: float) -> float:
    return int(hours) if float(hours).is_integer() else round(hours, 2)


def find_cost_hours(
    text: str, spans: Sequence[tuple[int, int]] | None = None
) -> CostEstimate | None:
    """The largest stated hours estimate in ``spans`` of a text that argues cost, or None.

    An explicit total wins over a rate-times-count computation.
    """
    spans = spans or [(0, len(text))]
    if not any(_COST_CONTEXT.search(text, a, b) for a, b in spans):
        return None
    totals: list[CostEstimate] = []
    computed: list[CostEstimate] = []
    for a, b in spans:
        for m in _HOURS.finditer(text, a, b):
            value = _num(m.group("n"))
            before = text[max(a, m.start() - 40) : m.start()]
            after = text[m.end() : m.end() + 40]
            around = before + " " + after
            if value in (18, 24, 37, 37.5, 7.5, 7.4) and (
                _LIMIT_WORDS.search(around) or _COMPARE_BEFORE.search(before)
            ):
                continue
            if linre.compile(r"\s*(?:per|a|each)\s+(?:week|day|month)\b", re.I).match(after):
                continue  # working pattern, not an estimate
            if linre.compile(r"\b(?:limit|threshold)\s+(?:of|is|at)\s*$", re.I).search(before):
                continue
            if not _estimate_near(text, m.start(), a, b):
                continue
            totals.append(CostEstimate(_tidy(value), m.start(), m.end()))
        for rx in (_RATE_FIRST, _COUNT_FIRST):
            for m in rx.finditer(text, a, b):
                rate = _num(m.group("rate"))
                if m.group("unit").lower().startswith("h"):
                    rate *= 60
                hours = rate * _num(m.group("count")) / 60
                if hours > 0:
                    computed.append(CostEstimate(_tidy(hours), m.start(), m.end()))
        if not computed:
            computed.extend(_rate_with_earlier_count(text, a, b))
    for group in (totals, computed):
        if group:
            return max(group, key=lambda c: c.hours)
    return None


_RATE_ALONE = linre.compile(
    _NUM.format("rate")
    + r"\s*(?P<unit>minutes?|mins?)\s*(?:per|for each|each|a|to (?:check|review|read) each)\s+"
    + _UNIT,
    re.I,
)
_COUNT = linre.compile(_NUM.format("count") + r"\s+(?:\w+\s+){0,2}?" + _UNIT + r"\b", re.I)


def _rate_with_earlier_count(text: str, lo: int, hi: int) -> list[CostEstimate]:
    """ "There are 339 complaints … it would take 5 minutes per case": count and rate apart."""
    out = []
    for m in _RATE_ALONE.finditer(text, lo, hi):
        counts = [
            c
            for c in _COUNT.finditer(text, max(lo, m.start() - 400), m.start())
            if _num(c.group("count")) > 1
        ]
        if counts:
            c = counts[-1]
            hours = _num(m.group("rate")) * _num(c.group("count")) / 60
            out.append(CostEstimate(_tidy(hours), c.start(), m.end()))
    return out


def _estimate_near(text: str, pos: int, lo: int, hi: int) -> bool:
    """Whether the sentence around ``pos`` talks about time needed to comply."""
    window = text[max(lo, pos - 250) : min(hi, pos + 120)]
    return bool(
        linre.compile(
            r"\bestimat|\bwould (?:take|require|need|involve)|\btake\b|\btaking\b|\brequire|\bofficer|\bstaff|"
            r"\bwork\b|\bcost|\bcalculat|\bapproximately|\bin total|\bto (?:locate|retrieve|extract|review|collate)",
            re.I,
        ).search(window)
    )
