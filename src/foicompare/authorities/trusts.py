"""Children's trusts and companies that answer for a council, mapped by date.

Some councils have their children's services run by a trust or company (Birmingham
Children's Trust, Achieving for Children ...). An FOI answer from one of them is the
council's answer for comparison purposes; the trust is kept as the *responding body*.
Each trust acts for one or more councils over dated spans (a council may join later or
take services back), so a name resolves only on a date inside a span; before the trust
existed, or after it ended, it resolves to nothing (with the reason).

Dates and their sources are listed in ``docs/notes/authorities.md``.

>>> r = resolve_trust("Birmingham Children's Trust", on="2021-05-01")
>>> r.codes, r.trust.name
(['E08000025'], "Birmingham Children's Trust")
>>> resolve_trust("Birmingham Children's Trust", on="2017-05-01").codes
[]
>>> sorted(resolve_trust("Achieving for Children", on="2020-01-01").codes)
['E06000040', 'E09000021', 'E09000027']
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from foicompare.authorities.register import Authority, as_date, norm, register


@dataclass(frozen=True)
class Span:
    """A period in which a trust acts for some councils; ``end`` is exclusive."""

    councils: tuple[str, ...]  # mySociety codes
    start: dt.date
    end: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Trust:
    """A body that delivers children's services for one or more councils."""

    key: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    spans: tuple[Span, ...]
    sources: tuple[str, ...]
    note: str = ""

    @property
    def start(self) -> dt.date:
        return min(s.start for s in self.spans)

    @property
    def end(self) -> dt.date | None:
        ends = [s.end for s in self.spans]
        return None if any(e is None for e in ends) else max(e for e in ends if e)

    def councils_on(self, on: dt.date | None) -> tuple[str, ...]:
        """Council codes the trust acts for on a date; undated: its latest councils.

        >>> afc = trust_by_key("afc")
        >>> afc.councils_on(dt.date(2016, 1, 1))
        ('KTT', 'RIC')
        """
        if on is None:
            current = [c for s in self.spans if s.end is None for c in s.councils]
            return tuple(dict.fromkeys(current)) or max(self.spans, key=lambda s: s.start).councils
        return tuple(dict.fromkeys(c for s in self.spans if s.covers(on) for c in s.councils))


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


#: Every trust or company known to answer for a council. Sources: docs/notes/authorities.md.
TRUSTS: tuple[Trust, ...] = (
    Trust(
        "afc",
        "Achieving for Children",
        ("Achieving for Children", "Achieving for Children CIC", "AfC"),
        ("achievingforchildren.org.uk",),
        (
            Span(("KTT", "RIC"), _d("2014-04-01")),
            Span(("WNM",), _d("2017-08-01")),
        ),
        (
            "https://www.kingston.gov.uk/news/article/485/expansion_of_innovative_joint_children_s_services_company_on_the_horizon",
            "https://lgaindependent.local.gov.uk/case-studies/delivering-childrens-services-differently-royal-borough-windsor-and-maidenhead",
            "https://rbwm.gov.uk/news/2023/royal-borough-renews-close-partnership-achieving-children-deliver-childrens-and-educational-services-behalf-council",
        ),
        "Windsor and Maidenhead renewed its contract for five years from August 2024.",
    ),
    Trust(
        "bffc",
        "Brighter Futures for Children",
        ("Brighter Futures for Children", "Brighter Futures for Children Ltd", "BFfC"),
        ("brighterfuturesforchildren.org",),
        (Span(("RDG",), _d("2018-12-03"), _d("2026-04-01")),),
        (
            "https://reading.gov.uk/news/council-agrees-to-bring-children-s-services-back-in-house",
            "https://rdg.today/weaknesses-found-in-protection-of-vulnerable-children-in-reading",
        ),
        "Services return to Reading Borough Council when the contract ends in March 2026.",
    ),
    Trust(
        "bcft",
        "Bradford Children and Families Trust",
        ("Bradford Children and Families Trust", "Bradford Children's Trust", "BCFT"),
        ("bradfordcft.org.uk",),
        (Span(("BRD",), _d("2023-04-01")),),
        ("https://bradfordzone.co.uk/2023/04/bradford-children-and-families-trust-goes-live/",),
    ),
    Trust(
        "scst",
        "Slough Children's Services Trust",
        ("Slough Children's Services Trust", "Slough Childrens Services Trust", "SCST"),
        ("scstrust.co.uk",),
        (Span(("SLG",), _d("2015-10-01"), _d("2021-04-01")),),
        (
            "http://sloughcstseniorroles.com/about-slough-children-s-services-trust/",
            "https://sloughchildrenfirst.co.uk/who-we-are/reports-publications/slough-children-first-annual-report-2020-21",
        ),
        "Renamed Slough Children First on 1 April 2021 when it became council-owned.",
    ),
    Trust(
        "scf",
        "Slough Children First",
        ("Slough Children First", "Slough Children First Ltd", "Slough Children First Limited"),
        ("sloughchildrenfirst.co.uk",),
        (Span(("SLG",), _d("2021-04-01")),),
        ("https://thelink.slough.gov.uk/safeguarding/slough-childrens-services-trust",),
    ),
    Trust(
        "tfc",
        "Together for Children",
        (
            "Together for Children",
            "Together for Children Sunderland",
            "Together for Children - Sunderland",
        ),
        ("togetherforchildren.org.uk",),
        (Span(("SND",), _d("2017-04-01")),),
        (
            "https://www.sr-news.com/2017/04/01/sunderland-childrens-services-to-be-delivered-by-new-company/",
        ),
    ),
    Trust(
        "bct",
        "Birmingham Children's Trust",
        (
            "Birmingham Children's Trust",
            "Birmingham Childrens Trust",
            "Birmingham Children's Trust CIC",
        ),
        ("birminghamchildrenstrust.co.uk",),
        (Span(("BIR",), _d("2018-04-01")),),
        ("https://adcs.org.uk/blog/article/birmingham-childrens-trust-the-journey-starts-here",),
    ),
    Trust(
        "dcst",
        "Doncaster Children's Services Trust",
        ("Doncaster Children's Services Trust", "Doncaster Childrens Services Trust", "DCST"),
        ("dcstrust.co.uk",),
        (Span(("DNC",), _d("2014-10-01"), _d("2022-09-01")),),
        (
            "https://www.communitycare.co.uk/2022/04/13/council-takes-childrens-services-back-from-countrys-first-trust/",
            "https://www.cypnow.co.uk/features/article/doncaster-u-turn-on-independent-trust-raises-questions-over-model",
        ),
        "Services returned to Doncaster Council on 1 September 2022.",
    ),
    Trust(
        "nct",
        "Northamptonshire Children's Trust",
        ("Northamptonshire Children's Trust", "Northamptonshire Childrens Trust", "NCT"),
        ("nctrust.co.uk",),
        (
            Span(("NTH",), _d("2020-11-01"), _d("2021-04-01")),
            Span(("NNT", "WNT"), _d("2021-04-01")),
        ),
        (
            "https://www.northamptonshire.gov.uk/news/council-news/Pages/launch-of-northamptonshire-children's-trust-heralds-major-step-forward-for-improvement-programme.aspx",
            "https://www.communitycare.co.uk/2020/11/08/independent-trust-takes-childrens-services-council/",
        ),
        "Owned by Northamptonshire County Council, then by the two unitaries that replaced it.",
    ),
    Trust(
        "sct",
        "Sandwell Children's Trust",
        ("Sandwell Children's Trust", "Sandwell Childrens Trust"),
        ("sandwellchildrenstrust.org",),
        (Span(("SAW",), _d("2018-04-01")),),
        ("https://www.sandwellchildrenstrust.org/news/2018/launch-sandwells-childrens-trust/",),
    ),
    Trust(
        "wcf",
        "Worcestershire Children First",
        ("Worcestershire Children First", "Worcestershire Children First Ltd", "WCF"),
        ("worcschildrenfirst.org.uk",),
        (Span(("WOR",), _d("2019-10-01"), _d("2024-10-01")),),
        (
            "https://www.communitycare.co.uk/2019/10/01/childrens-services-company-launches-in-worcestershire/",
            "https://www.cypnow.co.uk/content/news/worcestershire-council-to-resume-in-house-control-of-children-s-services",
        ),
        "Contract not renewed; services returned to Worcestershire County Council on 1 October 2024.",
    ),
)

#: short initialisms are too often something else to count as a trust's name
_MIN_ALIAS = 5


@functools.cache
def _index() -> dict[str, Trust]:
    out: dict[str, Trust] = {}
    for t in TRUSTS:
        for a in (t.name, *t.aliases):
            if len(a) >= _MIN_ALIAS:
                out[norm(a)] = t
    return out


@functools.cache
def _domains() -> dict[str, Trust]:
    return {d: t for t in TRUSTS for d in t.domains}


def trust_by_key(key: str) -> Trust:
    """A trust by its short key (``"afc"``, ``"bct"`` ...)."""
    return next(t for t in TRUSTS if t.key == key)


def match_trust(name: str) -> Trust | None:
    """The trust a name, email address or web address belongs to, whatever the date.

    >>> match_trust("foi@birminghamchildrenstrust.co.uk").key
    'bct'
    >>> match_trust("Together for Children").key
    'tfc'
    >>> match_trust("Birmingham City Council") is None
    True
    """
    s = (name or "").strip()
    if not s:
        return None
    low = s.casefold()
    host = low.rsplit("@", 1)[-1] if "@" in low else low.split("//", 1)[-1].split("/", 1)[0]
    for dom, t in _domains().items():
        if host == dom or host.endswith("." + dom):
            return t
    key = norm(s)
    if key.startswith("the "):
        key = key[4:]
    return _index().get(key)


@dataclass
class TrustResolution:
    """A trust and the councils it answered for on a date (none outside its lifetime)."""

    trust: Trust
    on: dt.date | None
    councils: list[Authority] = field(default_factory=list)
    reason: str = ""

    @property
    def codes(self) -> list[str]:
        """GSS codes of the councils, as in force on the date."""
        return [c.gss_on(self.on) or c.code for c in self.councils]

    @property
    def responding_body(self) -> str:
        return self.trust.name


def resolve_trust(name: str, on: str | dt.date | None = None) -> TrustResolution | None:
    """The councils a trust answered for on ``on``; None when ``name`` is no known trust.

    Outside the trust's lifetime ``councils`` is empty and ``reason`` says why.

    >>> r = resolve_trust("Doncaster Children's Services Trust", on="2023-01-01")
    >>> r.codes, r.reason
    ([], "Doncaster Children's Services Trust ended on 2022-09-01")
    """
    t = match_trust(name)
    if t is None:
        return None
    when = as_date(on)
    reg = register()
    codes = t.councils_on(when)
    councils = [reg.by_code[c] for c in codes]
    if councils:
        names = " and ".join(c.official_name for c in councils)
        why = f"{t.name} acts for {names}" + ("" if when else " (undated: its current councils)")
    elif when is not None and when < t.start:
        why = f"{t.name} only began on {t.start}"
    else:
        why = f"{t.name} ended on {t.end}"
    return TrustResolution(t, when, councils, why)


def trust_rows() -> list[dict[str, Any]]:
    """Rows of the ``responding_bodies`` table: one per trust, council and span."""
    reg = register()
    return [
        {
            "body": t.name,
            "body_key": t.key,
            "code": c,
            "gss_code": reg.by_code[c].gss_code,
            "valid_from": s.start,
            "valid_to": s.end,
            "source": t.sources[0],
        }
        for t in TRUSTS
        for s in t.spans
        for c in s.councils
    ]


@functools.cache
def _needles() -> tuple[tuple[Trust, tuple[str, ...]], ...]:
    """Each trust with what :func:`find_trust` looks for: long names folded, then domains."""
    return tuple(
        (t, (*(a.casefold() for a in (t.name, *t.aliases) if len(a) >= 10), *t.domains))
        for t in TRUSTS
    )


def find_trust(text: str, *, head: int = 3000, tail: int = 2000) -> Trust | None:
    """A trust named or whose email/web domain appears in a letter's head or foot.

    Linear scan with ``str.find`` on the case-folded text; the first trust found in the
    letterhead wins.

    >>> find_trust("Birmingham Children's Trust\\nPO Box 17\\nDear Ms X").key
    'bct'
    """
    if not text:
        return None
    # the head and tail of the case-folded text, folding only them: case-folding never
    # shortens a character, so the first (last) n folded characters come from the first
    # (last) n characters
    long = len(text) > head or len(text.casefold()) > head
    parts = [
        text[:head].casefold()[:head].replace("\u2019", "'"),
        text[-tail:].casefold()[-tail:].replace("\u2019", "'") if long else "",
    ]
    best: tuple[int, int, Trust] | None = None
    for pi, part in enumerate(parts):
        for t, needles in _needles():
            for needle in needles:
                at = part.find(needle)
                if at != -1 and (best is None or (pi, at) < best[:2]):
                    best = (pi, at, t)
        if best is not None:
            return best[2]
    return None
