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
from functools import cache
from importlib import resources
from typing import Any

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


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace(" ", r"\s+"), re.IGNORECASE)


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
    instruments: dict[str, list[re.Pattern[str]]]
    cited: dict[str, list[re.Pattern[str]]]
    aliases: dict[str, list[re.Pattern[str]]]
    ambiguous: list[tuple[re.Pattern[str], list[str], list[str]]]
    suppress: dict[str, list[str]]
    default_by_reg: dict[str, str]
    default_instrument: str
    keywords: dict[str, re.Pattern[str]]
    #: (instrument key, regulation number) -> [(code, paragraphs)]
    reg_index: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = field(
        default_factory=dict
    )


def _read(name: str) -> Any:
    return json.loads(resources.files("foicompare.data").joinpath(name).read_text("utf-8"))


_REG_PART = re.compile(r"(\d{1,2}[A-Z]?)((?:\([0-9A-Za-z]+\))*)(?:\s*-\s*((?:\([0-9A-Za-z]+\))+))?")


def _regulation_numbers(field_text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Regulation numbers and first-level paragraphs in a CSV ``regulation`` field.

    >>> _regulation_numbers("17(2A)-(2D); 18; 19(1)")
    [('17', ('2a', '2d')), ('18', ()), ('19', ('1',))]
    >>> _regulation_numbers("Part 8A (47A-47E)")
    [('47a', ()), ('47e', ())]
    """
    inner = (
        re.search(r"\(([^()]*\d[^()]*)\)", field_text) if field_text.startswith("Part") else None
    )
    if inner:
        field_text = inner.group(1).replace("-", ";")
    out: list[tuple[str, tuple[str, ...]]] = []
    for part in re.split(r";|\band\b|/or\b", field_text):
        m = _REG_PART.search(part.strip())
        if not m or any(w in part for w in ("regs", "various", "Schedule")):
            continue
        paras = [p.lower() for p in re.findall(r"\(([0-9A-Za-z]+)\)", m.group(2))[:1]]
        if m.group(3):
            paras += [p.lower() for p in re.findall(r"\(([0-9A-Za-z]+)\)", m.group(3))[:1]]
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
    return vocab


def cited_instruments(norm: str) -> list[str]:
    """Which coronavirus instruments a (normalised) text cites.

    >>> cited_instruments(normalise("the Adoption and Children (Coronavirus) (Amendment) (No. 2) Regulations 2020"))
    ['SI 2020/909']
    """
    return [name for name, pats in load().cited.items() if any(p.search(norm) for p in pats)]


_REGREF = re.compile(
    r"\b(?:regulations?|regs?\.?|r\.)\s*(\d{1,2}[a-z]{0,2})\b((?:\s?\(\s?[0-9a-z]{1,4}\s?\))*)"
    r"(?:(?:\s*(?:,|and|&)\s*)(\d{1,2}[a-z]?)\b)?"
)
_OF_AMENDING = re.compile(
    r"\s*(?:of|in) (?:the )?(?:adoption and children|si\b|statutory instrument|amend|coronavirus)"
)
_ADOPTION = re.compile(r"\badopt")
_FOSTERING = re.compile(r"\bfoster(?!ing for adoption)")


def _instrument_near(norm: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """The instrument named nearest to ``start..end`` inside ``lo..hi`` (or None)."""
    best: tuple[int, str] | None = None
    for key, pats in load().instruments.items():
        for p in pats:
            for m in p.finditer(norm, lo, hi):
                dist = start - m.end() if m.end() <= start else m.start() - end
                if dist < 0:
                    dist = 0
                if best is None or dist < best[0]:
                    best = (dist, key)
    return best[1] if best else None


def _by_keywords(norm: str, lo: int, hi: int, candidates: list[str]) -> list[str]:
    vocab = load()
    scores = {c: len(set(vocab.keywords[c].findall(norm, lo, hi))) for c in candidates}
    for c in candidates:
        scores[c] += sum(1 for p in vocab.aliases.get(c, []) if p.search(norm, lo, hi))
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
    for m in _REGREF.finditer(norm, lo, hi):
        if _OF_AMENDING.match(norm, m.end()):
            continue
        paras = [p.strip() for p in re.findall(r"\(\s?([0-9a-z]{1,4})\s?\)", m.group(2) or "")]
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
    vocab = load()
    hi = len(norm) if hi is None else hi
    found: list[Mention] = []
    for code, pats in vocab.aliases.items():
        for p in pats:
            m = p.search(norm, lo, hi)
            if m:
                found.append(Mention(code, m.start(), m.end(), "alias"))
                break
    for pat, adoption, fostering in vocab.ambiguous:
        m = pat.search(norm, lo, hi)
        if not m:
            continue
        codes = _family(norm, lo, hi, context, adoption, fostering)
        found.extend(Mention(c, m.start(), m.end(), "ambiguous") for c in codes)
    found.extend(regulation_mentions(norm, lo, hi))
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
