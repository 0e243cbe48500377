"""Compare Korean tokenizers for the NLU pipeline: whitespace vs Kiwi morphemes.

Trains the pipeline in training_data/config.yml twice, once as it is and once
with WhitespaceTokenizer swapped for chatbot.kiwi_tokenizer.KiwiTokenizer, then
scores both on the held-out messages exactly as `make eval` does.

Usage: .venv/bin/python benchmarks/tokenizers.py   (about 10 minutes on 2 cores)
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import yaml

from chatbot.maintain.evaluate import held_out_examples, run_bot
from chatbot.maintain.scoring import by_language
from chatbot.paths import TRAINING_DATA

REPO = Path(__file__).resolve().parent.parent

KIWI = "chatbot.kiwi_tokenizer.KiwiTokenizer"


def variant(config: dict, tokenizer: str) -> dict:
    pipeline = [dict(c) for c in config["pipeline"]]
    pipeline[0] = {"name": tokenizer}
    return {**config, "pipeline": pipeline}


def train_and_score(config: dict, workdir: Path, name: str) -> dict:
    from chatbot import load_bot
    from chatbot.quiet import silence_rasa

    silence_rasa()
    from rasa.model_training import train_nlu

    config_path = workdir / f"{name}.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True))
    started = time.perf_counter()
    model = train_nlu(
        config=str(config_path),
        nlu_data=str(TRAINING_DATA / "data"),
        output=str(workdir),
        fixed_model_name=name,
        domain=str(TRAINING_DATA / "domain.yml"),
    )
    seconds = time.perf_counter() - started
    bot = load_bot(Path(model), TRAINING_DATA)
    results = by_language(run_bot(bot, held_out_examples(TRAINING_DATA)))
    return {
        "train_s": round(seconds),
        **{f"macro_f1_{lang}": r["macro_f1"] for lang, r in results.items()},
        **{f"accuracy_{lang}": r["accuracy"] for lang, r in results.items()},
    }


def main() -> None:
    config = yaml.safe_load((TRAINING_DATA / "config.yml").read_text())
    current = config["pipeline"][0]["name"]
    other = "WhitespaceTokenizer" if current == KIWI else KIWI
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for tokenizer in (current, other):
            name = "kiwi" if tokenizer == KIWI else "whitespace"
            results[name] = train_and_score(variant(config, tokenizer), Path(tmp), name)
            print(name, results[name], flush=True)
    out = REPO / "benchmarks" / "tokenizers.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
