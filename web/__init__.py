"""Nuri's web layer: the JSON API, the widget and the pages. Never imports Rasa."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from chatbot.paths import MODEL_DIR, TRAINING_DATA


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then NURI_* environment variables, then test_config."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATABASE=str(Path(app.root_path).parent / "var" / "nuri.db"),
        MODEL_DIR=str(MODEL_DIR),
        TRAINING_DATA=str(TRAINING_DATA),
        # Off by default: only the intent, language and time of a turn are logged.
        LOG_MESSAGES=False,
        ALLOWED_ORIGINS="*",
        MAX_MESSAGE_LENGTH=1000,
        # Any request body larger than this is refused before it is parsed.
        MAX_CONTENT_LENGTH=16 * 1024,
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False
    app.config.from_prefixed_env("NURI")
    if test_config is not None:
        app.config.from_mapping(test_config)

    from web import api, bot, cors, db, errors, pages

    errors.init_app(app)
    db.init_app(app)
    bot.init_app(app)
    cors.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    return app
