"""Render docs/eval/README.md from the evaluation results."""

from __future__ import annotations

# What each held-out file in training_data/tests/ is (its name without _<lang>).
TEST_SETS = {
    "nlu": "first held-out set, written with the training data",
    "nlu_blind": "written blind, from docs/intents.md only",
    "nlu_final": "the last blind set, kept out of every decision: the honest measure",
    "nlu_safety_a": "blind crisis and near-miss messages (lexicon extended after)",
    "nlu_safety_b": "second blind safety set (lexicon extended after)",
}


def render_markdown(results: dict) -> str:
    """Turn results.json into a report people can read on GitHub."""
    nuri = results["nuri"]
    lines = [
        "# Evaluation",
        "",
        f"Model `{results['model']}`. Made by `make eval`; numbers in `results.json`.",
        "",
        *_real_section(results.get("real")),
        "## Held-out sets (written like the training data)",
        "",
        "Held-out messages in `training_data/tests/`, never in the training data "
        "but written the way it is, so they read higher than real messages. What "
        "teens get (model + crisis safety net + fallback):",
        "",
        "| Language | Messages | Accuracy | Macro-F1 | Crisis recall "
        "| Out-of-scope recall |",
        "|---|---|---|---|---|---|",
    ]
    for lang, s in nuri.items():
        lines.append(
            f"| {lang} | {s['messages']} | {s['accuracy']} | {s['macro_f1']} | "
            f"{s['crisis_recall']} | {s['out_of_scope_recall']} |"
        )
    lines += [
        "",
        "Targets: macro-F1 ≥ 0.92 per language, crisis recall 1.0, "
        "out-of-scope recall ≥ 0.85. `make test` fails on a missed crisis or a "
        "language below its floor in `tests/test_eval_gate.py`.",
        "",
    ]
    lines += _test_set_table(results.get("by_test_set", {}))
    for lang in ("ko", "en"):
        if lang not in nuri:
            continue
        lines += [
            f"## Per intent ({lang})",
            "",
            f"![Confusion matrix, {lang}](confusion_{lang}.png)",
            "",
            "| Intent | Precision | Recall | F1 | Support |",
            "|---|---|---|---|---|",
        ]
        for intent, m in nuri[lang]["per_intent"].items():
            lines.append(
                f"| `{intent}` | {m['precision']} | {m['recall']} | {m['f1']} "
                f"| {m['support']} |"
            )
        lines += ["", "Most frequent confusions:", ""]
        lines += [
            f"- `{c['gold']}` → `{c['predicted']}`: {c['count']}"
            for c in nuri[lang]["confusions"][:8]
        ] or ["- none"]
        lines.append("")
    lines += [
        "## Fallback threshold",
        "",
        "Macro-F1 if the FallbackClassifier threshold were each value "
        "(same held-out set):",
        "",
        "| Threshold | Macro-F1 ko | Macro-F1 en | Out-of-scope recall |",
        "|---|---|---|---|",
    ]
    for row in results["threshold_sweep"]:
        lines.append(
            f"| {row['threshold']} | {row.get('macro_f1_ko')} "
            f"| {row.get('macro_f1_en')} | "
            f"{row['out_of_scope_recall']} |"
        )
    lines += ["", "## Rasa's own report (`rasa test nlu`, model alone)", ""]
    for name, report in results.get("rasa", {}).items():
        macro = report.get("macro avg", {})
        folds = results.get("cross_validation_folds")
        label = name.replace("_", " ")
        if name == "cross_validation" and folds:
            label += f" ({folds} folds over the training data)"
        lines.append(
            f"- {label}: accuracy {report.get('accuracy', 0):.3f}, "
            f"macro-F1 {macro.get('f1-score', 0):.3f}"
        )
    lines += ["", "![Rasa confusion matrix, held-out](rasa_held_out_confusion.png)", ""]
    return "\n".join(lines)


REAL_TARGETS = {
    "accepted": "≥ 0.90",
    "wrong_fallback": "≤ 0.05",
    "off_topic_recall": "≥ 0.70",
    "crisis_recall": "1.0",
    "near_miss_false_alarms": "≤ 0.20",
    "victims_helped": "≥ 0.95",
}
REAL_NAMES = {
    "accepted": "Accepted answers (questions)",
    "accepted_or_clarified": "… or a clarifying question offering a right topic",
    "in_one_tap": "In-domain questions one tap from an accepted answer",
    "wrong_fallback": "Generic menu on an in-domain question",
    "clarified": "Clarifying questions",
    "off_topic_recall": "Off-topic questions recognised",
    "crisis_recall": "Crisis messages given the crisis answer",
    "near_miss_false_alarms": "Hyperbole sent to the crisis answer",
    "near_misses_answered": "… hyperbole whose question got its answer",
    "victims_helped": "Teen victims reaching a help answer",
    "victims_in_one_tap": "… or one tap from it",
}


def _real_section(real: dict | None) -> list[str]:
    if not real:
        return []
    langs = [lang for lang in ("ko", "en") if lang in real]
    lines = [
        "## Real-message benchmark (the measure that matters)",
        "",
        "Messages in `benchmarks/real/`, each written by us on the model of one "
        "public message (help-centre FAQs, Q&A and advice letters, counselling "
        "write-ups, news quotes) with the set of intents whose answer a reviewer "
        "accepts. Never trained on.",
        "",
        "| Figure | " + " | ".join(langs) + " | Target |",
        "|---|" + "---|" * len(langs) + "---|",
    ]
    for key, name in REAL_NAMES.items():
        values = " | ".join(str(real[lang][key]) for lang in langs)
        lines.append(f"| {name} | {values} | {REAL_TARGETS.get(key, '')} |")
    counts = ", ".join(
        f"{lang}: {real[lang]['questions']} questions, "
        f"{real[lang]['crisis_messages']} crisis messages"
        for lang in langs
    )
    lines += [
        "",
        f"Rows: {counts}. Accepted share by speaker: "
        + ", ".join(f"{who} {share}" for who, share in real["by_speaker"].items())
        + ".",
        "",
        "![Real-message confusions](real_confusion.png)",
        "",
        "Most frequent misses (the first intent the row accepts → what Nuri answered):",
        "",
    ]
    lines += [
        f"- `{c['expected']}` → `{c['answered']}`: {c['count']}"
        for c in real["confusions"][:10]
    ] or ["- none"]
    missed = real.get("missed_crises") or []
    lines += ["", f"Crisis messages missed: {len(missed)}."]
    lines += [f"- {m['lang']}: answered `{m['answered']}`" for m in missed]
    return lines + [""]


def _test_set_table(by_set: dict) -> list[str]:
    if not by_set:
        return []
    lines = [
        "## Per test set",
        "",
        "How the blind sets compare with the first one (docs/nlu.md tells how each "
        "was made).",
        "",
        "| Set | What it is | Language | Messages | Macro-F1 | Crisis recall "
        "| Out-of-scope recall |",
        "|---|---|---|---|---|---|---|",
    ]
    known = [name for name in TEST_SETS if name in by_set]
    for name in known + sorted(set(by_set) - set(known)):
        for lang, s in by_set[name].items():
            lines.append(
                f"| `{name}` | {TEST_SETS.get(name, '')} | {lang} | {s['messages']} "
                f"| {s['macro_f1']} | {s['crisis_recall']} "
                f"| {s['out_of_scope_recall']} |"
            )
    return lines + [""]
