"""The required strings of a regex (``regex_literals.py``), shared by the parser's and the
flexibilities extractor's prefilters: which strings are derived, that every match holds one,
that the case fold agrees with ``re.IGNORECASE`` on every code point, and the trie finder.
"""

from __future__ import annotations

import random
import re

import pytest

from foicompare.regex_literals import fold, required, trie_regex


def test_small_alternations_are_expanded_into_whole_phrases() -> None:
    rx = re.compile(r"\b(?:we|the council) (?:do|does) not hold\b", re.I)
    assert required(rx) == {
        "we do not hold",
        "we does not hold",
        "the council do not hold",
        "the council does not hold",
    }


def test_the_longest_shortest_string_wins_and_strings_holding_another_are_dropped() -> None:
    assert required(r"medicals?[^.]{0,80}(?:adopters?|adoptive|adoption)") == {"medical"}
    # "regulation" holds "reg": any text with the one has the other
    assert required(r"\b(?:regulations?|regs?\.?|r\.)\s*\d") == {"reg", "r."}
    assert required(r"\d+ hours?") == {" hour"}


def test_a_run_goes_on_into_how_the_next_piece_starts() -> None:
    assert required(r"children'?s\s+homes?") == {"children's", "childrens"}
    # "re" goes on into the two ways the group can start: "request", "reply"
    assert required(r"re(?:quest(?:ed)?\s+\w+|ply)") == {"request", "reply"}
    assert required(r"\bi[sk]\s+it\b") == {"it"}  # as long as {"is", "ik"}, and only one


def test_a_lookahead_gives_strings_but_a_lookbehind_never_does() -> None:
    assert required(r"\d+ hours?(?= of work)") == {" of work"}
    assert required(r"(?<=section )\d+") is None


@pytest.mark.parametrize(
    "pattern",
    [
        r"colou?r|\d+",  # one alternative needs no string
        r"x*",  # may match the empty string
        r"(?<=section )\d+",  # a lookbehind may lie before ``pos``
        r"\d+(?! pounds)",  # a negative lookahead requires nothing
        r"[a-z]+\s\w",  # ranges and categories are not expanded
    ],
)
def test_patterns_without_a_sound_string_give_none(pattern: str) -> None:
    assert required(pattern) is None


def test_only_ascii_strings_are_derived() -> None:
    # "İ" lower-cases to two characters and "ı" matches "i": neither is part of a string
    assert required("\u0130stanbul") == {"stanbul"}
    assert required("d\u0131zi") == {"zi"}
    # the Kelvin sign lower-cases to "k" (and fold maps it there too)
    assert required("\u212aelvin") == {"kelvin"}


def test_the_flags_of_a_compiled_pattern_are_read() -> None:
    verbose = re.compile(r"not \s+ held  # the usual phrase", re.I | re.X)
    assert required(verbose) == {"held"}
    assert required(verbose.pattern) == {" held  # the usual phrase"}


#: patterns with every construct the derivation handles, and texts built to hit their edges
FUZZ_PATTERNS = [
    r"\b(?:exempt(?:ion)?|withh[eo]ld)\b",
    r"(?:thanks|thank you) for (?:your|the) (?:request|letter)",
    r"re-?use|copy(?:right)?s?",
    r"ab{1,2}c|(?>de+f)|g(?=hij)",
    r"k{2}l?m|n[ok]+p",
    r"(?:s|st){0,2}t\w*u",
    r"\bi[sk]\s+it\b",
]
ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ-'\u0130\u0131\u017f\u212a"
WORDS = ["exempt", "withheld", "thank you for your letter", "reuse", "copyrights", "abbc"]
WORDS += ["deef", "ghij", "kkm", "nokp", "ststu", "is it", "Kk", "ſt", "İs ıt", "withhold"]


def test_every_match_holds_a_required_string_in_the_folded_text() -> None:
    rng = random.Random(20240)
    texts = []
    for _ in range(3000):
        parts = [rng.choice(WORDS) if rng.random() < 0.5 else rng.choice(ALPHABET)]
        parts += [rng.choice(ALPHABET) for _ in range(rng.randrange(0, 6))]
        parts += [rng.choice(WORDS) for _ in range(rng.randrange(0, 3))]
        rng.shuffle(parts)
        texts.append("".join(parts))
    hits = 0
    for source in FUZZ_PATTERNS:
        for flags in (0, re.I):
            rx = re.compile(source, flags)
            strings = required(rx)
            assert strings, source
            for text in texts:
                folded = fold(text)
                for m in rx.finditer(text):
                    hits += 1
                    assert any(folded.find(s, m.start()) >= 0 for s in strings), (source, text)
                if not any(s in folded for s in strings):
                    assert rx.search(text) is None, (source, text)
    assert hits > 1000


def test_fold_maps_every_character_ignorecase_matches_to_an_ascii_one_onto_its_lower_case() -> None:
    ascii_ = re.compile("[\x00-\x7f]", re.IGNORECASE)
    odd = [chr(c) for c in range(128, 0x110000) if ascii_.fullmatch(chr(c))]
    assert odd == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert [re.fullmatch(ch, "iisk"[i], re.I) is not None for i, ch in enumerate(odd)] == [True] * 4
    assert fold("".join(odd)) == "iisk"


def test_fold_keeps_every_offset() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(fold(everything)) == len(everything)
    assert len("\u0130".lower()) == 2  # why "İ" needs the table


def test_the_trie_finds_the_longest_word_and_escapes_specials() -> None:
    rx = trie_regex(["r.", "reg", "regulation", "panel", "panels"])
    assert [m.group() for m in rx.finditer("regulations, r. 5, rx, panels")] == [
        "regulation",
        "r.",
        "panels",
    ]
    assert trie_regex(["exempt", "exception", "withheld"]).pattern == (
        "(?:ex(?:ception|empt)|withheld)"
    )
    assert trie_regex([]).search("anything at all") is None
