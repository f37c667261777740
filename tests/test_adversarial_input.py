"""Every parser stage returns on adversarial real line shapes, whatever their size.

Real council emails and WhatDoTheyKnow pages hold separator lines of 60+ dashes, deeply quoted
threads, pasted tables and giant single lines; a backtracking pattern once made a line of 28
dashes take more than 30 s. The shapes (``bench/adversarial.py``, which also times them for
``bench/RESULTS.md``): runs of 10,000 of each of ``- * # > • = _ space .``, 5,000 nested ``>``
quote levels, a 2 MB single line, 100,000 short lines, tabs and non-breaking spaces. No
timing is asserted here (the machine is shared); a stage that went super-linear again would
make this file run for hours instead of seconds.
"""

from __future__ import annotations

import pytest
from bench.adversarial import STAGES, shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foicompare import pipeline, text
from foicompare.text.base import Table

SEPARATORS = "-*#>•=_ ."
#: lines as replies print them, for the shapes to sit between
REAL_LINES = [
    "Dear Ms Smith,",
    "1. How many children were placed in each year?",
    "Q2) Did you use virtual visits under regulation 28?",
    "Response: 12",
    "Our Ref: FOI 12026",
    "Date of decision: 3 March 2021",
    "The information is exempt under section 40(2) of the Act.",
    "Re: The Adoption and Children (Coronavirus) (Amendment) Regulations 2020",
    "Yours sincerely,",
    "On 1 May 2021, Jo Bloggs wrote:",
]

_line = st.one_of(
    st.builds(
        lambda ch, n: ch * n, st.sampled_from(SEPARATORS), st.sampled_from([3, 28, 61, 2_000])
    ),
    st.builds(lambda n, s: "> " * n + s, st.integers(1, 400), st.sampled_from(REAL_LINES)),
    st.builds(
        lambda ch, n, s: ch * n + " " + s,
        st.sampled_from(SEPARATORS),
        st.integers(1, 80),
        st.sampled_from(REAL_LINES),
    ),  # fmt: skip
    st.sampled_from(REAL_LINES),
    st.text(alphabet="\t\u00a0 -*#>•=_.1aQ?:()", max_size=120),
)
documents = st.lists(_line, min_size=1, max_size=15).map("\n".join)


def _sane(stage: str, result: object) -> None:
    if stage.startswith("text:"):
        assert isinstance(result, str)
    elif stage in ("segment.sentences", "parse.find_answers"):
        assert isinstance(result, list)
    else:
        assert isinstance(result, dict)
    if stage == "pipeline.analyse":
        assert isinstance(result["flexibilities"], list)
        assert isinstance(result["answers"], list)
        assert result["outcome"] is None or isinstance(result["outcome"], str)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents)
def test_every_stage_returns_on_mixed_adversarial_lines(doc: str) -> None:
    for stage, run in STAGES.items():
        try:
            result = run(doc)
        except text.ExtractionError as exc:  # e.g. an empty or space-only file: a clear reason
            assert stage.startswith("text:") and exc.reason
            continue
        _sane(stage, result)


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(shapes()))
def test_the_pipeline_returns_on_each_full_size_shape(shape: str) -> None:
    doc = shapes()[shape]
    for stage in ("text: TXT", "text: HTML", "pipeline.analyse"):
        _sane(stage, STAGES[stage](doc))


def test_a_table_of_separator_cells_is_analysed() -> None:
    rows = [["-" * 10_000, "•" * 10_000], ["1. " + "*" * 5_000, "=" * 5_000]]
    result = pipeline.analyse(shapes()["10,000 '-' (dash)"], [Table(rows=rows)])
    assert isinstance(result["flexibilities"], list)


def test_extracted_txt_keeps_a_2_mb_line() -> None:
    doc = shapes()["2 MB single line"]
    assert len(text.extract(doc.encode(), filename="big.txt").text) >= 2 * 1024 * 1024
