#!/usr/bin/env python3
"""Build foicompare's packaged authority register from the shared fact tables.

Reads ``../shared/reference/`` (``authorities.csv``, ``authority_names.csv``,
``ofsted_ilacs.csv``, ``statistical_neighbours.csv``; see ``AUTHORITIES.md`` there)
and the hand-checked ``src/foicompare/data/authorities_domains.csv``, and writes one
compact file, ``src/foicompare/data/authorities_register.json.gz``, that the library
loads once per process.

Usage::

    python scripts/build_register.py [--reference DIR] [--out FILE]

The output is deterministic (sorted keys, fixed gzip mtime), so rebuilding from the
same inputs gives the same bytes and the same register ``version``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "foicompare" / "data"
DEFAULT_OUT = DATA / "authorities_register.json.gz"
DOMAINS = DATA / "authorities_domains.csv"

#: The date the Barnsley and Sheffield recoding took effect (AUTHORITIES.md: "the April
#: 2025 Barnsley and Sheffield boundary change"); the only rows with ``newer_gss_codes``.
NEWER_GSS_FROM = "2025-04-01"

#: Bare names that name several councils; they resolve only with supporting context.
#: (AUTHORITIES.md, "Deliberately left out".) Values are mySociety codes.
AMBIGUOUS = {
    "newcastle": ["NET", "NEC"],
    "kingston": ["KTT", "KHL"],
    "richmond": ["RIC", "RIH"],
}
#: Bare initialisms several councils share (AUTHORITIES.md); never resolved alone.
AMBIGUOUS_INITIALISMS = [
    "LBH", "LBE", "LBS", "KCC", "HCC", "LCC", "NCC", "SCC", "DCC", "WCC", "BCC", "CEC",
    "CBC", "OCC",
]  # fmt: skip

ATTRIBUTION = [
    "Contains data from mySociety's UK Local Authority Names and Codes (CC BY 4.0), "
    "which contains public sector information licensed under the Open Government "
    "Licence v3.0.",
    "Contains public sector information licensed under the Open Government Licence "
    "v3.0 (Ofsted, DfE), compiled by Data to Insight.",
]
SOURCES = {
    "mysociety": "mysociety/uk_local_authority_names_and_codes@67ef8b118938678401a452f4f19f669a7221cc73"
    " (uk_la_past_current v1.6.1, 2025-07-10)",
    "d2i": "JT-39/ofsted-ilacs-scrape-tool@54af59bf7856a26530b1eeb45c1c1c146f34cb8a (2026-08-22)",
}


def norm(s: str) -> str:
    """The name normalisation AUTHORITIES.md defines (kept identical to the library's)."""
    s = s.casefold().replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"[.,'()\-/]", " ", s)
    s = re.sub(r"\bsaint\b", "st", s)
    return re.sub(r"\s+", " ", s).strip()


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        sys.exit(f"build_register: missing input {path}")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(v: str) -> list[str]:
    return [x.strip() for x in v.split(",") if x.strip()]


def _day_after(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", norm(s).replace(" and ", "and"))


def build_authorities(rows: list[dict[str, str]]) -> list[dict]:
    starts = {r["local-authority-code"]: r["start_date"] for r in rows}
    out = []
    for r in rows:
        code = r["local-authority-code"]
        successors = _split(r["replaced_by"])
        end = r["end_date"] or None
        valid_to = None
        if end:
            # mySociety records some abolitions as the successor's first day (…-04-01)
            # and others as the last day (…-03-31); store an exclusive end either way.
            succ_starts = {starts.get(s) for s in successors}
            valid_to = end if (end in succ_starts or end.endswith("-04-01")) else _day_after(end)
        start = r["start_date"] or None
        # Early dates such as 2005-06-19 are register dates, not founding dates: only
        # trust a start date as a founding date when the body replaced others then.
        founded = start if start and any(code in _split(o["replaced_by"]) for o in rows) else None
        out.append(
            {
                "code": code,
                "gss_code": r["gss_code"] or None,
                "former_gss_codes": _split(r["former_gss_codes"]),
                "newer_gss_codes": _split(r["newer_gss_codes"]),
                "newer_gss_from": NEWER_GSS_FROM if r["newer_gss_codes"] else None,
                "official_name": r["official_name"],
                "short_name": r["nice_name"],
                "nation": r["nation"],
                "region": r["region"] or None,
                "type": r["authority_type"],
                "type_name": r["authority_type_name"],
                "childrens_services": r["childrens_services"] == "yes",
                "current": r["current"] == "yes",
                "start_date": start,
                "end_date": end,
                "valid_from": founded,
                "valid_to": valid_to,
                "successors": successors,
                "county": r["county_la"] or None,
                "combined_authority": r["combined_authority"] or None,
                "dfe_la_code": r["dfe_la_code"] or None,
                "ofsted_urn": r["ofsted_urn"] or None,
                "wdtk_id": r["wdtk_id"] or None,
                "gov_uk_slug": r["gov_uk_slug"] or None,
            }
        )
    by_code = {a["code"]: a for a in out}
    for a in out:
        a["successor_gss_codes"] = [by_code[s]["gss_code"] for s in a["successors"]]
        a["predecessors"] = sorted(o["code"] for o in out if a["code"] in o["successors"])
    return out


def build_names(rows: list[dict[str, str]], codes: set[str]) -> tuple[list, dict]:
    aliases: list[list[str]] = []
    keys: dict[str, str] = {}
    for r in rows:
        name, code = r["name"], r["local-authority-code"]
        if code not in codes:
            sys.exit(f"build_register: authority_names.csv names unknown code {code!r}")
        aliases.append([name, code])
        k = norm(name)
        # First writer wins: the file is already in AUTHORITIES.md's priority order.
        keys.setdefault(k, code)
    return aliases, keys


def build_domains(authorities: list[dict], hand: list[dict[str, str]]) -> dict[str, str]:
    """Council web/email domains: hand-checked rows first, then forms derived from names.

    A derived form is kept only when exactly one authority derives it, so a guess can
    never point at the wrong council; the hand table settles the rest.
    """
    domains: dict[str, str] = {}
    codes = {a["code"] for a in authorities}
    for r in hand:
        if r["code"] not in codes:
            sys.exit(f"build_register: {DOMAINS.name} names unknown code {r['code']!r}")
        domains[r["domain"].strip().lower()] = r["code"]
    derived: dict[str, set[str]] = {}
    for a in authorities:
        if a["type"] in ("COMB", "SRA"):
            continue
        labels = {_squash(a["short_name"])}
        if a["gov_uk_slug"]:
            slug = re.sub(r"[^a-z0-9-]", "", a["gov_uk_slug"].lower())
            labels |= {slug, slug.replace("-", "")}
        for label in labels:
            if label:
                derived.setdefault(f"{label}.gov.uk", set()).add(a["code"])
    for dom, cs in derived.items():
        if len(cs) == 1 and dom not in domains:
            domains[dom] = next(iter(cs))
    return dict(sorted(domains.items()))


def _columns(rows: list[dict[str, str]], keep: list[str]) -> dict[str, list]:
    return {k.replace("-", "_"): [r[k] or None for r in rows] for k in keep}


def build(reference: Path) -> dict:
    auth_rows = _read(reference / "authorities.csv")
    authorities = build_authorities(auth_rows)
    codes = {a["code"] for a in authorities}
    aliases, keys = build_names(_read(reference / "authority_names.csv"), codes)
    hand = [
        r
        for r in csv.DictReader(
            line
            for line in DOMAINS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
    ]
    ofsted = _read(reference / "ofsted_ilacs.csv")
    neighbours = _read(reference / "statistical_neighbours.csv")
    for r in ofsted:
        for k in ("overall_effectiveness", "impact_of_leaders", "help_and_protection",
                  "in_care", "care_leavers"):  # fmt: skip
            if r[k] == "to requires improvement":  # a scraper slip AUTHORITIES.md names
                r[k] = "requires improvement"
    body = {
        "sources": SOURCES,
        "attribution": ATTRIBUTION,
        "authorities": authorities,
        "aliases": aliases,
        "names": dict(sorted(keys.items())),
        "ambiguous": AMBIGUOUS,
        "ambiguous_initialisms": AMBIGUOUS_INITIALISMS,
        "domains": build_domains(authorities, hand),
        "ofsted": _columns(ofsted, [c for c in ofsted[0] if c != "parser_version"]),
        "neighbours": _columns(neighbours, list(neighbours[0])),
    }
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    body["version"] = hashlib.sha256(blob.encode()).hexdigest()[:16]
    return body


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_ref = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared")) / "reference"
    p.add_argument("--reference", type=Path, default=default_ref)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = p.parse_args(argv)
    register = build(args.reference)
    data = json.dumps(register, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz,
    ):
        gz.write(data.encode("utf-8"))
    # the version alone, so that opening a dataset need not read the register
    args.out.with_name("authorities_register.version").write_text(register["version"] + "\n")
    print(
        f"wrote {args.out} version {register['version']}: "
        f"{len(register['authorities'])} authorities, {len(register['names'])} name keys, "
        f"{len(register['domains'])} domains, {args.out.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
