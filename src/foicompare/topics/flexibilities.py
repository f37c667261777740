"""SI 2020/445 flexibilities (placeholder: owned by the flexibilities work, issue 5)."""

from __future__ import annotations

from typing import Any

from foicompare.text.base import Table

TABLES: tuple[str, ...] = ()


def extract(text: str, tables: list[Table] | None = None) -> dict[str, Any]:
    return {"flexibilities": [], "sign_off": [], "ofsted_informed": None, "decision_level": None}


def rows(doc_id: str, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {}
