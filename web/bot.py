"""Give each app (so each gunicorn worker) its loaded chatbot.

The model is loaded after gunicorn forks, never before: TensorFlow is not
fork-safe and a model loaded in the master makes every worker hang.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from chatbot import Bot, load_bot
from chatbot.model import model_path

_loaded: dict[tuple[Path, Path], Bot] = {}


def init_app(app: Flask) -> None:
    """Load the model for the current training data (once per process)."""
    training_data = Path(app.config["TRAINING_DATA"])
    path = Path(
        app.config.get("MODEL")
        or model_path(Path(app.config["MODEL_DIR"]), training_data)
    )
    if not path.exists():
        raise RuntimeError(
            f"No trained model at {path}. "
            "Run `make train` (or `make run`, which trains first)."
        )
    key = (path, training_data)
    if key not in _loaded:
        _loaded[key] = load_bot(path, training_data)
    app.extensions["nuri_bot"] = _loaded[key]


def get_bot() -> Bot:
    """Return the chatbot of the current app."""
    return current_app.extensions["nuri_bot"]
