"""Which council is a whole document from? Weigh every piece of evidence in it.

Evidence and weights (a council's score is the sum of its evidence):

* the source's own hint (e.g. WhatDoTheyKnow's body name) ............ 10
* a WhatDoTheyKnow header "made this ... request to X" ............... 10
* the URL the document was published at: council domain 8, hosted
  log sub-domain 6, a path naming the council ("/sefton-council.htm") 4
* "Dear X," addressed to a council ..................................... 5
* a council web or email domain in the text ............................ 4
* a council's name with a designator ("X Council", "LB of X") ......... 3
* a bare council name ("Barnet") ........................................ 1

Text evidence counts double in the letterhead (the first lines) and half again in the
sign-off (the last lines), so the council that writes the letter outweighs councils
merely mentioned in the body. Every match is moved to the body that existed on the
document's date before scores are added.

>>> letter = "Coventry City Council\\nCouncil House\\n...\\nwe asked Warwickshire\\n"
>>> resolve_document(letter)["name"]
'Coventry City Council'
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from foicompare import linre
from foicompare.authorities.names import Resolution, at_date, resolve, resolve_domain
from foicompare.authorities.register import Authority, as_date, register
from foicompare.authorities.trusts import TrustResolution, find_trust, match_trust, resolve_trust

W_HINT, W_HEADER, W_URL_HOST, W_URL_SUB, W_URL_PATH = 10.0, 10.0, 8.0, 6.0, 4.0
W_STATUS, W_DEAR, W_SELF, W_DOMAIN, W_DESIGNATED, W_BARE = 8.0, 5.0, 5.0, 4.0, 3.0, 1.0
HEAD_CHARS, TAIL_CHARS, HEAD_FACTOR, TAIL_FACTOR = 600, 600, 2.0, 1.5
#: a council's body-text evidence is capped, so many mentions cannot outvote a letterhead
BODY_CAP = 4.0
#: documents longer than this are scanned at their start and end only
SCAN_LIMIT = 20_000
#: below this total score the answer is "not known"
MIN_SCORE = 2.0

#: a word (letters and digits, no "_"), or "&"
_TOKEN = linre.compile(r"[\p{L}\p{N}]+|&")
_WORD_CHAR = linre.compile(r"[\p{L}\p{N}&]")
_WDTK = linre.compile(
    r"made this (?:Freedom of Information |Environmental Information |FOI |EIR )?request "
    r"to\s+([^\n]{3,120}?)\s*(?:\n|$|\bThis request\b|\.\s)",
    re.I,
)
_DEAR = linre.compile(r"^\s*Dear\s+([^,\n]{3,80}?)\s*,?\s*$", re.M)
_DESIGNATORS = (
    ("metropolitan", "borough", "council"), ("county", "borough", "council"),
    ("borough", "council"), ("district", "council"), ("county", "council"),
    ("city", "council"), ("council",), ("mbc",), ("lbc",),
)  # fmt: skip
_PRE_DESIGNATORS = (
    ("london", "borough", "of"), ("royal", "borough", "of"), ("city", "of"),
    ("council", "of"), ("borough", "of"), ("county", "of"), ("lb",), ("rb",),
)  # fmt: skip
#: register types that are not councils; their bare names ("West Midlands") are places
_NOT_COUNCIL = frozenset({"COMB", "SRA"})
#: WhatDoTheyKnow status lines that name the body a request went to
_WDTK_STATUS = linre.compile(
    r"\b(?:Waiting for (?:an internal review by|a response from|clarification from)"
    r"|Response by|The request was (?:refused|partially successful|successful) by"
    r"|Delayed\.? Waiting for a response from)\s+([^\n]{3,100}?)"
    r"(?:\s+of their handling|\s+to\s|\s*[.,\n]|$)",
    re.I,
)
#: the letter speaking of itself: "the information is held by X", "on behalf of X"
_SELF = linre.compile(r"\b(?:held by|on behalf of)\s+(?:the\s+)?([A-Z][^\n.,;:()]{2,80})")
#: words that mark a salutation as some other kind of public body ("Dear Department for ...")
_OTHER_ORG = frozenset({
    "department", "ministry", "office", "agency", "nhs", "trust", "police", "constabulary",
    "commission", "commissioner", "executive", "government", "parliament", "university",
    "college", "inspectorate", "ofsted", "cafcass", "tribunal", "court", "hmrc", "dwp",
})  # fmt: skip
#: a name followed by one of these is another kind of body ("Surrey Police")
_OTHER_BODY = frozenset({
    "police", "constabulary", "fire", "nhs", "ccg", "clinical", "health", "healthcare",
    "hospital", "hospitals", "university", "college", "chamber", "partnership", "trust",
    "icb", "ics", "diocese", "cathedral", "fc", "safeguarding", "probation", "court",
    "courts", "tribunal",
})  # fmt: skip
#: a place name after one of these is part of another body's name
_BEFORE_OTHER_BODY = frozenset({"nhs", "greater"})
_TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "judge",
})  # fmt: skip
#: single-word names that are also everyday words; they count only with a designator
_COMMON = frozenset({
    "reading", "bury", "hart", "eden", "rugby", "craven", "highland", "central", "wells",
})  # fmt: skip
_LOWER_OK = frozenset({
    "and", "of", "upon", "on", "the", "under", "in", "with", "st", "le", "by",
})  # fmt: skip


@dataclass
class _Index:
    keys: dict[tuple[str, ...], str]
    lengths: dict[str, tuple[int, ...]]  # first token -> key lengths, longest first


_INDEX: _Index | None = None


def _tok(word: str) -> str:
    w = word.casefold()
    return "and" if w == "&" else "st" if w == "saint" else w


def _index() -> _Index:
    global _INDEX
    if _INDEX is None:
        keys: dict[tuple[str, ...], str] = {}
        lengths: dict[str, set[int]] = {}
        for key, code in register().names.items():
            toks = tuple(_tok(t) for t in _TOKEN.findall(key))
            if not toks or (len(toks) == 1 and len(toks[0]) < 4):
                continue  # initialisms such as "BCC" are too often something else
            keys[toks] = code
            lengths.setdefault(toks[0], set()).add(len(toks))
        _INDEX = _Index(keys, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})
    return _INDEX


class _Scores:
    def __init__(self, on: dt.date | None) -> None:
        self.on = on
        self.total: dict[str, float] = {}
        self.body: dict[str, float] = {}
        self.best: dict[str, tuple[float, str]] = {}
        self.auth: dict[str, Resolution] = {}
        self.negative: str | None = None
        self.publisher: str | None = None  # published by a body that is not a council

    def add(self, res: Resolution | None, weight: float, why: str, body: bool = False) -> None:
        if res is None or res.authority is None:
            return
        code = res.authority.code
        if body:
            room = BODY_CAP - self.body.get(code, 0.0)
            weight = min(weight, max(room, 0.0))
            self.body[code] = self.body.get(code, 0.0) + weight
            if weight <= 0:
                return
        self.total[code] = self.total.get(code, 0.0) + weight
        self.auth.setdefault(code, res)
        if weight > self.best.get(code, (0.0, ""))[0]:
            self.best[code] = (weight, why)


class _Spaces(dict[int, str]):
    """``str.translate`` table: a character that is not a letter (\\p{L}), a number (\\p{N})
    or "&" becomes a space; filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = ch if _WORD_CHAR.match(ch) else " "  # RE2's own Unicode tables, as _TOKEN
        self[code] = out
        return out


_SPACES = _Spaces()


def _tokens(chunk: str) -> list[tuple[int, str]]:
    """``(start, word)`` of every ``_TOKEN`` match in ``chunk``, in order.

    Split with ``str.translate`` and ``str.split``: the same words and offsets as
    ``_TOKEN.finditer``, about ten times faster than one match object per word.

    >>> _tokens("Kent County Council (KCC) & Medway")
    [(0, 'Kent'), (5, 'County'), (12, 'Council'), (21, 'KCC'), (26, '&'), (28, 'Medway')]
    """
    spaced = chunk.translate(_SPACES)
    out: list[tuple[int, str]] = []
    pos = 0
    for word in spaced.split():
        pos = spaced.index(word, pos)  # only spaces lie between two words
        if "&" in word:
            for i, ch in enumerate(word):  # "&" is a word of its own, letters run together
                if ch == "&":
                    out.append((pos + i, "&"))
                elif i == 0 or word[i - 1] == "&":
                    end = word.find("&", i)
                    out.append((pos + i, word[i:] if end == -1 else word[i:end]))
        else:
            out.append((pos, word))
        pos += len(word)
    return out


def _words(chunk: str) -> tuple[list[int], list[str], list[str]]:
    """The starts and the words of :func:`_tokens`, and each word as :func:`_tok` reads it,
    as three lists made by C-level loops.

    >>> _words("Kent County, Medway & Swale")
    ([0, 5, 13, 20, 22], ['Kent', 'County', 'Medway', '&', 'Swale'], ['kent', 'county', 'medway', 'and', 'swale'])
    """
    spaced = chunk.translate(_SPACES)
    if "&" in spaced:
        pairs = _tokens(chunk)
        words = [w for _, w in pairs]
        return [a for a, _ in pairs], words, [_tok(w) for w in words]
    # only " " separates words in ``spaced``: piece k of split(" ") starts at the summed
    # lengths of the pieces before it plus k separators
    pieces = spaced.split(" ")
    starts = map(operator.add, itertools.accumulate(map(len, pieces), initial=0), itertools.count())
    # case-folding never makes or removes a space: the folded pieces pair with the pieces
    toks = list(filter(None, spaced.casefold().split(" ")))
    if "saint" in toks:
        toks = [_tok(t) for t in toks]
    return list(itertools.compress(starts, pieces)), list(filter(None, pieces)), toks


def _scan_names(text: str, scores: _Scores) -> None:
    if len(text) > SCAN_LIMIT:
        half = SCAN_LIMIT // 2
        spans = [(0, text[:half]), (len(text) - half, text[-half:])]
    else:
        spans = [(0, text)]
    idx = _index()
    reg = register()
    n_chars = len(text)
    for base, chunk in spans:
        offsets, all_words, toks = _words(chunk)
        firsts = idx.lengths.keys() & set(toks)
        i = 0
        # only a word that begins some name can start a match: visit those, in order
        for j in [k for k, t in enumerate(toks) if t in firsts] if firsts else ():
            if j < i:
                continue  # inside the name matched last
            i = j
            hit = None
            for n in idx.lengths[toks[i]]:
                code = idx.keys.get(tuple(toks[i : i + n])) if i + n <= len(toks) else None
                if code:
                    hit = (n, code)
                    break
            if hit is None:
                i += 1
                continue
            n, code = hit
            words = all_words[i : i + n]
            following = toks[i + n : i + n + 3]
            before = toks[max(0, i - 3) : i]
            start = base + offsets[i]
            i += n
            if following[:1] and following[0] in _OTHER_BODY:
                continue
            if before[-1:] and before[-1] in _TITLES or tuple(before[-2:]) == ("university", "of"):
                continue
            if before[-1:] and before[-1] in _BEFORE_OTHER_BODY:
                continue  # "NHS Greater Glasgow", "Greater Glasgow and Clyde"
            if following[:1] in (["and"], ["&"]) and any(t in _OTHER_BODY for t in following[1:3]):
                continue  # "Devon and Somerset Fire", "Leeds and York Partnership"
            key = tuple(toks[i - n : i])
            designated = (
                "council" in key
                or "corporation" in key
                or any(key[: len(d)] == d for d in _PRE_DESIGNATORS)
                or any(tuple(following[: len(d)]) == d for d in _DESIGNATORS)
                or any(tuple(before[-len(d) :]) == d for d in _PRE_DESIGNATORS)
            )
            auth = reg.by_code[code]
            if not designated:
                capitalised = all(w[:1].isupper() or w.lower() in _LOWER_OK for w in words)
                if not capitalised or (n == 1 and key[0] in _COMMON) or auth.type in _NOT_COUNCIL:
                    continue
            # Bare names are often lists in tables ("Derbyshire 1"), wherever they sit, so
            # only a designated name gains from being in the letterhead or sign-off.
            weight, where = (W_DESIGNATED, "body") if designated else (W_BARE, "body")
            if designated and start < HEAD_CHARS:
                weight, where = weight * HEAD_FACTOR, "letterhead"
            elif designated and start > n_chars - TAIL_CHARS:
                weight, where = weight * TAIL_FACTOR, "sign-off"
            res = at_date(auth, scores.on, 0.9, "name")
            kind = "name" if designated else "bare name"
            scores.add(res, weight, f'{kind} "{" ".join(words)}" in {where}', body=where == "body")


_HOSTCHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")


def _hosts(text: str) -> dict[str, str]:
    """Host names after "@" or around ".gov." / ".llyw.", found with str.find (fast)."""
    found: dict[str, str] = {}
    for needle, kind in (("@", "email domain"), (".gov.", "web domain"), (".llyw.", "web domain")):
        at = text.find(needle)
        while at != -1:
            lo = at + 1 if needle == "@" else at
            while needle != "@" and lo > 0 and text[lo - 1] in _HOSTCHARS:
                lo -= 1
            hi = at + len(needle)
            while hi < len(text) and text[hi] in _HOSTCHARS:
                hi += 1
            host = text[lo:hi].strip(".-").lower()
            if "." in host:
                found.setdefault(host, kind)
            at = text.find(needle, hi)
    return found


def _scan_domains(text: str, scores: _Scores) -> None:
    for host, kind in _hosts(text).items():
        scores.add(resolve_domain(host, scores.on), W_DOMAIN, f"{kind} {host}")


#: sites of public bodies that are not councils: a document published there is theirs
_OTHER_HOSTS = frozenset({
    "gov.scot", "www.gov.scot", "gov.wales", "www.gov.wales", "llyw.cymru", "www.llyw.cymru",
    "www.gov.uk", "assets.publishing.service.gov.uk",
})  # fmt: skip
_OTHER_HOST_SUFFIXES = (
    ".nhs.uk",
    ".nhs.scot",
    ".nhs.wales",
    ".police.uk",
    ".parliament.uk",
    ".parliament.scot",
)


def other_body_host(url: str) -> str | None:
    """The host when ``url`` is a site of a public body that is not a council (a government,
    an NHS body, a police force, a parliament), else None.

    >>> other_body_host("https://www.westyorkshire.police.uk/foi/x"), other_body_host("https://gov.wales/a")
    ('www.westyorkshire.police.uk', 'gov.wales')
    >>> other_body_host("https://www.barnet.gov.uk/foi") is None
    True
    """
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if host in _OTHER_HOSTS or host.endswith(_OTHER_HOST_SUFFIXES):
        return host
    return None


def _url_evidence(url: str, scores: _Scores) -> None:
    other = other_body_host(url)
    if other:
        scores.publisher = f"published at {other}, the site of a body that is not a council"
        return
    hit = resolve_domain(url, scores.on)
    if hit is not None:
        weight = W_URL_HOST if "sub-domain" not in hit.reason else W_URL_SUB
        scores.add(hit, weight, f"published at {urlsplit(url).hostname}")
        return
    # A path segment that spells a council's full name: ".../seftoncouncil.htm".
    reg = register()
    path = unquote(urlsplit(url).path).lower()
    for seg in _PATH_SEP.split(path):
        stem = _EXTENSION.sub("", seg)
        squashed = _NOT_ALNUM.sub("", stem)
        if len(squashed) < 8 or not _SQUASHED_DESIGNATED.search(squashed):
            continue
        code = _squashed_names().get(squashed)
        if code:
            res = at_date(reg.by_code[code], scores.on, 0.8, "url path")
            scores.add(res, W_URL_PATH, f'URL path "{seg}"')


_SQUASHED: dict[str, str] | None = None
_PATH_SEP = linre.compile(r"[/?#]")
_EXTENSION = linre.compile(r"\.[a-z0-9]{2,5}$")
_NOT_ALNUM = linre.compile(r"[^a-z0-9]")
_SQUASHED_DESIGNATED = linre.compile(
    r"(?:council|mbc|lbc|cc|bc|dc)$|^(?:londonborough|royalborough)of"
)


def _squashed_names() -> dict[str, str]:
    """Council names with designators, letters only ("seftoncouncil"), when unique."""
    global _SQUASHED
    if _SQUASHED is None:
        found: dict[str, set[str]] = {}
        for key, code in register().names.items():
            squashed = _NOT_ALNUM.sub("", key)
            if _SQUASHED_DESIGNATED.search(squashed):
                found.setdefault(squashed, set()).add(code)
        _SQUASHED = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    return _SQUASHED


def resolve_document(
    text: str,
    *,
    url: str | None = None,
    on: str | dt.date | None = None,
    hint: str | None = None,
) -> dict[str, Any]:
    """The authority a document is from, with confidence, reason and any flag.

    Returns ``{"name", "code" (GSS, as in force on ``on``), "authority_code"
    (mySociety), "confidence", "reason", "flag", "candidates"}``; name and code are
    None when the evidence is too weak or split.

    >>> page = "Foster care\\nA Smith made this Freedom of Information request to Luton Borough Council\\n"
    >>> resolve_document(page)["code"]
    'E06000032'
    >>> resolve_document("No council here", url="https://www.thurrock.gov.uk/foi-responses/x")["name"]
    'Thurrock Council'
    """
    return resolve_text(text, url=url, on=on, hint=hint).as_dict()


def resolve_text(
    text: str,
    *,
    url: str | None = None,
    on: str | dt.date | None = None,
    hint: str | None = None,
) -> Resolution:
    """Like :func:`resolve_document`, returning a :class:`Resolution`."""
    when = as_date(on)
    scores = _Scores(when)
    text = text or ""
    trust = _trust_evidence(text, url, hint, when)
    if trust is not None:
        for council in trust.councils:
            res = at_date(council, when, 0.95, trust.reason)
            scores.add(res, W_HINT, f"answered by {trust.trust.name}")
    if hint and (trust is None or match_trust(hint) is None):
        scores.add(resolve(hint, when), W_HINT, f'source says "{hint}"')
    head = text[:5000]
    for rx, weight, what in ((_WDTK, W_HEADER, "request to"), (_WDTK_STATUS, W_STATUS, "status")):
        m = rx.search(head)
        if m:
            target = m.group(1).strip(" .,")
            hit = resolve(target, when)
            if hit.authority is not None and hit.confidence >= 0.9:
                scores.add(hit, weight, f'WhatDoTheyKnow {what} "{target}"')
            elif not scores.negative and _is_other_org(target):
                scores.negative = f'addressed to "{target}", not a council in the register'
    for dm in _DEAR.finditer(text[:20000]):
        target = dm.group(1)
        res = resolve(target, when)
        if res.authority is not None and res.confidence >= 0.9:
            scores.add(res, W_DEAR, f'letter addressed "Dear {target}"')
            break
        if not scores.negative and _is_other_org(target):
            scores.negative = f'addressed to "{target}", not a council in the register'
    seen: set[str] = set()
    for sm in _SELF.finditer(text[:SCAN_LIMIT]):
        if sm.group(1) in seen:
            continue
        seen.add(sm.group(1))
        res = _resolve_prefix(sm.group(1), when)
        if res is not None:
            scores.add(res, W_SELF, f'"{sm.group(0).strip()}"')
    if url:
        _url_evidence(url, scores)
    _scan_domains(text, scores)
    _scan_names(text, scores)
    found = _decide(scores)
    if trust is not None:
        found.responding_body = trust.trust.name
        found.responding_for = list(trust.councils)
        if found.authority is None and len(trust.councils) > 1:
            names = " and ".join(c.short_name for c in trust.councils)
            found.flag = f"answered by {trust.trust.name} for {names}; the text does not say which"
    return found


def _trust_evidence(
    text: str, url: str | None, hint: str | None, when: dt.date | None
) -> TrustResolution | None:
    """A children's trust that answered: from the source's hint, the URL or the letter."""
    for name in (hint, url):
        if name:
            tr = resolve_trust(name, when)
            if tr is not None:
                return tr
    t = find_trust(text)
    return resolve_trust(t.name, when) if t is not None else None


def _is_other_org(name: str) -> bool:
    return any(t in _OTHER_ORG for t in _TOKEN.findall(name.casefold()))


def _resolve_prefix(phrase: str, when: dt.date | None) -> Resolution | None:
    """The longest leading run of words in ``phrase`` that is a council's name."""
    words = phrase.split()[:8]
    for n in range(len(words), 0, -1):
        if any(w.casefold().strip("&") in _OTHER_BODY for w in words[n : n + 3]):
            continue  # "Greater Manchester Police", "Devon & Somerset Fire" are not councils
        res = resolve(" ".join(words[:n]), when, fuzzy=False)
        if res.authority is not None and res.confidence >= 0.9:
            return res
    return None


def _decide(scores: _Scores) -> Resolution:
    if not scores.total:
        return Resolution(None, 0.0, scores.negative or "no council named", on=scores.on)
    ranked = sorted(scores.total.items(), key=lambda kv: -kv[1])
    (code, top), rest = ranked[0], ranked[1:]
    second = rest[0][1] if rest else 0.0
    if scores.negative and top < W_HEADER:
        return Resolution(None, 0.0, scores.negative, on=scores.on)
    if scores.publisher:
        return Resolution(None, 0.0, scores.publisher, on=scores.on)
    reg = register()
    cands: list[Authority] = [reg.by_code[c] for c, s in ranked[:3] if s >= top * 0.5]
    if top < MIN_SCORE:
        return Resolution(None, 0.0, "only a passing mention", on=scores.on, candidates=cands)
    if second >= top * 0.8 and top - second < W_DESIGNATED:
        return Resolution(
            None, 0.0, "evidence split between councils", on=scores.on, candidates=cands
        )
    res = scores.auth[code]
    share = top / (top + second)
    strength = min(1.0, top / 8.0)
    why = scores.best[code][1]
    extra = len(rest)
    reason = why + (
        f" (+{top - scores.best[code][0]:g} more)" if top > scores.best[code][0] else ""
    )
    if extra:
        reason += f"; outweighs {reg.by_code[rest[0][0]].short_name} ({second:g})"
    return Resolution(
        res.authority,
        round(share * (0.5 + 0.5 * strength), 3),
        f"score {top:g}: {reason}",
        on=scores.on,
        flag=res.flag,
        candidates=[c for c in cands if c.code != code],
    )
