"""What one piece of evidence says about one flexibility, before the answers are merged.

>>> a = Assertion("cppcr-visits-remote", True, evidence=(10, 40), source="prose")
>>> a.rank
2
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: how much an assertion's source is trusted when two disagree (higher wins)
RANKS = {"table": 3, "prose": 2, "only": 2, "except": 2, "blanket": 1}


@dataclass(slots=True)
class Assertion:
    """``used`` is True / False / None (named but not stated); counts come from tables or prose."""

    code: str
    used: bool | None
    uses: int | None = None
    by_month: dict[str, int] = field(default_factory=dict)
    suppressed: bool = False
    reason: str | None = None
    evidence: tuple[int, int] | None = None
    source: str = "prose"

    @property
    def rank(self) -> int:
        """Trust of the source: table > prose statement > blanket statement."""
        return RANKS.get(self.source, 1)
