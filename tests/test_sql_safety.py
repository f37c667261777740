"""Every filter argument reaches DuckDB as a parameter, never as SQL text.

Classic injection strings go through each public method that takes a user value. Each call
either answers (nothing matched) or refuses the value with a ValueError/KeyError naming it;
afterwards every table is still there with the same number of rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import foicompare
from foicompare.sources.base import SourceItem

INJECTIONS = [
    "'; DROP TABLE documents; --",
    "x' OR '1'='1",
    "E08000026' UNION SELECT doc_id, text FROM texts --",
    '"); DELETE FROM sightings; --',
    "1; ATTACH 'evil.duckdb' AS evil",
    "Robert'); DROP TABLE responses;--",
]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def ds():
    ds = foicompare.open(":memory:")
    seed = next((SHARED / "seeds").glob("000_*.txt"))
    ds.ingest_items([SourceItem(seed.read_bytes(), location=str(seed))])
    return ds


def counts(ds) -> dict[str, int]:
    names = [
        r[0]
        for r in ds.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
        ).fetchall()
    ]
    return {n: ds.con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in names}


CALLS = {
    "tables": lambda ds, v: ds.tables(v),
    "neighbours": lambda ds, v: ds.neighbours(v),
    "neighbours(set)": lambda ds, v: ds.neighbours("E08000026", neighbour_set=v),
    "coverage": lambda ds, v: ds.coverage(v),
    "log_entries": lambda ds, v: ds.log_entries(v),
    "flexibility_counts": lambda ds, v: ds.flexibility_counts(by=v),
    "flexibility_matrix": lambda ds, v: ds.flexibility_matrix(codes=[v]),
    "outcomes": lambda ds, v: ds.outcomes(by=v),
    "exemptions": lambda ds, v: ds.exemptions(by=v),
    "timeliness": lambda ds, v: ds.timeliness(by=v),
    "compare": lambda ds, v: ds.compare(v),
    "correct(doc)": lambda ds, v: ds.correct(v, "outcome", "refused", "note"),
    "correct(field)": lambda ds, v: ds.correct(_doc(ds), v, "refused", "note"),
    "correct(value)": lambda ds, v: ds.correct(_doc(ds), "reference", v, v),
    "reparse": lambda ds, v: ds.reparse([v]),
    "record_error": lambda ds, v: ds.record_error(v, "read", v, source=v, format=v),
}


def _doc(ds) -> str:
    return ds.documents()["doc_id"][0]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_injection_strings_are_only_ever_values(ds, name: str) -> None:
    before = counts(ds)
    for value in INJECTIONS:
        try:
            CALLS[name](ds, value)
        except (ValueError, KeyError, LookupError) as exc:
            assert str(exc), name  # refused with a message
    after = counts(ds)
    assert set(after) == set(before)
    changed = {t for t in before if before[t] != after[t]}
    # only the calls that write may add rows, and only to their own tables
    allowed = {"correct(value)": {"corrections"}, "record_error": {"errors"}}.get(name, set())
    assert changed <= allowed, (name, changed)
    assert after["documents"] == before["documents"] >= 1
