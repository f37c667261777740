"""text → the FOI Response record (see ../shared/DESIGN.md), and its table rows.

>>> r = parse_response("Request ID: REQ1234\\n3 August 2020\\nDear Sir/Madam\\n"
...     "Your request has therefore been refused under section 12(2) of the Freedom of "
...     "Information Act 2000. It would take approximately 902 hours.")
>>> r["reference"], r["outcome"], r["exemptions"], r["cost_hours"], r["act"]
('REQ1234', 'refused', ['12'], 902, 'FOIA')
"""

from __future__ import annotations

from foicompare.parse.letter import PARSER_VERSION, parse_response
from foicompare.parse.rows import TABLES, rows

__all__ = ["PARSER_VERSION", "TABLES", "parse_response", "rows"]
