"""The SI 2020/445 flexibilities vocabulary and the ways councils refer to each flexibility.

The vocabulary (``data/flexibilities.json``) is built from ``../shared/reference/flexibilities.csv``
by ``scripts/build_flexibilities.py``; the hand-written aliases (``data/flexibilities_aliases.json``)
say how answers name them: instrument names ("Care Planning, Placement and Case Review (England)
Regulations 2010", "CPPCR"), regulation numbers ("Regulation 23", "reg 28(1A)") and plain phrases
("virtual visits", "medical reports", "fostering panel").

>>> vocab = load()
>>> len(vocab.codes)
53
>>> [m.code for m in find_mentions(normalise("Virtual visits have taken place."))]
['cppcr-visits-remote']
>>> [m.code for m in find_mentions(normalise("Care Planning Regulation 28(1A) used"))]
['cppcr-visits-remote']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from foicompare import linre

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "\u00a0": " ", "\u2010": "-", "\u2011": "-", "\u2212": "-"})  # fmt: skip


def normalise(text: str) -> str:
    """Lower-case ``text`` with typographic quotes and dashes made plain, keeping every offset.

    >>> normalise("Children’s Homes – Reg 44")
    "children's homes - reg 44"
    """
    out = text.translate(_QUOTES)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


@cache
def codes() -> tuple[str, ...]:
    """Every flexibility code in vocabulary order, without compiling the patterns.

    >>> codes()[:1]
    ('rfc-welfare-reasonable-endeavours',)
    """
    return tuple(r["code"] for r in _read("flexibilities.json")["flexibilities"])


@cache
def short_labels() -> dict[str, str]:
    """Plain-English short labels by code, for charts and tables (``data/flexibility_labels``).

    >>> short_labels()["cppcr-visits-remote"]
    'Virtual visits to looked after children'
    """
    labels = _read("flexibility_labels.json")
    return {k: v for k, v in labels.items() if not k.startswith("_")}


def short_label(code: str) -> str:
    """The short label of ``code`` (the code itself if it has none)."""
    return short_labels().get(code, code)


def _compile(pattern: str) -> linre.AnyPattern:
    return linre.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place where a text names one flexibility (``how``: alias, ambiguous or regulation)."""

    code: str
    start: int
    end: int
    how: str


@dataclass(slots=True)
class Vocabulary:
    """The packaged vocabulary with its compiled patterns."""

    flexibilities: list[dict[str, Any]]
    codes: tuple[str, ...]
    by_code: dict[str, dict[str, Any]]
    instruments: dict[str, list[linre.AnyPattern]]
    cited: dict[str, list[linre.AnyPattern]]
    aliases: dict[str, list[linre.AnyPattern]]
    ambiguous: list[tuple[linre.AnyPattern, list[str], list[str]]]
    suppress: dict[str, list[str]]
    default_by_reg: dict[str, str]
    default_instrument: str
    keywords: dict[str, linre.AnyPattern]
    #: (instrument key, regulation number) -> [(code, paragraphs)]
    reg_index: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = field(
        default_factory=dict
    )
    #: pre-filter: which compiled patterns can match a span (see :func:`possible_patterns`)
    prefilter: Prefilter | None = None


@dataclass(slots=True)
class Prefilter:
    """Every vocabulary pattern, and an RE2 ``Set`` saying in one pass which can match a span.

    ``alias_order`` lists ``(code, pattern)`` in the order :func:`find_mentions` tries them;
    ``alias_slots`` maps a pattern number to its places in that list. The set holds each
    pattern in a relaxed form (no look-arounds, anchors or word boundaries, see
    :func:`foicompare.linre.relaxed`) that matches at least wherever the pattern does, so
    skipping the patterns the set rules out never changes a result; a pattern the set cannot
    hold is always tried.
    """

    candidates: linre.Set
    numbers: list[int]  # set index -> pattern number
    always: frozenset[int]
    alias_order: list[tuple[str, Any]]
    alias_slots: dict[int, tuple[int, ...]]
    ids: dict[int, int]  # id(pattern object) -> pattern number


def _prefilter(patterns: list[Any], alias_order: list[tuple[str, Any]]) -> Prefilter:
    ids: dict[int, int] = {}
    relaxed: list[str] = []
    numbers: list[int] = []
    always: set[int] = set()
    for p in patterns:
        if id(p) in ids:
            continue
        n = ids[id(p)] = len(ids)
        loose = linre.relaxed(p.pattern)
        if loose is None:
            always.add(n)
            continue
        relaxed.append(loose)
        numbers.append(n)
    slots: dict[int, list[int]] = {}
    for i, (_, p) in enumerate(alias_order):
        slots.setdefault(ids[id(p)], []).append(i)
    return Prefilter(
        candidates=linre.Set(relaxed, re.IGNORECASE),
        numbers=numbers,
        always=frozenset(always),
        alias_order=alias_order,
        alias_slots={n: tuple(v) for n, v in slots.items()},
        ids=ids,
    )


def _read(name: str) -> Any:
    return json.loads(resources.files("foicompare.data").joinpath(name).read_text("utf-8"))


_REG_PART = linre.compile(
    r"(\d{1,2}[A-Z]?)((?:\([0-9A-Za-z]+\))*)(?:\s*-\s*((?:\([0-9A-Za-z]+\))+))?"
)


def _regulation_numbers(field_text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Regulation numbers and first-level paragraphs in a CSV ``regulation`` field.

    >>> _regulation_numbers("17(2A)-(2D); 18; 19(1)")
    [('17', ('2a', '2d')), ('18', ()), ('19', ('1',))]
    >>> _regulation_numbers("Part 8A (47A-47E)")
    [('47a', ()), ('47e', ())]
    """
    inner = (
        linre.compile(r"\(([^()]*\d[^()]*)\)").search(field_text)
        if field_text.startswith("Part")
        else None
    )
    if inner:
        field_text = inner.group(1).replace("-", ";")
    out: list[tuple[str, tuple[str, ...]]] = []
    for part in linre.compile(r";|\band\b|/or\b").split(field_text):
        m = _REG_PART.search(part.strip())
        if not m or any(w in part for w in ("regs", "various", "Schedule")):
            continue
        paras = [p.lower() for p in linre.compile(r"\(([0-9A-Za-z]+)\)").findall(m.group(2))[:1]]
        if m.group(3):
            paras += [
                p.lower() for p in linre.compile(r"\(([0-9A-Za-z]+)\)").findall(m.group(3))[:1]
            ]
        out.append((m.group(1).lower(), tuple(paras)))
    return out


@cache
def load() -> Vocabulary:
    """The vocabulary and alias table, loaded and compiled once per process."""
    data = _read("flexibilities.json")["flexibilities"]
    al = _read("flexibilities_aliases.json")
    by_code = {r["code"]: r for r in data}
    for code in al["aliases"]:
        if code not in by_code:
            raise ValueError(f"flexibilities_aliases.json names unknown code {code!r}")
    keywords = {}
    for r in data:
        words = [re.escape(k.lower()).replace(r"\ ", " ") for k in r["keywords"]]
        keywords[r["code"]] = _compile(r"\b(?:" + "|".join(words) + r")")
    vocab = Vocabulary(
        flexibilities=data,
        codes=tuple(by_code),
        by_code=by_code,
        instruments={k: [_compile(p) for p in v] for k, v in al["instruments"].items()},
        cited={k: [_compile(p) for p in v] for k, v in al["regulations_cited"].items()},
        aliases={k: [_compile(p) for p in v] for k, v in al["aliases"].items()},
        ambiguous=[
            (_compile(a["pattern"]), a["adoption"], a["fostering"]) for a in al["ambiguous"]
        ],
        suppress=al["suppress"],
        default_by_reg=al["default_by_reg"],
        default_instrument=al["default_instrument"],
        keywords=keywords,
    )
    for r in data:
        inst = r["code"].split("-", 1)[0]
        for num, paras in _regulation_numbers(r["regulation"]):
            vocab.reg_index.setdefault((inst, num), []).append((r["code"], paras))
    alias_order = [(code, p) for code, pats in vocab.aliases.items() for p in pats]
    patterns = [p for _, p in alias_order] + [a[0] for a in vocab.ambiguous] + [_REGREF]
    for group in (vocab.instruments, vocab.cited):
        patterns += [p for pats in group.values() for p in pats]
    patterns += list(vocab.keywords.values())
    vocab.prefilter = _prefilter(patterns, alias_order)
    return vocab


@dataclass(slots=True)
class _Document:
    """Per-text state: the patterns that can match each span, and mentions already found."""

    mentions: dict[tuple[int, int, tuple[int, int] | None], tuple[Mention, ...]]
    patterns: dict[tuple[int, int], frozenset[int]] = field(default_factory=dict)
    keyword_picks: dict[tuple[int, int, tuple[str, ...]], list[str]] = field(default_factory=dict)


@lru_cache(maxsize=8)
def _document(norm: str) -> _Document:
    return _Document({})


def possible_patterns(norm: str, lo: int, hi: int) -> frozenset[int]:
    """Numbers (see :class:`Prefilter`) of the patterns that may match inside ``norm[lo:hi]``.

    >>> pf = load().prefilter
    >>> text = normalise("We used virtual visits.")
    >>> pf.ids[id(load().aliases["cppcr-visits-remote"][0])] in possible_patterns(text, 0, len(text))
    True
    >>> pf.ids[id(load().aliases["cppcr-visits-remote"][0])] in possible_patterns(text, 0, 7)
    False
    """
    doc = _document(norm)
    known = doc.patterns.get((lo, hi))
    if known is None:
        pf = load().prefilter
        assert pf is not None
        numbers = pf.numbers
        out = set(pf.always)
        out.update(numbers[i] for i in pf.candidates.matching(norm[lo:hi]))
        known = doc.patterns[(lo, hi)] = frozenset(out)
    return known


def _may_match(p: linre.AnyPattern, cands: frozenset[int]) -> bool:
    pf = load().prefilter
    assert pf is not None
    return pf.ids[id(p)] in cands


def cited_instruments(norm: str) -> list[str]:
    """Which coronavirus instruments a (normalised) text cites.

    >>> cited_instruments(normalise("the Adoption and Children (Coronavirus) (Amendment) (No. 2) Regulations 2020"))
    ['SI 2020/909']
    """
    cands = possible_patterns(norm, 0, len(norm))
    return [
        name
        for name, pats in load().cited.items()
        if any(_may_match(p, cands) and p.search(norm) for p in pats)
    ]


_REGREF = linre.compile(
    r"\b(?:regulations?|regs?\.?|r\.)\s*(\d{1,2}[a-z]{0,2})\b((?:\s?\(\s?[0-9a-z]{1,4}\s?\))*)"
    r"(?:(?:\s*(?:,|and|&)\s*)(\d{1,2}[a-z]?)\b)?"
)
_OF_AMENDING = linre.compile(
    r"\s*(?:of|in) (?:the )?(?:adoption and children|si\b|statutory instrument|amend|coronavirus)"
)
_ADOPTION = linre.compile(r"\badopt")
_FOSTERING = linre.compile(r"\bfoster(?!ing for adoption)")


def _instrument_near(norm: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """The instrument named nearest to ``start..end`` inside ``lo..hi`` (or None)."""
    best: tuple[int, str] | None = None
    cands = possible_patterns(norm, lo, hi)
    for key, pats in load().instruments.items():
        for p in pats:
            if not _may_match(p, cands):
                continue
            for m in p.finditer(norm, lo, hi):
                dist = start - m.end() if m.end() <= start else m.start() - end
                if dist < 0:
                    dist = 0
                if best is None or dist < best[0]:
                    best = (dist, key)
    return best[1] if best else None


def _by_keywords(norm: str, lo: int, hi: int, candidates: list[str]) -> list[str]:
    # the same answer for every regulation number in a sentence: computed once per span
    memo = _document(norm).keyword_picks
    key = (lo, hi, tuple(candidates))
    if key not in memo:
        memo[key] = _score_keywords(norm, lo, hi, candidates)
    return list(memo[key])


def _score_keywords(norm: str, lo: int, hi: int, candidates: list[str]) -> list[str]:
    vocab = load()
    cands = possible_patterns(norm, lo, hi)
    scores = {
        c: len(set(vocab.keywords[c].findall(norm, lo, hi)))
        if _may_match(vocab.keywords[c], cands)
        else 0
        for c in candidates
    }
    for c in candidates:
        scores[c] += sum(
            1 for p in vocab.aliases.get(c, []) if _may_match(p, cands) and p.search(norm, lo, hi)
        )
    top = max(scores.values(), default=0)
    return [c for c in candidates if scores[c] == top] if top else []


def resolve_regulation(
    norm: str, num: str, paras: list[str], start: int, end: int, lo: int, hi: int
) -> list[str]:
    """Codes meant by "regulation ``num``(``paras``)" found at ``start..end`` in segment ``lo..hi``."""
    vocab = load()
    inst = _instrument_near(norm, start, end, max(lo, start - 200), min(hi, end + 160))
    keys = [inst] if inst else [k for k in vocab.instruments]
    cands: list[tuple[str, str, tuple[str, ...]]] = []
    for k in keys:
        for code, cparas in vocab.reg_index.get((k, num), []):
            cands.append((k, code, cparas))
    if not cands:
        return []
    if paras:
        p = paras[0]
        exact = [c for c in cands if c[2] and _para_in(p, c[2])]
        if exact:
            cands = exact
    codes = list(dict.fromkeys(c[1] for c in cands))
    if len(codes) == 1:
        return codes
    chosen = _by_keywords(norm, lo, hi, codes)
    if len(chosen) == 1:
        return chosen
    pool = chosen or codes
    insts = list(dict.fromkeys(c[0] for c in cands if c[1] in pool))
    if len(insts) > 1 and vocab.default_instrument in insts:
        insts = [vocab.default_instrument]
    for k in insts:
        default = vocab.default_by_reg.get(f"{k}:{num}")
        if default in pool:
            return [default]
    in_inst = [c for c in pool if c.split("-", 1)[0] == insts[0]]
    return in_inst[:1]


def _para_in(p: str, cparas: tuple[str, ...]) -> bool:
    if p in cparas:
        return True
    if len(cparas) == 2:
        lo, hi = cparas
        if lo.isdigit() and hi.isdigit() and p.isdigit():
            return int(lo) <= int(p) <= int(hi)
        return lo <= p <= hi and len(p) == len(lo)
    return False


def regulation_mentions(norm: str, lo: int = 0, hi: int | None = None) -> list[Mention]:
    """Mentions by regulation number ("Regulation 23", "reg 28(1A)") inside ``lo..hi``."""
    hi = len(norm) if hi is None else hi
    out: list[Mention] = []
    if not _may_match(_REGREF, possible_patterns(norm, lo, hi)):
        return out
    return _regulation_mentions(norm, lo, hi)


def _regulation_mentions(norm: str, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    for m in _REGREF.finditer(norm, lo, hi):
        if _OF_AMENDING.match(norm, m.end()):
            continue
        paras = [
            p.strip() for p in linre.compile(r"\(\s?([0-9a-z]{1,4})\s?\)").findall(m.group(2) or "")
        ]
        nums = [(m.group(1), paras)] + ([(m.group(3), [])] if m.group(3) else [])
        for num, ps in nums:
            for code in resolve_regulation(norm, num, ps, m.start(), m.end(), lo, hi):
                out.append(Mention(code, m.start(), m.end(), "regulation"))
    return out


def find_mentions(
    norm: str, lo: int = 0, hi: int | None = None, *, context: tuple[int, int] | None = None
) -> list[Mention]:
    """Every flexibility named inside ``norm[lo:hi]`` (aliases, ambiguous phrases, regulations).

    ``context`` is a wider span used to decide ambiguous phrases ("medical reports" means the
    adoption or the fostering flexibility according to the words around it).
    """
    hi = len(norm) if hi is None else hi
    doc = _document(norm)
    key = (lo, hi, context)
    known = doc.mentions.get(key)
    if known is None:
        known = doc.mentions[key] = tuple(_find_mentions(norm, lo, hi, context))
    return list(known)


def _find_mentions(norm: str, lo: int, hi: int, context: tuple[int, int] | None) -> list[Mention]:
    vocab = load()
    pf = vocab.prefilter
    assert pf is not None
    found: list[Mention] = []
    cands = possible_patterns(norm, lo, hi)
    named: set[str] = set()
    # aliases in table order; for each code the first of its patterns that matches
    slots = pf.alias_slots
    for i in sorted(i for n in cands if n in slots for i in slots[n]):
        code, p = pf.alias_order[i]
        if code in named:
            continue
        m = p.search(norm, lo, hi)
        if m:
            found.append(Mention(code, m.start(), m.end(), "alias"))
            named.add(code)
    ids = pf.ids
    for pat, adoption, fostering in vocab.ambiguous:
        if ids[id(pat)] not in cands:  # _may_match, without a call per phrase
            continue
        m = pat.search(norm, lo, hi)
        if not m:
            continue
        codes = _family(norm, lo, hi, context, adoption, fostering)
        found.extend(Mention(c, m.start(), m.end(), "ambiguous") for c in codes)
    if _may_match(_REGREF, cands):
        found.extend(_regulation_mentions(norm, lo, hi))
    present = {m.code for m in found}
    drop = {g for g, specific in vocab.suppress.items() if g in present and present & set(specific)}
    seen: set[str] = set()
    out = []
    for m in sorted(found, key=lambda m: m.start):
        if m.code in drop or m.code in seen:
            continue
        seen.add(m.code)
        out.append(m)
    return out


def _family(
    norm: str,
    lo: int,
    hi: int,
    context: tuple[int, int] | None,
    adoption: list[str],
    fostering: list[str],
) -> list[str]:
    for a, b in ((lo, hi), context or (lo, hi)):
        ad = bool(_ADOPTION.search(norm, a, b))
        fo = bool(_FOSTERING.search(norm, a, b))
        if ad and not fo:
            return adoption
        if fo and not ad:
            return fostering
        if ad and fo:
            return adoption + fostering
    return adoption + fostering
