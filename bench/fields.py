"""Field accuracy of parsed responses against the demo's ground truth.

The same parser (``foicompare.pipeline.analyse``) reads each extractor's text, so the
score compares extraction quality: a field is right when the parser finds on that text
what the ground truth says. Fields: reference (whitespace and case ignored), date,
document type, outcome and the set of exemptions.

>>> truth = {"reference": "FOI 12", "date": "2021-03-04", "document_type": "response",
...          "outcome": "refused", "exemptions": ["40"]}
>>> got = {"reference": "foi  12", "date": "2021-03-04", "document_type": "response",
...        "outcome": "successful", "exemptions": ["40"]}
>>> s = Score(); s.add(truth, got); s.rates()["outcome"], s.rates()["reference"]
(0.0, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FIELDS = ("reference", "date", "document_type", "outcome", "exemptions")


def normalise(name: str, value: Any) -> Any:
    """The comparable form of a field's value."""
    if value is None or value == "":
        return None if name != "exemptions" else frozenset()
    if name == "reference":
        return " ".join(str(value).split()).upper()
    if name == "exemptions":
        return frozenset(str(v) for v in value)
    return str(value)


@dataclass
class Score:
    """Right answers per field over the documents added."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: int = 0

    def add(self, truth: dict[str, Any], got: dict[str, Any] | None) -> None:
        """Score one document; ``got`` None (extraction failed) gets every field wrong."""
        self.total += 1
        if got is None:
            return
        for name in FIELDS:
            if normalise(name, truth.get(name)) == normalise(name, got.get(name)):
                self.right[name] += 1

    def rates(self) -> dict[str, float]:
        """Share right per field, and ``mean`` over the fields."""
        out = {n: self.right[n] / self.total if self.total else 0.0 for n in FIELDS}
        out["mean"] = sum(out[n] for n in FIELDS) / len(FIELDS)
        return out
