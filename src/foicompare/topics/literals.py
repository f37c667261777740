"""Cheap literal pre-filters for case-insensitive regular expressions.

Most of the vocabulary's ~120 patterns cannot match most spans of a document. Each pattern has
a set of plain strings of which at least one must occur in any text it matches
(:func:`required`); a document's occurrences of all such strings are found in one pass
(:class:`LiteralIndex`), so a span needs only the patterns whose strings it contains. The real
pattern still decides, so results are exactly those of searching every pattern.

Text is compared in :func:`fold` form: lower case, plus the three characters that Python's
``re.IGNORECASE`` matches to ASCII letters but ``str.lower`` does not map to them
(``İ``, ``ı`` -> ``i``; ``ſ`` -> ``s``; the Kelvin sign already lowers to ``k``). Folding keeps
every offset, so positions found in the folded text are positions in the original.

>>> sorted(required(r"residential family cent(?:re|er)s?[^.]{0,80}complaints?"))
['residential family center', 'residential family centre']
>>> sorted(required(r"\\b20(?:20|21)/(?:445|909)\\b"))
['2020/445', '2020/909', '2021/445', '2021/909']
>>> sorted(required(r"\\b(?:regulations?|regs?\\.?|r\\.)\\s*\\d"))
['r.', 'reg', 'regulation']
>>> index = LiteralIndex(["visit", "virtual visit", "panel"])
>>> sorted(index.scan("Virtual visits and panels").present(0, 14))
['virtual visit', 'visit']
>>> index.occurs_in("Panel"), index.occurs_in("Pane")
(True, False)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

_FOLD_TABLE = {0x130: "i", 0x131: "i", 0x17F: "s"}
#: product limit when expanding small alternations into whole strings
_MAX_SET = 16


def fold(text: str) -> str:
    """``text`` lower-cased the way ``re.IGNORECASE`` compares ASCII letters, same length.

    >>> fold("Adoptİon ſtage")
    'adoption stage'
    """
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_FOLD_TABLE)
    return text.lower()


def _expand_item(op: Any, av: Any) -> set[str] | None:
    """The exact (small) set of strings one parsed item matches, or None."""
    if op is sre.LITERAL:
        ch = chr(av).lower()
        return {ch} if ch.isascii() else None
    if op is sre.AT:
        return {""}
    if op is sre.IN:
        if not av or any(o is not sre.LITERAL for o, _ in av):
            return None
        chars = {chr(c).lower() for _, c in av}
        return chars if all(c.isascii() for c in chars) and len(chars) <= 4 else None
    if op is sre.SUBPATTERN:
        return _expand_seq(av[3])
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            e = _expand_seq(alt)
            if e is None:
                return None
            out |= e
        return out if len(out) <= _MAX_SET else None
    return None


def _expand_seq(items: Any) -> set[str] | None:
    out = {""}
    for op, av in items:
        e = _expand_item(op, av)
        if e is None:
            return None
        out = {a + b for a in out for b in e}
        if len(out) > _MAX_SET:
            return None
    return out


def _prefix_item(op: Any, av: Any) -> set[str]:
    """Strings one of which starts every match of a (non-expandable) item (``{""}``: none)."""
    if op is sre.SUBPATTERN:
        return _prefix_seq(av[3])
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefix_seq(alt)
        return out if len(out) <= _MAX_SET else {""}
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _prefix_seq(av[2])
    return {""}


def _prefix_seq(items: Any) -> set[str]:
    out = {""}
    for op, av in items:
        e = _expand_item(op, av)
        if e is None:
            e = _prefix_item(op, av)
            product = {a + b for a in out for b in e}
            return product if len(product) <= _MAX_SET else out
        product = {a + b for a in out for b in e}
        if len(product) > _MAX_SET:
            return out
        out = product
    return out


def _require_item(op: Any, av: Any) -> set[str] | None:
    """Strings one of which any match of a (non-expandable) item contains, or None."""
    if op is sre.SUBPATTERN:
        return _require_seq(av[3])
    if op is sre.ATOMIC_GROUP:
        return _require_seq(av)
    if op is sre.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            r = _require_seq(alt)
            if r is None:
                return None
            out |= r
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _require_seq(av[2])
    return None


def _require_seq(items: Any) -> set[str] | None:
    options: list[set[str]] = []
    run = {""}
    for op, av in [*items, (None, None)]:
        e = _expand_item(op, av) if op is not None else None
        if e is not None and len(run) * len(e) <= _MAX_SET:
            run = {a + b for a in run for b in e}
            continue
        if op is not None and e is None:  # the run continues into how the item starts
            run = {a + b for a in run for b in _prefix_item(op, av)}
            if len(run) > _MAX_SET:
                run = {""}
        if min(map(len, run)) > 0:
            options.append(run)
        run = {""}
        if e is not None:  # too many combinations: restart the run with this item
            if min(map(len, e)) > 0:
                run = e
            continue
        if op is not None:
            r = _require_item(op, av)
            if r:
                options.append(r)
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def required(pattern: str | re.Pattern[str]) -> set[str] | None:
    """Lower-case strings one of which occurs in every match of ``pattern`` (read with
    ``re.IGNORECASE``), or None when no such set was found. See the module examples."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return _require_seq(sre_parse.parse(source, re.IGNORECASE))


def _trie_regex(words: list[str]) -> re.Pattern[str]:
    """A regex matching, at each position, the longest of ``words`` that starts there."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie) if words else r"(?!)")


class LiteralIndex:
    """Finds every occurrence of a fixed set of lower-case strings in one pass."""

    def __init__(self, words: list[str] | set[str]) -> None:
        self.words = sorted(set(words))
        self._rx = _trie_regex(self.words)
        #: for each word, the words (itself included) that are its prefixes
        self._prefixes = {w: [v for v in self.words if w.startswith(v)] for w in self.words}

    def occurs_in(self, text: str) -> bool:
        """Whether any of the words occurs in ``fold(text)``."""
        return self._rx.search(fold(text)) is not None

    def scan(self, text: str) -> Occurrences:
        """Every (start, end, word) occurrence in ``fold(text)``, overlapping ones included."""
        folded = fold(text)
        starts: list[int] = []
        ends: list[int] = []
        found: list[str] = []
        search = self._rx.search
        prefixes = self._prefixes
        m = search(folded)
        while m is not None:
            p = m.start()
            for w in prefixes[m.group()]:
                starts.append(p)
                ends.append(p + len(w))
                found.append(w)
            m = search(folded, p + 1)
        return Occurrences(starts, ends, found)


class Occurrences:
    """The result of :meth:`LiteralIndex.scan`: query which words lie inside a span."""

    __slots__ = ("starts", "ends", "words")

    def __init__(self, starts: list[int], ends: list[int], words: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.words = words

    def present(self, lo: int, hi: int) -> set[str]:
        """Words with an occurrence wholly inside ``lo..hi``."""
        starts = self.starts
        i = bisect_left(starts, lo)
        j = bisect_left(starts, hi, i)
        ends = self.ends
        words = self.words
        return {words[k] for k in range(i, j) if ends[k] <= hi}
