"""Authority register and resolution (placeholder: owned by the authorities work, issue 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def resolve_document(
    text: str, *, url: str | None = None, on: str | dt.date | None = None,
    hint: str | None = None,
) -> dict[str, Any]:
    return {"name": None, "code": None}
