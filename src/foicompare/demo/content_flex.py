"""Answers to the July 2020 round robin on the SI 2020/445 children's social care flexibilities.

:func:`build` turns a scenario (outcome, exemptions and usage pattern) into a
:class:`~foicompare.demo.letter.Body` plus the truth it encodes. The usage patterns are the
ones real councils wrote: a blanket "none used", "none except virtual visits", a filled-in
template table (numbers, words, "nil", "n/a", "<5"), prose, and hypotheticals ("had we
needed to ...") that are not use. A quoted request may carry the requester's example row
with ``XX`` placeholders; that is never use.

>>> sorted(SCENARIOS)[:3]
['none', 'none_except_virtual_visits', 'not_held']
"""

from __future__ import annotations

from typing import Any

from foicompare.demo.context import Context
from foicompare.demo.letter import Body
from foicompare.demo.model import Block, heading, para, table
from foicompare.demo.register import load_flexibilities
from foicompare.demo.truth import scenario_truth

TOPIC = "The Adoption and Children (Coronavirus) (Amendment) Regulations 2020"
TITLE = "Use of the coronavirus flexibilities in children's social care"

#: scenario -> (outcome, exemptions, weight in a round robin)
SCENARIOS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "none": ("successful", (), 6),
    "none_except_virtual_visits": ("successful", (), 5),
    "table": ("successful", (), 5),
    "prose": ("successful", (), 3),
    "table_suppressed": ("partially_successful", ("40",), 2),
    "table_suppressed_s22": ("partially_successful", ("22", "40"), 1),
    "s12_hours": ("refused", ("12",), 2),
    "s12_per_case": ("refused", ("12",), 2),
    "s12_no_estimate": ("refused", ("12",), 1),
    "not_held": ("not_held", (), 1),
    "s21_published": ("partially_successful", ("21",), 1),
    "s22_future": ("partially_successful", ("22",), 1),
}

VIRTUAL_VISITS = "cppcr-visits-remote"

#: codes councils reported using, with a short description and a typical reason
USAGE_POOL: dict[str, tuple[str, str]] = {
    "cppcr-visits-remote": (
        "Visits to looked after children by telephone, video or other electronic means",
        "Households shielding or self-isolating; face-to-face visit not possible",
    ),
    "cppcr-visits-timescale": (
        "Statutory visits as soon as reasonably practicable",
        "Social workers self-isolating",
    ),
    "cppcr-reviews-timescale": (
        "Looked after children reviews outside usual timescales",
        "Independent reviewing officer capacity",
    ),
    "cppcr-temp-approval-24-weeks": (
        "Temporary approval of connected persons extended to 24 weeks",
        "Connected persons assessments delayed by lockdown",
    ),
    "cppcr-temp-approval-any-person": (
        "Temporary approval of a person who is not a connected person",
        "Placement sufficiency during lockdown",
    ),
    "cppcr-emergency-placement-24-weeks": (
        "Emergency placement with a foster carer outside terms of approval",
        "Urgent placements when usual carers unavailable",
    ),
    "aar-panel-constitution-optional": (
        "Adoption panel not convened",
        "Panel members unable to meet; virtual panel not yet in place",
    ),
    "aar-adopter-approval-without-panel": (
        "Prospective adopters approved by the agency decision maker without panel",
        "Avoiding delay for children waiting",
    ),
    "aar-stage1-medical-deferred": (
        "Adopter medical reports obtained at stage two",
        "GP surgeries unable to complete medicals",
    ),
    "fs-approval-without-panel": (
        "Foster carers approved without a fostering panel recommendation",
        "Fostering panel suspended in April and May",
    ),
    "fs-assessment-medical-deferred": (
        "Foster carer medical information obtained later in the assessment",
        "GP medicals delayed",
    ),
    "ch-contact-remote": (
        "Family contact in children's homes by telephone or video",
        "No safe private space for contact",
    ),
    "ch-independent-visit-interviews-remote": (
        "Regulation 44 interviews held remotely",
        "Independent visitor shielding",
    ),
}

#: how the usage table's header reads: as the request worded it, or abbreviated
HEADERS_FULL = (
    "Regulation",
    "Description of flexibility",
    "Total number of uses",
    "Number of uses in May",
    "Number of uses in June",
    "Summary of reasons and local circumstances",
)
HEADERS_SHORT = ("Regulation", "Description", "Total", "May", "June", "Reasons")
#: the requester's example row, quoted back by councils that echo the request
EXAMPLE_ROW = (
    "e.g. Regulation 23 Care Planning, Placement and Case Review (England) Regulations 2010",
    "Extension of emergency placements to 24 weeks",
    "XX",
    "XX",
    "XX",
    "XX",
)

SIGN_OFF_ROLES = (
    "Director of Children's Services",
    "Lead Member for Children's Services",
    "Senior Leadership Team",
    "Chief Executive",
    "Assistant Director for Children's Social Care",
    "Corporate Parenting Board",
    "Gold Command",
    "Children's Services Improvement Board",
)

_WORDS = ("nil", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NONE_CELLS = ("nil", "0", "n/a", "None", "-")
_MONTHS = {"April": "2020-04", "May": "2020-05", "June": "2020-06"}


def questions(ctx: Context) -> list[list[Block]]:
    """The three questions, quoted in full (with the template table) or paraphrased."""
    if ctx.style.echo_request:
        return [
            [
                heading(
                    "1. Please could you a) provide a statement of the overarching approach that "
                    "you have taken to utilising the legislative flexibilities provided by The "
                    "Adoption and Children (Coronavirus) (Amendment) Regulations 2020 and b) "
                    "confirm who signed this off within both the local authority and any "
                    "providers that you commission to run children's social care services?"
                )
            ],
            [
                heading(
                    "2. With reference to the need to record any use of the legislative "
                    "flexibilities provided by The Adoption and Children (Coronavirus) "
                    "(Amendment) Regulations 2020 as well as the 'reasons for doing so' and "
                    "'local circumstances that have given arise to the need to use the "
                    "flexibilities', please confirm how many of each specific flexibility has "
                    "been utilised in total and in each month since the regulations came into "
                    "force, and summarise the reasons and local circumstances which made the "
                    "use of each type of flexibility necessary?"
                ),
                para(
                    "In your answer, please include both the specific regulation that has been "
                    "utilised and a description of the flexibility and, as far as possible, "
                    "present the information as per the following table:"
                ),
                table([HEADERS_FULL, EXAMPLE_ROW]),
            ],
            [
                heading(
                    "3. What information relating to your use of the legislative flexibilities "
                    "provided by The Adoption and Children (Coronavirus) (Amendment) Regulations "
                    "2020 has been a) requested by or b) provided to Ofsted, and what, if any, "
                    "further action are you aware of Ofsted taking in response?"
                )
            ],
        ]
    return [
        [heading("1. Your overarching approach to the flexibilities, and who signed it off.")],
        [heading("2. How many times each flexibility was used, in total and by month, and why.")],
        [heading("3. What information about the flexibilities Ofsted requested or was given.")],
    ]


def _regulation(ctx: Context, code: str) -> str:
    flex = load_flexibilities()[code]
    if ctx.rng.random() < 0.5:
        return f"Regulation {flex.regulation} {flex.instrument}"
    return f"Reg {flex.regulation} {flex.instrument_short}"


def _count_cell(ctx: Context, n: int, *, suppress: bool) -> str:
    if n == 0:
        return ctx.rng.choice(_NONE_CELLS[:2] + ("None",))
    if suppress and n < 5:
        return "<5"
    if n <= 10 and ctx.rng.random() < 0.25:
        return _WORDS[n]
    return str(n)


def _sign_off(ctx: Context) -> tuple[list[str], str]:
    roles = ctx.rng.sample(SIGN_OFF_ROLES, ctx.rng.randint(1, 3))
    if len(roles) == 1:
        text = f"This approach was signed off by the {roles[0]}."
    else:
        text = (
            f"This approach was signed off by the {roles[0]} and ratified by "
            + " and ".join(f"the {r}" for r in roles[1:])
            + "."
        )
    if ctx.rng.random() < 0.5:
        text += " Our commissioned providers were asked to follow the same approach."
    return roles, text


def _ofsted(ctx: Context) -> tuple[bool, list[Block]]:
    if ctx.rng.random() < 0.65:
        text = ctx.rng.choice(
            (
                "Ofsted has been advised of this approach through our regular keeping-in-touch "
                "meetings. Ofsted has not requested any further information and we are not "
                "aware of any further action taken in response.",
                "Our approach was shared with Ofsted at the annual engagement meeting. No "
                "further action has been taken by Ofsted.",
            )
        )
        return True, [para(text)]
    return False, [
        para(
            "No information has been requested by or provided to Ofsted about the use of the "
            "flexibilities, and we are not aware of any action by Ofsted."
        )
    ]


def _hypothetical(ctx: Context) -> Block:
    code = ctx.rng.choice(("cppcr-temp-approval-24-weeks", "aar-panel-constitution-optional"))
    what = USAGE_POOL[code][0].lower()
    return para(
        f"Had we needed to use a flexibility such as {what}, the decision would have been "
        "taken by the Director of Children's Services and recorded on the child's file."
    )


def _none_statement(ctx: Context) -> str:
    return ctx.rng.choice(
        (
            "We have not used any of the flexibilities provided by the regulations.",
            f"{ctx.council[0].upper()}{ctx.council[1:]} has not needed to use any of the "
            "legislative flexibilities and has continued to meet all statutory requirements "
            "throughout the pandemic.",
            "None of the flexibilities have been utilised.",
        )
    )


def _virtual_visits(ctx: Context, counts: bool) -> tuple[list[Block], dict[str, Any]]:
    """ "None except virtual visits", optionally with monthly counts."""
    text = ctx.rng.choice(
        (
            "The Council has not used any of the flexibilities introduced by the regulations, "
            "with the exception of virtual visits (regulation 28 of the Care Planning, Placement "
            "and Case Review (England) Regulations 2010), which were used where a face-to-face "
            "visit was not possible because the household was shielding or self-isolating.",
            "The Children's Services Leadership Team has considered all the 'flexibilities' in "
            "the reconfigured regulations. It does not accept the need to use the flexibilities "
            "defined by the regulations excepting virtual visits once a full and child focused "
            "assessment has taken place.",
        )
    )
    out = [para(text)]
    usage: dict[str, Any] = {"uses": {VIRTUAL_VISITS: None}, "by_month": {}}
    if counts:
        may, june = ctx.rng.randint(40, 400), ctx.rng.randint(20, 300)
        out.append(
            para(f"In May {may} visits and in June {june} visits were carried out virtually.")
        )
        usage = {
            "uses": {VIRTUAL_VISITS: may + june},
            "by_month": {VIRTUAL_VISITS: {"2020-05": may, "2020-06": june}},
        }
    return out, usage


def _usage_table(ctx: Context, *, suppress: bool, withhold_reasons: bool) -> tuple[Block, dict]:
    """The template table filled in; returns the block and the truth it encodes."""
    rng = ctx.rng
    codes = rng.sample(sorted(USAGE_POOL), rng.randint(3, 7))
    n_used = rng.randint(1, len(codes) - 1)
    months = ["April", "May", "June"] if ctx.style.april_column else ["May", "June"]
    head = list(HEADERS_FULL if ctx.style.full_headers else HEADERS_SHORT)
    if ctx.style.april_column:
        head.insert(3, "Number of uses in April" if ctx.style.full_headers else "April")
    rows: list[list[str]] = [head]
    flex, uses, by_month = [], {}, {}
    for i, code in enumerate(codes):
        desc, reason = USAGE_POOL[code]
        if i < n_used:
            per = [rng.randint(0, 3) if suppress and i == 0 else rng.randint(0, 60) for _ in months]
            if sum(per) == 0:
                per[-1] = rng.randint(1, 4) if suppress else rng.randint(1, 30)
            total = sum(per)
            cells = [_count_cell(ctx, n, suppress=suppress) for n in per]
            total_cell = _count_cell(ctx, total, suppress=suppress)
            why = "Withheld – see below" if withhold_reasons else reason
            flex.append({"code": code, "used": True})
            uses[code] = None if total_cell == "<5" else total
            by_month[code] = {
                _MONTHS[m]: (None if c == "<5" else n)
                for m, c, n in zip(months, cells, per, strict=True)
            }
        else:
            none = rng.choice(_NONE_CELLS)
            cells = [none] * len(months)
            total_cell = none
            why = rng.choice(("Not used", "N/A", ""))
            flex.append({"code": code, "used": False})
        rows.append([_regulation(ctx, code), desc, total_cell, *cells, why])
    return table(rows), {"flexibilities": flex, "uses": uses, "by_month": by_month}


def _prose_usage(ctx: Context) -> tuple[list[Block], dict]:
    rng = ctx.rng
    codes = rng.sample(sorted(USAGE_POOL), rng.randint(2, 3))
    out, flex, uses = [], [], {}
    for code in codes:
        desc, reason = USAGE_POOL[code]
        n = rng.randint(1, 40)
        shown = _WORDS[n] if n <= 10 and rng.random() < 0.4 else str(n)
        out.append(
            para(
                f"{desc} ({_regulation(ctx, code)}): used in {shown} "
                f"{'case' if n == 1 else 'cases'} between 24 April and 30 June 2020. "
                f"Reason: {reason.lower()}."
            )
        )
        flex.append({"code": code, "used": True})
        uses[code] = n
    return out, {"flexibilities": flex, "uses": uses, "by_month": {}}


def _s40(ctx: Context) -> Block:
    return para(
        "Where the number of children is fewer than five we have shown this as '<5'. The exact "
        "figures are exempt under section 40(2) of the Freedom of Information Act 2000 "
        "(personal information), because small numbers combined with other information could "
        "identify individual children. Section 40(2) is an absolute exemption and is not "
        "subject to the public interest test."
    )


def _s22(ctx: Context, what: str) -> Block:
    return para(
        f"{what} is being withheld under section 22 of the Freedom of Information Act 2000 "
        "(information intended for future publication): it will be published in a report to "
        "the Corporate Parenting Board later this year. Section 22 is a qualified exemption; "
        "we have considered the public interest and concluded that it is reasonable to withhold "
        "the information until the date of publication."
    )


def _s12(ctx: Context, scenario: str) -> tuple[list[Block], float | int | None]:
    rng = ctx.rng
    if scenario == "s12_hours":
        cases = rng.randint(900, 4200)
        hours = round(cases * 15 / 60)
        return [
            para(
                "Following careful consideration, the Council regrets to inform you that it has "
                "decided not to disclose this information. The exemption engaged is section 12 "
                "of the Freedom of Information Act 2000 (cost of compliance)."
            ),
            para(
                "There is currently no reporting mechanism for the use of the flexibilities. "
                f"The service currently has {cases} pieces of active work and each would need "
                "to be manually accessed to provide the required information. It has been "
                f"estimated that this would take an officer approximately {hours} hours, which "
                "is above the 18-hour threshold."
            ),
        ], hours
    if scenario == "s12_per_case":
        minutes = rng.choice((10, 15, 20, 30))
        cases = rng.randint(120, 600)
        return [
            para(
                "We are refusing your request under section 12(1) of the Freedom of Information "
                "Act 2000 because the cost of complying would exceed the appropriate limit of "
                "£450, which represents 18 hours of officer time."
            ),
            para(
                "The use of the regulations is recorded on individual children's case files. "
                f"Reviewing the files would take {minutes} minutes per case for {cases} cases."
            ),
        ], _hours(minutes * cases / 60)
    return [
        para(
            "Section 12 of the Freedom of Information Act 2000 allows a public authority to "
            "refuse a request where the cost of compliance would exceed the appropriate limit, "
            "which for local authorities is 18 hours. The information is not held centrally "
            "and would have to be extracted from each child's record, which would exceed that "
            "limit. Your request is therefore refused under section 12."
        )
    ], None


def _hours(value: float) -> float | int:
    """Hours as labels write them: 902 for a whole number, 107.33 otherwise."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def build(ctx: Context, scenario: str) -> tuple[Body, dict[str, Any]]:
    """The body of a response for ``scenario`` and the truth it encodes.

    The truth dict holds ``outcome``, ``exemptions``, ``cost_hours``, ``flexibilities``,
    ``uses``, ``by_month``, ``sign_off``, ``ofsted_informed`` and ``notes``.
    """
    outcome, exemptions, _ = SCENARIOS[scenario]
    rng = ctx.rng
    truth = scenario_truth(scenario, outcome, exemptions)
    qs = questions(ctx)
    if ctx.style.echo_request:
        truth["notes"] += "; request quoted with the XX example row (not use)"

    if scenario.startswith("s12"):
        decision, truth["cost_hours"] = _s12(ctx, scenario)
        after: list[Block] = []
        if rng.random() < 0.6:
            roles, signed = _sign_off(ctx)
            if rng.random() < 0.5:
                approach, usage = _virtual_visits(ctx, counts=False)
                truth["flexibilities"] = [
                    {"code": "*", "used": False},
                    {"code": VIRTUAL_VISITS, "used": True},
                ]
                truth["uses"] = usage["uses"]
            else:
                approach = [para(_none_statement(ctx))]
                truth["flexibilities"] = [{"code": "*", "used": False}]
            after = [
                para(
                    "However, in order to fulfil our obligations under section 16 of the Act to "
                    "advise and assist you, we can tell you the following about our approach."
                ),
                *approach,
                para(signed),
            ]
            truth["sign_off"] = roles
            truth["notes"] += "; approach given as section 16 advice"
        else:
            after = [
                para(
                    "Under section 16 of the Act we would suggest that you narrow your request, "
                    "for example to question 1 only, which we may be able to answer within the "
                    "limit."
                )
            ]
        return Body(questions=qs, answers=[], decision=decision, after=after), truth

    if scenario == "not_held":
        decision = [
            para(
                f"{ctx.council[0].upper()}{ctx.council[1:]} does not hold the information you "
                "have requested. Decisions about visits, reviews and placements during the "
                "pandemic were recorded on individual children's records and no central record "
                "relating to the regulations was created, so the information is not held."
            )
        ]
        return Body(questions=qs, answers=[], decision=decision), truth

    roles, signed = _sign_off(ctx)
    truth["sign_off"] = roles
    informed, a3 = _ofsted(ctx)
    truth["ofsted_informed"] = informed

    if scenario == "none":
        a1 = [para(_none_statement(ctx)), _hypothetical(ctx), para(signed)]
        a2 = [para("Not applicable – no flexibilities have been used.")]
        truth["flexibilities"] = [{"code": "*", "used": False}]
        truth["notes"] += "; hypothetical 'had we needed to' is not use"
    elif scenario == "none_except_virtual_visits":
        approach, usage = _virtual_visits(ctx, counts=rng.random() < 0.5)
        a1 = [approach[0], para(signed)]
        a2 = approach[1:] or [
            para("Virtual visits only; the number of visits is not recorded separately.")
        ]
        truth["flexibilities"] = [
            {"code": "*", "used": False},
            {"code": VIRTUAL_VISITS, "used": True},
        ]
        truth.update(usage)
    elif scenario in ("table", "table_suppressed", "table_suppressed_s22"):
        suppress = scenario != "table"
        block, usage = _usage_table(
            ctx, suppress=suppress, withhold_reasons=scenario == "table_suppressed_s22"
        )
        a1 = [
            para(
                "We have used a small number of the flexibilities, on a case-by-case basis, with "
                "each use risk assessed and recorded on the child's file."
            ),
            para(signed),
        ]
        a2 = [para("Please see the table below."), block]
        if rng.random() < 0.5:
            a2.append(para("No other flexibilities were used."))
            usage["flexibilities"] = [{"code": "*", "used": False}, *usage["flexibilities"]]
        if suppress:
            a2.append(_s40(ctx))
        if scenario == "table_suppressed_s22":
            a2.append(_s22(ctx, "The summary of reasons and local circumstances"))
        truth.update(usage)
    elif scenario == "prose":
        blocks, usage = _prose_usage(ctx)
        a1 = [
            para(
                "We used some of the flexibilities where this was necessary to keep children safe."
            ),
            para(signed),
        ]
        a2 = blocks
        truth.update(usage)
    elif scenario == "s21_published":
        approach, usage = _virtual_visits(ctx, counts=False)
        a1 = [approach[0], para(signed)]
        a2 = [
            para(
                "The number of uses of each flexibility was reported to the Children and Young "
                f"People Scrutiny Committee and is published at https://{ctx.style.domain}/"
                "democracy/covid-children. This information is therefore exempt under section 21 "
                "of the Freedom of Information Act 2000, as it is reasonably accessible to you "
                "by other means."
            )
        ]
        truth["flexibilities"] = [
            {"code": "*", "used": False},
            {"code": VIRTUAL_VISITS, "used": True},
        ]
        truth["uses"] = usage["uses"]
    elif scenario == "s22_future":
        approach, usage = _virtual_visits(ctx, counts=False)
        a1 = [approach[0], para(signed)]
        a2 = [_s22(ctx, "The number of virtual visits in each month")]
        truth["flexibilities"] = [
            {"code": "*", "used": False},
            {"code": VIRTUAL_VISITS, "used": True},
        ]
        truth["uses"] = usage["uses"]
    else:
        raise ValueError(f"unknown flexibilities scenario {scenario!r}")
    return Body(questions=qs, answers=[a1, a2, a3]), truth
