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


#: the SI 2020/445 fields (issue 16): a flexibility's status, its count, and the governance
FLEXIBILITY_STATUSES = ("used", "not used", "not stated", "withheld")
GOVERNANCE_FIELDS = ("decision_level", "ofsted_informed", "ofsted_when", "sign_off")
DECISION_LEVELS = ("authority_wide", "case_by_case")


def _flexibility_field(field: str) -> tuple[str, str] | None:
    """``("cppcr-visits-remote", "status")`` for ``flexibilities.cppcr-visits-remote``,
    ``(code, "uses")`` for ``flexibilities.<code>.uses``; None for other fields."""
    parts = field.split(".")
    if parts[0] != "flexibilities" or len(parts) not in (2, 3):
        return None
    if len(parts) == 3 and parts[2] != "uses":
        return None
    from foicompare.topics.vocabulary import codes as vocabulary_codes

    if parts[1] not in vocabulary_codes():
        raise ValueError(f"{field}: unknown flexibility code {parts[1]!r}")
    return parts[1], "uses" if len(parts) == 3 else "status"


def check_correction(field: str, value: Any) -> str:
    """The JSON to store for ``field`` = ``value``, or ``ValueError`` naming the problem.

    Besides the response fields, ``flexibilities.<code>`` takes a status (used, not used, not
    stated, withheld; True/False are read as used/not used), ``flexibilities.<code>.uses`` a
    count, and the governance fields ``sign_off`` (roles), ``ofsted_informed`` (True/False),
    ``ofsted_when`` (text) and ``decision_level`` (authority_wide, case_by_case).

    >>> check_correction("flexibilities.cppcr-visits-remote", True)
    '"used"'
    >>> check_correction("flexibilities.cppcr-visits-remote.uses", 37)
    '37'
    """
    flex = _flexibility_field(field)
    if flex is not None:
        return _check_flexibility(field, flex[1], value)
    if field in GOVERNANCE_FIELDS:
        return _check_governance(field, value)
    if field not in FIELDS:
        allowed = (*FIELDS, *GOVERNANCE_FIELDS, "flexibilities.<code>", "flexibilities.<code>.uses")
        raise ValueError(f"cannot correct {field!r}: fields are {', '.join(allowed)}")
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


def _check_flexibility(field: str, kind: str, value: Any) -> str:
    if kind == "uses":
        if value is None:
            return "null"
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{field} must be a non-negative whole number or None, not {value!r}")
        return json.dumps(value)
    if value is True or value is False:
        value = "used" if value else "not used"
    if value is None:
        value = "not stated"
    if value not in FLEXIBILITY_STATUSES:
        raise ValueError(f"{field} must be one of {list(FLEXIBILITY_STATUSES)}, not {value!r}")
    return json.dumps(value)


def _check_governance(field: str, value: Any) -> str:
    if value is None:
        return "null"
    if field == "sign_off":
        if isinstance(value, str):
            value = [value]
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"sign_off must be a list of roles, not {value!r}")
        return json.dumps(list(value))
    if field == "ofsted_informed":
        if isinstance(value, str) and value.lower() in ("yes", "no", "true", "false"):
            value = value.lower() in ("yes", "true")
        if not isinstance(value, bool):
            raise ValueError(f"ofsted_informed must be True, False or None, not {value!r}")
        return json.dumps(value)
    if field == "decision_level" and value not in DECISION_LEVELS:
        raise ValueError(f"decision_level must be one of {list(DECISION_LEVELS)} or None")
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a string or None, not {value!r}")
    return json.dumps(value)
