"""Cross-authority comparisons, each returning a polars DataFrame keyed by authority code.

Every function takes the dataset's DuckDB connection; :class:`foicompare.Dataset` wraps
them as methods (``ds.outcomes(by="region")``). Each count carries ``doc_ids``, the
documents it was read from, so any number can be traced back to the letters. Those lists
are built on request (``provenance=True``) or, by default, for datasets of up to 100,000
response rows; above that the column holds nulls and the comparisons stay under a second
on a million rows (see docs/notes/analysis.md, "Speed").

>>> import foicompare
>>> ds = foicompare.open(":memory:")
>>> outcomes(ds.con, by="region").height, exemptions(ds.con).height, timeliness(ds.con).height
(0, 0, 0)
"""

from foicompare.analysis._context import NOT_INSPECTED, OFSTED_JUDGEMENTS, OUTCOMES
from foicompare.analysis._db import MissingData
from foicompare.analysis.by_exemption import cost_hours, exemptions, section_label
from foicompare.analysis.by_outcome import OUTCOME_ORDER, outcomes, outcomes_wide
from foicompare.analysis.by_timeliness import timeliness
from foicompare.analysis.comparison import compare, peers, resolve_code
from foicompare.analysis.deadlines import due_date, working_days
from foicompare.analysis.register_coverage import register_coverage

__all__ = [
    "NOT_INSPECTED",
    "OFSTED_JUDGEMENTS",
    "OUTCOMES",
    "OUTCOME_ORDER",
    "MissingData",
    "compare",
    "cost_hours",
    "due_date",
    "exemptions",
    "outcomes",
    "outcomes_wide",
    "peers",
    "register_coverage",
    "resolve_code",
    "section_label",
    "timeliness",
    "working_days",
]
