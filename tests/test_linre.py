"""``linre`` gives ``re``'s results on RE2: same spans, groups, ``sub`` and ``split``.

Checked against ``re`` on random texts mixing ASCII, accented letters, typographic quotes,
non-breaking spaces, non-ASCII digits and line breaks, with random ``pos``/``endpos`` (the
offsets are characters, the engine works on UTF-8 bytes). Look-around patterns run as
``Guarded`` patterns and must agree with ``re`` as well.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foicompare import linre

PATTERNS = [
    (r"\w+", 0),
    (r"\bsec(?:tion)?\s*(\d+)", re.I),
    (r"^[ \t]*(?:[-*•>#]+[ \t]*)*(\d{1,2})[.)]", re.M),
    (r"[^\s,]+", 0),
    (r"(?m)\s+$", 0),
    (r"(a)|(b)", 0),
    (r"\S+\Z", 0),
    (r"SEC|zoË", re.I),
    (r"[\w’'&/ ]{0,4}\d", 0),
    (r"adoption|[a-z]+", re.I),
    (r"(?P<day>\d{1,2})\s+(?P<mon>jan|feb|mar)\w*", re.I),
    (r"\d[\d,.%]*", 0),
    (r"Dear\s+([^,\n]{3,80}?)\s*,?\s*$", re.M),
    # look-arounds: Guarded
    (r"(?<=[.!?])\s+(?=[A-Z])", 0),
    (r"\brefus(?:e|ed)\b(?! to)", re.I),
    (r"(?<![\d.])\d+(?![\d/])", 0),
]
ALPHABET = "ab séc1２3tion Zoë’.\n\t\u00a0-*>?!ATİı,"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet=ALPHABET, max_size=60),
    st.integers(0, 70),
    st.integers(0, 70),
)
def test_linre_agrees_with_re(case: tuple[str, int], text: str, a: int, b: int) -> None:
    pattern, flags = case
    ours, theirs = linre.compile(pattern, flags), re.compile(pattern, flags)
    pos, endpos = min(a, b), max(a, b)

    def spans(rx):
        return [(m.span(), m.groups()) for m in rx.finditer(text, pos, endpos)]

    assert spans(ours) == spans(theirs)
    if isinstance(ours, linre.Pattern):
        assert ours.starts(text, pos, endpos) == [
            m.start() for m in theirs.finditer(text, pos, endpos)
        ]
    found, expected = ours.search(text, pos, endpos), theirs.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())
    assert ours.sub("<\\g<0>>", text) == theirs.sub("<\\g<0>>", text)
    assert ours.subn(" ", text) == theirs.subn(" ", text)  # the plain-string fast path
    assert ours.split(text) == theirs.split(text)


GUARDED = [(p, f) for p, f in PATTERNS if isinstance(linre.compile(p, f), linre.Guarded)]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(GUARDED),
    st.lists(st.text(alphabet=ALPHABET, max_size=60), min_size=1, max_size=8),
    st.integers(0, 5000),
    st.integers(0, 5000),
)
def test_guarded_agrees_with_re_on_long_spans(
    case: tuple[str, int], pieces: list[str], a: int, b: int
) -> None:
    # spans longer than a confirmation window take the RE2 candidate path (short ones run re)
    pattern, flags = case
    text = "".join(pieces) * (4000 // max(1, len("".join(pieces))) + 1)
    ours, theirs = linre.compile(pattern, flags), re.compile(pattern, flags)
    pos, endpos = min(a, b), max(a, b)
    assert [m.span() for m in ours.finditer(text, pos, endpos)] == [
        m.span() for m in theirs.finditer(text, pos, endpos)
    ]
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]


def test_a_look_around_pattern_is_guarded_and_others_run_on_re2() -> None:
    assert isinstance(linre.compile(r"(?<=a)b"), linre.Guarded)
    assert isinstance(linre.compile(r"ab+"), linre.Pattern)


@pytest.mark.parametrize("sep", list("-*#>•=_ ."))
def test_a_separator_run_is_matched_in_linear_time(sep: str) -> None:
    # ``re`` takes > 30 s on 28 dashes with this shape; RE2 is linear in the run
    rx = linre.compile(r"^[ \t]*(?:[-*•>#=_. ]+[ \t]*)*(?P<num>\d{1,2})[.)]", re.M)
    assert rx.search(sep * 100_000 + "x") is None
    assert rx.search(sep * 100_000 + "\n1. How many?").group("num") == "1"


def test_the_set_says_which_patterns_occur() -> None:
    s = linre.Set([r"\bvirtual visits?\b", r"\bpanel\b", r"reg(?:ulation)?\s*28"], re.I)
    assert s.matching("Virtual visits under Regulation 28") == [0, 2]
    assert s.matching("nothing here") == []
