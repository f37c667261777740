"""``foicompare extract PATH... [--url URL]``: parse files in memory, one JSON line each.

A stable contract used by checks outside the test suite: each line is a JSON object with
``source`` (the path as given) and the Response keys of DESIGN.md, or ``source`` and
``error`` when the file cannot be read or parsed. No database is opened.

>>> from click.testing import CliRunner
>>> from foicompare.cli import main
>>> r = CliRunner().invoke(main, ["extract", "no/such/file.txt"])
>>> json.loads(r.output)["error"].startswith("cannot read")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from foicompare import pipeline, text
from foicompare.cli import main

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


def extract_file(path: str, *, url: str | None = None) -> dict[str, Any]:
    """The JSON-ready record for one file: ``{"source": path, ...Response}`` or ``{"source", "error"}``.

    Never raises for a bad file: the reason goes into ``"error"``.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return {"source": path, "error": f"cannot read {path}: {exc.strerror or exc}"}
    try:
        ex = text.extract(data, filename=Path(path).name)
    except text.ExtractionError as exc:
        return {"source": path, "error": f"cannot extract text from {path}: {exc.reason}"}
    except Exception as exc:  # an extractor bug must not stop the batch
        return {
            "source": path,
            "error": f"cannot extract text from {path}: {type(exc).__name__}: {exc}",
        }
    try:
        response = pipeline.analyse(ex.text, ex.tables, url=url, meta=ex.meta or None)
    except Exception as exc:  # a parser bug must not stop the batch either
        return {"source": path, "error": f"cannot parse {path}: {type(exc).__name__}: {exc}"}
    out: dict[str, Any] = {"source": path}
    for key in RESPONSE_KEYS:
        value = response.get(key)
        if key == "authority":
            value = {"name": (value or {}).get("name"), "code": (value or {}).get("code")}
        out[key] = value
    out["public_interest_test"] = response.get("public_interest_test")
    out["evidence"] = response.get("evidence")
    out["parser_version"] = response.get("parser_version")
    return out


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--url",
    default=None,
    help="Where the (single) file was published; resolves the authority when the text does not name it.",
)
def extract(paths: tuple[str, ...], url: str | None) -> None:
    """Extract and parse each file, printing one JSON object per file per line (JSON Lines).

    No database is needed. A file that fails prints {"source": PATH, "error": REASON}.
    """
    if url and len(paths) != 1:
        raise click.UsageError("--url applies to a single file; give exactly one PATH with it")
    for path in paths:
        click.echo(json.dumps(extract_file(path, url=url), ensure_ascii=False))
