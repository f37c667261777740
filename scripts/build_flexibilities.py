"""Build the packaged flexibilities vocabulary from ../shared/reference/flexibilities.csv.

Writes ``src/foicompare/data/flexibilities.json``: one object per row of the CSV with the
fields the extractor and the analysis need (code, instrument, instrument_short, regulation,
si_2020_445_reg, area, summary, normal_requirement, relaxed_to, keywords as a list, lapsed as a
bool, extended_to, source_urls as a list). The hand-written ways councils refer to each
flexibility live beside it in ``flexibilities_aliases.json`` and are not generated.

Run from the repository root::

    .venv/bin/python scripts/build_flexibilities.py            # uses ../shared
    FOICOMPARE_SHARED=/path/to/shared .venv/bin/python scripts/build_flexibilities.py
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "foicompare" / "data" / "flexibilities.json"
FIELDS = (
    "code",
    "instrument",
    "instrument_short",
    "regulation",
    "si_2020_445_reg",
    "area",
    "summary",
    "normal_requirement",
    "relaxed_to",
    "keywords",
    "lapsed_2020_09_25",
    "extended_to",
    "source_urls",
)


def shared_dir() -> Path:
    """The shared folder: $FOICOMPARE_SHARED or ``../shared`` beside the repository."""
    return Path(os.environ.get("FOICOMPARE_SHARED") or ROOT.parent / "shared")


def convert(row: dict[str, str]) -> dict[str, object]:
    """One CSV row as the packaged record (lists split on ``;``, lapse as a bool)."""
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise ValueError(f"flexibilities.csv lacks column(s) {missing}")
    lapsed = row["lapsed_2020_09_25"].strip().lower()
    if lapsed not in ("yes", "no"):
        raise ValueError(f"{row['code']}: lapsed_2020_09_25 must be yes/no, not {lapsed!r}")
    return {
        "code": row["code"].strip(),
        "instrument": row["instrument"].strip(),
        "instrument_short": row["instrument_short"].strip(),
        "regulation": row["regulation"].strip(),
        "si_2020_445_reg": row["si_2020_445_reg"].strip(),
        "area": row["area"].strip(),
        "summary": row["summary"].strip(),
        "normal_requirement": row["normal_requirement"].strip(),
        "relaxed_to": row["relaxed_to"].strip(),
        "keywords": [k.strip() for k in row["keywords"].split(";") if k.strip()],
        "lapsed_2020_09_25": lapsed == "yes",
        "lapse_date": "2020-09-25" if lapsed == "yes" else None,
        "extended_to": row["extended_to"].strip() or None,
        "source_urls": [u.strip() for u in row["source_urls"].split(";") if u.strip()],
    }


def build(csv_path: Path, out: Path = OUT) -> int:
    """Convert ``csv_path`` into ``out``; returns the number of codes written."""
    with csv_path.open(newline="", encoding="utf-8") as fh:
        records = [convert(r) for r in csv.DictReader(fh)]
    codes = [r["code"] for r in records]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ValueError(f"{csv_path}: duplicate codes {dupes}")
    payload = {
        "source": "../shared/reference/flexibilities.csv (see FLEXIBILITIES.md there)",
        "instrument": "The Adoption and Children (Coronavirus) (Amendment) Regulations 2020 (SI 2020/445)",
        "flexibilities": records,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(records)


def main() -> int:
    csv_path = shared_dir() / "reference" / "flexibilities.csv"
    if not csv_path.exists():
        print(f"error: {csv_path} not found (set FOICOMPARE_SHARED)", file=sys.stderr)
        return 1
    n = build(csv_path)
    print(f"wrote {n} flexibilities to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
