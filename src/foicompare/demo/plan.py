"""Who answers what: one plan per authority and request of the round robin.

Every scenario of a request is given to at least one authority (the first ones of a
seeded shuffle), then the rest are drawn by weight, so even a small subset covers every
outcome and exemption. Acknowledgements, clarifications, late answers, internal reviews
and missing answers are forced onto a few authorities for the same reason.

>>> import random
>>> from foicompare.demo.register import load_authorities
>>> plans = plan_round(load_authorities()[:20], "flexibilities", random.Random(1))
>>> len(plans), sorted({p.scenario for p in plans}) == sorted(SCENARIOS["flexibilities"])
(20, True)
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from foicompare.demo import content_flex, content_qa
from foicompare.demo.register import Authority

REQUESTS = ("flexibilities", "qa_systems")
SHORT = {"flexibilities": "flex", "qa_systems": "qa"}
SCENARIOS = {"flexibilities": content_flex.SCENARIOS, "qa_systems": content_qa.SCENARIOS}


@dataclass(frozen=True, slots=True)
class Plan:
    """What one authority sends in answer to one request."""

    authority: Authority
    request: str
    scenario: str
    missing: bool
    acknowledged: bool
    clarified: bool
    late: bool
    reviewed: bool
    review_upheld: bool

    @property
    def outcome(self) -> str:
        return SCENARIOS[self.request][self.scenario][0]

    @property
    def exemptions(self) -> tuple[str, ...]:
        return SCENARIOS[self.request][self.scenario][1]


def plan_round(authorities: Sequence[Authority], request: str, rng: random.Random) -> list[Plan]:
    """Plans for every authority, in a seeded order (see module docstring)."""
    scenarios = SCENARIOS[request]
    required = list(scenarios)
    names = list(scenarios)
    weights = [scenarios[n][2] for n in names]
    order = list(authorities)
    rng.shuffle(order)
    plans = []
    reviewed_outcomes: set[str] = set()
    for i, authority in enumerate(order):
        scenario = required[i] if i < len(required) else rng.choices(names, weights)[0]
        outcome, exemptions, _ = scenarios[scenario]
        covered = i < len(required)
        missing = not covered and (i == len(order) - 1 or rng.random() < 0.04)
        reviewable = outcome in ("refused", "partially_successful") and not missing
        first = outcome not in reviewed_outcomes or (covered and tuple(exemptions) == ("22",))
        reviewed = reviewable and (first or rng.random() < 0.2)
        if reviewed:
            reviewed_outcomes.add(outcome)
        plans.append(
            Plan(
                authority=authority,
                request=request,
                scenario=scenario,
                missing=missing,
                acknowledged=i in (0, 1) or rng.random() < 0.3,
                clarified=i == 2 or rng.random() < 0.04,
                late=not missing and (i == 1 or rng.random() < 0.12),
                reviewed=reviewed,
                review_upheld=tuple(exemptions) != ("22",),
            )
        )
    return plans
