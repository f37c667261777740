#!/usr/bin/env python3
"""The labelled corpora and their honest train/dev/test split by authority.

Two sources of labelled real documents (labels in the ``../shared/corpus/LABELS.md`` scheme):

* ``<shared>/corpus`` (86 documents the parser was first tuned on), and
* ``real_corpus/<part>/`` in this repository (``docs/<id>.txt``, ``labels.jsonl``, ``index.csv``).

:func:`split_of` is the one place that decides a document's split. A body is never in two
splits: the split depends only on the authority. Every authority of ``<shared>/corpus`` is
``train`` (the rules were already fitted to them); any other authority goes by a hash of its key
(0, 1, 2 → train; 3 → dev; 4 → test).

Test-split documents may only be scored in aggregate: nothing here prints them.

>>> authority_key({"authority_code": "E09000003", "authority_name": "Barnet"})
'E09000003'
>>> authority_key({"authority_code": None, "authority_name": "Dept. for Education"})
'deptforeducation'
>>> split_of({"authority_code": "E09000003"}, shared_keys={"E09000003"})
'train'
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))
SPLITS = ("train", "dev", "test")


def authority_key(label: dict) -> str:
    """``authority_code`` if set, else the authority name lower-cased, non-alphanumerics removed."""
    code = label.get("authority_code")
    if code:
        return str(code)
    return re.sub(r"[^0-9a-z]", "", str(label.get("authority_name") or "").lower())


def split_of(label: dict, shared_keys: Iterable[str]) -> str:
    """``train``, ``dev`` or ``test`` for one labelled document (see the module doc)."""
    key = authority_key(label)
    if key in set(shared_keys):
        return "train"
    bucket = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 5
    return "train" if bucket <= 2 else ("dev" if bucket == 3 else "test")


@dataclass(frozen=True, slots=True)
class Doc:
    """One labelled document: its label, text path, URL and split."""

    id: str
    path: Path
    url: str | None
    label: dict
    split: str
    source: str  # "shared" or "real/<part>"


def _read_labels(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.open(encoding="utf-8"):
        if line.strip():
            out.append(json.loads(line))
    return [lab for lab in out if not lab.get("missing")]


def _read_index(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {r["id"]: r.get("url") or "" for r in csv.DictReader(path.open(encoding="utf-8"))}


def load(shared: Path = SHARED, root: Path | None = None) -> list[Doc]:
    """Every labelled document of the shared corpus and of ``real_corpus/*``, with its split.

    ``root`` (default: this repository, or ``$FOICOMPARE_CORPUS_ROOT``) holds ``real_corpus``.
    """
    root = root or Path(os.environ.get("FOICOMPARE_CORPUS_ROOT", ROOT))
    shared_labels = _read_labels(shared / "corpus" / "labels.jsonl")
    shared_keys = {authority_key(lab) for lab in shared_labels}
    docs: list[Doc] = []
    index = _read_index(shared / "corpus" / "index.csv")
    for lab in shared_labels:
        path = shared / "corpus" / "docs" / f"{lab['id']}.txt"
        url = index.get(lab["id"]) or lab.get("url")
        docs.append(Doc(lab["id"], path, url, lab, "train", "shared"))
    for part in sorted((root / "real_corpus").glob("*")):
        if not part.is_dir():
            continue
        index = _read_index(part / "index.csv")
        for lab in _read_labels(part / "labels.jsonl"):
            path = part / "docs" / f"{lab['id']}.txt"
            if not path.exists():
                continue
            url = index.get(lab["id"]) or lab.get("url")
            split = split_of(lab, shared_keys)
            docs.append(Doc(lab["id"], path, url, lab, split, f"real/{part.name}"))
    return docs


if __name__ == "__main__":
    from collections import Counter

    counts = Counter((d.source, d.split) for d in load())
    for (source, split), n in sorted(counts.items()):
        print(f"{source:10} {split:5} {n}")
