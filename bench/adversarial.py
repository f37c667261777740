"""Worst-case timings of every parser stage on adversarial real line shapes (issue 14).

The shapes are what real council emails and WhatDoTheyKnow pages hold, pushed to size:
separator lines (runs of 10,000 of each of ``- * # > • = _ space .``), 5,000 nested ``>``
quote levels, a 2 MB single line, 100,000 short lines, tabs and non-breaking spaces. Each is
wrapped in a short real reply so that every rule family has something to look at. Every
stage runs once per shape (time in CPU seconds, so the machine's load matters less); the
table goes into ``bench/RESULTS.md`` (section 7) and can be printed alone::

    python bench/adversarial.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from foicompare import authorities, pipeline, text
from foicompare.parse import parse_response
from foicompare.parse.answers import find_answers
from foicompare.topics import flexibilities
from foicompare.topics.segment import sentences

#: a short real-shaped reply around each shape
HEAD = (
    "From: FOI Team <foi@leeds.gov.uk>\nSubject: Freedom of Information Request - FOI 12026\n\n"
    "Dear Ms Smith,\n\nThank you for your request received on 3 March 2021.\n\n"
    "1. How many children were placed under the Adoption and Children (Coronavirus) "
    "(Amendment) Regulations 2020?\n"
)
TAIL = (
    "\n2. Did you use virtual visits?\nYes. We used virtual visits under regulation 28.\n\n"
    "Some information is exempt under section 40(2).\n\nYours sincerely,\nLeeds City Council\n"
)


def shapes(scale: float = 1.0) -> dict[str, str]:
    """Each adversarial shape by name, as a whole document text (``scale`` < 1: smaller, for a
    quick run; the names keep the full sizes)."""

    def n(count: int) -> int:
        return max(1, int(count * scale))

    out: dict[str, str] = {}
    for ch, name in (("-", "dash"), ("*", "star"), ("#", "hash"), (">", "gt"), ("•", "bullet"),
                     ("=", "equals"), ("_", "underscore"), (" ", "space"), (".", "dot")):  # fmt: skip
        out[f"10,000 '{ch}' ({name})"] = (
            HEAD + ch * n(10_000) + "\n" + ch * n(10_000) + " 12\n" + TAIL
        )
    out["5,000 nested '>' quotes"] = (
        HEAD
        + "".join("> " * level + "On 1 May 2021 wrote:\n" for level in range(0, n(5_000), 50))
        + "> " * n(5_000)
        + "1. 22\n"
        + TAIL
    )
    out["2 MB single line"] = (
        HEAD
        + ("refused under section 12 as the cost exceeds " * 50_000)[: n(2 * 1024 * 1024)]
        + "\n"
        + TAIL
    )
    out["100,000 short lines"] = HEAD + "".join(f"{i % 60}. x\n" for i in range(n(100_000))) + TAIL
    out["tabs and non-breaking spaces"] = (
        HEAD
        + ("\t\u00a0 \t1.\u00a0\u00a0Reg\u00a028\t\tvirtual\u00a0visits\u00a0 \t\n" * n(20_000))
        + TAIL
    )
    return out


def _html(body: str) -> bytes:
    return ("<html><body><pre>" + body.replace("&", "&amp;").replace("<", "&lt;") +
            "</pre></body></html>").encode()  # fmt: skip


#: stage name -> function of the document text (each returns something, checked by the tests)
STAGES: dict[str, Callable[[str], object]] = {
    "text: TXT": lambda t: text.extract(t.encode(), filename="reply.txt").text,
    "text: HTML": lambda t: text.extract(_html(t), filename="reply.html").text,
    "segment.sentences": sentences,
    "parse.find_answers": find_answers,
    "parse.parse_response": parse_response,
    "topics.flexibilities": lambda t: flexibilities.extract(t, []),
    "authorities.resolve_document": lambda t: authorities.resolve_document(t),
    "pipeline.analyse": pipeline.analyse,
}


def measure(scale: float = 1.0) -> list[tuple[str, str, float]]:
    """(shape, stage, CPU seconds) for every shape and stage."""
    pipeline.analyse("Dear Sir, warm-up 1. x")  # load tables and vocabulary first
    rows = []
    for shape, doc in shapes(scale).items():
        for stage, run in STAGES.items():
            t0 = time.process_time()
            run(doc)
            rows.append((shape, stage, time.process_time() - t0))
    return rows


def render(rows: list[tuple[str, str, float]]) -> list[str]:
    """The markdown table: shapes as rows, stages as columns, worst case last."""
    stage_names = list(STAGES)
    by_shape: dict[str, dict[str, float]] = {}
    for shape, stage, seconds in rows:
        by_shape.setdefault(shape, {})[stage] = seconds
    out = [
        "| shape | " + " | ".join(stage_names) + " |",
        "|---|" + "---:|" * len(stage_names),
    ]
    for shape, times in by_shape.items():
        out.append(f"| {shape} | " + " | ".join(f"{times[s]:.2f}" for s in stage_names) + " |")
    worst = {s: max(t[s] for t in by_shape.values()) for s in stage_names}
    out.append("| **worst** | " + " | ".join(f"**{worst[s]:.2f}**" for s in stage_names) + " |")
    return out


if __name__ == "__main__":
    print("\n".join(render(measure())))
