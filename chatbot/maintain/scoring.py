"""Score what Nuri answered: macro-F1, crisis and out-of-scope recall, sweeps.

Pure functions over `Outcome`s, so the same scoring serves the held-out sets,
the real-message benchmark and the CI gate.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

THRESHOLDS = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


@dataclass(frozen=True)
class Outcome:
    """One held-out message and what Nuri did with it."""

    text: str
    lang: str
    gold: str
    predicted: str
    crisis: bool
    best_guess: str
    confidence: float


def by_test_set(outcomes: list[Outcome], names: list[str]) -> dict[str, dict]:
    """Score each test set (the first held-out set, the blind ones) per language."""
    grouped: dict[str, list[Outcome]] = {}
    for outcome, name in zip(outcomes, names, strict=True):
        grouped.setdefault(name, []).append(outcome)
    return {
        name: {
            lang: {
                key: value
                for key, value in scores([o for o in group if o.lang == lang]).items()
                if key not in ("per_intent", "confusions")
            }
            for lang in sorted({o.lang for o in group})
        }
        for name, group in grouped.items()
    }


def scores(outcomes: list[Outcome]) -> dict:
    """Macro-F1, per-intent precision/recall/F1, crisis and out-of-scope recall."""
    from sklearn.metrics import precision_recall_fscore_support

    gold = [o.gold for o in outcomes]
    predicted = [o.predicted for o in outcomes]
    labels = sorted(set(gold))
    p, r, f, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    crises = [o for o in outcomes if o.gold == "crisis"]
    off_topic = [o for o in outcomes if o.gold == "out_of_scope"]
    return {
        "messages": len(outcomes),
        "accuracy": round(
            sum(g == q for g, q in zip(gold, predicted, strict=True)) / len(gold), 4
        ),
        "macro_f1": round(float(f.mean()), 4),
        "crisis_recall": round(sum(o.crisis for o in crises) / len(crises), 4)
        if crises
        else None,
        "out_of_scope_recall": round(
            sum(o.predicted == "out_of_scope" for o in off_topic) / len(off_topic), 4
        )
        if off_topic
        else None,
        "per_intent": {
            label: {
                "precision": round(float(p[i]), 3),
                "recall": round(float(r[i]), 3),
                "f1": round(float(f[i]), 3),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusions": [
            {"gold": g, "predicted": q, "count": n}
            for (g, q), n in Counter(
                (o.gold, o.predicted) for o in outcomes if o.gold != o.predicted
            ).most_common(15)
        ],
    }


def by_language(outcomes: list[Outcome]) -> dict[str, dict]:
    """Score each language on its own, and both together."""
    result = {
        lang: scores([o for o in outcomes if o.lang == lang])
        for lang in sorted({o.lang for o in outcomes})
    }
    result["all"] = scores(outcomes)
    return result


def threshold_sweep(outcomes: list[Outcome]) -> list[dict]:
    """What macro-F1 and out-of-scope recall each fallback threshold would give."""
    rows = []
    for threshold in THRESHOLDS:
        simulated = [
            Outcome(
                o.text,
                o.lang,
                o.gold,
                o.predicted
                if o.crisis
                else (o.best_guess if o.confidence >= threshold else "out_of_scope"),
                o.crisis,
                o.best_guess,
                o.confidence,
            )
            for o in outcomes
        ]
        result = by_language(simulated)
        rows.append(
            {
                "threshold": threshold,
                **{f"macro_f1_{k}": v["macro_f1"] for k, v in result.items()},
                "out_of_scope_recall": result["all"]["out_of_scope_recall"],
            }
        )
    return rows
