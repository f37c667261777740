"""Write the demo round robin: files in five formats plus ``ground_truth.jsonl``.

>>> import tempfile
>>> report = generate(tempfile.mkdtemp(), limit=3, formats=("txt",))
>>> report.documents > 0 and report.by_format == {"txt": report.documents}
True
"""

from __future__ import annotations

import itertools
import multiprocessing
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foicompare.demo import truth as gt
from foicompare.demo.documents import build_documents
from foicompare.demo.model import Doc
from foicompare.demo.plan import REQUESTS, SHORT, Plan, plan_round
from foicompare.demo.register import Authority, load_authorities, register_source
from foicompare.demo.render import docx, eml, html, pdf, txt
from foicompare.demo.styles import CouncilStyle, draw_style
from foicompare.demo.timeline import REQUEST_WINDOWS

FORMATS = ("pdf", "docx", "html", "eml", "txt")
#: document kinds a disclosure log publishes; acknowledgements and clarifications are never HTML
_PUBLISHED = ("response", "review")


@dataclass
class GenerateReport:
    """What :func:`generate` wrote."""

    out_dir: Path
    seed: int
    copies: int
    documents: int = 0  #: files written
    missing: int = 0  #: answers never sent (ground truth only)
    by_format: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    by_request: dict[str, int] = field(default_factory=dict)
    ground_truth: Path | None = None
    register: str = ""  #: where the authority register came from
    seconds: float = 0.0

    def __str__(self) -> str:
        fmts = ", ".join(f"{k} {v}" for k, v in sorted(self.by_format.items()))
        return (
            f"{self.documents} documents ({fmts}) and {self.missing} missing answers "
            f"in {self.out_dir} ({self.copies} copies, seed {self.seed}, {self.seconds:.1f}s)"
        )


def roster(request: str) -> tuple[Authority, ...]:
    """The authorities a request went to: those with children's services on its date.

    >>> len(roster("flexibilities")), len(roster("qa_systems"))
    (151, 152)
    """
    return load_authorities(REQUEST_WINDOWS[request])


def select_authorities(
    authorities: Iterable[str] | None = None, limit: int | None = None, seed: int = 2020
) -> list[Authority]:
    """The authorities to generate for, by GSS code (each request keeps those of its date).

    All of them by default; those named (GSS code or name); or, with ``limit``, a seeded
    sample of authorities that received both requests.

    >>> [a.name for a in select_authorities(["E08000026"])]
    ['Coventry City Council']
    >>> len(select_authorities(limit=5))
    5
    """
    everyone = {a.code: a for r in REQUESTS for a in roster(r)}
    chosen = sorted(everyone.values(), key=lambda a: a.code)
    if authorities is not None:
        wanted = {w.strip().lower() for w in authorities}
        chosen = [a for a in chosen if a.code.lower() in wanted or a.name.lower() in wanted]
        unknown = wanted - {a.code.lower() for a in chosen} - {a.name.lower() for a in chosen}
        if unknown:
            raise ValueError(f"not English children's services authorities: {sorted(unknown)}")
    if limit is not None and limit < len(chosen):
        both = set.intersection(*({a.code for a in roster(r)} for r in REQUESTS))
        pool = [a for a in chosen if a.code in both]
        chosen = sorted(random.Random(f"{seed}:sample").sample(pool, limit), key=lambda a: a.code)
    return chosen


def generate(
    out_dir: str | Path,
    *,
    seed: int = 2020,
    copies: int = 1,
    formats: Sequence[str] = FORMATS,
    authorities: Iterable[str] | None = None,
    limit: int | None = None,
    workers: int = 1,
    pdf_copies: int | None = None,
) -> GenerateReport:
    """Write ``copies`` copies of the round robin under ``out_dir`` and their ground truth.

    Copy ``k`` goes to ``out_dir/c{k:03d}/``; ``ground_truth.jsonl`` lists every document
    (and every missing answer, with ``file`` null). The same arguments always give
    byte-identical files. ``workers`` > 1 writes copies in parallel processes.

    PDF rendering costs about 12 ms a document, several times any other format. For
    benchmark-sized corpora ``pdf_copies=N`` renders PDFs (and PDF e-mail attachments)
    only in the first N copies; later copies share the PDF slots among the other formats
    and attach DOCX. The report's ``by_format`` records the resulting mix.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise ValueError(f"formats must be a non-empty subset of {FORMATS}, got {tuple(formats)}")
    if copies < 1:
        raise ValueError(f"copies must be at least 1, got {copies}")
    started = time.perf_counter()
    out = Path(out_dir)
    chosen = select_authorities(authorities, limit, seed)  # checks names before writing anything
    out.mkdir(parents=True, exist_ok=True)
    report = GenerateReport(out_dir=out, seed=seed, copies=copies, register=register_source())
    truth_path = out / gt.FILE_NAME
    truth_path.write_text("", encoding="utf-8")
    jobs = [
        (str(out), seed, k, _copy_formats(formats, k, pdf_copies), tuple(a.code for a in chosen))
        for k in range(copies)
    ]
    counts: dict[str, Counter[str]] = {"format": Counter(), "type": Counter(), "request": Counter()}
    if workers > 1 and copies > 1:
        with multiprocessing.get_context("spawn").Pool(min(workers, copies)) as pool:
            results = pool.imap(_copy_job, jobs)
            for records in results:
                _tally(report, counts, records, truth_path)
    else:
        for job in jobs:
            _tally(report, counts, _copy_job(job), truth_path)
    report.by_format = dict(sorted(counts["format"].items()))
    report.by_type = dict(sorted(counts["type"].items()))
    report.by_request = dict(sorted(counts["request"].items()))
    report.ground_truth = truth_path
    report.seconds = time.perf_counter() - started
    return report


def _copy_formats(formats: Sequence[str], copy: int, pdf_copies: int | None) -> tuple[str, ...]:
    if pdf_copies is None or copy < pdf_copies:
        return tuple(formats)
    light = tuple(f for f in formats if f != "pdf")
    return light or tuple(formats)


def _tally(report: GenerateReport, counts: dict, records: list[dict], path: Path) -> None:
    gt.write(path, records, append=True)
    for rec in records:
        if rec["missing"]:
            report.missing += 1
            continue
        report.documents += 1
        counts["format"][rec["format"]] += 1
        counts["type"][rec["document_type"]] += 1
        counts["request"][rec["request"]] += 1


def _copy_job(job: tuple[str, int, int, tuple[str, ...], tuple[str, ...]]) -> list[dict[str, Any]]:
    out, seed, copy, formats, codes = job
    wanted = set(codes)
    return write_copy(Path(out), seed, copy, formats, wanted)


def write_copy(
    out: Path, seed: int, copy: int, formats: Sequence[str], codes: set[str]
) -> list[dict[str, Any]]:
    """Write one copy of the round robin for the authorities ``codes``; returns its truth."""
    rng = random.Random(f"{seed}:{copy}:round")
    published = [f for f in formats]
    private = [f for f in formats if f != "html"] or published
    turn = {"published": itertools.count(rng.randrange(len(published))),
            "private": itertools.count(rng.randrange(len(private)))}  # fmt: skip
    attach = itertools.count(rng.randrange(2))
    pdf_ok = "pdf" in formats
    records = []
    folder = out / f"c{copy:03d}"
    for request in REQUESTS:
        (folder / SHORT[request]).mkdir(parents=True, exist_ok=True)
        authorities = [a for a in roster(request) if a.code in codes]
        for plan in plan_round(authorities, request, random.Random(f"{seed}:{copy}:{request}")):

            def fmt_for(kind: str) -> str:
                if kind in _PUBLISHED:
                    return published[next(turn["published"]) % len(published)]
                return private[next(turn["private"]) % len(private)]

            docs = build_documents(plan, f"{seed}:{copy}", copy, fmt_for)
            style = draw_style(
                plan.authority, random.Random(f"{seed}:{copy}:{plan.authority.code}:style")
            )
            for doc in docs:
                records.append(_write(doc, style, folder, out, pdf_ok and next(attach) % 2 == 0))
            if plan.missing:
                records.append(_missing(plan, copy))
    return records


def _write(doc: Doc, style: CouncilStyle, folder: Path, out: Path, as_pdf: bool) -> dict[str, Any]:
    rec = doc.truth
    fmt = rec["format"]
    path = folder / SHORT[rec["request"]] / f"{doc.doc_id}.{fmt}"
    if fmt == "txt":
        data = txt.render(doc, table_style=style.txt_table, wrap=style.txt_wrap)
    elif fmt == "html":
        data = html.render(
            doc, site=style.name if rec["authority_in_text"] else None, domain=style.domain
        )
    elif fmt == "pdf":
        data = pdf.render(doc, font=style.font, author=style.name)
    elif fmt == "docx":
        data = docx.render(doc, author=style.team, when=rec["date"])
    else:
        data = _eml(doc, style, rec, as_pdf)
    path.write_bytes(data)
    rec["file"] = path.relative_to(out).as_posix()
    return rec


def _eml(doc: Doc, style: CouncilStyle, rec: dict[str, Any], as_pdf: bool) -> bytes:
    """A letter sent by e-mail: responses and reviews as attachments, short notes in the body."""
    ref = rec["reference"]
    subject = f"Freedom of Information request{f' {ref}' if ref else ''} – {doc.title}"
    message_id = f"<{doc.doc_id.lower()}@{style.domain[4:]}>"
    to = f"request-{sum(map(ord, doc.doc_id)) * 7919 % 10**6:06d}@whatdotheyknow.com"
    sender = f"{style.team} <{style.email}>"
    if rec["document_type"] in _PUBLISHED:
        kind = "Internal review" if rec["document_type"] == "internal_review" else "Response"
        name = f"{kind} {ref}" if ref else f"{kind} {rec['date']}"
        name = "".join(c if c.isalnum() or c in " -_" else "-" for c in name)
        if as_pdf:
            attachment = (
                pdf.render(doc, font=style.font, author=style.name),
                f"{name}.pdf",
                "application/pdf",
            )
        else:
            media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            attachment = (
                docx.render(doc, author=style.team, when=rec["date"]),
                f"{name}.docx",
                media,
            )
        rec["attachment"] = attachment[1]
        cover = "\n\n".join(doc.cover) + "\n"
    else:
        attachment = None
        cover = txt.plain(doc)
    return eml.render(cover=cover, sender=sender, to=to, subject=subject, when=rec["date"],
                      message_id=message_id, attachment=attachment)  # fmt: skip


def _missing(plan: Plan, copy: int) -> dict[str, Any]:
    from foicompare.demo.documents import doc_id

    return gt.record(
        id=doc_id(copy, plan, "response"),
        authority_name=plan.authority.name,
        authority_code=plan.authority.code,
        authority_in_text=None,
        document_type=None,
        act=None,
        request=plan.request,
        copy=copy,
        scenario=plan.scenario,
        missing=True,
        notes="no answer was sent: the request is still outstanding",
    )
