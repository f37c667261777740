"""Where many plain strings occur in a document, found in one pass, queried per span.

Most of the vocabulary's ~120 patterns cannot match most spans of a document. Each pattern has
a set of plain strings of which at least one must occur in any text it matches
(:func:`foicompare.regex_literals.required`); a document's occurrences of all such strings are
found in one pass (:class:`LiteralIndex`), so a span needs only the patterns whose strings it
contains. The real pattern still decides, so results are exactly those of searching every
pattern. Text is compared in :func:`foicompare.regex_literals.fold` form, which keeps every
offset, so positions found in the folded text are positions in the original.

>>> index = LiteralIndex(["visit", "virtual visit", "panel"])
>>> sorted(index.scan("Virtual visits and panels").present(0, 14))
['virtual visit', 'visit']
>>> index.occurs_in("Panel"), index.occurs_in("Pane")
(True, False)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from foicompare.regex_literals import fold, trie_regex


class LiteralIndex:
    """Finds every occurrence of a fixed set of lower-case strings in one pass."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self._rx = trie_regex(self.words)
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
