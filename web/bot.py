"""Give each app (so each gunicorn worker) its loaded chatbot.

The model is loaded after gunicorn forks, never before: TensorFlow is not
fork-safe and a model loaded in the master makes every worker hang. It loads
on first use, so maintainers' `flask nuri …` commands never wait for it;
gunicorn loads it before a worker takes requests (gunicorn.conf.py).
"""

from __future__ import annotations

import tarfile
import threading
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, current_app

from chatbot import Bot, load_bot, model_path
from web.errors import StartupError


def find_model(config: Mapping) -> Path:
    """Return the model to serve: MODEL if set, else the one for the training data."""
    path = Path(
        config.get("MODEL")
        or model_path(Path(config["MODEL_DIR"]), Path(config["TRAINING_DATA"]))
    )
    if not path.is_file():
        raise StartupError(
            f"No trained model at {path}. "
            "Run `make train` (or `make run`, which trains first)."
        )
    return path


def check_model(path: Path) -> None:
    """Refuse a model file that is not a readable Rasa model archive."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            names = archive.getnames()
    except (OSError, tarfile.TarError) as error:
        raise StartupError(f"The model {path} cannot be read ({error}).") from error
    if not any(name.endswith("metadata.json") for name in names):
        raise StartupError(f"The model {path} is not a Rasa model (no metadata).")


class LazyBot:
    """The chatbot of one app, loaded the first time a message needs it."""

    def __init__(
        self, model: Path | None, training_data: Path, nlu_url: str | None = None
    ) -> None:
        self.model = model
        self.training_data = training_data
        self.nlu_url = nlu_url
        self._bot: Bot | None = None
        self._lock = threading.Lock()

    def get(self) -> Bot:
        """Load the bot once (the model itself once per process), then reuse it."""
        if self._bot is None:
            with self._lock:
                if self._bot is None:
                    self._bot = load_bot(self.model, self.training_data, self.nlu_url)
        return self._bot


def init_app(app: Flask) -> None:
    """Find the model now, so a missing one stops start-up; load it on first use.

    With NLU_URL set, a Rasa server parses and this process loads no model.
    """
    url = app.config.get("NLU_URL")
    app.extensions["nuri_bot"] = LazyBot(
        None if url else find_model(app.config),
        Path(app.config["TRAINING_DATA"]),
        url,
    )


def get_bot() -> Bot:
    """Return the chatbot of the current app."""
    return current_app.extensions["nuri_bot"].get()
