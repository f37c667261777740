"""The documents one plan produces: acknowledgement, clarification, response, internal review.

Each document gets its own seeded ``random.Random`` (seed, copy, authority, request, kind),
so adding or changing one kind of document never shifts the others.

>>> import random
>>> from foicompare.demo.register import load_authorities
>>> from foicompare.demo.plan import plan_round
>>> plan = plan_round(load_authorities()[:20], "flexibilities", random.Random(1))[0]
>>> docs = build_documents(plan, "2020:0", 0, lambda kind: "txt")
>>> [d.truth["document_type"] for d in docs]
['acknowledgement', 'response']
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from foicompare.demo import content_flex, content_qa, letter
from foicompare.demo.context import Context
from foicompare.demo.model import Block, Doc, heading, para
from foicompare.demo.plan import SHORT, Plan
from foicompare.demo.styles import draw_style, format_date, make_reference
from foicompare.demo.timeline import REQUEST_WINDOWS, add_working_days, working_days_between
from foicompare.demo.truth import record

CONTENT = {"flexibilities": content_flex, "qa_systems": content_qa}
_CLARIFY = {
    "flexibilities": "Could you confirm whether you require figures for May and June 2020 only, "
    "or for every month since the regulations came into force on 24 April 2020?",
    "qa_systems": "Could you explain what you mean by 'each Tier' in question 2?",
}
_RESTATE = {
    "21": "The information remains reasonably accessible to you by other means and is exempt "
    "under section 21.",
    "22": "The information is still intended for future publication and remains exempt under "
    "section 22.",
    "40": "Numbers below five remain withheld under section 40(2), as they could identify "
    "individual children.",
    "43": "The withheld material remains exempt under section 43(2) (commercial interests).",
}


def doc_id(copy: int, plan: Plan, kind: str) -> str:
    """A stable id such as ``c000-E08000026-flex-response``."""
    return f"c{copy:03d}-{plan.authority.code}-{SHORT[plan.request]}-{kind}"


def build_documents(plan: Plan, seed: str, copy: int, fmt_for: Callable[[str], str]) -> list[Doc]:
    """Every document ``plan`` produces, in the order they were sent.

    ``seed`` identifies the copy (e.g. ``"2020:0"``); ``fmt_for(kind)`` picks the file
    format of each document kind (``acknowledgement``, ``clarification``, ``response``,
    ``review``), because the format shapes the content (a disclosure-log page has no
    letterhead and may not name the council).
    """
    key = f"{seed}:{plan.authority.code}:{plan.request}"
    style = draw_style(plan.authority, random.Random(f"{seed}:{plan.authority.code}:style"))
    when = random.Random(f"{key}:dates")
    content = CONTENT[plan.request]
    start = REQUEST_WINDOWS[plan.request]
    received = add_working_days(start, when.randint(0, 6)) if when.random() < 0.9 else start
    reference = make_reference(style.reference_format, random.Random(f"{key}:ref"), received)

    def context(kind: str, date: dt.date, got: dt.date) -> Context:
        return Context(
            plan.authority, style, random.Random(f"{key}:{kind}"), fmt_for(kind),
            plan.request, reference, got, date,
        )  # fmt: skip

    docs: list[Doc] = []
    common = {"request": plan.request, "copy": copy, "scenario": plan.scenario, "act": "FOIA"}
    if plan.acknowledged:
        ctx = context("acknowledgement", add_working_days(received, when.randint(0, 2)), received)
        due = ctx.day(add_working_days(received, 20))
        docs.append(
            _doc(ctx, doc_id(copy, plan, "acknowledgement"), content, letter.acknowledgement(ctx, content.TOPIC, due),
                 document_type="acknowledgement", outcome=None, received=received, **common)
        )  # fmt: skip
    clock = received
    if plan.clarified:
        ctx = context("clarification", add_working_days(received, when.randint(1, 4)), received)
        blocks = letter.clarification(ctx, content.TOPIC, _CLARIFY[plan.request])
        docs.append(
            _doc(ctx, doc_id(copy, plan, "clarification"), content, blocks,
                 document_type="clarification", outcome=None, received=received, **common)
        )  # fmt: skip
        clock = add_working_days(ctx.date, when.randint(2, 8))
    if plan.missing:
        return docs
    days = when.randint(23, 55) if plan.late else when.randint(6, 20)
    ctx = context("response", add_working_days(clock, days), clock)
    ctx.late = plan.late
    body, truth = content.build(ctx, plan.scenario)
    notice = letter.section17(ctx) if truth["exemptions"] else None
    blocks = letter.assemble(ctx, content.TOPIC, body, notice=notice)
    response = _doc(
        ctx, doc_id(copy, plan, "response"), content, blocks, document_type="response",
        received=clock if style.state_received else None, late=plan.late,
        working_days=working_days_between(clock, ctx.date), **common, **truth,
    )  # fmt: skip
    docs.append(response)
    if plan.reviewed:
        asked = add_working_days(ctx.date, when.randint(3, 15))
        rctx = context("review", add_working_days(asked, when.randint(10, 30)), clock)
        docs.append(_review(rctx, plan, copy, content, body, truth, ctx.date, asked, common))
    return docs


def _doc(ctx: Context, id_: str, content: Any, blocks: list[Block], **truth: Any) -> Doc:
    truth.setdefault("working_days", working_days_between(ctx.received, ctx.date))
    rec = record(
        id=id_,
        url=_url(ctx, id_),
        authority_name=ctx.authority.name,
        authority_code=ctx.authority.code,
        authority_in_text=ctx.named,
        reference=ctx.printed_reference,
        date=ctx.date.isoformat(),
        format=ctx.fmt,
        **truth,
    )
    if rec["received"] is not None and not isinstance(rec["received"], str):
        rec["received"] = rec["received"].isoformat()
    return Doc(
        doc_id=id_,
        title=content.TITLE,
        subject=f"Freedom of Information request {ctx.printed_reference or ''}".strip(),
        blocks=blocks,
        truth=rec,
        cover=_cover(ctx),
        meta={"reference": ctx.printed_reference or "", "date": ctx.day(ctx.date)},
    )


def _url(ctx: Context, id_: str) -> str | None:
    """Where a disclosure-log page is published; other formats have no public URL."""
    if ctx.fmt != "html":
        return None
    return f"https://{ctx.style.domain}/foi/disclosure-log/{id_.lower()}"


def _cover(ctx: Context) -> list[str]:
    ref = ctx.printed_reference
    s = ctx.style
    return [
        s.salutation,
        "Please find attached our response to your request for information"
        + (f" (reference {ref})." if ref else "."),
        s.closing,
        f"{s.team}\n{ctx.authority.name}",
    ]


def _review(
    ctx: Context,
    plan: Plan,
    copy: int,
    content: Any,
    body: letter.Body,
    truth: dict[str, Any],
    responded: dt.date,
    asked: dt.date,
    common: dict[str, Any],
) -> Doc:
    """An internal review: upholds the decision, or (section 22 only) overturns it."""
    ref = ctx.printed_reference
    blocks: list[Block] = letter.letterhead(ctx) if ctx.fmt != "html" else []
    blocks += [
        para(ctx.style.salutation),
        heading(f"Internal review{f' – {ctx.style.reference_label}: {ref}' if ref else ''}"),
        para(
            f"You asked us on {ctx.day(asked)} to review our response of {ctx.day(responded)} to "
            f"your request for information about {content.TOPIC}, which we received on "
            f"{ctx.day(ctx.received)}. I was not involved in the original decision and have "
            "reviewed the handling of your request and the information held."
        ),
    ]
    result: dict[str, Any]
    if plan.review_upheld:
        blocks.append(
            para("I have concluded that the original decision was correct and I uphold it.")
        )
        if "12" in truth["exemptions"]:
            blocks.append(para("For ease of reference, our original reasoning was as follows."))
            blocks += body.decision
        blocks += [para(_RESTATE[e]) for e in truth["exemptions"] if e in _RESTATE]
        result = {k: truth[k] for k in ("outcome", "exemptions", "cost_hours")}
        result["notes"] = f"demo internal review upholding {plan.scenario}"
    else:
        blocks.append(
            para(
                "I have concluded that section 22 no longer applies, as the report has now been "
                "published. The information you asked for is therefore provided below."
            )
        )
        result = {"outcome": "successful", "exemptions": [], "cost_hours": None}
        result["notes"] = f"demo internal review overturning {plan.scenario}"
        if plan.request == "flexibilities":
            may, june = ctx.rng.randint(30, 300), ctx.rng.randint(20, 200)
            blocks.append(
                para(
                    f"Virtual visits were carried out {may} times in May and {june} times in June 2020."
                )
            )
            result["flexibilities"] = [{"code": content_flex.VIRTUAL_VISITS, "used": True}]
            result["uses"] = {content_flex.VIRTUAL_VISITS: may + june}
            result["by_month"] = {content_flex.VIRTUAL_VISITS: {"2020-05": may, "2020-06": june}}
        else:
            blocks.append(para("The most recent quality assurance report is attached."))
    blocks += letter.rights(ctx, after_review=True)
    if ctx.fmt != "html":
        blocks += letter.sign_off(ctx)
    return _doc(
        ctx, doc_id(copy, plan, "review"), content, blocks, document_type="internal_review",
        received=ctx.received, **common, **result,
    )  # fmt: skip


__all__ = ["build_documents", "doc_id", "format_date"]
