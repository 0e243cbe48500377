"""The chat API against its own OpenAPI document: generated requests on a live server.

Schemathesis sends valid and invalid requests built from /openapi.json to the real
app (real model) on a live port, and checks every answer: never a 5xx, always a
status, content type and body the document allows.
"""

import threading
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from werkzeug.serving import make_server

from web import create_app

STATUSES: Counter = Counter()


def counting(wsgi_app):
    """Count every answer's status, as the server sent it."""

    def app(environ, start_response):
        def start(status, headers, *args):
            STATUSES[int(status.split()[0])] += 1
            return start_response(status, headers, *args)

        return wsgi_app(environ, start)

    return app


@pytest.fixture(scope="module")
def live(model_path, tmp_path_factory):
    app = create_app(
        {
            "TESTING": False,  # errors are answered as in production, not raised
            "DATABASE": str(tmp_path_factory.mktemp("openapi") / "nuri.db"),
            "MODEL": str(model_path),
            # Generated requests reuse sessions: test the answers, not the limits.
            "SESSION_LIMIT": 0,
            "CLIENT_LIMIT": 0,
        }
    )
    app.extensions["nuri_bot"].get()
    app.wsgi_app = counting(app.wsgi_app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def api_schema(live):
    loaded = schemathesis.openapi.from_url(live + "/openapi.json")
    # Invalid input is refused with 400, or 413 when it is too long.
    loaded.config.checks.negative_data_rejection.expected_statuses = ["400", "413"]
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=400,
    # The same requests on every run, so CI and a developer see the same result.
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_conforms_to_the_document(case, live):
    case.call_and_validate(base_url=live)


def test_over_a_thousand_requests_and_not_one_server_error(live):
    """Runs after the generated tests (file order): they sent at least 1,000."""
    total = sum(STATUSES.values())
    assert total >= 1000, STATUSES
    assert not [status for status in STATUSES if status >= 500], STATUSES
    print(f"\n{total} requests: {dict(sorted(STATUSES.items()))}")
