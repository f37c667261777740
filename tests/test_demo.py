"""The demo corpus generator: deterministic, complete, and its ground truth matches its files."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import json
import os
import re
from collections import Counter
from pathlib import Path

import docx as pydocx
import pypdfium2
import pytest
from click.testing import CliRunner

from foicompare.cli import main
from foicompare.demo import FORMATS, generate
from foicompare.demo.content_flex import USAGE_POOL, VIRTUAL_VISITS
from foicompare.demo.register import load_flexibilities
from foicompare.demo.styles import DATE_FORMATS, format_date
from foicompare.demo.truth import EXTRA_FIELDS, LABEL_FIELDS, read

SHARED = Path(
    os.environ.get("FOICOMPARE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
)
LIMIT = 14  # enough authorities for every scenario of both requests


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("demo")
    report = generate(out, limit=LIMIT)
    records = list(read(out / "ground_truth.jsonl"))
    assert report.documents == sum(1 for r in records if not r["missing"])
    return out, records


def _text(out: Path, rec: dict) -> str:
    """The document's visible text (for EML: the attached letter's)."""
    path = out / rec["file"]
    data = path.read_bytes()
    fmt = rec["format"]
    if fmt == "eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        parts = [p for p in msg.iter_attachments()]
        if not parts:
            return msg.get_body(("plain",)).get_content()
        assert [p.get_filename() for p in parts] == [rec["attachment"]]
        data = parts[0].get_content()
        fmt = "pdf" if rec["attachment"].endswith(".pdf") else "docx"
    if fmt == "pdf":
        pdf = pypdfium2.PdfDocument(data)
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    if fmt == "docx":
        d = pydocx.Document(io.BytesIO(data))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    text = data.decode("utf-8")
    if fmt == "html":
        text = re.sub(r"<[^>]+>", " ", text).replace("&#x27;", "'").replace("&amp;", "&")
        text = text.replace("&lt;", "<").replace("&gt;", ">")
    return text


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(corpus, tmp_path):
    out, _ = corpus
    again = generate(tmp_path / "again", limit=LIMIT)
    assert _hashes(again.out_dir) == _hashes(out)
    other = generate(tmp_path / "other", limit=LIMIT, seed=7)
    changed = set(_hashes(other.out_dir).values()) & set(_hashes(out).values())
    assert changed == set(), "a different seed must change every file"


def test_ground_truth_has_exactly_the_labels_fields_plus_extras(corpus):
    _, records = corpus
    labels = [json.loads(line) for line in (SHARED / "corpus" / "labels.jsonl").open()]
    assert set(LABEL_FIELDS) == set(labels[0])
    for rec in records:
        assert list(rec) == [*LABEL_FIELDS, *EXTRA_FIELDS]
    assert len({r["id"] for r in records}) == len(records)


def test_every_outcome_exemption_type_and_format_is_covered(corpus):
    _, records = corpus
    docs = [r for r in records if not r["missing"]]
    assert {r["outcome"] for r in docs} == {
        None,
        "successful",
        "partially_successful",
        "refused",
        "not_held",
    }
    assert {e for r in docs for e in r["exemptions"]} == {"12", "21", "22", "40", "43"}
    assert {r["document_type"] for r in docs} == {
        "acknowledgement",
        "clarification",
        "response",
        "internal_review",
    }
    assert {r["format"] for r in docs} == set(FORMATS)
    assert {r["request"] for r in docs} == {"flexibilities", "qa_systems"}
    assert any(r["late"] for r in docs) and any(r["missing"] for r in records)
    for r in (r for r in docs if r["document_type"] == "response"):
        assert (r["working_days"] > 20) == r["late"], r["id"]
    assert {r["ofsted_informed"] for r in docs} == {None, True, False}
    hours = {r["scenario"]: r["cost_hours"] for r in docs if "12" in r["exemptions"]}
    assert hours["s12_no_estimate"] is None, "the 18-hour limit itself is not an estimate"
    assert hours["s12_hours"] > 18 and hours["s12_per_case"] > 18
    assert any(r["outcome"] == "partially_successful" and not r["exemptions"] for r in docs)
    assert any(r["received"] is None for r in docs if r["document_type"] == "response")


def test_every_flexibility_pattern_is_covered_with_known_codes(corpus):
    _, records = corpus
    vocab = load_flexibilities()
    patterns = Counter()
    for r in records:
        flex = {f["code"]: f["used"] for f in r["flexibilities"]}
        assert set(flex) - {"*"} <= set(vocab)
        if flex == {"*": False}:
            patterns["blanket none"] += 1
        elif flex == {"*": False, VIRTUAL_VISITS: True}:
            patterns["none except virtual visits"] += 1
        elif False in flex.values() and "*" not in flex:
            patterns["table with unused rows"] += 1
        elif flex and "*" not in flex:
            patterns["used only"] += 1
        if any(v is None for months in r["by_month"].values() for v in months.values()):
            patterns["suppressed <5"] += 1
    assert set(patterns) == {
        "blanket none",
        "none except virtual visits",
        "table with unused rows",
        "used only",
        "suppressed <5",
    }, patterns


def test_files_on_disk_match_the_ground_truth(corpus):
    out, records = corpus
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    listed = {r["file"] for r in records if not r["missing"]}
    assert on_disk - {"ground_truth.jsonl"} == listed
    for r in records:
        if r["missing"]:
            assert r["file"] is None and r["document_type"] is None
            assert not list(out.rglob(f"{r['id']}.*"))


def test_each_document_shows_the_reference_dates_and_authority_it_claims(corpus):
    out, records = corpus
    for r in (r for r in records if not r["missing"]):
        text = _flat(_text(out, r))
        where = r["file"]
        if r["reference"]:
            assert r["reference"] in text, where
        assert _shows_date(text, r["date"]), where
        if r["received"]:
            assert _shows_date(text, r["received"]), where
        assert (r["authority_name"] in text) == r["authority_in_text"], where


def _shows_date(text: str, iso: str) -> bool:
    import datetime as dt

    day = dt.date.fromisoformat(iso)
    return any(format_date(day, f) in text for f in DATE_FORMATS)


def test_cost_estimates_and_flexibility_tables_are_in_the_text(corpus):
    out, records = corpus
    checked = Counter()
    for r in (r for r in records if not r["missing"] and r["document_type"] == "response"):
        text = _flat(_text(out, r))
        if r["scenario"] == "s12_hours":
            assert f"approximately {int(r['cost_hours'])} hours" in text
            checked["hours"] += 1
        if r["scenario"] == "s12_per_case":
            minutes, cases = map(
                int, re.search(r"(\d+) minutes per case for (\d+) cases", text).groups()
            )
            assert round(minutes * cases / 60, 2) == r["cost_hours"]
            checked["per case"] += 1
        for f in r["flexibilities"]:
            if f["code"] in USAGE_POOL and r["scenario"].startswith(("table", "prose")):
                assert USAGE_POOL[f["code"]][0] in text, (r["file"], f["code"])
                checked["flexibility rows"] += 1
        if "XX placeholders" in (r["notes"] or "") or "XX example row" in (r["notes"] or ""):
            assert "XX" in text
        if any(v is None for m in r["by_month"].values() for v in m.values()):
            assert "<5" in text and "40(2)" in text
            checked["suppressed"] += 1
    assert set(checked) == {"hours", "per case", "flexibility rows", "suppressed"}


def test_pdf_and_docx_carry_real_tables(corpus):
    out, records = corpus
    tables = [r for r in records if r["scenario"] and r["scenario"].startswith("table")
              and r["document_type"] == "response" and r["format"] == "docx"]  # fmt: skip
    for r in tables:
        d = pydocx.Document(out / r["file"])
        header = [c.text for c in d.tables[-1].rows[0].cells]
        assert header[0] == "Regulation" and header[-1] in (
            "Reasons",
            "Summary of reasons and local circumstances",
        )
        assert len(d.tables[-1].rows) == 1 + len(r["flexibilities"]) - (
            r["flexibilities"][0]["code"] == "*"
        )
    pdfs = [r for r in records if r["format"] == "pdf"]
    assert pdfs and all((out / r["file"]).read_bytes().startswith(b"%PDF-") for r in pdfs)


def test_copies_scale_the_round_robin_with_distinct_bytes(tmp_path):
    one = generate(tmp_path / "one", limit=6, formats=("txt", "html"))
    three = generate(tmp_path / "three", limit=6, formats=("txt", "html"), copies=3)
    records = list(read(three.ground_truth))
    assert sorted({r["copy"] for r in records}) == [0, 1, 2]
    for k in range(3):
        decided = [
            r
            for r in records
            if r["copy"] == k and (r["document_type"] == "response" or r["missing"])
        ]
        assert len(decided) == 6 * 2, "one answer (or a missing one) per authority and request"
    hashes = _hashes(three.out_dir)
    del hashes["ground_truth.jsonl"]
    assert len(set(hashes.values())) == len(hashes) == three.documents
    assert 2.5 * one.documents <= three.documents <= 3.5 * one.documents


def test_bad_arguments_are_named_and_nothing_is_written(tmp_path):
    with pytest.raises(ValueError, match="rtf"):
        generate(tmp_path / "unused", formats=("rtf",))
    with pytest.raises(ValueError, match="narnia"):
        generate(tmp_path / "unused", authorities=["Narnia"])
    assert not (tmp_path / "unused").exists()


def test_cli_writes_a_corpus(tmp_path):
    result = CliRunner().invoke(
        main, ["demo-corpus", str(tmp_path / "d"), "--limit", "2", "--format", "txt", "--seed", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "documents (txt" in result.output
    assert (tmp_path / "d" / "ground_truth.jsonl").stat().st_size > 0


def test_parallel_workers_write_the_same_bytes(tmp_path):
    serial = generate(tmp_path / "serial", limit=3, copies=2, formats=("txt", "eml"))
    parallel = generate(tmp_path / "parallel", limit=3, copies=2, formats=("txt", "eml"), workers=2)
    assert _hashes(serial.out_dir) == _hashes(parallel.out_dir)


def test_pdf_copies_limits_pdf_rendering_to_the_first_copies(tmp_path):
    report = generate(tmp_path / "d", limit=4, copies=2, pdf_copies=1)
    records = list(read(report.ground_truth))
    pdf_like = [
        r for r in records if r["format"] == "pdf" or (r["attachment"] or "").endswith(".pdf")
    ]
    assert pdf_like and {r["copy"] for r in pdf_like} == {0}
    later = {r["format"] for r in records if r["copy"] == 1 and not r["missing"]}
    assert "pdf" not in later and {"docx", "eml"} <= later
