"""Everything one generated document needs to know: who, when, which reference, which style.

>>> import datetime as dt, random
>>> from foicompare.demo.register import load_authorities
>>> from foicompare.demo.styles import draw_style
>>> a = load_authorities()[0]
>>> ctx = Context(a, draw_style(a, random.Random(1)), random.Random(2), "txt", "flexibilities",
...               "REQ01234", dt.date(2020, 7, 6), dt.date(2020, 8, 3))
>>> ctx.named
True
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from foicompare.demo.register import Authority
from foicompare.demo.styles import CouncilStyle, format_date


@dataclass(slots=True)
class Context:
    """Inputs of one document (mutable rng: every draw advances it deterministically)."""

    authority: Authority
    style: CouncilStyle
    rng: random.Random
    fmt: str  #: txt, html, pdf, docx or eml
    request: str  #: flexibilities or qa_systems
    reference: str
    received: dt.date
    date: dt.date
    late: bool = False

    @property
    def named(self) -> bool:
        """Whether the document names the council (a disclosure-log page may not)."""
        return self.fmt != "html" or self.style.html_named

    @property
    def council(self) -> str:
        """How the body text refers to the council."""
        return self.authority.name if self.named else "the Council"

    def day(self, day: dt.date) -> str:
        """A date in this council's format."""
        return format_date(day, self.style.date_format)

    @property
    def printed_reference(self) -> str | None:
        """The reference as printed, or None when this council prints none."""
        return self.reference if self.style.print_reference else None
