"""A parsed Response as rows of the ``responses``, ``exemptions`` and ``answers`` tables.

>>> out = rows("d1", {"reference": "R1", "exemptions": ["40"], "answers": [], "evidence": {},
...                   "exemption_details": [{"section": "40", "act": "FOIA",
...                                          "public_interest_test": False, "span": [3, 9]}]})
>>> out["exemptions"][0]["section"], out["exemptions"][0]["span_start"]
('40', 3)
"""

from __future__ import annotations

import json
from typing import Any

#: analysis tables this package writes, each with a ``doc_id`` column
TABLES: tuple[str, ...] = ("responses", "exemptions", "answers")


def rows(doc_id: str, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows for one document; ``response["authority"]`` is the pipeline's resolution."""
    authority = response.get("authority") or {}
    evidence = response.get("evidence") or {}
    details = response.get("exemption_details")
    if details is None:  # a record built by hand: sections only
        details = [
            {"section": s, "act": response.get("act")} for s in response.get("exemptions") or []
        ]
    return {
        "responses": [
            {
                "doc_id": doc_id,
                "authority_name": authority.get("name"),
                "authority_code": authority.get("code"),
                "authority_confidence": authority.get("confidence"),
                "authority_flag": authority.get("flag"),
                "responding_body": authority.get("responding_body"),
                "responding_for": list(authority.get("responding_for") or []),
                "reference": response.get("reference"),
                "date": response.get("date"),
                "received": response.get("received"),
                "document_type": response.get("document_type"),
                "outcome": response.get("outcome"),
                "act": response.get("act"),
                "exemptions": list(response.get("exemptions") or []),
                "cost_hours": response.get("cost_hours"),
                "public_interest_test": bool(response.get("public_interest_test")),
                "n_answers": len(response.get("answers") or []),
                "evidence": json.dumps(evidence),
                "parser_version": response.get("parser_version"),
                "confidence": json.dumps(response.get("confidence") or {}),
                "needs_review": bool(response.get("needs_review")),
                "review_reasons": list(response.get("review_reasons") or []),
            }
        ],
        "exemptions": [
            {
                "doc_id": doc_id,
                "section": d["section"],
                "act": d.get("act"),
                "public_interest_test": bool(d.get("public_interest_test")),
                "span_start": (d.get("span") or [None, None])[0],
                "span_end": (d.get("span") or [None, None])[1],
            }
            for d in details
        ],
        "answers": [
            {
                "doc_id": doc_id,
                "number": a.get("number"),
                "question": a.get("question"),
                "answer": a.get("answer"),
                "outcome": a.get("outcome"),
                "span_start": (a.get("span") or [None, None])[0],
                "span_end": (a.get("span") or [None, None])[1],
                "position": i,
            }
            for i, a in enumerate(response.get("answers") or [])
        ],
    }
