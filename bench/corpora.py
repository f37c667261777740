"""Benchmark corpora, written by the demo generator and reused between runs.

A corpus is a folder holding copies ``c000/``, ``c001/``, ... of the demo round robin
(about 430 documents per copy with all five formats) and its ``ground_truth.jsonl``.
:func:`build` writes just enough copies for the wanted number of documents, or reuses
the folder when a previous run wrote it with the same parameters (``corpus.json``).
:func:`select` then picks the first ``n`` documents in a stable order, so the same files
serve every measurement.

>>> import tempfile
>>> c = build(tempfile.mkdtemp(), 30, formats=("txt",), limit=10)
>>> len(select(c, 20)), c.documents >= 20
(20, True)
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from foicompare.demo import FORMATS, generate

#: documents in one copy of the round robin (153 authorities, 2 requests), whatever the formats
DOCS_PER_COPY = 427
MANIFEST = "corpus.json"


@dataclass
class Corpus:
    """A generated corpus on disk."""

    root: Path
    formats: tuple[str, ...]
    copies: int
    documents: int
    seconds: float  #: time the generator took (0 when reused)
    reused: bool = False

    @property
    def truth_path(self) -> Path:
        return self.root / "ground_truth.jsonl"

    def truth(self) -> dict[str, dict[str, Any]]:
        """Ground truth records of the documents that exist, by file path relative to root."""
        out = {}
        with self.truth_path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("file"):
                    out[rec["file"]] = rec
        return out


def build(
    root: str | Path,
    documents: int,
    *,
    formats: tuple[str, ...] = FORMATS,
    seed: int = 2020,
    limit: int | None = None,
    workers: int = 2,
) -> Corpus:
    """A corpus of at least ``documents`` files under ``root`` (reused when already there).

    ``limit`` samples that many authorities (for tiny corpora in tests).
    """
    root = Path(root)
    # every copy has one file per document whatever the formats; ~2.8 documents per authority
    per_copy = DOCS_PER_COPY if limit is None else limit * 2.5
    copies = max(1, math.ceil(documents * 1.05 / per_copy))
    wanted = {"formats": list(formats), "seed": seed, "limit": limit, "copies": copies}
    manifest = root / MANIFEST
    if manifest.exists():
        have = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: have.get(k) for k in wanted} == wanted and have.get("documents", 0) >= documents:
            return Corpus(root, formats, copies, have["documents"], 0.0, reused=True)
    started = time.perf_counter()
    report = generate(root, seed=seed, copies=copies, formats=formats, limit=limit, workers=workers)
    seconds = time.perf_counter() - started
    if report.documents < documents:
        raise RuntimeError(
            f"the generator wrote {report.documents} documents in {root}, fewer than {documents}"
        )
    corpus = Corpus(root, formats, copies, report.documents, seconds)
    manifest.write_text(json.dumps({**wanted, **asdict(corpus), "root": str(root)}), "utf-8")
    return corpus


def files(corpus: Corpus) -> list[Path]:
    """Every document file of the corpus, copy by copy, in sorted order."""
    return sorted(p for p in corpus.root.glob("c*/*/*") if p.is_file())


def select(corpus: Corpus, n: int, *, suffix: str | None = None) -> list[Path]:
    """The first ``n`` documents (optionally only those ending in ``suffix``, e.g. ``.pdf``)."""
    chosen = [p for p in files(corpus) if suffix is None or p.suffix == suffix]
    if len(chosen) < n:
        raise ValueError(f"{corpus.root} has {len(chosen)} {suffix or ''} documents, not {n}")
    return chosen[:n]


def relative(corpus: Corpus, path: Path) -> str:
    """The path as the ground truth names it (relative to the corpus root, with ``/``)."""
    return path.relative_to(corpus.root).as_posix()
