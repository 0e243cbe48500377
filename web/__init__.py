"""Nuri's web layer: the JSON API, the widget and the pages. Never imports Rasa."""

from __future__ import annotations

from flask import Flask

from web.config import configure


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then NURI_* environment variables, then test_config."""
    app = Flask(__name__)
    configure(app.config, test_config)
    # Korean answers stay readable in the JSON, not \uXXXX escapes.
    app.json.ensure_ascii = False

    from web import (
        admin,
        api,
        bot,
        cli,
        compress,
        cors,
        db,
        errors,
        limits,
        log,
        openapi,
        pages,
        security,
    )

    errors.init_app(app)
    db.init_app(app)
    log.init_app(app)
    limits.init_app(app)
    bot.init_app(app)
    cors.init_app(app)
    security.init_app(app)
    compress.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(openapi.bp)
    cli.init_app(app)
    return app
