"""The chat API contract, as the widget and other clients use it."""

import pytest

CHAT = "/api/chat"


def test_korean_question_gets_a_korean_answer(client, session_id):
    response = client.post(
        CHAT, json={"session": session_id, "message": "딥페이크가 뭐야?"}
    )
    assert response.status_code == 200
    data = response.get_json()
    assert data["intent"] == "what_is_deepfake"
    assert data["lang"] == "ko" and data["region"] == "KR" and data["crisis"] is False
    assert 0 < data["confidence"] <= 1
    first = data["messages"][0]
    assert set(first) == {"text", "buttons", "sources"}
    assert "딥페이크" in first["text"]
    assert all(set(b) == {"title", "payload"} for b in data["messages"][-1]["buttons"])


def test_i_want_to_die_gets_the_crisis_reply_in_english(client, session_id):
    data = client.post(
        CHAT, json={"session": session_id, "message": "I want to die"}
    ).get_json()
    assert (
        data["crisis"] is True and data["intent"] == "crisis" and data["lang"] == "en"
    )
    assert "988" in data["messages"][0]["text"]


def test_region_comes_from_the_request(client, session_id):
    data = client.post(
        CHAT, json={"session": session_id, "message": "I want to die", "region": "KR"}
    ).get_json()
    assert data["lang"] == "en" and data["region"] == "KR"
    assert "109" in data["messages"][0]["text"]


def test_button_payload_is_answered_in_the_pages_language(client, session_id):
    payload = '/report_platform{"platform":"telegram"}'
    data = client.post(
        CHAT, json={"session": session_id, "message": payload, "lang": "en"}
    ).get_json()
    assert data["intent"] == "report_platform" and data["lang"] == "en"
    assert "Telegram" in " ".join(m["text"] for m in data["messages"])


def test_an_adults_button_opens_the_answer_with_the_adults_line(client, session_id):
    payload = '/perpetrator_deterrence{"audience":"adult"}'
    data = client.post(
        CHAT, json={"session": session_id, "message": payload, "lang": "ko"}
    ).get_json()
    assert data["response"] == "perpetrator_deterrence"
    assert data["messages"][0]["text"].startswith("보호자나 선생님이시라면")
    assert "만들거나 퍼뜨린" in data["messages"][0]["text"]


def test_gibberish_falls_back_with_topic_buttons(client, session_id):
    data = client.post(
        CHAT, json={"session": session_id, "message": "qwpoeiruty zxmcnv"}
    ).get_json()
    assert data["intent"] in {"nlu_fallback", "out_of_scope"}
    assert data["crisis"] is False
    assert len(data["messages"][-1]["buttons"]) >= 2


def test_answers_carry_their_sources(client, session_id):
    data = client.post(
        CHAT,
        json={
            "session": session_id,
            "message": '/takedown_services{"age":"under18"}',
            "lang": "en",
            "region": "INTL",
        },
    ).get_json()
    sources = [s for m in data["messages"] for s in m["sources"]]
    assert sources and all(
        s["url"].startswith("https://") and s["title"] for s in sources
    )


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ("not json", 400, "JSON object"),
        ("[1, 2]", 400, "JSON object"),
        ('{"message": "hi"}', 400, "session"),
        ('{"session": "short", "message": "hi"}', 400, "session"),
        ('{"session": "abcdefghijklmnop<>", "message": "hi"}', 400, "session"),
        ('{"session": "abcdefghijklmnopqrstu"}', 400, "message"),
        ('{"session": "abcdefghijklmnopqrstu", "message": ""}', 400, "empty"),
        ('{"session": "abcdefghijklmnopqrstu", "message": "   "}', 400, "empty"),
        ('{"session": "abcdefghijklmnopqrstu", "message": 42}', 400, "string"),
        (
            '{"session": "abcdefghijklmnopqrstu", "message": "hi", "lang": "fr"}',
            400,
            "lang",
        ),
        (
            '{"session": "abcdefghijklmnopqrstu", "message": "hi", "region": 1}',
            400,
            "region",
        ),
        (
            '{"session": "abcdefghijklmnopqrstu", "message": "' + "a" * 1001 + '"}',
            413,
            "1000",
        ),
        (
            '{"session": "abcdefghijklmnopqrstu", "message": "' + "a" * 20000 + '"}',
            413,
            "large",
        ),
    ],
    ids=[
        "not-json",
        "not-object",
        "no-session",
        "short-session",
        "bad-session-chars",
        "no-message",
        "empty-message",
        "blank-message",
        "number-message",
        "unknown-lang",
        "region-not-string",
        "message-too-long",
        "body-too-large",
    ],
)
def test_bad_input_gets_a_clear_json_error(client, body, status, error):
    response = client.post(CHAT, data=body, content_type="application/json")
    assert response.status_code == status
    assert error in response.get_json()["error"]


def test_wrong_method_and_unknown_path_are_json(client):
    assert client.get(CHAT).status_code == 405
    assert "error" in client.get(CHAT).get_json()
    assert client.get("/api/nope").get_json()["error"]


def test_welcome_in_both_languages(client):
    for lang in ("ko", "en"):
        data = client.get(f"/api/welcome?lang={lang}").get_json()
        assert data["lang"] == lang and data["messages"]
        assert data["messages"][-1]["buttons"]
    assert client.get("/api/welcome?lang=fr").status_code == 400


def test_healthz(client):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok" and data["model"].startswith("nuri-")


@pytest.mark.parametrize(
    ("allowed", "origin", "expected"),
    [
        ("*", "https://school.example", "*"),
        (
            "https://school.example, https://other.example",
            "https://school.example",
            "https://school.example",
        ),
        ("https://other.example", "https://school.example", None),
    ],
    ids=["any", "listed", "not-listed"],
)
def test_cors(model_path, tmp_path, allowed, origin, expected):
    from web import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "n.db"),
            "MODEL": str(model_path),
            "ALLOWED_ORIGINS": allowed,
        }
    )
    client = app.test_client()
    preflight = client.options(
        CHAT,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.headers.get("Access-Control-Allow-Origin") == expected
    if expected:
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_rasa_rest_channel_contract(client):
    response = client.post(
        "/webhooks/rest/webhook",
        json={"sender": "rasa-client-0123456789", "message": "hello"},
    )
    assert response.status_code == 200
    messages = response.get_json()
    assert isinstance(messages, list) and messages
    for message in messages:
        assert message["recipient_id"] == "rasa-client-0123456789"
        assert isinstance(message["text"], str) and message["text"]
        assert isinstance(message["buttons"], list)
    assert client.get("/webhooks/rest/").get_json() == {"status": "ok"}
    bad = client.post("/webhooks/rest/webhook", json={"message": "hello"})
    assert bad.status_code == 400 and "sender" in bad.get_json()["error"]


def test_no_cookies_ever(client, session_id):
    response = client.post(CHAT, json={"session": session_id, "message": "hi"})
    assert "Set-Cookie" not in response.headers
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_pages_forbid_third_party_hosts(client):
    for path in ("/", "/embed"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    widget = client.get("/widget.js")
    assert widget.mimetype == "application/javascript"
    assert widget.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_a_message_of_control_characters_gets_the_fallback_not_an_error(
    client, session_id
):
    """U+001F is text to JSON Schema but white space to the tokenizer: no words."""
    chat = client.post("/api/chat", json={"session": session_id, "message": "\x1f"})
    assert chat.status_code == 200, chat.get_json()
    assert chat.get_json()["intent"] == "nlu_fallback"
    rest = client.post(
        "/webhooks/rest/webhook", json={"sender": session_id, "message": "\x1c \x1f"}
    )
    assert rest.status_code == 200 and rest.get_json()
