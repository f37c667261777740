"""How councils differ on paper: letterheads, references, date formats, sign-offs.

A :class:`CouncilStyle` is drawn once per council (and per copy of the round robin)
from a seeded ``random.Random``, so the same seed always gives the same house style.

>>> import datetime as dt
>>> format_date(dt.date(2020, 8, 3), "ordinal")
'3rd August 2020'
>>> format_date(dt.date(2020, 8, 3), "slash")
'03/08/2020'
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

from foicompare.demo.register import Authority

DATE_FORMATS = ("long0", "long", "ordinal", "slash", "iso", "weekday")
REFERENCE_FORMATS = ("REQ", "FOI/Y/N", "FOI N", "CAS", "FOI/EIR", "FOIN", "F", "IG")
TXT_TABLES = ("pipe", "tab", "spaced", "cells")
LETTERHEADS = ("coventry", "block", "minimal")
LAYOUTS = ("echo_then_answer", "interleaved")

_TEAMS = (
    "Information Governance Team",
    "Information Management Team",
    "Freedom of Information Team",
    "Information Rights Team",
    "Corporate Information Unit",
    "Data Protection and FOI Team",
    "Information Compliance",
)
_STREETS = (
    "Council House",
    "Civic Centre",
    "Town Hall",
    "County Hall",
    "Guildhall",
    "Civic Offices",
    "Council Offices",
)
_ROADS = ("High Street", "Station Road", "Market Square", "Earl Street", "Church Lane", "Broad Way")
_FIRST = ("Sarah", "David", "Priya", "James", "Aisha", "Mark", "Helen", "Tom", "Joanne", "Imran")
_LAST = ("Patel", "Jones", "Smith", "Okafor", "Walsh", "Hughes", "Begum", "Clarke", "Evans", "Reid")
_ROLES = (
    "Information Governance Officer",
    "FOI Officer",
    "Information Rights Officer",
    "Senior Information Governance Officer",
    "Information Compliance Advisor",
)
_CLOSINGS = ("Yours faithfully", "Yours sincerely", "Kind regards", "Regards")
_SALUTATIONS = ("Dear Sir/Madam", "Dear Sir or Madam", "Dear Requester", "Dear Applicant")
_REF_LABELS = ("Request ID", "Our ref", "Reference", "FOI reference number", "Case reference")


def format_date(day: dt.date, fmt: str) -> str:
    """A date as a council would print it (see ``DATE_FORMATS``).

    >>> format_date(dt.date(2020, 8, 3), "long0"), format_date(dt.date(2020, 8, 3), "iso")
    ('03 August 2020', '2020-08-03')
    """
    if fmt == "long0":
        return day.strftime("%d %B %Y")
    if fmt == "long":
        return f"{day.day} {day:%B %Y}"
    if fmt == "ordinal":
        suffix = (
            "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
        )
        return f"{day.day}{suffix} {day:%B %Y}"
    if fmt == "slash":
        return day.strftime("%d/%m/%Y")
    if fmt == "iso":
        return day.isoformat()
    if fmt == "weekday":
        return f"{day:%A} {day.day} {day:%B %Y}"
    raise ValueError(f"unknown date format {fmt!r}")


def make_reference(fmt: str, rng: random.Random, day: dt.date) -> str:
    """A request reference in one of the councils' formats (see ``REFERENCE_FORMATS``).

    >>> make_reference("FOI/Y/N", random.Random(1), dt.date(2020, 7, 6))
    'FOI/2020/2301'
    """
    if fmt == "REQ":
        return f"REQ{rng.randint(1000, 99999):05d}"
    if fmt == "FOI/Y/N":
        return f"FOI/{day.year}/{rng.randint(100, 9999):04d}"
    if fmt == "FOI N":
        return f"FOI {rng.randint(100000, 999999)}"
    if fmt == "CAS":
        tail = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(4))
        return f"CAS-{rng.randint(10000, 99999)}-{tail}"
    if fmt == "FOI/EIR":
        return f"FOI/EIR/{day.year % 100:02d}/{rng.randint(1, 9999):04d}"
    if fmt == "FOIN":
        return f"FOI{rng.randint(100000000, 999999999)}"
    if fmt == "F":
        return f"F{rng.randint(10000, 99999)}"
    if fmt == "IG":
        return f"IG-{day.year}-{day.month:02d}-{rng.randint(1, 999):03d}"
    raise ValueError(f"unknown reference format {fmt!r}")


@dataclass(frozen=True, slots=True)
class CouncilStyle:
    """One council's house style for FOI letters."""

    name: str
    team: str
    address: tuple[str, ...]
    domain: str
    email: str
    phone: str
    letterhead: str
    date_format: str
    reference_format: str
    reference_label: str
    print_reference: bool
    salutation: str
    closing: str
    signatory: tuple[str, str] | None  #: (person, role) or None for a team sign-off
    layout: str
    echo_request: bool  #: quote the whole request (with its template table) before answering
    full_headers: bool  #: long table headers as the request worded them
    april_column: bool  #: the usage table also has an April column
    txt_table: str
    txt_wrap: int | None
    font: str
    html_named: bool
    state_received: bool


def draw_style(authority: Authority, rng: random.Random) -> CouncilStyle:
    """Draw a council's house style.

    >>> from foicompare.demo.register import load_authorities
    >>> s = draw_style(load_authorities()[0], random.Random(3))
    >>> s.domain
    'www.hartlepool.gov.uk'
    """
    domain = f"www.{authority.slug}.gov.uk"
    box = rng.choice(("", f"PO Box {rng.randint(2, 99)}"))
    postcode = (
        f"{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
        f"{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    )
    address = tuple(
        a
        for a in (
            authority.name,
            box,
            rng.choice(_STREETS),
            f"{rng.randint(1, 120)} {rng.choice(_ROADS)}",
            authority.short,
            postcode,
        )
        if a
    )
    person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return CouncilStyle(
        name=authority.name,
        team=rng.choice(_TEAMS),
        address=address,
        domain=domain,
        email=f"{rng.choice(('foi', 'infogov', 'information.governance', 'foirequests'))}@{domain[4:]}",
        phone=f"0{rng.randint(1200, 1999)} {rng.randint(100000, 999999)}",
        letterhead=rng.choice(LETTERHEADS),
        date_format=rng.choice(DATE_FORMATS),
        reference_format=rng.choice(REFERENCE_FORMATS),
        reference_label=rng.choice(_REF_LABELS),
        print_reference=rng.random() > 0.08,
        salutation=rng.choice(_SALUTATIONS),
        closing=rng.choice(_CLOSINGS),
        signatory=(person, rng.choice(_ROLES)) if rng.random() < 0.6 else None,
        layout=rng.choice(LAYOUTS),
        echo_request=rng.random() < 0.5,
        full_headers=rng.random() < 0.5,
        april_column=rng.random() < 0.25,
        txt_table=rng.choice(TXT_TABLES),
        txt_wrap=rng.choice((None, None, 78, 90)),
        font=rng.choice(("Helvetica", "Times-Roman")),
        html_named=rng.random() < 0.7,
        state_received=rng.random() < 0.6,
    )
