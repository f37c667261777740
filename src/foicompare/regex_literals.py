"""The plain strings every match of a regular expression must contain, and how to find them fast.

Python's engine tries a long case-insensitive alternation at every position of a text, even
where none of its words can start. :func:`required` reads a compiled pattern's parse tree and
returns lower-case strings one of which lies inside every match (or None when it cannot tell
soundly); :func:`trie_regex` finds any of many such strings in one pass over the
:func:`fold`-ed text. A caller that finds none of a pattern's strings in a text (or span)
can skip the pattern: the result is exactly the pattern's own.

Why that is exact:

- every string is a run of ASCII characters the pattern consumes in sequence (or requires
  in a lookahead, which cannot see past ``endpos``), so it lies in the searched part of the
  text, between the match start and ``endpos``; lookbehinds are never used;
- :func:`fold` maps every character that a pattern's ASCII character matches (with or
  without ``re.IGNORECASE``) onto that character's lower case, and keeps every offset.

>>> sorted(required(re.compile(r"\\bexempt(?:ion)?|\\bwithh[eo]ld", re.I)))
['exempt', 'withheld', 'withhold']
>>> finder = trie_regex(["exempt", "withheld", "withhold"])
>>> finder.search(fold("Information WITHHELD")).group()
'withheld'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # the parser of the standard library's re module (Python 3.11+)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - another Python: no strings, so no skipping
    _p = _c = None  # type: ignore[assignment]

# --- the case-fold rule ------------------------------------------------------------------

#: the characters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not map
#: onto it (``İ`` even lower-cases to two characters); the Kelvin sign lowers to ``k`` already
_FOLD_TABLE = {0x130: "i", 0x131: "i", 0x17F: "s"}


def fold(text: str) -> str:
    """``text`` lower-cased the way ``re.IGNORECASE`` compares ASCII letters, same length.

    Every character that a pattern's ASCII character matches becomes that character's
    lower case, so offsets in the folded text are offsets in ``text``.

    >>> fold("Adoptİon ſtage, 5 \\u212aM")
    'adoption stage, 5 km'
    """
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_FOLD_TABLE)
    return text.lower()


# --- the required strings -------------------------------------------------------------------

#: the most strings a set (the finite language of a piece of pattern, or a needle set) may hold
_CAP = 64


def required(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None.

    A string pattern is read as ``re.compile`` reads it (no flags: the result is the same
    with or without ``re.IGNORECASE``). None means no sound set was found: always run the
    pattern. No string of the result holds another (that one would be found anyway).

    >>> sorted(required(r"(?:thanks|thank you) for (?:your|the) (?:request|letter)"))[:2]
    ['thank you for the letter', 'thank you for the request']
    >>> sorted(required(r"residential family cent(?:re|er)s?[^.]{0,80}complaints?"))
    ['residential family center', 'residential family centre']
    >>> sorted(required(r"\\b(?:regulations?|regs?\\.?|r\\.)\\s*\\d"))
    ['r.', 'reg']
    >>> sorted(required(r"\\d+ hours?(?= of work)"))
    [' of work']
    >>> required(r"colou?r|\\d+") is None  # a number needs no string
    True
    """
    if _p is None:
        return None
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags
    else:
        source, flags = pattern, 0
    try:
        return _require_seq(_p.parse(source, flags).data)
    except Exception:  # an unknown construct: no strings, same results
        return None


def _product(left: set[str], right: set[str]) -> set[str]:
    return {a + b for a in left for b in right}


def _exact(op: Any, av: Any) -> set[str] | None:
    """Every string one pattern item can consume (lower-cased), when that is a small set."""
    if op is _c.LITERAL:
        ch = chr(av).lower()
        return {ch} if ch.isascii() else None
    if op is _c.AT:
        return {""}
    if op is _c.IN:
        if not av or any(o is not _c.LITERAL for o, _ in av):
            return None  # a negation, a range or a category
        chars = {chr(a).lower() for _, a in av}
        return chars if len(chars) <= 4 and all(ch.isascii() for ch in chars) else None
    if op is _c.SUBPATTERN:
        return _exact_seq(av[-1].data)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _exact_seq(alt.data)
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= _CAP else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[1] <= 2:
        inner = _exact_seq(av[2].data)
        if inner is None:
            return None
        out, layer = set(), {""}
        for k in range(av[1] + 1):
            if k >= av[0]:
                out |= layer
            layer = _product(layer, inner)
        return out if len(out) <= _CAP else None
    return None


def _exact_seq(items: Any) -> set[str] | None:
    out = {""}
    for op, av in items:
        sub = _exact(op, av)
        if sub is None:
            return None
        out = _product(out, sub)
        if len(out) > _CAP:
            return None
    return out


def _prefix(op: Any, av: Any) -> set[str]:
    """Strings one of which starts every match of an item (``{""}``: none known)."""
    exact = _exact(op, av)
    if exact is not None:
        return exact
    if op is _c.SUBPATTERN:
        return _prefix_seq(av[-1].data)
    if op is _c.ATOMIC_GROUP:
        return _prefix_seq(av.data)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefix_seq(alt.data)
        return out if len(out) <= _CAP else {""}
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _prefix_seq(av[2].data)
    return {""}


def _prefix_seq(items: Any) -> set[str]:
    out = {""}
    for op, av in items:
        exact = _exact(op, av)
        product = _product(out, _prefix(op, av) if exact is None else exact)
        if len(product) > _CAP:
            return out
        if exact is None:
            return product  # what follows a non-exact item is not adjacent to ``out``
        out = product
    return out


def _require(op: Any, av: Any) -> set[str] | None:
    """Strings one of which any match of a (not exactly known) item contains, or None."""
    if op is _c.SUBPATTERN:
        return _require_seq(av[-1].data)
    if op is _c.ATOMIC_GROUP:
        return _require_seq(av.data)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _require_seq(alt.data)
            if sub is None:
                return None  # this alternative may match without any of the strings
            out |= sub
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _require_seq(av[2].data)
    if op is _c.ASSERT and av[0] == 1:
        # what a lookahead requires lies after the match start and before ``endpos``
        return _require_seq(av[1].data)
    return None


def _minimal(strings: set[str]) -> frozenset[str]:
    """``strings`` without those holding another one (found whenever that one is)."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _require_seq(items: Any) -> frozenset[str] | None:
    """The best set of required strings of a sequence of items (None when there is none).

    Neighbouring items with small exact sets are joined ("are " + "(?:able|unable)" gives
    "are able", "are unable"), and a joined run goes on into how the next item starts;
    each other item may give a set of its own. The best set has the longest shortest string.
    """
    options: list[frozenset[str]] = []
    run: set[str] = {""}

    def close(strings: set[str]) -> None:
        if "" not in strings:
            options.append(_minimal(strings))

    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            joined = _product(run, exact)
            if len(joined) <= _CAP:
                run = joined
            else:  # too many combinations: start again from this item
                close(run)
                run = exact
            continue
        joined = _product(run, _prefix(op, av))
        close(joined if len(joined) <= _CAP else run)
        run = {""}
        sub = _require(op, av)
        if sub and "" not in sub:
            options.append(_minimal(sub))
    close(run)
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


# --- finding many strings in one pass --------------------------------------------------------


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A case-sensitive regex matching, at each position, the longest of ``words`` there.

    Alternatives are factored as a trie, so one pass finds any of hundreds of words.

    >>> trie_regex(["exempt", "exception", "withheld"]).pattern
    '(?:ex(?:ception|empt)|withheld)'
    >>> rx = trie_regex(["panel", "panels"])
    >>> rx.pattern, rx.search("two panels").group()
    ('panel(?:s)?', 'panels')
    >>> trie_regex([]).search("anything") is None
    True
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(root) if root else r"(?!)")
