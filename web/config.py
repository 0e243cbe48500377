"""Nuri's settings: defaults, then NURI_* environment variables, then a test's own.

Kept apart from `create_app` so gunicorn's master can read the same settings
before it forks the workers (see gunicorn.conf.py).
"""

from __future__ import annotations

from pathlib import Path

from flask import Config

from chatbot import MAX_MESSAGE_LENGTH, MODEL_DIR, TRAINING_DATA

ROOT = Path(__file__).resolve().parent
DEFAULTS = {
    "DATABASE": str(ROOT.parent / "var" / "nuri.db"),
    "MODEL_DIR": str(MODEL_DIR),
    # None: the model trained for the current training data.
    "MODEL": None,
    "TRAINING_DATA": str(TRAINING_DATA),
    # A Rasa server (`rasa run --enable-api`) on the same model that parses for
    # this process, e.g. http://nlu:5005; None: parse in process.
    "NLU_URL": None,
    # What message text the log keeps, scrubbed: none, unanswered or all.
    "LOG_TEXT": "none",
    # Turns and sessions older than this are deleted (at start-up and daily).
    "RETENTION_DAYS": 30,
    # Chat messages a minute, per session and per client address (kept in memory
    # only, hashed), in each worker; 0 is off. A whole school may share one address.
    "SESSION_LIMIT": 20,
    "CLIENT_LIMIT": 3000,
    # A token for GET /admin; unset, /admin does not exist.
    "ADMIN_TOKEN": None,
    "ALLOWED_ORIGINS": "*",
    "MAX_MESSAGE_LENGTH": MAX_MESSAGE_LENGTH,
    # Any request body larger than this is refused before it is parsed.
    "MAX_CONTENT_LENGTH": 16 * 1024,
}


def configure(config: Config, test_config: dict | None = None) -> None:
    """Fill a config: defaults, then NURI_* environment variables, then test_config."""
    config.from_mapping(DEFAULTS)
    config.from_prefixed_env("NURI")
    if test_config is not None:
        config.from_mapping(test_config)


def read_config(test_config: dict | None = None) -> Config:
    """Read the settings outside an app (gunicorn's master has none)."""
    config = Config(str(ROOT))
    configure(config, test_config)
    return config
