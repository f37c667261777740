"""What other tools take on the same files: the pypdfium2 floor, markitdown and docling.

* :func:`pdfium_floor` — raw pypdfium2 text extraction (open, every page's text, close) with
  nothing else: no table finding, no parsing, no storing. Full ingest cannot be faster.
* :func:`extract_texts` — any extractor over files, timed, giving each file's text (or the
  error); :func:`ours` and :func:`markitdown_extractor` are the two extractors compared.
* :func:`docling_run` — docling on the same files where it can run offline, and the exact
  reason where it cannot.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_text("Dear Sir")
>>> run = extract_texts([p], ours())
>>> run.texts[str(p)], run.errors
('Dear Sir', 0)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from foicompare import text as ourtext

Extractor = Callable[[Path], str]


@dataclass
class Throughput:
    """Documents and pages handled in some seconds."""

    documents: int
    pages: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def pdfium_floor(paths: Sequence[Path]) -> Throughput:
    """Read each PDF and take every page's text with pypdfium2, and nothing more.

    >>> pdfium_floor([]).documents
    0
    """
    pages = 0
    started = time.perf_counter()
    for path in paths:
        pdf = pdfium.PdfDocument(path.read_bytes())
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
                pages += 1
        finally:
            pdf.close()
    return Throughput(len(paths), pages, time.perf_counter() - started)


@dataclass
class ExtractorRun:
    """Texts an extractor gave for some files, and the time it took."""

    name: str
    seconds: float
    texts: dict[str, str] = field(default_factory=dict)  #: path → text ("" on error)
    errors: int = 0
    first_error: str | None = None
    per_file: dict[str, float] = field(default_factory=dict)  #: path → seconds

    def seconds_on(self, paths: Sequence[Path]) -> float:
        """Seconds spent on ``paths`` (a subset of the files run)."""
        return sum(self.per_file.get(str(p), 0.0) for p in paths)

    @property
    def docs_per_s(self) -> float:
        return len(self.texts) / self.seconds if self.seconds else 0.0


def ours() -> Extractor:
    """foicompare's own extraction (``text.extract``) as an :data:`Extractor`."""

    def extract(path: Path) -> str:
        return ourtext.extract(path.read_bytes(), filename=path.name).text

    extract.__name__ = "foicompare"
    return extract


def markitdown_extractor() -> Extractor:
    """markitdown's conversion to markdown (``pip install -e '.[bench]'``)."""
    from markitdown import MarkItDown

    converter = MarkItDown()

    def extract(path: Path) -> str:
        return converter.convert(str(path)).text_content

    extract.__name__ = "markitdown"
    return extract


def extract_texts(paths: Sequence[Path], extractor: Extractor) -> ExtractorRun:
    """Run ``extractor`` over ``paths`` one by one; a failure counts as an error, not a crash."""
    run = ExtractorRun(getattr(extractor, "__name__", "extractor"), 0.0)
    started = time.perf_counter()
    for path in paths:
        t = time.perf_counter()
        try:
            run.texts[str(path)] = extractor(path)
        except Exception as exc:  # reported in RESULTS.md as the extractor's failure rate
            run.texts[str(path)] = ""
            run.errors += 1
            run.first_error = run.first_error or f"{path.name}: {type(exc).__name__}: {exc}"
        run.per_file[str(path)] = time.perf_counter() - t
    run.seconds = time.perf_counter() - started
    return run


#: why docling's PDF pipeline cannot run here (checked by :func:`docling_run` each time)
DOCLING_NEEDS = (
    "docling's PDF pipeline runs a layout model (docling-project/docling-layout-heron) and a "
    "table-structure model whose weights it downloads from the Hugging Face Hub on first use; "
    "this machine reaches package registries only, so they cannot be fetched. docling is not a "
    "project dependency (it pulls torch and its CUDA wheels: 122 packages, about 3 GB); point "
    "FOICOMPARE_BENCH_DOCLING_PYTHON at an interpreter that has it"
)

_DOCLING_SCRIPT = """
import json, sys, time
from docling.document_converter import DocumentConverter
conv = DocumentConverter()
texts, errors, per_file = {}, {}, {}
for p in json.loads(sys.argv[1]):
    t = time.perf_counter()
    try:
        texts[p] = conv.convert(p).document.export_to_markdown()
    except Exception as exc:
        errors[p] = f"{type(exc).__name__}: {exc}"
    per_file[p] = time.perf_counter() - t
print(json.dumps({"per_file": per_file, "texts": texts, "errors": errors}))
"""


@dataclass
class DoclingResult:
    """What docling converted (as an :class:`ExtractorRun` of those files) and why not the rest."""

    run: ExtractorRun | None  #: None when docling could not start at all
    failed: dict[str, str] = field(default_factory=dict)  #: path → docling's error
    reason: str = ""  #: why docling did not run, or did not convert some files

    @property
    def ran(self) -> bool:
        return self.run is not None and bool(self.run.texts)


def docling_run(
    paths: Sequence[Path], python: str | None = None, timeout: float = 300.0
) -> DoclingResult:
    """Convert ``paths`` with docling, Hugging Face Hub offline, in its own interpreter.

    ``python`` is an interpreter that has docling installed (default: the environment
    variable ``FOICOMPARE_BENCH_DOCLING_PYTHON``, else this one). Seconds count the
    conversions only (not importing docling). Never raises.
    """
    python = python or os.environ.get("FOICOMPARE_BENCH_DOCLING_PYTHON") or sys.executable
    if not Path(python).exists():
        return DoclingResult(None, reason=f"no interpreter at {python}; {DOCLING_NEEDS}")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    try:
        done = subprocess.run(
            [python, "-c", _DOCLING_SCRIPT, json.dumps([str(p) for p in paths])],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return DoclingResult(
            None, reason=f"docling did not finish {len(paths)} files in {timeout:.0f}s"
        )
    if done.returncode != 0:
        if "No module named 'docling'" in done.stderr:
            return DoclingResult(
                None, reason=f"docling is not installed in {python}; {DOCLING_NEEDS}"
            )
        lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
        last = lines[-1][:300] if lines else f"exit status {done.returncode}"
        return DoclingResult(None, reason=f"docling failed with {python}: {last}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    per_file = got["per_file"]
    texts = dict(got["texts"])
    run = ExtractorRun("docling", sum(per_file[p] for p in texts), texts)
    run.per_file = {p: per_file[p] for p in texts}
    failed = dict(got["errors"])
    reason = ""
    if failed:
        kinds = sorted({Path(p).suffix for p in failed})
        first = next(iter(failed.values()))[:300]
        reason = f"docling failed on {len(failed)} files ({', '.join(kinds)}): {first}"
        if ".pdf" in kinds:
            reason += f". {DOCLING_NEEDS}"
    return DoclingResult(run, failed, reason)
