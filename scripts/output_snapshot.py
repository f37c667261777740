#!/usr/bin/env python3
"""Snapshot the whole extraction output of a set of documents as JSON, and compare snapshots.

A refactoring that must not change behaviour (e.g. moving every pattern to the RE2 engine)
is checked by running this before and after on the same documents and comparing::

    python scripts/output_snapshot.py write before.json ../shared/corpus/docs ../shared/seeds demo/
    ... change the code ...
    python scripts/output_snapshot.py write after.json ../shared/corpus/docs ../shared/seeds demo/
    python scripts/output_snapshot.py compare before.json after.json

For every file under the given folders (recursively) the snapshot holds a digest of the
extracted text and tables and the full Response of ``pipeline.analyse`` on them (every key,
evidence included). ``compare`` prints how many documents compared equal and every difference,
and exits 1 when any document differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from foicompare import pipeline, text
from foicompare.cli.extract import _with_children


def snapshot(path: Path) -> dict[str, Any]:
    """The JSON-ready record of one file: text digest, tables digest and the Response."""
    data = path.read_bytes()
    try:
        ex = text.extract(data, filename=path.name)
        body, tables = _with_children(ex)
    except text.ExtractionError as exc:
        return {"error": exc.reason}
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    tables_json = json.dumps([t.rows for t in tables], ensure_ascii=False)
    response = pipeline.analyse(body, tables, meta=ex.meta or None)
    return {
        "text_sha256": digest,
        "tables_sha256": hashlib.sha256(tables_json.encode()).hexdigest(),
        "response": json.loads(json.dumps(response, default=str, sort_keys=True)),
    }


def files(folders: list[str]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        root = Path(folder)
        out.extend(
            p for p in sorted(root.rglob("*")) if p.is_file() and p.name != "ground_truth.jsonl"
        )
    return out


def write(out: str, folders: list[str]) -> None:
    result = {str(p): snapshot(p) for p in files(folders)}
    Path(out).write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))
    print(f"{len(result)} documents written to {out}")


def compare(before: str, after: str) -> int:
    a = json.loads(Path(before).read_text())
    b = json.loads(Path(after).read_text())
    equal = sum(1 for k in a if k in b and a[k] == b[k])
    differ = [k for k in a if k in b and a[k] != b[k]]
    missing = sorted(set(a) ^ set(b))
    print(
        f"{equal} of {len(a)} documents compared equal; {len(differ)} differ; "
        f"{len(missing)} only in one snapshot"
    )
    for k in differ:
        ra, rb = a[k], b[k]
        keys = sorted(set(ra.get("response", {})) | set(rb.get("response", {})))
        changed = [
            x for x in keys if ra.get("response", {}).get(x) != rb.get("response", {}).get(x)
        ]
        if ra.get("text_sha256") != rb.get("text_sha256"):
            changed.insert(0, "text")
        print(f"  {k}: {', '.join(changed) or 'error'}")
    for k in missing:
        print(f"  only in one: {k}")
    return 1 if differ or missing else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out")
    w.add_argument("folders", nargs="+")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args()
    if args.cmd == "write":
        write(args.out, args.folders)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
