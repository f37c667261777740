"""bytes → text and tables (placeholder dispatch; owned by the text-extraction work)."""

from __future__ import annotations

from foicompare.text.base import Child, Extraction, ExtractionError, Table

__all__ = ["Child", "Extraction", "ExtractionError", "Table", "extract", "sniff"]


def sniff(data: bytes, filename: str | None = None) -> str:
    return "text/plain"


def extract(data: bytes, *, filename: str | None = None, media_type: str | None = None) -> Extraction:
    return Extraction(text=data.decode("utf-8", "replace"), extractor="txt", extractor_version="0")
