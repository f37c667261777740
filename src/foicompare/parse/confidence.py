"""How far to trust each extracted field, and whether a person should look at the document.

:func:`assess` turns what the parser saw while reading (``signals``: which rule gave each
value, whether the text was cut off, whether the learned model agreed) into a confidence per
field (0–1) and a list of review reasons. The figures are rule-of-thumb calibrations fitted on
the training split of the real corpus (``scripts/accuracy.py --splits``): a value read from a
labelled field ("Our ref:", "Date:") is right far more often than one read from a bare line,
and an outcome on which the rules and the model agree more often than one on which they do not.

A review reason names a situation in which the type or outcome was found wrong at least half the
time on the training and dev splits (``needs_review`` is set when any reason is given):

* ``rules and model disagree on <field>`` (about 9 in 10 wrong),
* ``no decision visible in a response``: a whole reply (not cut off) from which no rule read a
  decision (about 7 in 10),
* ``no decision read from the Commissioner's notice`` (about 9 in 10),
* ``internal review: ...``: an outcome read from a review, which restates the original decision
  before its own (7 in 10),
* ``refused without a section relied on``: the ground is usually there but unread.

A low confidence alone is not a reason: a text cut off before its decision gets a low outcome
confidence and a null outcome, which is what the labels give such texts most of the time.

>>> rec = {"document_type": "response", "outcome": None, "date": "2021-05-03", "reference": None,
...        "act": "FOIA", "exemptions": [], "cost_hours": None, "received": None}
>>> conf, reasons = assess(rec, {"document_type": "cue", "date": "labelled", "act": "named"})
>>> conf["date"], conf["outcome"] < 0.6, reasons
(0.9, True, ['no decision visible in a response'])

A text cut off before its decision keeps a low outcome confidence but is not a reason to review
by itself (the outcome is rightly null):

>>> assess(rec, {"document_type": "cue", "truncated": True})[1]
[]
"""

from __future__ import annotations

from typing import Any

#: fields that carry a confidence, in the order of the Response record
FIELDS = (
    "document_type",
    "outcome",
    "date",
    "received",
    "reference",
    "act",
    "exemptions",
    "cost_hours",
)

_BY_HOW: dict[str, dict[str | None, float]] = {
    "document_type": {
        "notice": 0.9,
        "cue": 0.85,
        "answers": 0.8,
        "model": 0.65,
        "default": 0.55,
        None: 0.6,
    },
    "date": {"labelled": 0.9, "letter": 0.85, "header": 0.8, "notice": 0.8, "meta": 0.7, None: 0.6},
    "received": {"found": 0.8, "meta": 0.7, None: 0.7},
    "reference": {"labelled": 0.9, "other": 0.75, "bare": 0.65, None: 0.65},
    "act": {"named": 0.95, "bare": 0.7, None: 0.5},
}


def assess(response: dict[str, Any], signals: dict[str, Any]) -> tuple[dict[str, float], list[str]]:
    """``(confidence per field, review reasons)`` for one parsed Response; see the module doc.

    ``signals`` keys: ``document_type`` / ``date`` / ``received`` / ``reference`` / ``act``
    (which rule gave the value), ``outcome`` (``"answers"``, ``"category"``, ``"rules"``),
    ``truncated`` (the text stops inside the decisive message), ``model`` (the learned
    model's ``{"document_type": (label, p), "outcome": (label, p)}``), ``exemptions_context``
    (every section found next to words of reliance).
    """
    conf: dict[str, float] = {}
    reasons: list[str] = []
    for field, table in _BY_HOW.items():
        how = signals.get(field)
        value = response.get(field)
        conf[field] = table.get(how, 0.6) if value is not None else table[None]
    doc_type = response.get("document_type")
    outcome = response.get("outcome")
    decision = doc_type in ("response", "internal_review")
    truncated = bool(signals.get("truncated"))
    notice = signals.get("document_type") == "notice"
    if outcome is None:
        conf["outcome"] = 0.85 if not (decision or notice) else 0.4
        if decision and not truncated:
            # a whole reply whose decision no rule read: the wording is one the rules miss
            reasons.append("no decision visible in a response")
        elif notice:
            reasons.append("no decision read from the Commissioner's notice")
    else:
        conf["outcome"] = {"category": 0.9, "answers": 0.8, "rules": 0.7, "model": 0.6}.get(
            signals.get("outcome"), 0.65
        )
    if truncated and (decision or notice):
        # a cut-off text: what follows may change the outcome (a note, not a reason to review)
        conf["outcome"] = min(conf["outcome"], 0.5)
    if doc_type == "internal_review" and outcome is not None:
        # a review restates the original decision before its own: the two are easily confused
        conf["outcome"] = min(conf["outcome"], 0.45)
        reasons.append("internal review: the review's own decision is hard to tell apart")
    exemptions = response.get("exemptions") or []
    conf["exemptions"] = 0.85 if signals.get("exemptions_context", True) else 0.6
    if not exemptions:
        conf["exemptions"] = 0.9 if outcome not in ("refused", "partially_successful") else 0.6
    if outcome == "refused" and not exemptions and decision:
        reasons.append("refused without a section relied on")
    conf["cost_hours"] = 0.8 if response.get("cost_hours") is not None else 0.9
    for field in ("document_type", "outcome"):
        said = (signals.get("model") or {}).get(field)
        if not said:
            continue
        label, p = said
        if label == response.get(field):
            conf[field] = round(min(0.98, conf[field] + 0.1 * p), 2)
        else:
            conf[field] = round(min(conf[field], 1 - p + 0.1), 2)
            reasons.append(f"rules and model disagree on {field}")
    for field in FIELDS:
        conf[field] = round(max(0.0, min(1.0, conf.get(field, 0.6))), 2)
    return conf, reasons
