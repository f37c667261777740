"""Where the demo gets its councils and its flexibility vocabulary.

The demo writes one answer per current English children's services authority. The
register comes from the packaged ``foicompare.authorities.register()`` (so the demo works
offline from an installed package); only when that module cannot be imported does it fall
back to ``../shared/reference/authorities.csv`` (rows with ``childrens_services=yes`` and
``current=yes``). :func:`load_authorities` is the one place that decides.

>>> auths = load_authorities()
>>> len(auths), auths[0].code[:3]
(153, 'E06')
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True, slots=True)
class Authority:
    """One children's services authority as the demo uses it."""

    code: str  #: GSS code, e.g. ``E08000026``
    name: str  #: official name, e.g. ``Coventry City Council``
    short: str  #: short name, e.g. ``Coventry``
    region: str
    kind: str  #: mySociety authority type: UA, MD, LBO, CTY, CC
    slug: str  #: e.g. ``coventry``; the council's web domain label (``www.<slug>.gov.uk``)


@dataclass(frozen=True, slots=True)
class Flexibility:
    """One row of the SI 2020/445 vocabulary (``flexibilities.csv``)."""

    code: str
    instrument: str
    instrument_short: str
    regulation: str


def shared_dir() -> Path:
    """The shared reference folder: ``$FOICOMPARE_SHARED`` or ``<repo>/../shared``.

    >>> shared_dir().name
    'shared'
    """
    env = os.environ.get("FOICOMPARE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


def _reference_file(name: str) -> Path:
    """A reference CSV: packaged copy first (works offline when installed), else ../shared."""
    packaged = _PACKAGE_DATA / name
    if packaged.is_file():
        return packaged
    shared = shared_dir() / "reference" / name
    if shared.is_file():
        return shared
    raise FileNotFoundError(
        f"demo needs {name}: not packaged in {_PACKAGE_DATA} and not found at {shared} "
        "(set FOICOMPARE_SHARED to the shared folder)"
    )


@functools.cache
def load_authorities(on: dt.date | None = None) -> tuple[Authority, ...]:
    """English children's services authorities, sorted by GSS code.

    Without ``on``: the 153 current ones. With ``on``: those that existed that day (a
    July 2020 letter comes from North Yorkshire County Council, not the 2023 unitary).

    >>> [a.name for a in load_authorities() if a.code == "E08000026"]
    ['Coventry City Council']
    >>> len(load_authorities()), len(load_authorities(dt.date(2020, 7, 1)))
    (153, 151)
    """
    try:
        from foicompare.authorities import register
    except ImportError:  # register not packaged (development checkout without it)
        return _authorities_from_csv(on)
    reg = register()
    labels: dict[str, str] = {}
    for label, code in sorted(reg.domains.items()):
        labels.setdefault(code, label)
    out = [
        Authority(
            code=a.gss_code,
            name=a.official_name,
            short=a.short_name,
            region=a.region or "",
            kind=a.type,
            slug=labels.get(a.code) or _slug(a.short_name),
        )
        for a in reg.authorities
        if a.childrens_services
        and a.nation == "England"
        and (a.current if on is None else not (a.started_after(on) or a.ended_by(on)))
    ]
    if not out:
        raise ValueError(
            "packaged authority register has no current children's services authorities"
        )
    return tuple(sorted(out, key=lambda a: a.code))


def register_source() -> str:
    """Which register :func:`load_authorities` reads: ``package`` or the shared CSV path."""
    try:
        from foicompare.authorities import register  # noqa: F401
    except ImportError:
        return str(_reference_file("authorities.csv"))
    return "package"


def _slug(short_name: str) -> str:
    return "".join(ch for ch in short_name.lower() if ch.isalnum())


def _existed(row: dict[str, str], on: dt.date | None) -> bool:
    if on is None:
        return row.get("current") == "yes"
    start, end = row.get("start_date") or "", row.get("end_date") or ""
    return not (start and on.isoformat() < start) and not (end and on.isoformat() >= end)


def _authorities_from_csv(on: dt.date | None) -> tuple[Authority, ...]:
    path = _reference_file("authorities.csv")
    out = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("childrens_services") != "yes" or row.get("nation") != "England":
                continue
            if not _existed(row, on):
                continue
            out.append(
                Authority(
                    code=row["gss_code"],
                    name=row["official_name"],
                    short=row["nice_name"],
                    region=row["region"],
                    kind=row["authority_type"],
                    slug=_slug(row["nice_name"]),
                )
            )
    if not out:
        raise ValueError(f"{path}: no current children's services authorities found")
    return tuple(sorted(out, key=lambda a: a.code))


@functools.cache
def load_flexibilities() -> dict[str, Flexibility]:
    """The flexibility vocabulary by code (packaged ``flexibilities.json``, else the CSV).

    >>> load_flexibilities()["cppcr-visits-remote"].regulation
    '28(1A)'
    """
    packaged = _PACKAGE_DATA / "flexibilities.json"
    if packaged.is_file():
        rows = json.loads(packaged.read_text(encoding="utf-8"))["flexibilities"]
    else:
        with _reference_file("flexibilities.csv").open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    return {
        r["code"]: Flexibility(
            code=r["code"],
            instrument=r["instrument"],
            instrument_short=r["instrument_short"],
            regulation=r["regulation"],
        )
        for r in rows
    }
