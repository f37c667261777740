"""Property-based tests: whatever councils send, parsing and extraction never crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foicompare import pipeline, text
from foicompare.text.base import ExtractionError, Table

# FOI-flavoured fragments make hypothesis reach the interesting branches of the rules
FRAGMENTS = [
    "Section 12",
    "s.40(2)",
    "regulation 12(4)(b)",
    "approximately 902 hours",
    "Our ref: FOI ",
    "REQ07286",
    "Dear Sir",
    "We do not hold",
    "1.",
    "Q2)",
    "(a)",
    "Response:",
    "\f",
    "\n\n",
    "03 August 2020",
    "31/02/2020",
    "Regulation 23",
    "virtual visits",
    "nil",
    "<5",
    "XX",
    "Director of Children's Services",
    "Ofsted",
    "| Total | May | June |",
    "£600",
    "20 minutes per",
]

texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=40).map(
    "".join
)
cells = st.lists(
    st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), min_size=1, max_size=6),
    max_size=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=texts,
    rows=cells,
    url=st.one_of(
        st.none(),
        st.sampled_from(
            [
                "https://www.barnet.gov.uk/foi-requests/1",
                "https://www.whatdotheyknow.com/request/x",
                "not a url",
            ]
        ),
    ),
)
def test_analyse_never_raises_and_returns_json(
    body: str, rows: list[list[str]], url: str | None
) -> None:
    response = pipeline.analyse(body, [Table(rows=rows, start=0, end=min(len(body), 10))], url=url)
    json.dumps(response, default=str)
    assert set(response) >= {"authority", "outcome", "exemptions", "flexibilities"}
    for start, end in (v for v in response.get("evidence", {}).values() if v):
        assert 0 <= start <= end <= len(body)
    rows_by_table = pipeline.rows("0" * 64, response)
    assert set(rows_by_table) <= set(pipeline.ANALYSIS_TABLES)


MEDIA_TYPES = [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/html",
    "message/rfc822",
    "application/zip",
    "text/csv",
    "text/plain",
    None,
]


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.sampled_from(FRAGMENTS).map(str.encode),
        st.binary(max_size=64).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b),
    ),
    media_type=st.sampled_from(MEDIA_TYPES),
)
def test_extract_raises_only_extraction_errors(data: bytes, media_type: str | None) -> None:
    try:
        result = text.extract(data, filename="x.bin", media_type=media_type)
    except ExtractionError as exc:
        assert exc.reason
    else:
        assert isinstance(result.text, str)


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=512), name=st.sampled_from(["a.txt", "a.pdf", "a", "a.docx", "a.eml"])
)
def test_sniff_always_answers_a_media_type(data: bytes, name: str) -> None:
    media_type = text.sniff(data, name)
    assert "/" in media_type
