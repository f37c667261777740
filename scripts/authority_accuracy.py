#!/usr/bin/env python3
"""Measure how often ``resolve_document`` finds a labelled document's council.

For every document in ``../shared/corpus/`` whose label has an ``authority_code``:
resolve it from its text (with the label's date, as a correct parser would give it);
where the label says ``authority_in_text`` is false, also pass the document's URL from
``index.csv``, as a source that ingests from that URL would. Prints the rate, every
miss, and the timing.

Usage::

    python scripts/authority_accuracy.py [--corpus DIR] [--undated] [--all-urls]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

from foicompare.authorities import lookup, resolve_document

ROOT = Path(__file__).resolve().parents[1]


def same_body(got: str | None, want: str) -> bool:
    """A match when the codes are equal or name the same body (e.g. a newer GSS code)."""
    if got is None:
        return False
    if got == want:
        return True
    a, b = lookup(got), lookup(want)
    return a is not None and b is not None and a.code == b.code


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))
    p.add_argument("--corpus", type=Path, default=shared / "corpus")
    p.add_argument("--undated", action="store_true", help="do not pass the label's date")
    p.add_argument("--all-urls", action="store_true", help="pass the URL for every document")
    p.add_argument("--verbose", action="store_true", help="print every document")
    args = p.parse_args(argv)
    index = {r["id"]: r for r in csv.DictReader((args.corpus / "index.csv").open())}
    labels = [json.loads(line) for line in (args.corpus / "labels.jsonl").open() if line.strip()]
    total = hits = 0
    misses = []
    elapsed = 0.0
    false_pos = []
    for lab in labels:
        path = args.corpus / "docs" / f"{lab['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        in_text = lab.get("authority_in_text") is not False
        url = index.get(lab["id"], {}).get("url") or lab.get("url")
        use_url = url if (args.all_urls or not in_text) else None
        on = None if args.undated else lab.get("date")
        t0 = time.perf_counter()
        got = resolve_document(text, url=use_url, on=on)
        elapsed += time.perf_counter() - t0
        want = lab.get("authority_code")
        if not want:
            if got["code"]:
                false_pos.append((lab["id"], lab.get("authority_name"), got))
            continue
        total += 1
        ok = same_body(got["code"], want)
        hits += ok
        if not ok:
            misses.append((lab, got, use_url))
        if args.verbose:
            print(f"{'ok  ' if ok else 'MISS'} {lab['id']} {want} {got['name']}: {got['reason']}")
    rate = hits / total if total else 0.0
    n_docs = len(labels)
    print(f"authority resolved for {hits}/{total} labelled documents = {rate:.1%}")
    print(f"mean time per document {1000 * elapsed / max(n_docs, 1):.2f} ms over {n_docs} docs")
    for lab, got, url in misses:
        print(
            f"  MISS {lab['id']}: want {lab['authority_code']} ({lab['authority_name']}), "
            f"got {got['code']} ({got['name']}); {got['reason']}" + (f"; url {url}" if url else "")
        )
    print(f"documents labelled as no local authority but given one: {len(false_pos)}")
    for doc_id, name, got in false_pos:
        print(f"  {doc_id}: labelled {name!r}, got {got['name']}; {got['reason']}")
    return 0 if rate >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
