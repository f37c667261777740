"""Checking a human correction before it is stored.

>>> check_correction("exemptions", ["40", "12"])
'["12", "40"]'
>>> check_correction("date", "2020-8-3")
Traceback (most recent call last):
...
ValueError: date must be an ISO date (YYYY-MM-DD) or None, not '2020-8-3'
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

VOCABULARIES = {
    "document_type": {
        "response",
        "internal_review",
        "acknowledgement",
        "clarification",
        "request",
        "other",
    },
    "outcome": {"successful", "partially_successful", "refused", "not_held"},
    "act": {"FOIA", "FOISA", "EIR", "DPA"},
}
FIELDS = (
    "act",
    "authority_code",
    "authority_name",
    "cost_hours",
    "date",
    "document_type",
    "exemptions",
    "outcome",
    "received",
    "reference",
)


def check_correction(field: str, value: Any) -> str:
    """The JSON to store for ``field`` = ``value``, or ``ValueError`` naming the problem."""
    if field not in FIELDS:
        raise ValueError(f"cannot correct {field!r}: fields are {', '.join(FIELDS)}")
    if value is None:
        return "null"
    if field in VOCABULARIES and value not in VOCABULARIES[field]:
        raise ValueError(
            f"{field} must be one of {sorted(VOCABULARIES[field])} or None, not {value!r}"
        )
    if field in ("date", "received"):
        try:
            dt.date.fromisoformat(str(value))
            if len(str(value)) != 10:
                raise ValueError
        except ValueError:
            raise ValueError(
                f"{field} must be an ISO date (YYYY-MM-DD) or None, not {value!r}"
            ) from None
        return json.dumps(str(value))
    if field == "exemptions":
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"exemptions must be a list of section strings, not {value!r}")
        return json.dumps(sorted(set(value)))
    if field == "cost_hours":
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"cost_hours must be a non-negative number or None, not {value!r}")
        return json.dumps(value)
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a string or None, not {value!r}")
    return json.dumps(value)
