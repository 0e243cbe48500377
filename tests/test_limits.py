"""Rate limits: 429 with Retry-After past the limit, per session and per client."""

import pytest

from web import create_app
from web.errors import StartupError


def make(model_path, tmp_path, **limits):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            **limits,
        }
    )
    # Load the model first: buckets refill while a first request loads it.
    app.extensions["nuri_bot"].get()
    return app.test_client()


def chat(client, session, message="hi", address="10.0.0.1"):
    return client.post(
        "/api/chat",
        json={"session": session, "message": message},
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_session_past_its_limit_is_told_when_to_come_back(model_path, tmp_path):
    client = make(model_path, tmp_path, SESSION_LIMIT=3, CLIENT_LIMIT=0)
    statuses = [chat(client, "session-aaaaaaaaaaaa").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = chat(client, "session-aaaaaaaaaaaa")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert "wait a moment" in refused.get_json()["error"]
    # Another session on the same address is not held back.
    assert chat(client, "session-bbbbbbbbbbbb").status_code == 200


def test_a_client_past_its_limit_is_refused_whatever_the_session(model_path, tmp_path):
    client = make(model_path, tmp_path, SESSION_LIMIT=0, CLIENT_LIMIT=3)
    statuses = [chat(client, f"session-{n:012d}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Garbage counts too: a bot cannot spend the server's time for free.
    bad = client.post("/api/chat", data="x", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert bad.status_code == 429
    assert chat(client, "session-zzzzzzzzzzzz", address="10.0.0.2").status_code == 200


def test_the_rest_channel_is_limited_too(model_path, tmp_path):
    client = make(model_path, tmp_path, SESSION_LIMIT=1, CLIENT_LIMIT=0)
    body = {"sender": "rest-session-0001", "message": "hi"}
    assert client.post("/webhooks/rest/webhook", json=body).status_code == 200
    assert client.post("/webhooks/rest/webhook", json=body).status_code == 429


def test_the_client_address_is_kept_only_as_a_keyed_hash_in_memory(
    model_path, tmp_path
):
    client = make(model_path, tmp_path, CLIENT_LIMIT=5)
    chat(client, "session-aaaaaaaaaaaa", address="203.0.113.7")
    limits = client.application.extensions["nuri_limits"]
    keys = list(limits.clients.buckets)
    assert len(keys) == 1 and "203.0.113.7" not in keys[0]
    other = make(model_path, tmp_path / "x", CLIENT_LIMIT=5)
    chat(other, "session-aaaaaaaaaaaa", address="203.0.113.7")
    # A random key per process: the same address hashes differently elsewhere.
    assert list(other.application.extensions["nuri_limits"].clients.buckets) != keys


@pytest.mark.parametrize("value", [-1, "many", True])
def test_a_bad_limit_stops_start_up(model_path, tmp_path, value):
    with pytest.raises(StartupError, match="NURI_SESSION_LIMIT"):
        make(model_path, tmp_path, SESSION_LIMIT=value)
