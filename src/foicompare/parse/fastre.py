"""Regular expressions that skip texts they cannot match, with the same results.

Most of the parser's patterns are long case-insensitive alternations; Python's engine
tries each of them at every position, even on a letter that holds none of their words.
:func:`fast` wraps a compiled pattern with the literal strings ("needles") of which every
match must contain one, read from the pattern itself; a search first looks for a needle
in the lower-cased text (a plain substring search, many times faster) and runs the
pattern only when one is there. Results are exactly the pattern's own:

- a needle is a run of ASCII characters the pattern consumes in sequence (or requires
  in a lookahead), so it lies in the searched part of the text wherever the pattern
  matches, and lower-casing the text maps the matched characters onto it;
- texts holding the few characters that a case-insensitive ASCII letter matches but that
  do not lower-case to it (``İ ı ſ K``) are searched by the pattern alone.

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

try:  # the parser of the standard library's re module (Python 3.11+)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - another Python: no prefilter, same results
    _p = _c = None  # type: ignore[assignment]

#: characters that a case-insensitive ASCII letter matches but that do not lower-case to it
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
#: strings shorter than this are searched directly: the check would cost more than it saves
_SHORT = 200
#: a needle shorter than this is in nearly every text: no prefilter
_MIN_NEEDLE = 3

_lowered: dict[int, tuple[str, str | None]] = {}


def lowered(text: str) -> str | None:
    """``text.lower()`` when it maps every character one to one onto what re.I matches, else None.

    The last few texts are remembered, so the patterns that scan one text share one copy.

    >>> lowered("Dear Ms SMITH")
    'dear ms smith'
    >>> lowered("Dear Mr Yıldız") is None
    True
    """
    hit = _lowered.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    low = None if not text.isascii() and _UNSAFE.search(text) else text.lower()
    if len(_lowered) >= 8:
        _lowered.pop(next(iter(_lowered)))
    _lowered[id(text)] = (text, low)
    return low


def needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None.

    >>> sorted(needles(re.compile(r"(?:thanks|thank you) for (?:your|the) (?:request|letter)", re.I)))[:3]
    ['thank you for the letter', 'thank you for the request', 'thank you for your letter']
    >>> sorted(needles(re.compile(r"\\d+ hours?")))
    [' hour']
    >>> needles(re.compile(r"\\d+\\s?h")) is None
    True
    """
    if _p is None:
        return None
    try:
        found = _sequence(_p.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # an unknown construct: no prefilter, same results
        return None
    if not found or min(len(n) for n in found) < _MIN_NEEDLE:
        return None
    # a needle that holds another is found whenever that one is: keep the shorter
    return frozenset(n for n in found if not any(m != n and m in n for m in found))


#: the most strings an exact set (the finite language of a piece of pattern) may hold
_CAP = 64


def _exact(op: Any, av: Any) -> set[str] | None:
    """Every string one pattern item can consume (lower-cased), when that is a small set."""
    if op is _c.LITERAL:
        return {chr(av).lower()} if av < 128 else None
    if op is _c.AT:
        return {""}
    if op is _c.IN:
        if len(av) > 4 or any(o is not _c.LITERAL or a >= 128 for o, a in av):
            return None
        return {chr(a).lower() for _, a in av}
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[-1].data)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _exact_sequence(alt.data)
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= _CAP else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[1] <= 2:
        inner = _exact_sequence(av[2].data)
        if inner is None:
            return None
        out, layer = set(), {""}
        for k in range(av[1] + 1):
            if k >= av[0]:
                out |= layer
            layer = {a + b for a in layer for b in inner}
        return out if len(out) <= _CAP else None
    return None


def _exact_sequence(items: Any) -> set[str] | None:
    out = {""}
    for op, av in items:
        sub = _exact(op, av)
        if sub is None:
            return None
        out = {a + b for a in out for b in sub}
        if len(out) > _CAP:
            return None
    return out


def _sequence(items: Any) -> set[str] | None:
    """The best needle set of a sequence of pattern items (None when there is none).

    Neighbouring items with small exact sets are joined ("are " + "(?:able|unable)" gives
    "are able", "are unable"); each other item may give a needle set of its own.
    """
    candidates: list[set[str]] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(run)
        run = {""}

    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) > _CAP:
                flush()
                joined = exact
            run = joined
            continue
        flush()
        sub: set[str] | None = None
        if op is _c.SUBPATTERN:
            sub = _sequence(av[-1].data)
        elif op is _c.ATOMIC_GROUP:
            sub = _sequence(av.data)
        elif op is _c.BRANCH:
            sub = _branches(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _sequence(av[2].data)
        elif op is _c.ASSERT and av[0] == 1:
            # what a lookahead requires lies after the match start and before ``endpos``
            sub = _sequence(av[1].data)
        if sub:
            candidates.append(sub)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(n) for n in s), -len(s)))


def _branches(alternatives: Any) -> set[str] | None:
    out: set[str] = set()
    for alt in alternatives:
        sub = _sequence(alt.data)
        if not sub:
            return None  # this alternative may match without any needle
        out |= sub
    return out


def _trie(words: frozenset[str]) -> re.Pattern[str]:
    """A case-sensitive pattern matching any of ``words``, alternatives factored as a trie.

    >>> _trie(frozenset({"exempt", "exception", "withheld"})).pattern
    '(?:ex(?:ception|empt)|withheld)'
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        if "" in node:
            return ""  # a word ends here: what follows does not matter
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items())]
        # join single-child chains into one literal run
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(emit(root))


class FastPattern:
    """A compiled pattern that skips texts without any of its needles (see the module doc).

    ``search``, ``finditer`` and ``findall`` take the usual ``pos``/``endpos``; every other
    attribute is the pattern's own.
    """

    __slots__ = ("_finder", "needles", "pattern_object")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern_object = pattern
        self.needles = needles(pattern)
        # many needles: one pass of a literal trie over the lower-cased text beats one
        # substring search per needle
        self._finder = _trie(self.needles) if self.needles and len(self.needles) > 3 else None

    def _absent(self, string: str, pos: int, endpos: int) -> bool:
        """Whether no needle lies in ``string[pos:endpos]`` (so the pattern cannot match)."""
        if pos < 0 or endpos < 0 or min(endpos, len(string)) - pos < _SHORT:
            return False
        low = lowered(string)
        if low is None:
            return False
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
