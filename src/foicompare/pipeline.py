"""text → Response: the one place where parsing, topic extraction and authority
resolution are composed, so `ingest`, `reparse` and `foicompare extract` agree.

>>> r = analyse("Dear Sir, Freedom of Information Act 2000 ...", [])
>>> sorted(k for k in ("authority", "outcome", "flexibilities") if k in r)
['authority', 'flexibilities', 'outcome']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from foicompare import authorities, linre, parse
from foicompare.text.base import Table
from foicompare.topics import flexibilities

#: tables keyed by ``doc_id`` that hold derived values; `reparse` rewrites them.
ANALYSIS_TABLES: tuple[str, ...] = (*parse.TABLES, *flexibilities.TABLES)


def analyse(
    text: str,
    tables: Sequence[Table] = (),
    *,
    url: str | None = None,
    meta: dict[str, str] | None = None,
    authority_hint: str | None = None,
    context: str | None = None,
) -> dict[str, Any]:
    """The Response record (see DESIGN.md) for one document's text and tables; ``context`` is
    the text of the request the document answers, when known (thread context)."""
    response = parse.parse_response(text, list(tables), url=url, meta=meta)
    response.update(flexibilities.extract(text, list(tables), context=context))
    response["authority"] = authorities.resolve_document(
        text, url=url, on=response.get("date"), hint=authority_hint
    )
    found = response["authority"] or {}
    confidence = response.setdefault("confidence", {})
    confidence["authority"] = round(float(found.get("confidence") or 0.0), 2)
    if found.get("code") is None and found.get("name") is None and _COUNCIL.search(text):
        # the register holds councils: a police force's or a trust's letter finds none by design,
        # a letter that speaks of a council and finds none has missed it
        response.setdefault("review_reasons", []).append("authority not found")
    elif found.get("flag"):
        response.setdefault("review_reasons", []).append(f"authority: {found['flag']}")
    response["needs_review"] = bool(response.get("review_reasons"))
    return response


_COUNCIL = linre.compile(r"\b(?:council|borough)\b", re.I)


def rows(doc_id: str, response: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every analysis table for one document's Response."""
    out = parse.rows(doc_id, response)
    for table, table_rows in flexibilities.rows(doc_id, response).items():
        out.setdefault(table, []).extend(table_rows)
    return out
