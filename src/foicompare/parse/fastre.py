"""Regular expressions that skip texts they cannot match, with the same results.

Most of the parser's patterns are long case-insensitive alternations; Python's engine
tries each of them at every position, even on a letter that holds none of their words.
:func:`fast` wraps a compiled pattern with the literal strings ("needles") of which every
match must contain one, read from the pattern itself by
:func:`foicompare.regex_literals.required`; a search first looks for a needle in the folded
text (a plain substring search or one pass of a literal trie, many times faster) and runs the
pattern only when one is there. Results are exactly the pattern's own (see that module for
why).

>>> rx = fast(re.compile(r"\\bexempt(?:ion)?|\\bwithh[eo]ld", re.I))
>>> sorted(rx.needles)
['exempt', 'withheld', 'withhold']
>>> rx.search("This is EXEMPT under section 40.").group()
'EXEMPT'
>>> rx.search("We hold the information.") is None
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from foicompare.regex_literals import fold, required, trie_regex

#: strings shorter than this are searched directly: the check would cost more than it saves
_SHORT = 200
#: a needle shorter than this is in nearly every text: no prefilter
_MIN_NEEDLE = 3

_folded: dict[int, tuple[str, str]] = {}


def folded(text: str) -> str:
    """``fold(text)``, remembered for the last few texts (the patterns scanning one text share it).

    >>> folded("Dear Mr YILDIZ, dear Ms Yıldız")
    'dear mr yildiz, dear ms yildiz'
    """
    hit = _folded.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    low = fold(text)
    if len(_folded) >= 8:
        _folded.pop(next(iter(_folded)))
    _folded[id(text)] = (text, low)
    return low


class FastPattern:
    """A compiled pattern that skips texts without any of its needles (see the module doc).

    ``search``, ``finditer`` and ``findall`` take the usual ``pos``/``endpos``; every other
    attribute is the pattern's own.
    """

    __slots__ = ("_finder", "needles", "pattern_object")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern_object = pattern
        found = required(pattern)
        #: the needles, or None when they would not pay (none found, or one too short)
        self.needles = found if found and min(map(len, found)) >= _MIN_NEEDLE else None
        # many needles: one pass of a literal trie over the folded text beats one
        # substring search per needle
        self._finder = trie_regex(self.needles) if self.needles and len(self.needles) > 3 else None

    def _absent(self, string: str, pos: int, endpos: int) -> bool:
        """Whether no needle lies in ``string[pos:endpos]`` (so the pattern cannot match)."""
        if pos < 0 or endpos < 0 or min(endpos, len(string)) - pos < _SHORT:
            return False
        low = folded(string)
        if self._finder is not None:
            return self._finder.search(low, pos, endpos) is None
        return all(low.find(n, pos, endpos) < 0 for n in self.needles)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(string, pos, endpos):
            return None
        return self.pattern_object.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self._absent(string, pos, endpos):
            return iter(())
        return self.pattern_object.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self._absent(string, pos, endpos):
            return []
        return self.pattern_object.findall(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern_object, name)

    def __repr__(self) -> str:
        return f"fast({self.pattern_object!r})"


def fast(pattern: re.Pattern[str]) -> Any:
    """``pattern`` with a needle prefilter (see the module doc); itself when it has no needles.

    >>> fast(re.compile(r"\\bnot held\\b", re.I)).findall("It is NOT HELD. Not held.")
    ['NOT HELD', 'Not held']
    >>> fast(re.compile(r"\\d+")) == re.compile(r"\\d+")
    True
    """
    wrapped = FastPattern(pattern)
    return wrapped if wrapped.needles else pattern
