#!/usr/bin/env python3
"""Fit the document-type and outcome models and write ``foicompare/data/extraction_model.json``.

Multinomial logistic regression (scikit-learn, a dev dependency only) on the features of
:mod:`foicompare.parse.model`, computed by the parser on each labelled document. It is fitted on
the training split (``scripts/corpus.py``); ``--with-dev`` adds the dev split for the final fit,
once the choices (features, regularisation, thresholds) were made on dev. Test documents are
never read here.

Usage (from the repository root; ``FOICOMPARE_SHARED`` points at ``../shared`` when the
repository is not beside it)::

    python scripts/train_models.py              # fit on train, print dev accuracy of the model alone
    python scripts/train_models.py --with-dev   # the shipped fit: train + dev

The fit is deterministic (lbfgs, no sampling): the same corpus and rules give the same file.
Refit after new labelled documents land or a rule changes, since the features include what the
rules decided; then ``python scripts/accuracy.py --splits`` for the tables.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from foicompare.parse import model, parse_response  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "foicompare" / "data" / model.MODEL_FILE


def _rows(docs: list[corpus.Doc]) -> list[tuple[dict[str, float], dict]]:
    out = []
    for d in docs:
        assert d.split != "test"
        feats: dict[str, float] = {}
        try:
            parse_response(d.path.read_text(encoding="utf-8"), url=d.url, features_out=feats)
        except Exception as exc:  # a parser bug must not stop the fit
            print(f"{d.id}: cannot parse: {exc}", file=sys.stderr)
            continue
        out.append((feats, d.label))
    return out


def _target(field: str, label: dict) -> str:
    value = label.get(field)
    return "none" if value is None else str(value)


def fit(rows: list[tuple[dict[str, float], dict]], c: float) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f, _ in rows for k in f if k != "bias"})
    x = [[f.get(n, 0.0) for n in names] for f, _ in rows]
    models = {}
    for field in ("document_type", "outcome"):
        y = [_target(field, lab) for _, lab in rows]
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit(x, y)
        coef = clf.coef_.tolist()
        intercept = clf.intercept_.tolist()
        classes = [str(k) for k in clf.classes_]
        if len(classes) == 2:  # binary: scikit-learn keeps one row; make it two-class softmax
            coef = [[-w for w in coef[0]], coef[0]]
            intercept = [-intercept[0], intercept[0]]
        models[field] = {
            "classes": classes,
            "features": names,
            "coef": [[round(w, 5) for w in row] for row in coef],
            "intercept": [round(b, 5) for b in intercept],
        }
    return models


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--with-dev", action="store_true", help="fit on train + dev (final fit)")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    docs = [d for d in corpus.load() if d.split in ("train", "dev")]
    train = _rows([d for d in docs if d.split == "train" or args.with_dev])
    dev = _rows([d for d in docs if d.split == "dev"])
    weights = fit(train, args.C)
    weights["trained_on"] = "train+dev" if args.with_dev else "train"
    weights["n_documents"] = len(train)
    OUT.write_text(json.dumps(weights, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    model._weights.cache_clear()
    for field in ("document_type", "outcome"):
        right = sum((model.predict(field, f)[0] or "none") == _target(field, lab) for f, lab in dev)
        print(f"{field}: model alone on dev {right}/{len(dev)} = {right / max(1, len(dev)):.2f}")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, fitted on {len(train)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
