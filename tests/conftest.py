"""Shared fixtures: a temporary log per test, and one real Rasa model per run.

The model is the one `make train` builds for the current training data
(models/nuri-<hash>.tar.gz); if it is missing, the first test that needs it
trains it. It is loaded once per test process and shared by every user (the
bot, each app, the CLI). Nothing here mocks Rasa.
"""

from __future__ import annotations

import os
import secrets

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from chatbot import MODEL_DIR, TRAINING_DATA  # noqa: E402


def pytest_collection_modifyitems(items):
    """Mark every test that needs the trained model, so `-m "not model"` is fast."""
    for item in items:
        if "model_path" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def model_path():
    """The trained model for the current training data, trained once if missing."""
    from chatbot.model import ensure_model

    path, _ = ensure_model(MODEL_DIR, TRAINING_DATA)
    return path


@pytest.fixture(scope="session")
def bot(model_path):
    """The real chatbot: Rasa model, responses and crisis lexicons."""
    from chatbot import load_bot

    return load_bot(model_path, TRAINING_DATA)


@pytest.fixture
def app(model_path, tmp_path):
    """A Nuri app logging to a temporary SQLite file."""
    from web import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
        }
    )
    # The model loads on first use; load it now, as gunicorn does before serving.
    app.extensions["nuri_bot"].get()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session_id():
    """A random session id, as the widget makes one."""
    return secrets.token_urlsafe(24)
