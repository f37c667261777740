"""Score flexibility extraction per (document, code) on the labelled cases and the corpus.

Sources: the hand-written cases in ``tests/test_flex_cases.py`` (many councils' styles) and
every document of ``../shared/corpus`` whose label is about the 2020 regulations (a non-empty
``flexibilities`` list, or a text that names the regulations: those with an empty list must get
no "used"). A blanket ``{"code": "*", "used": false}`` label counts as every code not used.

    .venv/bin/python scripts/flex_accuracy.py            # summary and per-document lines
    FOICOMPARE_SHARED=/path/to/shared .venv/bin/python scripts/flex_accuracy.py
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from foicompare.topics.flexibilities import is_about_flexibilities

ROOT = Path(__file__).resolve().parents[1]


def _cases_module():
    spec = importlib.util.spec_from_file_location(
        "flex_cases", ROOT / "tests" / "test_flex_cases.py"
    )
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def corpus_docs(shared: Path) -> list[tuple[str, str, dict[str, bool]]]:
    """``(id, text, labels)`` for corpus documents about the regulations."""
    out = []
    labels_path = shared / "corpus" / "labels.jsonl"
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = shared / "corpus" / "docs" / f"{rec['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if not rec.get("flexibilities") and not is_about_flexibilities(text):
            continue
        labels = {f["code"]: bool(f["used"]) for f in rec.get("flexibilities") or []}
        out.append((f"corpus:{rec['id']}", text, labels))
    return out


def main() -> int:
    shared = Path(os.environ.get("FOICOMPARE_SHARED") or ROOT.parent / "shared")
    cases = _cases_module()
    docs = [(f"case:{c['id']}", c["text"], c["labels"]) for c in cases.CASES]
    docs += [(f"held-out:{c['id']}", c["text"], c["labels"]) for c in cases.HELD_OUT]
    if (shared / "corpus" / "labels.jsonl").exists():
        docs += corpus_docs(shared)
    else:
        print(f"note: {shared}/corpus not found; scoring the cases only", file=sys.stderr)
    tot = cor = fu = 0
    t0 = time.perf_counter()
    for doc_id, text, labels in docs:
        c, t, f = cases.score(text, labels)
        tot, cor, fu = tot + t, cor + c, fu + f
        flag = "ok " if c == t and not f else "ERR"
        print(f"{flag} {doc_id:45s} {c:3d}/{t:<3d} false_used={f}")
    dt = time.perf_counter() - t0
    print(
        f"\n{len(docs)} documents, {tot} (document, code) pairs: accuracy {cor / max(tot, 1):.1%},"
        f" false 'used' {fu}; {len(docs) / dt:.0f} docs/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
