"""Where ingest time goes: each stage of one document's work timed in-process, per format.

The stages are those of ``foicompare.ingest.process`` (sniff, extract) and of
``foicompare.pipeline.analyse`` (parse, flexibilities, authority resolution); storing is
what a single-process ingest costs beyond their sum.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_text("Dear Sir, ref FOI 1")
>>> prof = profile_stages([p])
>>> list(prof["txt"])[:3], prof["txt"]["documents"]
(['sniff', 'extract', 'parse'], 1)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from foicompare import authorities, parse, text
from foicompare.topics import flexibilities

STAGES = ("sniff", "extract", "parse", "flexibilities", "authority")


def profile_stages(
    paths: Sequence[Path], clock: Callable[[], float] = time.perf_counter
) -> dict[str, dict[str, float]]:
    """Mean milliseconds per document of each stage, by file extension, plus ``documents``.

    Attachments of e-mails are not followed (their time is part of the e-mail's extract).
    One file of each format is run first, untimed, so one-off loading (the authority
    register, vocabularies, compiled patterns) is not charged to whichever format comes first.
    ``clock`` is wall time by default; ``time.process_time`` gives CPU time, which a loaded
    machine does not inflate.
    """
    totals: dict[str, dict[str, float]] = {}
    _warm_up(paths)
    for path in paths:
        data = path.read_bytes()
        row = totals.setdefault(path.suffix.lstrip(".") or "none", dict.fromkeys(STAGES, 0.0))
        row["documents"] = row.get("documents", 0) + 1
        t = clock()
        media_type = text.sniff(data, path.name)
        t1 = clock()
        try:
            ex = text.extract(data, filename=path.name, media_type=media_type)
        except text.ExtractionError:
            row["sniff"] += t1 - t
            continue
        t2 = clock()
        response = parse.parse_response(ex.text, list(ex.tables), meta=ex.meta)
        t3 = clock()
        flexibilities.extract(ex.text, list(ex.tables))
        t4 = clock()
        authorities.resolve_document(ex.text, on=response.get("date"))
        t5 = clock()
        for name, seconds in zip(STAGES, (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            row[name] += seconds
    out = {}
    for fmt, row in sorted(totals.items()):
        n = row.pop("documents")
        out[fmt] = {name: row[name] / n * 1000 for name in STAGES}
        out[fmt]["total"] = sum(out[fmt].values())
        out[fmt]["documents"] = int(n)
    return out


def _warm_up(paths: Sequence[Path]) -> None:
    seen: set[str] = set()
    for path in paths:
        if path.suffix in seen:
            continue
        seen.add(path.suffix)
        try:
            ex = text.extract(path.read_bytes(), filename=path.name)
        except text.ExtractionError:
            continue
        response = parse.parse_response(ex.text, list(ex.tables), meta=ex.meta)
        flexibilities.extract(ex.text, list(ex.tables))
        authorities.resolve_document(ex.text, on=response.get("date"))
