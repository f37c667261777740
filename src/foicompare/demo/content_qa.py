"""Answers to the quality-assurance / case-management-system request (spring 2021).

The request (``../shared/seeds/002_*.txt``) asks five questions: the children's social
care case management system, audit toolkits, QA reports, external QA and comparison with
statistical peers. Scenarios cover full answers, section 21/22/40/43 withholding, part not
held and a section 12 refusal.

>>> SCENARIOS["s43_commercial"][:2]
('partially_successful', ('43',))
"""

from __future__ import annotations

from typing import Any

from foicompare.demo.context import Context
from foicompare.demo.letter import Body
from foicompare.demo.model import Block, bullets, heading, para, table
from foicompare.demo.truth import scenario_truth

TOPIC = "Quality assurance in children's social work"
TITLE = "Quality assurance and case management systems in children's social care"

SCENARIOS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "all_answered": ("successful", (), 6),
    "s22_reports": ("partially_successful", ("22",), 2),
    "s21_published": ("partially_successful", ("21",), 2),
    "s43_commercial": ("partially_successful", ("43",), 2),
    "s40_names": ("partially_successful", ("40",), 1),
    "part_not_held": ("partially_successful", (), 1),
    "s21_s43": ("partially_successful", ("21", "43"), 1),
    "s12": ("refused", ("12",), 1),
}

SYSTEMS = (
    "Liquidlogic Children's Social Care System (LCS)",
    "Mosaic (Servelec)",
    "Eclipse (OLM Systems)",
    "CareFirst (OLM)",
    "Liquid Logic (Protocol)",
    "Azeus Care",
    "Paris (Civica)",
)
QUESTIONS = (
    "1. What Children's Social Care Management System (formerly known as ICS) is the Local "
    "Authority currently using?",
    "2. What audit toolkits are currently used at each Tier? Please can I request a copy of these.",
    "3. If files are audited inside the management system, such as on a QA module, does it "
    "provide quality assurance reports and if so please can I request a copy of the most recent "
    "reports (redacted if necessary)",
    "4. Has the Local Authority commissioned external QA of children's case files from "
    "consultants or auditors in the last 12 months? If so, which ones? If not, which role in "
    "the Local Authority normally does this?",
    "5. How are QA reports the Local Authority produces currently compared with statistical peers?",
)


def _s22(ctx: Context) -> list[Block]:
    return [
        para(
            "The information you requested is being withheld as it falls under the exemption in "
            "section 22 of the Freedom of Information Act 2000, which relates to information "
            "intended for future publication. A report containing this information will be "
            "taken to the Scrutiny Board in this municipal year."
        ),
        para(
            "Section 22 is a qualified exemption subject to the public interest test. We have "
            "concluded that the public interest in withholding this information until the date "
            "of publication outweighs the public interest in releasing it now."
        ),
    ]


def _s21(ctx: Context) -> Block:
    return para(
        "Our quarterly quality assurance reports are published with the Corporate Parenting "
        f"Panel papers at https://{ctx.style.domain}/committees/corporate-parenting. As this "
        "information is reasonably accessible to you, it is exempt under section 21 of the "
        "Freedom of Information Act 2000."
    )


def _s43(ctx: Context, what: str) -> list[Block]:
    return [
        para(
            f"{what} is withheld under section 43(2) of the Freedom of Information Act 2000, as "
            "its release would be likely to prejudice the commercial interests of the supplier, "
            "who licenses it to local authorities."
        ),
        para(
            "Section 43(2) is a qualified exemption. Having weighed the public interest in "
            "openness against the supplier's commercial interests, we have concluded that the "
            "balance favours withholding the information."
        ),
    ]


def _s12(ctx: Context) -> tuple[list[Block], int]:
    teams = ctx.rng.randint(8, 20)
    hours = ctx.rng.randint(25, 140)
    return [
        para(
            "Audit toolkits and quality assurance reports are held separately by each of our "
            f"{teams} service teams and are not stored centrally. We estimate that locating, "
            f"retrieving and redacting them would take approximately {hours} hours."
        ),
        para(
            "The Council is therefore refusing your request under section 12 of the Freedom of "
            "Information Act 2000, as the cost of complying would exceed the appropriate limit "
            "of 18 hours."
        ),
    ], hours


def build(ctx: Context, scenario: str) -> tuple[Body, dict[str, Any]]:
    """The body of a QA-request response for ``scenario`` and the truth it encodes."""
    outcome, exemptions, _ = SCENARIOS[scenario]
    rng = ctx.rng
    truth = scenario_truth(scenario, outcome, exemptions)
    qs = [[heading(q)] for q in QUESTIONS]
    if scenario == "s12":
        decision, truth["cost_hours"] = _s12(ctx)
        after = [
            para(
                "To assist you under section 16 of the Act, we can confirm that our case "
                f"management system is {rng.choice(SYSTEMS)}."
            )
        ]
        return Body(questions=qs, answers=[], decision=decision, after=after), truth

    a1 = [para(f"{rng.choice(SYSTEMS)}.")]
    a2 = [
        para(
            rng.choice(
                (
                    "Please see the attached current casefile audit tool document.",
                    "The same practice audit tool is used at every tier; a copy is attached.",
                )
            )
        ),
        table(
            [
                ["Tier", "Audit tool", "Frequency"],
                ["Team manager", "Monthly case file audit", "Monthly"],
                ["Service manager", "Thematic audit", "Quarterly"],
                ["Head of service", "Practice week audit", "Twice a year"],
            ]
        ),
    ]
    a3 = [
        para(
            "Yes. Audits are completed on the QA module and it produces monthly reports. The "
            "most recent report is attached, with names of children and staff removed."
        )
    ]
    a4 = [
        para(
            rng.choice(
                (
                    "No. Quality assurance activity is undertaken on a monthly basis by all "
                    "Children's Services managers at all levels.",
                    "No. Case file audits are carried out by the Quality Assurance and Practice "
                    "Improvement Service.",
                )
            )
        )
    ]
    a5 = [
        para(
            rng.choice(
                (
                    "Through regional performance networks and our regulatory body, Ofsted.",
                    "Through the regional benchmarking group and our statistical neighbours' "
                    "published data.",
                )
            )
        )
    ]
    if scenario == "s22_reports":
        a3 = _s22(ctx)
    elif scenario == "s21_published":
        a3 = [_s21(ctx)]
    elif scenario == "s43_commercial":
        a2 = _s43(ctx, "The audit toolkit")
    elif scenario == "s21_s43":
        a2 = _s43(ctx, "The audit toolkit")
        a3 = [_s21(ctx)]
    elif scenario == "s40_names":
        a4 = [
            para(
                "Yes. We commissioned an independent social work consultant to audit 60 case "
                "files in autumn 2020. The consultant's name is personal data and is withheld "
                "under section 40(2) of the Freedom of Information Act 2000, as disclosure would "
                "breach the data protection principles."
            )
        ]
    elif scenario == "part_not_held":
        a3 = [
            para(
                "Audits are not completed within the case management system and it does not "
                "produce quality assurance reports, so this information is not held."
            ),
            bullets(
                "Audits are recorded on a spreadsheet by the QA team.",
                "Findings are reported to the Practice Improvement Board.",
            ),
        ]
        truth["notes"] += "; Q3 not held, no exemption"
    elif scenario != "all_answered":
        raise ValueError(f"unknown qa_systems scenario {scenario!r}")
    return Body(questions=qs, answers=[a1, a2, a3, a4, a5]), truth
