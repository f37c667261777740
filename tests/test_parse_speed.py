"""Complexity guards for the parser: time must grow with text length, not with its square.
Also the guard that the regex prefilter (``parse/fastre.py``) changes no result (the
derivation of its needles is tested in ``test_regex_literals.py``).

A text without sentence breaks (JSON lines, a CSV pasted as text, a long table) once made
every citation read "its sentence" from the start of the text: 400 KB took minutes. These
tests parse such texts with a generous bound (CPU seconds, so a busy machine does not fail
them) and check that the long text gives the same exemptions as a short piece of it.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import time
from pathlib import Path

import pytest

from foicompare.parse import parse_response
from foicompare.parse.exemptions import find_exemptions, sentence_bounds
from foicompare.parse.fastre import FastPattern, fast

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


# --- the needle prefilter (parse/fastre.py) never changes a pattern's result ---------------

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)


def _fast_patterns() -> list[tuple[str, FastPattern]]:
    out = []
    for name in (
        "act",
        "answers",
        "cost",
        "dates",
        "doctype",
        "exemptions",
        "layout",
        "letter",
        "outcome",
        "reference",
        "when",
    ):
        module = importlib.import_module(f"foicompare.parse.{name}")
        for attr, value in vars(module).items():
            values = value if isinstance(value, list) else [value]
            for i, v in enumerate(values):
                v = v[0] if isinstance(v, tuple) else v
                if isinstance(v, FastPattern):
                    out.append(
                        (f"{name}.{attr}" + (f"[{i}]" if isinstance(value, list) else ""), v)
                    )
    return out


def test_the_parser_uses_the_prefilter_on_its_long_alternations() -> None:
    names = {n for n, _ in _fast_patterns()}
    assert {"doctype._ACK", "outcome.NOT_HELD", "exemptions._BOILERPLATE", "act._FOISA"} <= names
    assert len(names) > 50


@pytest.mark.skipif(
    not (SHARED / "corpus" / "docs").is_dir(), reason="../shared corpus not present"
)
def test_prefiltered_patterns_find_exactly_what_the_plain_patterns_find() -> None:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "docs").glob("*.txt"))
    ]
    # a dotless i (and a Kelvin sign) match "i" (and "k") under re.I: the folded text has them
    texts += [t.replace("i", "\u0131").replace("k", "\u212a") for t in texts[:5]]
    checked = 0
    for name, rx in _fast_patterns():
        for text in texts:
            for pos in (0, len(text) // 3):
                fast_hits = [m.span() for m in rx.finditer(text, pos)]
                plain_hits = [m.span() for m in rx.pattern_object.finditer(text, pos)]
                assert fast_hits == plain_hits, f"{name} differs on a corpus text from {pos}"
                checked += 1
    assert checked > 10_000


def test_needles_come_from_the_pattern_and_skip_texts_without_them() -> None:
    rx = fast(re.compile(r"\b(?:we|the council) (?:do|does) not hold\b", re.I))
    assert rx.needles == {
        "we do not hold",
        "we does not hold",
        "the council do not hold",
        "the council does not hold",
    }
    letter = "Dear Ms Smith\n" + "Thank you for your request. " * 20
    assert rx.search(letter) is None
    assert (
        rx.search(letter + "The Council DOES NOT HOLD it.").group() == "The Council DOES NOT HOLD"
    )
    # re.I matches "İ" and "ı" to "i": the folded text keeps them findable, same offsets
    found = rx.search("Yıldız Ltd. " + letter + "The Councİl does not hold it.")
    assert found.group() == "The Councİl does not hold"


def test_short_or_missing_needles_leave_the_pattern_unwrapped() -> None:
    assert fast(re.compile(r"\bref\w*|\d{3}")) == re.compile(r"\bref\w*|\d{3}")
    assert isinstance(fast(re.compile(r"\bfoi\b", re.I)), FastPattern)
    assert fast(re.compile(r"\bno\b", re.I)) == re.compile(r"\bno\b", re.I)
