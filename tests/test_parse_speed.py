"""Complexity guards for the parser: time must grow with text length, not with its square.

A text without sentence breaks (JSON lines, a CSV pasted as text, a long table) once made
every citation read "its sentence" from the start of the text: 400 KB took minutes. These
tests parse such texts with a generous bound (CPU seconds, so a busy machine does not fail
them) and check that the long text gives the same exemptions as a short piece of it.
"""

from __future__ import annotations

import json
import time

import pytest

from foicompare.parse import parse_response
from foicompare.parse.exemptions import find_exemptions, sentence_bounds

#: one JSON record citing section 12 and s40(2); no full stop followed by a capital anywhere
LINE = (
    json.dumps(
        {
            "id": "c000-E09000007-qa-response",
            "reference": "FOI 1234",
            "note": "refused under section 12 as the cost exceeds the appropriate limit",
            "other": "personal data withheld under s40(2) of the Act",
            "pad": "figures by month " * 20,
        }
    )
    + "\n"
)
BIG = 400_000
BOUND_SECONDS = 3.0


def _timed(text: str) -> tuple[dict, float]:
    t0 = time.process_time()
    result = parse_response(text)
    return result, time.process_time() - t0


@pytest.mark.parametrize(
    ("name", "separator"), [("json lines", "\n"), ("one line, no line breaks", " ")]
)
def test_400kb_without_sentence_breaks_parses_in_linear_time(name: str, separator: str) -> None:
    big = (LINE * (BIG // len(LINE) + 1))[:BIG].replace("\n", separator)
    short = (LINE * 2).replace("\n", separator)

    result, seconds = _timed(big)

    assert seconds < BOUND_SECONDS, f"{name}: {seconds:.2f} s for {len(big):,} characters"
    assert result["exemptions"] == parse_response(short)["exemptions"] == ["12", "40"]


def test_every_citation_keeps_the_first_one_per_section() -> None:
    text = LINE * 300  # 300 citations of each section, ~150 KB
    found = find_exemptions(text)
    assert [(e.section, e.subsection) for e in found] == [("12", ""), ("40", "(2)")]
    assert found[0].start == text.index("section 12") + len("section ")


def test_a_sentence_without_breaks_is_cut_at_a_thousand_characters() -> None:
    text = "x" * 5000 + " exempt under section 40 " + "y" * 5000
    pos = text.index("section 40")
    start, end = sentence_bounds(text, pos)
    assert start == pos - 1000
    assert end == pos + 600


def test_a_normal_sentence_is_unchanged() -> None:
    text = "First one. The council relies on section 40(2) here. Third."
    start, end = sentence_bounds(text, text.index("section"))
    assert text[start:end] == "The council relies on section 40(2) here."
