"""The parts every council letter shares: letterhead, title, boilerplate, sign-off.

Request-specific content (questions and answers) comes from ``content_flex`` and
``content_qa``; :func:`assemble` puts a letter together around it.

>>> import datetime as dt, random
>>> from foicompare.demo.register import load_authorities
>>> from foicompare.demo.styles import draw_style
>>> from foicompare.demo.context import Context
>>> a = load_authorities()[0]
>>> ctx = Context(a, draw_style(a, random.Random(1)), random.Random(2), "txt", "flexibilities",
...               "REQ01234", dt.date(2020, 7, 6), dt.date(2020, 8, 3))
>>> any("Information Commissioner" in b.text for b in rights(ctx))
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from foicompare.demo.context import Context
from foicompare.demo.model import Block, heading, lines, para

ICO_ADDRESS = (
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF"
)


@dataclass(slots=True)
class Body:
    """The request-specific part of a response.

    ``questions[i]`` and ``answers[i]`` belong together; ``answers`` is empty when the
    whole request is decided at once (a refusal), and then ``decision`` carries it.
    """

    questions: list[list[Block]]
    answers: list[list[Block]]
    decision: list[Block] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)


def letterhead(ctx: Context) -> list[Block]:
    """The top of the letter: team, address, contact details, date and reference."""
    s = ctx.style
    ref = ctx.printed_reference
    date = ctx.day(ctx.date)
    if s.letterhead == "coventry":
        return [
            lines(s.team),
            lines("Postal Address:", *s.address),
            lines(s.domain, f"E-mail: {s.email}", f"Phone: {s.phone}"),
            lines(date),
        ]
    if s.letterhead == "block":
        contact = [f"{s.reference_label}: {ref}" if ref else "", "Your ref:"]
        if s.signatory:
            contact.append(f"Please ask for: {s.signatory[0]}")
        contact += [f"Direct line: {s.phone}", f"Email: {s.email}", f"Date: {date}"]
        return [lines(*s.address, align="right"), lines(*contact)]
    return [lines(s.name, s.team), lines(f"Date: {date}", f"Ref: {ref}" if ref else "")]


def title(ctx: Context, topic: str) -> Block:
    """The bold title line naming the Act (and, in some styles, the reference)."""
    ref = ctx.printed_reference
    s = ctx.style
    if s.letterhead == "coventry" and ref:
        return heading(f"Freedom of Information Act 2000 (FOIA) {s.reference_label}: {ref}")
    return heading(f"Freedom of Information Request – {topic}")


def intro(ctx: Context, topic: str) -> list[Block]:
    """Thanks for the request, with the received date when this council states it."""
    if ctx.style.state_received:
        text = (
            f"Thank you for your request for information received on {ctx.day(ctx.received)} "
            f"relating to {topic}. Your request has been dealt with under the Freedom of "
            "Information Act 2000."
        )
    else:
        text = f"Thank you for your request for information relating to {topic}."
    out = [para(text)]
    if ctx.late:
        out.append(
            para(
                "Please accept our apologies for the delay in responding to your request, "
                "which was caused by the pressures on services during the pandemic."
            )
        )
    return out


def section17(ctx: Context) -> Block:
    """Refusal-notice wording: mentions section 17, which is not itself an exemption."""
    return para(
        "This letter acts as a refusal notice under section 17 of the Freedom of Information "
        "Act 2000 for the information that has been withheld."
    )


def reuse(ctx: Context) -> list[Block]:
    """Re-use and disclosure-log boilerplate (varies by council)."""
    variant = ctx.rng.randrange(3)
    if variant == 0:
        return [
            para(
                "The supply of information in response to a freedom of information request does "
                "not confer an automatic right to re-use the information. You can use any "
                "information supplied for the purposes of private study and non-commercial "
                "research without requiring further permission. Similarly, information supplied "
                "can also be re-used for the purposes of news reporting. An exception to this is "
                "photographs. Please contact us if you wish to use the information for any other "
                "purpose."
            )
        ]
    if variant == 1:
        return [
            para(
                "Most of the information that we provide in response to Freedom of Information "
                "Act 2000 requests will be subject to copyright protection. You are free to use "
                "it for your own purposes; any other re-use is covered by the Re-use of Public "
                "Sector Information Regulations 2015. Responses are published in our disclosure "
                f"log at https://{ctx.style.domain}/foi."
            )
        ]
    return [
        para(
            "Your personal data will be processed in line with the Data Protection Act 2018 and "
            f"our privacy notice, which is available at https://{ctx.style.domain}/privacy."
        )
    ]


def rights(ctx: Context, *, after_review: bool = False) -> list[Block]:
    """Internal review and Information Commissioner rights (never exemptions).

    After an internal review only the right to complain to the Commissioner remains.
    """
    s = ctx.style
    if after_review:
        return [
            para(
                "If you remain dissatisfied with the handling of your request, you have the "
                "right to apply to the Information Commissioner under section 50 of the Freedom "
                f"of Information Act 2000: {ICO_ADDRESS}, or https://ico.org.uk/make-a-complaint/."
            )
        ]
    if ctx.rng.random() < 0.5:
        return [
            para(
                "If you are unhappy with the handling of your request, you can ask us to review "
                "our response. Requests for reviews should be submitted within 40 days of the "
                "date of receipt of our response to your original request – email: "
                f"{s.email}"
            ),
            para(
                "If you are unhappy with the outcome of our review, you can write to the "
                f"Information Commissioner, who can be contacted at: {ICO_ADDRESS} or email "
                "icocasework@ico.org.uk."
            ),
        ]
    return [
        para(
            "If you are dissatisfied with this response you have the right to ask for an "
            f"internal review. Please write to the {s.team} at {s.email} within two months, "
            "quoting the reference above. If you remain dissatisfied after the review you may "
            "apply to the Information Commissioner under section 50 of the Act: "
            "https://ico.org.uk/make-a-complaint/."
        )
    ]


def sign_off(ctx: Context) -> list[Block]:
    """Closing, name and role (or the team), and the council when the letter is named."""
    s = ctx.style
    who = [s.signatory[0], s.signatory[1]] if s.signatory else [s.team]
    return [lines(s.closing), lines(*who, ctx.authority.name if ctx.named else "")]


def assemble(ctx: Context, topic: str, body: Body, *, notice: Block | None = None) -> list[Block]:
    """A whole response letter around ``body`` in this council's layout."""
    out: list[Block] = []
    if ctx.fmt != "html":
        out += letterhead(ctx)
        out.append(para(ctx.style.salutation))
        out.append(title(ctx, topic))
    out += intro(ctx, topic)
    if body.answers and ctx.style.layout == "interleaved":
        out.append(para("Please find our response to each part of your request below."))
        for q, a in zip(body.questions, body.answers, strict=True):
            out += q
            out += a
        out += body.decision
    else:
        out.append(para("You have requested the following information:"))
        for q in body.questions:
            out += q
        out += body.decision
        if body.answers:
            out.append(heading("Response"))
            for i, a in enumerate(body.answers, 1):
                out.append(para(f"Answer to question {i}:"))
                out += a
    out += body.after
    if notice is not None:
        out.append(notice)
    out += reuse(ctx)
    out += rights(ctx)
    if ctx.fmt != "html":
        if ctx.printed_reference:
            out.append(
                para(
                    "Please remember to quote the reference number above in any future communications."
                )
            )
        out += sign_off(ctx)
    return out


def acknowledgement(ctx: Context, topic: str, due: str) -> list[Block]:
    """A holding acknowledgement: states received and due dates, no decision."""
    ref = ctx.printed_reference
    out = letterhead(ctx) if ctx.fmt != "html" else []
    out += [
        para(ctx.style.salutation),
        heading(f"Acknowledgement of your request{f' – reference {ref}' if ref else ''}"),
        para(
            f"Thank you for your request for information about {topic}, which we received on "
            f"{ctx.day(ctx.received)}. Your request is being dealt with under the Freedom of "
            f"Information Act 2000 and you should receive a response within 20 working days, "
            f"by {due}."
        ),
        para(
            "If we need to clarify your request or if a fee is payable we will contact you. "
            "Please quote our reference in any correspondence about this request."
        ),
    ]
    return out + sign_off(ctx)


def clarification(ctx: Context, topic: str, question: str) -> list[Block]:
    """A request for clarification under section 1(3): no decision yet."""
    ref = ctx.printed_reference
    out = letterhead(ctx) if ctx.fmt != "html" else []
    out += [
        para(ctx.style.salutation),
        heading(f"Your request for information – {topic}{f' (reference {ref})' if ref else ''}"),
        para(
            f"Thank you for your request, which we received on {ctx.day(ctx.received)}. Before we "
            f"can respond we need you to clarify the information you are seeking. {question}"
        ),
        para(
            "Under section 1(3) of the Freedom of Information Act 2000 we are not obliged to "
            "comply with your request until we receive this clarification, and the 20 working "
            "day period will start again when we receive your reply. If we do not hear from you "
            "within two months we will treat the request as closed."
        ),
    ]
    return out + sign_off(ctx)
