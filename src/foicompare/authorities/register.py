"""The packaged register of UK local authorities, loaded once per process.

The register is built by ``scripts/build_register.py`` from the shared fact tables
(mySociety's names and codes, Data to Insight's Ofsted and DfE lookups) into
``foicompare/data/authorities_register.json.gz``.

>>> reg = register()
>>> reg.by_code["COV"].official_name
'Coventry City Council'
>>> reg.by_gss["E08000026"].code
'COV'
>>> norm("St. Helens & Knowsley")
'st helens and knowsley'
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

DATA_FILE = "authorities_register.json.gz"

_PUNCT = re.compile(r"[.,'()\-/]")
_SAINT = re.compile(r"\bsaint\b")
_SPACE = re.compile(r"\s+")


def norm(s: str) -> str:
    """Normalise a council name as ``AUTHORITIES.md`` defines it.

    >>> norm("Royal Borough of Kensington & Chelsea")
    'royal borough of kensington and chelsea'
    """
    s = s.casefold().replace("\u2019", "'").replace("&", " and ")
    s = _PUNCT.sub(" ", s)
    s = _SAINT.sub("st", s)
    return _SPACE.sub(" ", s).strip()


# Designators stripped to reach a council's core name ("Coventry City Council" -> "coventry").
_PREFIXES = (
    "the ", "london borough of ", "royal borough of ", "metropolitan borough of ",
    "borough of ", "city and county of ", "city of ", "county of ", "council of the ",
    "lb of ", "lb ", "rb ", "comhairle ", "cyngor bwrdeistref sirol ", "cyngor sir ",
    "cyngor dinas ", "cyngor ",
)  # fmt: skip
_SUFFIXES = (
    " metropolitan borough council", " metropolitan district council", " county borough council",
    " borough council", " district council", " county council", " city council",
    " london borough council", " council", " corporation", " mbc", " lbc", " cbc", " cc", " bc",
    " dc", " ua", " county", " city", " borough", " district", " london borough",
)  # fmt: skip


def core(key: str) -> str:
    """A normalised name without council designators.

    >>> core(norm("London Borough of Barnet"))
    'barnet'
    >>> core(norm("Coventry City Council"))
    'coventry'
    """
    changed = True
    while changed and key:
        changed = False
        for p in _PREFIXES:
            if key.startswith(p) and len(key) > len(p):
                key, changed = key[len(p) :], True
        for s in _SUFFIXES:
            if key.endswith(s) and len(key) > len(s):
                key, changed = key[: -len(s)], True
    return key


def as_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A date from an ISO string, date or datetime; None when absent or unreadable.

    >>> as_date("2020-04-01T09:00:00")
    datetime.date(2020, 4, 1)
    >>> as_date("not a date") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Authority:
    """One current or past UK local authority (a row of the register)."""

    code: str  # mySociety code, stable across boundary changes
    gss_code: str | None  # blank for a few bodies (e.g. some combined authorities)
    official_name: str
    short_name: str
    nation: str
    region: str | None
    type: str
    type_name: str
    childrens_services: bool
    current: bool
    start_date: str | None
    end_date: str | None
    valid_from: dt.date | None  # founding date, when the register knows it
    valid_to: dt.date | None  # exclusive end date
    successors: tuple[str, ...]
    predecessors: tuple[str, ...]
    former_gss_codes: tuple[str, ...]
    newer_gss_codes: tuple[str, ...]
    newer_gss_from: dt.date | None
    dfe_la_code: str | None
    ofsted_urn: str | None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def gss_on(self, on: dt.date | None) -> str | None:
        """The GSS code in force on a date (the register's code when undated).

        >>> sheffield = register().by_code["SHF"]
        >>> sheffield.gss_on(dt.date(2024, 1, 1)), sheffield.gss_on(dt.date(2025, 6, 1))
        ('E08000019', 'E08000039')
        """
        if on and self.newer_gss_codes and self.newer_gss_from and on >= self.newer_gss_from:
            return self.newer_gss_codes[0]
        return self.gss_code

    def ended_by(self, on: dt.date) -> bool:
        return self.valid_to is not None and on >= self.valid_to

    def started_after(self, on: dt.date) -> bool:
        return self.valid_from is not None and on < self.valid_from


@dataclass
class Register:
    """The loaded register with its lookup indexes."""

    version: str
    attribution: list[str]
    authorities: list[Authority]
    by_code: dict[str, Authority]
    by_gss: dict[str, Authority]
    aliases: dict[str, str]  # exact name as written -> code
    names: dict[str, str]  # normalised name -> code
    cores: dict[str, frozenset[str]]  # core name -> codes
    ambiguous: dict[str, list[str]]  # normalised bare name -> codes
    ambiguous_initialisms: frozenset[str]
    domains: dict[str, str]  # domain label ("coventry") -> code
    raw: dict[str, Any] = field(repr=False)


def domain_label(host: str) -> str | None:
    """The council label of a public-sector host, or None for other hosts.

    >>> domain_label("infogov.coventry.gov.uk"), domain_label("sirgar.llyw.cymru")
    ('coventry', 'sirgar')
    >>> domain_label("www.kent.ac.uk") is None
    True
    """
    host = host.lower().strip(".")
    for suffix in (".gov.uk", ".gov.wales", ".llyw.cymru", ".gov.scot"):
        if host.endswith(suffix):
            rest = host[: -len(suffix)]
            return rest.rsplit(".", 1)[-1] or None
    return None


def _build(raw: dict[str, Any]) -> Register:
    auths = []
    for a in raw["authorities"]:
        auths.append(
            Authority(
                code=a["code"],
                gss_code=a["gss_code"],
                official_name=a["official_name"],
                short_name=a["short_name"],
                nation=a["nation"],
                region=a["region"],
                type=a["type"],
                type_name=a["type_name"],
                childrens_services=a["childrens_services"],
                current=a["current"],
                start_date=a["start_date"],
                end_date=a["end_date"],
                valid_from=as_date(a["valid_from"]),
                valid_to=as_date(a["valid_to"]),
                successors=tuple(a["successors"]),
                predecessors=tuple(a["predecessors"]),
                former_gss_codes=tuple(a["former_gss_codes"]),
                newer_gss_codes=tuple(a["newer_gss_codes"]),
                newer_gss_from=as_date(a["newer_gss_from"]),
                dfe_la_code=a["dfe_la_code"],
                ofsted_urn=a["ofsted_urn"],
                extra=a,
            )
        )
    by_code = {a.code: a for a in auths}
    by_gss: dict[str, Authority] = {}
    for a in auths:
        for g in (*a.former_gss_codes, *a.newer_gss_codes, a.gss_code):
            if g:
                by_gss[g] = a
    aliases: dict[str, str] = {}
    for name, code in raw["aliases"]:
        aliases.setdefault(name, code)
    cores: dict[str, set[str]] = {}
    for key, code in raw["names"].items():
        cores.setdefault(core(key), set()).add(code)
    domains: dict[str, str] = {}
    for dom, code in raw["domains"].items():
        label = domain_label(dom)
        if label:
            domains.setdefault(label, code)
    return Register(
        version=raw["version"],
        attribution=raw["attribution"],
        authorities=auths,
        by_code=by_code,
        by_gss=by_gss,
        aliases=aliases,
        names=raw["names"],
        cores={k: frozenset(v) for k, v in cores.items()},
        ambiguous=raw["ambiguous"],
        ambiguous_initialisms=frozenset(raw["ambiguous_initialisms"]),
        domains=domains,
        raw=raw,
    )


@functools.cache
def _raw() -> dict[str, Any]:
    ref = resources.files("foicompare").joinpath("data", DATA_FILE)
    try:
        return json.loads(gzip.decompress(ref.read_bytes()))
    except (OSError, ValueError) as exc:  # pragma: no cover - a broken install
        raise RuntimeError(
            f"foicompare: cannot read the authority register {ref}: {exc}; "
            "rebuild it with scripts/build_register.py"
        ) from exc


@functools.cache
def packaged_version() -> str:
    """The packaged register's version, read from its one-line sidecar file (cheap: opening a
    dataset compares it with the version stored in the file, without reading the register).

    >>> packaged_version() == register().version
    True
    """
    ref = resources.files("foicompare").joinpath("data", "authorities_register.version")
    try:
        return ref.read_text(encoding="utf-8").strip()
    except OSError:  # pragma: no cover - an install without the sidecar
        return _raw()["version"]


@functools.cache
def register() -> Register:
    """The packaged register, read and indexed on first use and cached for the process."""
    return _build(_raw())


def lookup(code: str) -> Authority | None:
    """An authority by mySociety code or any of its GSS codes.

    >>> lookup("E10000021").short_name, lookup("nth").code
    ('Northamptonshire', 'NTH')
    """
    reg = register()
    code = code.strip()
    return reg.by_code.get(code.upper()) or reg.by_gss.get(code.upper())
