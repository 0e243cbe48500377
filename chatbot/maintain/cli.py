"""Nuri's command line: `python -m chatbot parse|train|validate|eval`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from chatbot.language import LANGUAGES, REGIONS
from chatbot.paths import MODEL_DIR, TRAINING_DATA

_model_dir = click.option(
    "--model-dir", type=click.Path(path_type=Path), default=MODEL_DIR, show_default=True
)
_training_data = click.option(
    "--training-data",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=TRAINING_DATA,
    show_default=True,
)


@click.group()
def cli() -> None:
    """Nuri: a chatbot that helps teens with deepfakes and image-based abuse."""


@cli.command()
@_model_dir
@_training_data
def train(model_dir: Path, training_data: Path) -> None:
    """Train the Rasa model unless one for the current training data exists."""
    from chatbot.model import ensure_model, model_path

    target = model_path(model_dir, training_data)
    if target.exists():
        click.echo(f"==> Model is up to date: {target}")
        return
    click.echo(f"==> Training the Rasa model for the current training data -> {target}")
    _, seconds = ensure_model(model_dir, training_data)
    click.echo(f"==> Trained {target} in {seconds:.0f} s")


@cli.command()
@_model_dir
@_training_data
@click.option("--lang", type=click.Choice(LANGUAGES), help="The page's language.")
@click.option("--region", type=click.Choice(REGIONS))
def parse(
    model_dir: Path, training_data: Path, lang: str | None, region: str | None
) -> None:
    """Read one message per line on stdin; print one JSON object per line."""
    from chatbot import Context, load_bot
    from chatbot.model import ensure_model

    path, _ = ensure_model(model_dir, training_data)
    bot = load_bot(path, training_data)
    context = Context(lang=lang, region=region)
    for line in sys.stdin:
        text = line.rstrip("\n")
        if not text.strip():
            continue
        reply = bot.reply(text, context)
        record = {
            "text": text,
            "intent": reply.intent,
            "confidence": reply.confidence,
            "lang": reply.lang,
            "crisis": reply.crisis,
            "entities": [{"entity": k, "value": v} for k, v in reply.entities.items()],
        }
        click.echo(json.dumps(record, ensure_ascii=False))
        sys.stdout.flush()


@cli.command()
@_training_data
def validate(training_data: Path) -> None:
    """Check responses, facts, lexicons and examples beyond what Rasa checks."""
    from chatbot.maintain.validate import validate_all

    problems = validate_all(training_data)
    for problem in problems:
        click.echo(f"  - {problem}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {training_data}")
    click.echo("==> Content is valid: every intent answered, every fact sourced")


@cli.command(name="eval")
@_model_dir
@_training_data
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    default=Path("docs/eval"),
    show_default=True,
)
@click.option("--cross-validation/--no-cross-validation", default=False)
@click.option("--folds", default=3, show_default=True)
def evaluate(
    model_dir: Path,
    training_data: Path,
    report_dir: Path,
    cross_validation: bool,
    folds: int,
) -> None:
    """Score the real-message benchmark and the held-out sets; write the report."""
    from chatbot.maintain.evaluate import write_report

    started = time.perf_counter()
    summary = write_report(
        model_dir,
        training_data,
        report_dir,
        cross_validation=cross_validation,
        folds=folds,
    )
    click.echo(summary)
    click.echo(f"==> Report in {report_dir} ({time.perf_counter() - started:.0f} s)")


@cli.command()
@_model_dir
@_training_data
@click.option("--misses/--no-misses", default=True, help="List each miss.")
@click.option(
    "--only",
    default="*_*.yml",
    show_default=True,
    help="Score only the files matching this pattern, e.g. 'round7_*': a new "
    "round read once, before anything is tuned on it.",
)
def dev(model_dir: Path, training_data: Path, misses: bool, only: str) -> None:
    """Score the development set (benchmarks/dev/) and list what it got wrong.

    Read these misses to decide what training data to write; never read the
    benchmark's: it stays the measure nobody tuned on.
    """
    if not only.endswith(".yml"):
        only += ".yml"
    from chatbot import load_bot
    from chatbot.maintain import benchmark
    from chatbot.model import ensure_model

    rows = benchmark.read_rows(benchmark.DEV_SET, only)
    if not rows:
        raise click.UsageError(f"no development file matches {only!r}")
    path, _ = ensure_model(model_dir, training_data)
    bot = load_bot(path, training_data)
    answers = benchmark.answer_all(bot, rows)
    result = benchmark.score(answers)
    if misses:
        for line in benchmark.misses(answers):
            click.echo(line)
    for lang in LANGUAGES:
        if lang in result:  # --only may pick one language's files
            click.echo(f"dev {lang}: {json.dumps(result[lang])}")
