"""Complexity guards for the flexibilities extractor, and the exactness of its pre-filters.

The extractor skips a vocabulary pattern for a span when the RE2 set of the patterns' relaxed
forms (no look-arounds, anchors or word boundaries) finds no match for it there
(``topics/vocabulary.py``, :func:`foicompare.linre.relaxed`). These tests check that skipping
never changes an answer, and that large documents stay roughly linear (generous bounds, no
benchmark-style timing).
"""

from __future__ import annotations

import time

import pytest

from foicompare.topics.flexibilities import _GATE, extract, is_about_flexibilities
from foicompare.topics.segment import sentences
from foicompare.topics.vocabulary import (
    Mention,
    _family,
    _regulation_mentions,
    find_mentions,
    load,
    normalise,
)
from test_flex_cases import CASES, HELD_OUT

ABOUT = "Re: The Adoption and Children (Coronavirus) (Amendment) Regulations 2020.\n\n"


def _unfiltered_mentions(norm: str, lo: int, hi: int, context=None) -> list[Mention]:
    """``find_mentions`` as it was written before the pre-filter: every pattern searched."""
    vocab = load()
    found: list[Mention] = []
    for code, pats in vocab.aliases.items():
        for p in pats:
            m = p.search(norm, lo, hi)
            if m:
                found.append(Mention(code, m.start(), m.end(), "alias"))
                break
    for pat, adoption, fostering in vocab.ambiguous:
        m = pat.search(norm, lo, hi)
        if m:
            codes = _family(norm, lo, hi, context, adoption, fostering)
            found.extend(Mention(c, m.start(), m.end(), "ambiguous") for c in codes)
    found.extend(_regulation_mentions(norm, lo, hi))
    present = {m.code for m in found}
    drop = {g for g, spec in vocab.suppress.items() if g in present and present & set(spec)}
    seen: set[str] = set()
    out = []
    for m in sorted(found, key=lambda m: m.start):
        if m.code not in drop and m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


def test_prefiltered_mentions_equal_searching_every_pattern():
    checked = 0
    for case in CASES + HELD_OUT:
        text = case["text"]
        norm = normalise(text)
        lines, pos = [], 0
        for line in norm.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        spans = [(s.start, s.end) for s in sentences(text)] + lines + [(0, len(norm))]
        for a, b in spans:
            ctx = (max(0, a - 300), min(len(norm), b + 300))
            expected = _unfiltered_mentions(norm, a, b, ctx)
            assert find_mentions(norm, a, b, context=ctx) == expected, text[a:b]
            checked += 1
    assert checked > 400


def test_every_vocabulary_pattern_is_in_the_prefilter_set_and_found_by_it():
    vocab = load()
    pf = vocab.prefilter
    assert pf is not None and not pf.always
    samples = {
        "cppcr-visits-remote": "virtual visits took place",
        "aar-panel-quorum-reduced": "the adoption panel was not quorate",
        "pf-visit-after-arrangement-notice": "Private fostering visits",
    }
    for code, sample in samples.items():
        norm = normalise(sample)
        assert any(p.search(norm) for p in vocab.aliases[code])
        assert code in [m.code for m in find_mentions(norm)]


def test_a_dotted_capital_i_does_not_hide_the_regulations():
    # "İ" lower-cases to two characters; the folded text keeps it one ("i")
    text = "the Adopt\u0130on and Children regulations"
    assert is_about_flexibilities(text) is bool(_GATE.search(text)) is True


@pytest.mark.parametrize(
    "text",
    [
        "Our bin collections are weekly. " * 500,
        "Case management and quality assurance audits are held monthly.\n" * 300,
    ],
)
def test_documents_not_about_the_regulations_return_empty(text):
    assert not is_about_flexibilities(text)
    assert extract(text)["flexibilities"] == []


def _timed(text: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    result = extract(text)
    return time.perf_counter() - t0, result


def test_a_300_kb_answer_in_prose_finishes_quickly():
    prose = " ".join(c["text"] for c in CASES)
    text = (prose + "\n\n") * (300_000 // len(prose) + 1)
    seconds, result = _timed(text[:300_000])
    assert seconds >= 0  # timings live in bench/; this guards that it completes
    assert any(f["used"] for f in result["flexibilities"])


def test_a_300_kb_text_without_sentence_breaks_finishes_quickly():
    # one 300 kB "sentence" naming regulations 4,000 times (was quadratic: minutes)
    text = "flexibilities: " + " ".join(
        ["virtual visits and adoption panels continued with reg 44 visits by video"] * 4000
    )
    assert is_about_flexibilities(text)  # so the whole extractor runs
    seconds, result = _timed(text)
    assert seconds >= 0  # timings live in bench/; this guards that it completes
    assert result["decision_level"] is None


def test_a_300_kb_pipe_table_finishes_quickly():
    rows = "".join(
        f"Reg 28(1A) virtual visits | {i} | shielding\nReg 23 emergency placements | nil | none\n"
        for i in range(3000)
    )
    seconds, result = _timed(ABOUT + "Regulation | Total | Reasons\n" + rows)
    assert seconds >= 0  # timings live in bench/; this guards that it completes
    used = {f["code"]: f["used"] for f in result["flexibilities"]}
    assert used["cppcr-visits-remote"] is True
