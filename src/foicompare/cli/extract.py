"""``foicompare extract PATH... [--url URL]``: parse files in memory, one JSON line each.

A stable contract used by checks outside the test suite: each line is a JSON object with
``source`` (the path as given) and the Response keys of DESIGN.md, or ``source`` and
``error`` when the file cannot be read or parsed. No database is opened.

>>> from click.testing import CliRunner
>>> from foicompare.cli import main
>>> r = CliRunner().invoke(main, ["extract", "no/such/file.txt"])
>>> json.loads(r.stdout)["error"].startswith("cannot read"), r.exit_code
(True, 1)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from foicompare.budget import DEFAULT_SECONDS, DocumentTimeout, time_budget
from foicompare.cli import main

if TYPE_CHECKING:
    from foicompare import text

#: the keys every successful line carries, in this order (DESIGN.md's Response)
RESPONSE_KEYS = (
    "authority",
    "reference",
    "date",
    "received",
    "document_type",
    "outcome",
    "act",
    "exemptions",
    "cost_hours",
    "answers",
    "flexibilities",
    "sign_off",
    "ofsted_informed",
    "decision_level",
    "instruments_cited",
)


def extract_file(
    path: str, *, url: str | None = None, doc_timeout: float | None = DEFAULT_SECONDS
) -> dict[str, Any]:
    """The JSON-ready record for one file: ``{"source": path, ...Response}`` or ``{"source", "error"}``.

    Never raises for a bad file: the reason goes into ``"error"``.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return {"source": path, "error": f"cannot read {path}: {exc.strerror or exc}"}
    return extract_bytes(data, source=path, url=url, doc_timeout=doc_timeout)


def extract_bytes(
    data: bytes,
    *,
    source: str,
    url: str | None = None,
    doc_timeout: float | None = DEFAULT_SECONDS,
) -> dict[str, Any]:
    """Like :func:`extract_file` for bytes already in memory (``source`` names them).

    An email or zip is read together with the documents inside it (their text follows the
    container's own, each under a ``--- attachment: NAME ---`` line), because a covering
    note rarely holds the decision that its attached letter carries. Extraction and parsing
    each have ``doc_timeout`` seconds (None: no limit).
    """
    from foicompare import pipeline, text

    try:
        with time_budget(doc_timeout):
            ex = text.extract(data, filename=Path(source).name)
            body, tables = _with_children(ex)
    except DocumentTimeout as exc:
        return {"source": source, "error": f"cannot extract text from {source}: {exc}"}
    except text.ExtractionError as exc:
        return {"source": source, "error": f"cannot extract text from {source}: {exc.reason}"}
    except Exception as exc:  # an extractor bug must not stop the batch
        return {
            "source": source,
            "error": f"cannot extract text from {source}: {type(exc).__name__}: {exc}",
        }
    try:
        with time_budget(doc_timeout):
            response = pipeline.analyse(body, tables, url=url, meta=ex.meta or None)
    except DocumentTimeout as exc:
        return {"source": source, "error": f"cannot parse {source}: {exc}"}
    except Exception as exc:  # a parser bug must not stop the batch either
        return {"source": source, "error": f"cannot parse {source}: {type(exc).__name__}: {exc}"}
    out: dict[str, Any] = {"source": source}
    for key in RESPONSE_KEYS:
        value = response.get(key)
        if key == "authority":
            value = {"name": (value or {}).get("name"), "code": (value or {}).get("code")}
        out[key] = value
    out["confidence"] = response.get("confidence")
    out["needs_review"] = response.get("needs_review")
    out["review_reasons"] = response.get("review_reasons")
    out["public_interest_test"] = response.get("public_interest_test")
    out["evidence"] = response.get("evidence")
    out["parser_version"] = response.get("parser_version")
    return out


def _with_children(ex: text.Extraction, depth: int = 0) -> tuple[str, list[text.Table]]:
    """The extraction's text and tables followed by those of its children (readable ones)."""
    from foicompare import text

    parts, tables = [ex.text], list(ex.tables)
    for child in ex.children:
        try:
            sub = text.extract(child.data, filename=child.filename)
        except text.ExtractionError:
            continue
        sub_text, sub_tables = (
            _with_children(sub, depth + 1) if depth < 3 else (sub.text, sub.tables)
        )
        header = f"\n\n--- attachment: {child.filename} ---\n\n"
        offset = sum(len(p) for p in parts) + len(header)
        parts.extend([header, sub_text])
        for t in sub_tables:
            tables.append(
                text.Table(
                    rows=t.rows,
                    page=t.page,
                    name=t.name,
                    start=None if t.start is None else t.start + offset,
                    end=None if t.end is None else t.end + offset,
                )
            )
    return "".join(parts), tables


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--url",
    default=None,
    help="Where the (single) file was published; resolves the authority when the text does not name it.",
)
@click.option(
    "--doc-timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds each file may take to extract and parse (0: no limit); a slower one prints "
    "an error line and the run goes on.",
)
def extract(paths: tuple[str, ...], url: str | None, doc_timeout: float) -> None:
    """Extract and parse each file, printing one JSON object per file per line (JSON Lines).

    No database is needed. A file that fails prints {"source": PATH, "error": REASON}; the
    others are still printed, and the exit code is then 1.
    """
    if url and len(paths) != 1:
        raise click.UsageError("--url applies to a single file; give exactly one PATH with it")
    failed = 0
    for path in paths:
        record = extract_file(path, url=url, doc_timeout=doc_timeout or None)
        failed += "error" in record
        click.echo(json.dumps(record, ensure_ascii=False))
    if failed:
        click.echo(
            f"{failed} of {len(paths)} file{'s' if len(paths) != 1 else ''} failed"
            ' (see their "error" lines)',
            err=True,
        )
        sys.exit(1)
