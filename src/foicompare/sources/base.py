"""What every source yields: bytes plus where they came from.

Sources (local files, WhatDoTheyKnow, disclosure logs) never parse. They yield
:class:`SourceItem` records and :meth:`foicompare.Dataset.ingest_items` stores them,
extracts text, parses and records provenance.

>>> item = SourceItem(data=b"hello", location="https://example.org/a.txt", source="files")
>>> item.filename
'a.txt'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


@dataclass(slots=True)
class SourceItem:
    """One document's bytes with its provenance."""

    data: bytes
    location: str  # absolute path or URL; a member of a container is "<container>!<member>"
    source: str = "files"  # files | whatdotheyknow | disclosure_log:<site>
    filename: str | None = None
    url: str | None = None  # where it was published (used to resolve the authority)
    #: the URL asked for when a redirect led to ``location`` (kept in ``sightings``)
    requested_url: str | None = None
    parent_id: str | None = None
    request_id: str | None = None  # the request/batch record it belongs to, if the source knows
    authority_hint: str | None = None  # the authority as the source names it
    published_at: dt.datetime | None = None
    retrieved_at: dt.datetime | None = None
    media_type: str | None = None  # the server's claim; the bytes are sniffed regardless
    file_size: int | None = None  # local files: for the unchanged-file fast path
    file_mtime: float | None = None
    #: fields the source itself states (a disclosure log's reference, outcome label ...)
    fields: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.filename is None:
            path = urlsplit(self.location).path if "://" in self.location else self.location
            self.filename = unquote(path.rsplit("!", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1])
