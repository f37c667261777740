"""The benchmark harness (bench/) works end to end on a handful of documents.

No timing is asserted here: these tests check that each measurement measures what it says
(documents counted, pages found, memory read, unchanged files skipped, queries answered,
targets judged), so that ``make bench`` cannot quietly report nonsense.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpora  # noqa: E402
import fields  # noqa: E402
import floors  # noqa: E402
import queries  # noqa: E402
import run as bench_run  # noqa: E402
import stages  # noqa: E402
from measure import run_ingest  # noqa: E402

import foicompare  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> corpora.Corpus:
    """About 20 documents for 8 authorities, in PDF, HTML and TXT."""
    root = tmp_path_factory.mktemp("corpus")
    return corpora.build(root, 18, formats=("pdf", "html", "txt"), limit=8, workers=1)


def test_corpus_has_ground_truth_for_every_file_and_is_reused(corpus: corpora.Corpus) -> None:
    paths = corpora.files(corpus)
    truth = corpus.truth()
    assert len(paths) == corpus.documents >= 18
    assert {corpora.relative(corpus, p) for p in paths} == set(truth)
    assert {p.suffix for p in paths} == {".pdf", ".html", ".txt"}
    again = corpora.build(corpus.root, 18, formats=("pdf", "html", "txt"), limit=8, workers=1)
    assert again.reused and again.documents == corpus.documents
    assert corpora.select(corpus, 5) == paths[:5]
    with pytest.raises(ValueError, match="not 10000"):
        corpora.select(corpus, 10_000)


def test_pdfium_floor_counts_documents_and_pages(corpus: corpora.Corpus) -> None:
    pdfs = [p for p in corpora.files(corpus) if p.suffix == ".pdf"]
    floor = floors.pdfium_floor(pdfs)
    assert floor.documents == len(pdfs) > 0
    assert floor.pages >= floor.documents
    assert floor.seconds > 0 and floor.pages_per_s > 0


def test_extractors_give_text_and_failures_are_counted(corpus: corpora.Corpus, tmp_path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    paths = corpora.select(corpus, 4, suffix=".txt") + [broken]
    run = floors.extract_texts(paths, floors.ours())
    assert run.name == "foicompare"
    assert all(run.texts[str(p)].strip() for p in paths[:4])
    assert run.errors == 1 and run.texts[str(broken)] == ""
    assert run.first_error.startswith("broken.pdf: ExtractionError")


def test_markitdown_text_can_be_scored(corpus: corpora.Corpus) -> None:
    pytest.importorskip("markitdown")
    html = corpora.select(corpus, 2, suffix=".html")
    run = floors.extract_texts(html, floors.markitdown_extractor())
    assert run.errors == 0 and all(len(t) > 100 for t in run.texts.values())


def test_field_score_counts_right_and_wrong_fields(corpus: corpora.Corpus) -> None:
    truth = list(corpus.truth().values())
    perfect, empty = fields.Score(), fields.Score()
    for rec in truth:
        perfect.add(rec, dict(rec))
        empty.add(rec, None)
    assert perfect.rates()["mean"] == 1.0
    assert empty.rates()["mean"] == 0.0 and empty.total == len(truth)
    half = fields.Score()
    half.add(truth[0], dict(truth[0]))
    half.add(truth[0], {**truth[0], "reference": "nonsense", "exemptions": ["99"]})
    assert half.rates()["reference"] == 0.5 and half.rates()["date"] == 1.0


def test_ingest_in_a_subprocess_measures_memory_and_skips_unchanged_files(
    corpus: corpora.Corpus, tmp_path
) -> None:
    paths = corpora.select(corpus, 12)
    db = tmp_path / "bench.duckdb"
    first = run_ingest(paths, db, workers=1, checkpoints=[5])
    assert (first.processed, first.unchanged, first.stopped) == (12, 0, False)
    assert first.documents == 12 and first.error_rows == 0
    n_pdf_pages = floors.pdfium_floor([p for p in paths if p.suffix == ".pdf"]).pages
    assert first.pages == n_pdf_pages
    assert 0 < first.peak_pss <= first.peak_rss
    assert [m["documents"] for m in first.checkpoints] == [5]
    again = run_ingest(paths, db, workers=1)
    assert (again.processed, again.unchanged) == (0, 12)
    with foicompare.open(db, read_only=True) as ds:
        assert ds.sql("SELECT count(*) AS n FROM documents")["n"][0] == 12


def test_stage_profile_names_every_stage_per_format(corpus: corpora.Corpus) -> None:
    prof = stages.profile_stages(corpora.select(corpus, 6))
    assert set(prof) <= {"pdf", "html", "txt"} and prof
    for row in prof.values():
        assert row["documents"] >= 1
        assert row["total"] == pytest.approx(sum(row[s] for s in stages.STAGES))


def test_synthetic_rows_answer_every_comparison_query() -> None:
    ds = foicompare.open(":memory:")
    assert queries.fill_responses(ds, 2_000) == 2_000
    listed = ds.sql("SELECT sum(len(exemptions)) AS n FROM responses")["n"][0]
    assert ds.sql("SELECT count(*) AS n FROM exemptions")["n"][0] == listed > 0
    assert ds.sql("SELECT count(DISTINCT reference) AS n FROM responses")["n"][0] < 2_000
    timings = queries.run_queries(ds)
    assert [t.name for t in timings] == list(queries.queries(ds))
    assert [t.error for t in timings if t.error] == []
    assert all(t.rows > 0 for t in timings)


def test_targets_say_by_how_much_a_target_is_missed() -> None:
    res = bench_run.Results(bench_run.QUICK, bench_run.dt.datetime(2026, 1, 1), "cmd")
    res.floor = floors.Throughput(10, 20, 1.0)
    res.pdf_extract = floors.ExtractorRun("foicompare", 2.0)
    res.pdf_ingest = run = bench_run.IngestRun(3.0, 10, 0, 10, 20, 0, False, 1, 2, 2, 4.0)
    res.query_rows = 100
    res.query_timings = [queries.QueryTiming("fast", 0.1, 3), queries.QueryTiming("slow", 2.5, 3)]
    rows = {target: (measured, ok, note) for target, measured, ok, note in bench_run.targets(res)}
    measured, ok, note = rows[
        "full ingest within 1.5x the pypdfium2 floor (text PDFs, one core each)"
    ]
    assert (measured, ok) == ("3.0x (3.0s vs 1.0s)", False)
    assert "2.0x the floor" in note
    measured, ok, _ = rows["each comparison query on 100 rows under 1 s"]
    assert ok is False and measured.startswith("slowest slow 2.5s; 1 of 2")
    assert run.docs_per_s == pytest.approx(10 / 3.0)
    assert "| cmd |" not in bench_run.render(res) and "## Targets" in bench_run.render(res)


def test_docling_run_explains_why_it_cannot_run(tmp_path) -> None:
    result = floors.docling_run([], python=str(tmp_path / "no-python"))
    assert not result.ran and result.run is None
    assert "no interpreter at" in result.reason and "Hugging Face Hub" in result.reason


def test_an_extractor_run_times_each_file(corpus: corpora.Corpus) -> None:
    paths = corpora.select(corpus, 3, suffix=".html")
    run = floors.extract_texts(paths, floors.ours())
    assert set(run.per_file) == {str(p) for p in paths}
    assert run.seconds_on(paths[:1]) == run.per_file[str(paths[0])] > 0
    assert run.seconds_on(paths) <= run.seconds


def test_memory_is_projected_when_the_large_ingest_stops_short() -> None:
    marks = [{"documents": 1_000, "pss": 400}, {"documents": 10_000, "pss": 500}]
    stopped = bench_run.IngestRun(
        60.0, 60_000, 0, 60_000, 0, 0, True, 1_000, 1_200, 900, 61.0, marks
    )
    # 500 bytes more over 50k documents: 10 bytes per 1,000; 40k more documents add 400
    assert bench_run._projected_pss(stopped, 100_000) == pytest.approx(1_400)
    finished = bench_run.IngestRun(
        60.0, 100_000, 0, 100_000, 0, 0, False, 1_000, 1_200, 900, 61.0, marks
    )
    assert bench_run._projected_pss(finished, 100_000) is None
