"""One slow document never stops a batch: it becomes an error row and the run goes on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import foicompare
from foicompare import pipeline
from foicompare.cli.extract import extract_file

LETTER = "Dear Ms Smith,\nOur reference: FOI 1234\nWe do not hold this information.\n"


@pytest.fixture
def slow_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser takes 30 s on any text that contains the word SLOW."""
    real = pipeline.analyse

    def analyse(text: str, *args, **kwargs):
        if "SLOW" in text:
            time.sleep(30)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", analyse)


def test_a_document_over_its_budget_is_an_error_row_with_its_text_kept(
    tmp_path: Path, slow_parser: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(LETTER)
    (folder / "slow.txt").write_text("SLOW " + LETTER)
    (folder / "c.txt").write_text(LETTER.replace("1234", "5678"))
    started = time.monotonic()
    with foicompare.open(tmp_path / "ds.duckdb") as ds:
        report = ds.ingest(folder, workers=1, doc_timeout=0.5)
        errors = ds.errors()
        texts = ds.texts()
        responses = ds.responses()
    assert time.monotonic() - started < 25
    assert report.new == 3
    assert errors.select("stage", "reason").rows() == [("parse", "timed out after 0.5 s")]
    assert errors["location"][0].endswith("slow.txt")
    assert texts.height == 3  # the slow document's text is kept
    assert sorted(responses["reference"].drop_nulls().to_list()) == ["FOI 1234", "FOI 5678"]


def test_extract_reports_a_slow_file_and_goes_on(tmp_path: Path, slow_parser: None) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("SLOW " + LETTER)
    fine = tmp_path / "fine.txt"
    fine.write_text(LETTER)
    assert extract_file(str(slow), doc_timeout=0.3) == {
        "source": str(slow),
        "error": f"cannot parse {slow}: timed out after 0.3 s",
    }
    assert extract_file(str(fine), doc_timeout=0.3)["reference"] == "FOI 1234"
