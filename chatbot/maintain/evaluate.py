"""Measure Nuri on held-out messages: per language, per intent, as teens get it.

Two views go into docs/eval/: Rasa's own `rasa test nlu` report of the model
alone (and cross-validation when asked), and Nuri's end result, where the
crisis safety net and the fallback have had their say. A fallback counts as an
`out_of_scope` answer: that is what the teen sees.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from chatbot.maintain.examples import read_examples
from chatbot.maintain.scoring import (
    Outcome,
    by_language,
    by_test_set,
    threshold_sweep,
)
from chatbot.understand import FALLBACK_INTENT


def held_out_examples(training_data: Path) -> list[tuple[str, str, str]]:
    """Return (intent, text, lang) for the held-out files tests/nlu_*_<lang>.yml."""
    return [example for example, _ in held_out_sets(training_data)]


def held_out_sets(training_data: Path) -> list[tuple[tuple[str, str, str], str]]:
    """Each held-out (intent, text, lang) with its set: the file name minus language."""
    files = sorted((training_data / "tests").glob("nlu_*.yml"))
    found = []
    for intent, text, path in read_examples(files):
        name, lang = path.stem.rsplit("_", 1)
        found.append(((intent, text, lang), name))
    return found


def run_bot(bot, examples: list[tuple[str, str, str]]) -> list[Outcome]:
    """Answer every held-out message the way the API would."""
    from chatbot.bot import Context

    outcomes = []
    for gold, text, lang in examples:
        understanding = bot.understander.parse(text)
        reply = bot.respond(text, understanding, Context(lang=lang))
        predicted = "out_of_scope" if reply.intent == FALLBACK_INTENT else reply.intent
        outcomes.append(
            Outcome(
                text,
                lang,
                gold,
                predicted,
                reply.crisis,
                understanding.best_guess or FALLBACK_INTENT,
                understanding.confidence,
            )
        )
    return outcomes


def write_report(
    model_dir: Path,
    training_data: Path,
    report_dir: Path,
    cross_validation: bool = False,
    folds: int = 3,
) -> str:
    """Evaluate, write docs/eval/ (JSON, Markdown, pictures), return a summary.

    The real-message benchmark comes first: it is the measure that matters.
    """
    from chatbot import load_bot
    from chatbot.maintain import benchmark
    from chatbot.model import ensure_model

    model, _ = ensure_model(model_dir, training_data)
    bot = load_bot(model, training_data)
    held_out = held_out_sets(training_data)
    outcomes = run_bot(bot, [example for example, _ in held_out])
    answers = benchmark.answer_all(bot, benchmark.read_rows())
    results = {
        "model": model.name,
        "real": benchmark.score(answers),
        "nuri": by_language(outcomes),
        "by_test_set": by_test_set(outcomes, [name for _, name in held_out]),
        "threshold_sweep": threshold_sweep(outcomes),
    }
    report_dir.mkdir(parents=True, exist_ok=True)
    results["rasa"] = _rasa_test(
        model, training_data, report_dir, cross_validation, folds
    )
    if cross_validation:
        results["cross_validation_folds"] = folds
    (report_dir / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False)
    )
    benchmark.confusion_picture(answers, report_dir / "real_confusion.png")
    for lang in ("ko", "en"):
        _confusion_picture(
            [o for o in outcomes if o.lang == lang],
            report_dir / f"confusion_{lang}.png",
            lang,
        )
    from chatbot.maintain.report import render_markdown

    (report_dir / "README.md").write_text(render_markdown(results), encoding="utf-8")
    real = results["real"]
    lines = [
        f"real {lang}: accepted {real[lang]['accepted']}, crisis recall "
        f"{real[lang]['crisis_recall']}, near-miss false alarms "
        f"{real[lang]['near_miss_false_alarms']}"
        for lang in ("ko", "en")
    ]
    lines += [
        f"held-out {lang}: macro-F1 {s['macro_f1']}, crisis recall "
        f"{s['crisis_recall']}, out-of-scope recall {s['out_of_scope_recall']}"
        for lang, s in results["nuri"].items()
    ]
    return "\n".join(lines)


def _rasa_test(
    model: Path,
    training_data: Path,
    report_dir: Path,
    cross_validation: bool,
    folds: int,
) -> dict:
    """Run Rasa's own `rasa test nlu`; keep its intent reports and pictures."""
    rasa = str(Path(sys.executable).with_name("rasa"))
    kept = {}
    runs = [
        (
            "held_out",
            [
                rasa,
                "test",
                "nlu",
                "--model",
                str(model),
                "--nlu",
                str(training_data / "tests"),
            ],
        )
    ]
    if cross_validation:
        runs.append(
            (
                "cross_validation",
                [
                    rasa,
                    "test",
                    "nlu",
                    "--nlu",
                    str(training_data / "data"),
                    "--config",
                    str(training_data / "config.yml"),
                    "--cross-validation",
                    "--runs",
                    "1",
                    "--folds",
                    str(folds),
                ],
            )
        )
    for name, command in runs:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [*command, "--out", out], check=True, stdout=subprocess.DEVNULL
            )
            report = json.loads((Path(out) / "intent_report.json").read_text())
            kept[name] = {
                k: report[k]
                for k in ("accuracy", "macro avg", "weighted avg")
                if k in report
            }
            picture = Path(out) / "intent_confusion_matrix.png"
            if picture.exists():
                shutil.copy(picture, report_dir / f"rasa_{name}_confusion.png")
    return kept


def _confusion_picture(outcomes: list[Outcome], path: Path, lang: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    labels = sorted({o.gold for o in outcomes} | {o.predicted for o in outcomes})
    figure, axes = plt.subplots(figsize=(12, 11))
    ConfusionMatrixDisplay.from_predictions(
        [o.gold for o in outcomes],
        [o.predicted for o in outcomes],
        labels=labels,
        ax=axes,
        xticks_rotation=90,
        colorbar=False,
        cmap="Blues",
    )
    axes.set_title(f"Nuri on held-out {lang} messages (rows: true intent)")
    figure.tight_layout()
    figure.savefig(path, dpi=80)
    plt.close(figure)
