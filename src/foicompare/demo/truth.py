"""The ground truth: one JSON object per document, in the ``labels.jsonl`` format.

The first fields are exactly those of ``../shared/corpus/labels.jsonl`` (see its
``LABELS.md``), so the parser's accuracy script scores the demo the way it scores the real
corpus. Extra fields say which file and which part of the round robin a record describes.

>>> rec = record(id="c000-E08000026-flex-response", authority_name="Coventry City Council",
...              authority_code="E08000026", document_type="response", outcome="refused")
>>> list(rec)[:4], rec["exemptions"], rec["missing"]
(['id', 'url', 'authority_name', 'authority_code'], [], False)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

#: the fields of ``labels.jsonl``, in its order
LABEL_FIELDS = (
    "id",
    "url",
    "authority_name",
    "authority_code",
    "reference",
    "date",
    "received",
    "document_type",
    "outcome",
    "act",
    "exemptions",
    "cost_hours",
    "flexibilities",
    "notes",
    "authority_in_text",
)
#: demo-only fields, after the label fields
EXTRA_FIELDS = (
    "file",  #: path relative to the output folder; null for a missing answer
    "format",  #: pdf, docx, html, eml, txt
    "attachment",  #: for an EML letter: the attachment's file name (the truth describes it)
    "request",  #: flexibilities or qa_systems
    "copy",  #: which copy of the round robin (0-based)
    "scenario",
    "uses",  #: {code: total or null} for flexibilities used
    "by_month",  #: {code: {"2020-05": n or null, ...}}
    "sign_off",
    "ofsted_informed",
    "late",  #: answered after 20 working days
    "missing",  #: no answer was ever sent (no file)
    "working_days",  #: working days from receipt to this document
)
_DEFAULTS: dict[str, Any] = {
    "exemptions": [],
    "flexibilities": [],
    "uses": {},
    "by_month": {},
    "sign_off": [],
    "late": False,
    "missing": False,
}
FILE_NAME = "ground_truth.jsonl"


def scenario_truth(scenario: str, outcome: str | None, exemptions: Iterable[str]) -> dict[str, Any]:
    """The truth of a response before its content adds to it (uses, sign-off, ...).

    >>> scenario_truth("s12", "refused", ["12"])["exemptions"]
    ['12']
    """
    return {
        "outcome": outcome,
        "exemptions": sorted(exemptions),
        "cost_hours": None,
        "flexibilities": [],
        "uses": {},
        "by_month": {},
        "sign_off": [],
        "ofsted_informed": None,
        "notes": f"demo scenario {scenario}",
    }


def record(**fields: Any) -> dict[str, Any]:
    """A ground-truth record with every field present (null/empty where not given)."""
    unknown = set(fields) - set(LABEL_FIELDS) - set(EXTRA_FIELDS)
    if unknown:
        raise ValueError(f"unknown ground-truth fields: {sorted(unknown)}")
    return {name: fields.get(name, _DEFAULTS.get(name)) for name in (*LABEL_FIELDS, *EXTRA_FIELDS)}


def write(path: str | Path, records: Iterable[dict[str, Any]], *, append: bool = False) -> int:
    """Write records as JSON lines; returns how many were written."""
    n = 0
    with open(path, "a" if append else "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
            n += 1
    return n


def read(path: str | Path) -> Iterator[dict[str, Any]]:
    """Read a ground-truth (or labels) JSON-lines file.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), FILE_NAME)
    >>> write(p, [record(id="a")])
    1
    >>> [r["id"] for r in read(p)]
    ['a']
    """
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{line_no}: not valid JSON ({exc.msg})") from exc
