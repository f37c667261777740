"""Comparison queries on a large synthetic dataset: ``n`` response rows written by DuckDB itself.

The rows are deterministic (hashes of the row number, no random state) and shaped like a
real round robin: ~150 English children's services authorities, one case in five stored twice
(a PDF and the e-mail that carried it, same reference), outcomes and exemptions in realistic
proportions, cost estimates on section 12 refusals. Each public comparison of
:class:`foicompare.Dataset` is then timed once on them.

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> fill_responses(ds, 1000)
1000
>>> timings = run_queries(ds)
>>> sorted(t.name for t in timings)[:2]
['compare(Coventry, outcomes)', 'cost_hours()']
>>> all(t.error is None and t.rows > 0 for t in timings)
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import foicompare

#: the outcome of a row, by ``hash % 100`` thresholds (5% left unclassified)
_OUTCOME_SQL = """CASE
    WHEN h % 100 < 45 THEN 'successful'
    WHEN h % 100 < 65 THEN 'partially_successful'
    WHEN h % 100 < 85 THEN 'refused'
    WHEN h % 100 < 95 THEN 'not_held'
    ELSE NULL END"""
#: sections relied on, drawn for refusals and partial answers
SECTIONS = ("12", "40", "43", "31", "21", "14", "reg12(4)(b)", "41", "22", "38")


@dataclass
class QueryTiming:
    """One comparison query's wall time on the synthetic rows."""

    name: str
    seconds: float
    rows: int
    error: str | None = None


def fill_responses(ds: foicompare.Dataset, n: int) -> int:
    """Write ``n`` synthetic rows to ``documents``, ``responses`` and ``exemptions``.

    Authorities are the register's current English children's services authorities.
    Returns the number of ``responses`` rows in the dataset afterwards.
    """
    codes = ds.sql(
        "SELECT DISTINCT gss_code FROM authorities"
        " WHERE gss_code LIKE 'E%' AND childrens_services AND current ORDER BY 1"
    )["gss_code"].to_list()
    if not codes:
        raise RuntimeError("the authorities register is empty: cannot place synthetic responses")
    con = ds.con
    con.execute("BEGIN TRANSACTION")
    con.execute(
        f"""
        CREATE TEMP TABLE synth AS
        WITH base AS (
            SELECT i, CASE WHEN i % 5 = 1 THEN i - 1 ELSE i END AS case_no
            FROM range(?) t(i)
        ), h AS (
            SELECT i, case_no,
                   hash(case_no, 'authority') AS ha, hash(case_no, 'outcome') AS h,
                   hash(case_no, 'date') AS hd, hash(i, 'type') AS ht,
                   hash(case_no, 'sections') AS hs
            FROM base
        )
        SELECT md5(i::VARCHAR) || md5((i + 7)::VARCHAR) AS doc_id,
               list_extract(?::VARCHAR[], 1 + (ha % len(?::VARCHAR[]))::INTEGER) AS authority_code,
               'FOI/' || (2019 + hd % 6)::VARCHAR || '/' || lpad((case_no % 100000)::VARCHAR, 5, '0')
                   AS reference,
               DATE '2019-01-01' + (hd % 2190)::INTEGER AS date,
               DATE '2019-01-01' + (hd % 2190)::INTEGER - (3 + hd % 37)::INTEGER AS received,
               CASE WHEN ht % 100 < 85 THEN 'response'
                    WHEN ht % 100 < 95 THEN 'internal_review'
                    ELSE 'acknowledgement' END AS document_type,
               {_OUTCOME_SQL} AS outcome,
               CASE WHEN hd % 10 = 0 THEN 'EIR' ELSE 'FOIA' END AS act,
               CASE WHEN h % 100 >= 45 AND h % 100 < 85 THEN
                   list_distinct([list_extract(?::VARCHAR[], 1 + (hs % 10)::INTEGER),
                                  list_extract(?::VARCHAR[], 1 + ((hs // 10) % 10)::INTEGER)][1:1 + (hs // 100) % 2])
               ELSE []::VARCHAR[] END AS exemptions,
               i
        FROM h
        """,
        [n, codes, codes, list(SECTIONS), list(SECTIONS)],
    )
    con.execute(
        """
        INSERT INTO documents (doc_id, media_type, filename, size, source, location,
                               ingested_at, status)
        SELECT doc_id, 'application/pdf', doc_id || '.pdf', 20000 + i % 50000, 'files',
               '/synthetic/' || doc_id || '.pdf', TIMESTAMP '2024-01-01', 'extracted'
        FROM synth
        """
    )
    con.execute(
        """
        INSERT INTO responses (doc_id, authority_code, authority_confidence, reference, date,
                               received, document_type, outcome, act, exemptions, cost_hours,
                               public_interest_test, n_answers, parser_version)
        SELECT doc_id, authority_code, 1.0, reference, date, received, document_type, outcome,
               act, exemptions,
               CASE WHEN list_contains(exemptions, '12') THEN 18.5 + (i % 60) END,
               len(exemptions) > 0 AND i % 3 = 0, (i % 7)::INTEGER, 'synthetic'
        FROM synth
        """
    )
    con.execute(
        """
        INSERT INTO exemptions (doc_id, section, act, public_interest_test)
        SELECT doc_id, unnest(exemptions), act, i % 3 = 0 FROM synth
        """
    )
    con.execute("DROP TABLE synth")
    con.execute("COMMIT")
    return int(con.execute("SELECT count(*) FROM responses").fetchall()[0][0])


def queries(ds: foicompare.Dataset) -> dict[str, Callable[[], Any]]:
    """The comparisons a user runs, by name (each returns a polars DataFrame)."""
    return {
        "outcomes(by=authority)": lambda: ds.outcomes(by="authority"),
        "outcomes(by=region, wide)": lambda: ds.outcomes(by="region", wide=True),
        "outcomes(by=ofsted)": lambda: ds.outcomes(by="ofsted"),
        "exemptions(by=authority)": lambda: ds.exemptions(by="authority"),
        "exemptions()": lambda: ds.exemptions(),
        "cost_hours()": lambda: ds.cost_hours(),
        "timeliness(by=authority)": lambda: ds.timeliness(by="authority"),
        "compare(Coventry, outcomes)": lambda: ds.compare("Coventry", on="outcomes"),
        "compare(Coventry, exemptions)": lambda: ds.compare("Coventry", on="exemptions"),
    }


def run_queries(ds: foicompare.Dataset) -> list[QueryTiming]:
    """Time every query of :func:`queries` once; a failing query is reported, not raised."""
    out = []
    for name, query in queries(ds).items():
        started = time.perf_counter()
        try:
            frame = query()
        except Exception as exc:  # report the failure in RESULTS.md and go on
            out.append(
                QueryTiming(name, time.perf_counter() - started, 0, f"{type(exc).__name__}: {exc}")
            )
            continue
        out.append(QueryTiming(name, time.perf_counter() - started, frame.height))
    return out
