"""The registered councils' saved log pages (tests/fixtures/logs/), served on a loopback server.

Each council's pages are served at the paths they have on the real site, so a crawl starts
at the registry's URL with its host replaced by the loopback server's. What in each page is
real and what is reconstructed is said in the page's header comment and in
docs/notes/disclosure-logs.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from log_sites import Route

FIXTURES = Path(__file__).parent / "fixtures" / "logs"


def council_routes(key: str) -> dict[str, Route]:
    """The saved pages of one council's log, by path (with query) on the real site."""
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    return {
        path: Route((FIXTURES / spec["file"]).read_bytes(), spec["content_type"])
        for path, spec in manifest[key].items()
    }


def local_url(base: str, real_url: str) -> str:
    """``real_url`` with its scheme and host replaced by the loopback server's ``base``."""
    parts = urlsplit(real_url)
    return base + parts.path + (f"?{parts.query}" if parts.query else "")
