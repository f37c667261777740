"""A small, hand-made dataset for the analysis, report and export tests (no tests here).

Real councils from the packaged register, invented letters:

* Coventry (E08000026) refused REQ1 under s12 (902 hours); the letter is stored twice
  (PDF and the e-mail carrying it), so it must count once. It later answered a 2023
  request in full, and an internal review and an acknowledgement must not count as decisions.
* Derby (E06000015, Coventry's first statistical neighbour) answered in full.
* Southampton (E06000045, neighbour 2) withheld part under s40, in May 2020 while rated
  "requires improvement" by Ofsted.
* Aberdeenshire (S12000034) refused under FOISA s12 during Scotland's 60-day period.
* Northamptonshire (E10000021, abolished 2021) said the information was not held.
* One letter whose council could not be resolved and whose outcome could not be read.

Rows are written through ``store.insert_rows`` into the library's own tables when they
exist; a minimal table is created only when a table is not (yet) part of the schema.
"""

from __future__ import annotations

import datetime as dt

import foicompare
from foicompare.analysis._db import columns, has_table
from foicompare.store import insert_rows

D = dt.date

RESPONSES = [
    dict(doc_id="cov-pdf", authority_code="E08000026", authority_name="Coventry City Council",
         reference="REQ1", date=D(2020, 8, 3), received=D(2020, 7, 1), document_type="response",
         outcome="refused", act="FOIA", cost_hours=902, public_interest_test=False),
    dict(doc_id="cov-eml", authority_code="E08000026", authority_name="Coventry City Council",
         reference="REQ 1", date=D(2020, 8, 3), received=None, document_type="response",
         outcome="refused", act="FOIA", cost_hours=None, public_interest_test=False),
    dict(doc_id="cov-2023", authority_code="E08000026", authority_name="Coventry City Council",
         reference="FOI-23-9", date=D(2023, 3, 20), received=D(2023, 3, 1),
         document_type="response", outcome="successful", act="FOIA", cost_hours=None,
         public_interest_test=False),
    dict(doc_id="cov-review", authority_code="E08000026", authority_name="Coventry City Council",
         reference="REQ1", date=D(2020, 9, 1), received=None, document_type="internal_review",
         outcome="partially_successful", act="FOIA", cost_hours=None, public_interest_test=False),
    dict(doc_id="cov-ack", authority_code="E08000026", authority_name="Coventry City Council",
         reference="REQ1", date=D(2020, 7, 2), received=D(2020, 7, 1),
         document_type="acknowledgement", outcome=None, act="FOIA", cost_hours=None,
         public_interest_test=False),
    dict(doc_id="der-1", authority_code="E06000015", authority_name="Derby City Council",
         reference="D-77", date=D(2020, 6, 26), received=D(2020, 6, 1), document_type="response",
         outcome="successful", act="FOIA", cost_hours=None, public_interest_test=False),
    dict(doc_id="sth-1", authority_code="E06000045", authority_name="Southampton City Council",
         reference="S/1", date=D(2020, 6, 1), received=D(2020, 5, 1), document_type="response",
         outcome="partially_successful", act="FOIA", cost_hours=None, public_interest_test=True),
    dict(doc_id="abd-1", authority_code="S12000034", authority_name="Aberdeenshire Council",
         reference="ABD-5", date=D(2020, 5, 20), received=D(2020, 4, 1), document_type="response",
         outcome="refused", act="FOISA", cost_hours=40, public_interest_test=False),
    dict(doc_id="nth-1", authority_code="E10000021", authority_name="Northamptonshire CC",
         reference="N1", date=D(2020, 7, 15), received=None, document_type="response",
         outcome="not_held", act="FOIA", cost_hours=None, public_interest_test=False),
    dict(doc_id="unk-1", authority_code=None, authority_name=None, reference=None,
         date=D(2020, 6, 1), received=None, document_type="response", outcome=None, act=None,
         cost_hours=None, public_interest_test=False),
]  # fmt: skip

EXEMPTIONS = [
    dict(doc_id="cov-pdf", section="12", act="FOIA"),
    dict(doc_id="cov-eml", section="12", act="FOIA"),
    dict(doc_id="sth-1", section="40", act="FOIA"),
    dict(doc_id="abd-1", section="12", act="FOISA"),
]

_MINIMAL = {
    "responses": """CREATE TABLE responses (doc_id VARCHAR PRIMARY KEY, authority_code VARCHAR,
        authority_name VARCHAR, reference VARCHAR, date DATE, received DATE,
        document_type VARCHAR, outcome VARCHAR, act VARCHAR, cost_hours DOUBLE,
        public_interest_test BOOLEAN)""",
    "exemptions": "CREATE TABLE exemptions (doc_id VARCHAR, section VARCHAR, act VARCHAR)",
}


def _insert(con, table: str, rows: list[dict]) -> None:
    if not has_table(con, table):
        con.execute(_MINIMAL[table])
    cols = columns(con, table)
    extra = {"parser_version": "test", "evidence": "{}", "exemptions": None}
    full = []
    for row in rows:
        r = {k: v for k, v in row.items() if k in cols}
        r.update({k: v for k, v in extra.items() if k in cols and k not in r})
        if table == "responses" and "exemptions" in cols:
            r["exemptions"] = [e["section"] for e in EXEMPTIONS if e["doc_id"] == row["doc_id"]]
        full.append(r)
    insert_rows(con, table, full)


def build(path: str = ":memory:") -> foicompare.Dataset:
    """A dataset holding the rows above (plus the packaged register)."""
    ds = foicompare.open(path, write=True)
    _insert(ds.con, "responses", RESPONSES)
    _insert(ds.con, "exemptions", EXEMPTIONS)
    return ds
