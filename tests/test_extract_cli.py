"""`foicompare extract`: the JSON Lines contract used by checks outside the test suite."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from foicompare.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOICOMPARE_SHARED", ROOT.parent / "shared"))
KEYS = {
    "source",
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
}

LETTER = """Our ref: EIR-2024-88
9 April 2024
Dear Mr Green
We are withholding the report under regulation 12(5)(e) of the Environmental Information
Regulations 2004, having considered the public interest test.
Yours sincerely
"""


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_one_json_line_per_file_with_errors_inline(tmp_path: Path) -> None:
    good = tmp_path / "letter.txt"
    good.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(good), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1  # one file failed: said on stderr, every line still printed
    assert result.stderr == '1 of 2 files failed (see their "error" lines)\n'
    first, second = _lines(result.stdout)
    assert set(first) >= KEYS
    assert first["source"] == str(good)
    assert (first["reference"], first["date"], first["act"]) == ("EIR-2024-88", "2024-04-09", "EIR")
    assert first["exemptions"] == ["reg12(5)(e)"]
    assert first["outcome"] == "refused"
    assert set(first["authority"]) == {"name", "code"}
    assert second["source"] == str(tmp_path / "missing.txt")
    assert "missing.txt" in second["error"]


def test_url_applies_to_a_single_file_only(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(LETTER), b.write_text(LETTER)
    result = CliRunner().invoke(main, ["extract", str(a), str(b), "--url", "https://example.org/x"])
    assert result.exit_code != 0
    assert "single file" in result.output


@pytest.mark.skipif(not (SHARED / "corpus").exists(), reason="../shared/corpus not available")
def test_url_resolves_the_authority_the_text_does_not_name() -> None:
    doc = (
        SHARED / "corpus" / "docs" / "0058.txt"
    )  # a Lincolnshire log page that never names the council
    bare = _lines(CliRunner().invoke(main, ["extract", str(doc)]).output)[0]
    with_url = _lines(
        CliRunner()
        .invoke(
            main,
            ["extract", str(doc), "--url", "https://lincolnshire.gov.uk/directory-record/67807/x"],
        )
        .output
    )[0]
    assert bare["authority"]["code"] is None
    assert with_url["authority"]["name"] == "Lincolnshire County Council"
    assert (with_url["reference"], with_url["date"], with_url["received"]) == (
        "1571785",
        "2021-05-24",
        "2021-05-14",
    )


@pytest.mark.skipif(not (SHARED / "corpus").exists(), reason="../shared/corpus not available")
def test_seed_through_the_command() -> None:
    doc = SHARED / "corpus" / "docs" / "seed-000.txt"
    out = _lines(CliRunner().invoke(main, ["extract", str(doc)]).output)[0]
    assert out["authority"] == {"name": "Coventry City Council", "code": "E08000026"}
    assert (out["reference"], out["outcome"], out["exemptions"], out["cost_hours"]) == (
        "REQ07286",
        "refused",
        ["12"],
        902,
    )


def test_an_email_is_parsed_together_with_its_attached_letter(tmp_path) -> None:
    from fixtures_make import make_eml, make_pdf
    from foicompare.cli.extract import extract_file

    letter = make_pdf(
        [
            "Our reference: FOI/2020/0415\n3 August 2020\nDear Ms Jones,\n"
            "The names of the officers are withheld under section 40(2) of the Act."
        ]
    )
    eml = tmp_path / "reply.eml"
    eml.write_bytes(
        make_eml(
            body="Please find our response attached.\n",
            attachments=[("response.pdf", letter, "application/pdf")],
        )
    )
    record = extract_file(str(eml))
    assert record["reference"] == "FOI/2020/0415"
    assert record["exemptions"] == ["40"]
