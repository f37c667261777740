"""The real documents in ../shared: seeds and corpus texts extract intact, in several wrappers.

The shared folder is ``../shared`` next to the repository (``FOICOMPARE_SHARED`` overrides).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest

from fixtures_make import make_docx, make_eml, make_html, make_zip
from foicompare.text import extract

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted((SHARED / "corpus" / "docs").glob("*"))

pytestmark = pytest.mark.skipif(
    not SEEDS or not CORPUS, reason=f"shared corpus not found at {SHARED}"
)


def decoded(path: Path) -> str:
    """The file's own text, line ends normalised (what extraction must give back)."""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_text_is_intact(path):
    ex = extract(path.read_bytes(), filename=path.name)
    assert ex.text == decoded(path)
    assert ex.meta["encoding"] == "utf-8"


def test_every_corpus_document_extracts_intact():
    failures = []
    for path in CORPUS:
        ex = extract(path.read_bytes(), filename=path.name)
        if ex.text != decoded(path):
            failures.append(path.name)
    assert len(CORPUS) == 86
    assert failures == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_round_trips_through_docx_html_email_and_zip(path):
    lines = [line.strip() for line in decoded(path).split("\n") if line.strip()]

    docx_text = extract(make_docx(lines)).text
    assert docx_text.split("\n") == lines

    page = make_html("\n".join(f"<p>{html.escape(line)}</p>" for line in lines))
    assert extract(page).text.split("\n\n") == [" ".join(line.split()) for line in lines]

    eml = make_eml(body="\n".join(lines) + "\n")
    assert extract(eml).text.split("\n\n", 1)[1] == "\n".join(lines)

    bundle = extract(make_zip({f"letters/{path.name}": path.read_bytes()}))
    (child,) = bundle.children
    assert extract(child.data, filename=child.filename).text == decoded(path)
