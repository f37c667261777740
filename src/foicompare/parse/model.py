"""A small learned model for document type and outcome, where the rules stop generalising.

Features describe the decisive message (the authority's latest decision, see
:mod:`foicompare.parse.letter`): which kinds of wording the rule patterns find in it (a refusal,
"not held", information given, "some of", an acknowledgement's promise, a review), what the rules
decided, the answers' own outcomes and the shape of the page. They are counts of *kinds* of
wording, never particular documents' words, so the model cannot learn one council's phrasing.

The weights are a multinomial logistic regression fitted by ``scripts/train_models.py`` on the
training split of the real corpus (scikit-learn is used there only) and shipped as
``foicompare/data/extraction_model.json``; inference here is pure Python.

>>> f = features("We do not hold the information you requested.", rule_type="response",
...              rule_outcome="not_held")
>>> f["cue:not_held"], f["rule_outcome:not_held"]
(1.0, 1.0)
>>> label, p = predict("outcome", f)
>>> label in CLASSES["outcome"] and 0.0 <= p <= 1.0
True
"""

from __future__ import annotations

import functools
import json
import math
import operator
from importlib import resources
from typing import Any

from foicompare.parse import doctype, outcome
from foicompare.segment import REVIEW_RESULT, TABLE_ROW

#: the classes each model chooses between; "none" stands for a null outcome
CLASSES = {
    "document_type": (
        "response",
        "internal_review",
        "acknowledgement",
        "clarification",
        "request",
        "other",
    ),
    "outcome": ("successful", "partially_successful", "refused", "not_held", "none"),
}
MODEL_FILE = "extraction_model.json"

_CUES = {
    "refused": outcome.REFUSED,
    "not_held": outcome.NOT_HELD,
    "given": outcome.GIVEN,
    "some_given": outcome._SOME_GIVEN,
    "part_only": outcome._PART_ONLY,
    "whole_refused": outcome._WHOLE,
    "advice": outcome._ADVICE,
    "category": outcome.LOG_CATEGORY,
    "ack": doctype._ACK,
    "review": doctype._REVIEW,
    "review_result": REVIEW_RESULT,
}
_MADE = {
    "strong_decision": doctype._STRONG_DECISION,
    "decision": doctype._DECISION,
    "clarify": doctype._CLARIFY,
}


def features(
    text: str,
    *,
    rule_type: str | None,
    rule_outcome: str | None,
    answer_outcomes: tuple[str | None, ...] = (),
    exemptions: tuple[str, ...] = (),
    commissioner: bool = False,
    truncated: bool = False,
    has_decisive: bool = True,
    n_messages: int = 1,
    requester_share: float = 0.0,
) -> dict[str, float]:
    """The model's features for one decisive message ``text`` and what the rules made of it."""
    f: dict[str, float] = {"bias": 1.0}
    for name, rx in _CUES.items():
        f[f"cue:{name}"] = 1.0 if rx.search(text) else 0.0
    for name, rx in _MADE.items():
        f[f"cue:{name}"] = 1.0 if doctype._made(rx, text) else 0.0
    for name in ("refused", "not_held", "given", "some_given"):
        f[f"count:{name}"] = min(5, sum(1 for _ in _CUES[name].finditer(text))) / 5
    f["cue:table"] = 1.0 if len(TABLE_ROW.findall(text)) >= 2 else 0.0
    f[f"rule_type:{rule_type}"] = 1.0
    f[f"rule_outcome:{rule_outcome or 'none'}"] = 1.0
    answered = [o for o in answer_outcomes if o]
    f["answers"] = min(1.0, len(answered) / 5)
    for o in ("successful", "partially_successful", "refused", "not_held"):
        f[f"answers:{o}"] = answered.count(o) / len(answered) if answered else 0.0
    f["exemptions"] = 1.0 if exemptions else 0.0
    f["s12"] = 1.0 if "12" in exemptions else 0.0
    f["commissioner"] = 1.0 if commissioner else 0.0
    f["truncated"] = 1.0 if truncated else 0.0
    f["has_decisive"] = 1.0 if has_decisive else 0.0
    f["log_length"] = math.log1p(len(text)) / 10
    f["messages"] = min(1.0, n_messages / 5)
    f["requester_share"] = requester_share
    return f


@functools.lru_cache(maxsize=1)
def _weights() -> dict[str, Any] | None:
    try:
        raw = resources.files("foicompare.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return json.loads(raw)


def predict(field: str, feats: dict[str, float]) -> tuple[str | None, float]:
    """``(label, probability)`` for ``field`` (``document_type`` or ``outcome``).

    The label ``"none"`` of the outcome model is returned as ``None``; without a model file,
    ``(None, 0.0)``.
    """
    model = (_weights() or {}).get(field)
    if not model:
        return None, 0.0
    names = model["features"]
    x = [feats.get(n, 0.0) for n in names]
    # the same products summed in the same order as a generator would, at C speed
    if any(len(row) != len(x) for row in model["coef"]):
        raise ValueError(f"model {field}: a row of coefficients does not match its features")
    scores = [
        b + sum(map(operator.mul, row, x))
        for row, b in zip(model["coef"], model["intercept"], strict=True)
    ]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    best = max(range(len(scores)), key=scores.__getitem__)
    label = model["classes"][best]
    return (None if label == "none" else label), exps[best] / total
