"""text → the FOI Response record (placeholder: owned by the parser work, issue 4)."""

from __future__ import annotations

from typing import Any

from foicompare.text.base import Table

PARSER_VERSION = "0"
#: analysis tables this package writes, each with a ``doc_id`` column
TABLES: tuple[str, ...] = ()


def parse_response(
    text: str, tables: list[Table] | None = None, *, url: str | None = None,
    meta: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "reference": None, "date": None, "received": None, "document_type": None,
        "outcome": None, "act": None, "exemptions": [], "cost_hours": None, "answers": [],
        "evidence": {},
    }


def rows(doc_id: str, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {}
