"""NURI_NLU_URL: a real `rasa run --enable-api` parses, and the answers are the same.

Also: when that server is down, a crisis message still gets the crisis answer
(the crisis words decide) and nothing answers with an error.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from chatbot import TRAINING_DATA, Context, load_bot
from chatbot.maintain.benchmark import read_rows
from web import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def rasa_server(model_path, tmp_path_factory):
    """Rasa's own server on the same model, as a separately scaled tier runs it."""
    port = free_port()
    output = tmp_path_factory.mktemp("rasa") / "output.txt"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    with output.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rasa",
                "run",
                "--enable-api",
                "-m",
                str(model_path),
                "-i",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            cwd=tmp_path_factory.mktemp("rasa-cwd"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(url + "/status", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("rasa run did not come up:\n" + output.read_text()[-3000:])
            time.sleep(1)
        yield url
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_a_rasa_server_gives_the_same_answers(rasa_server, bot):
    remote = load_bot(None, TRAINING_DATA, nlu_url=rasa_server)
    rows = read_rows()[::8]  # about 75 real messages, Korean and English
    assert len(rows) >= 60
    for row in rows:
        here, there = bot.reply(row.text, Context()), remote.reply(row.text, Context())
        assert (there.response, there.messages) == (here.response, here.messages)
        assert there.confidence == pytest.approx(here.confidence, abs=1e-3)
    assert remote.model_name == bot.model_name


def test_the_web_app_parses_on_the_nlu_server(rasa_server, tmp_path, session_id):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "n.db"),
            "NLU_URL": rasa_server,
            "MODEL": str(tmp_path / "no-model-here.tar.gz"),
        }
    )
    client = app.test_client()
    reply = client.post(
        "/api/chat", json={"session": session_id, "message": "딥페이크가 뭐야?"}
    ).get_json()
    assert reply["intent"] == "what_is_deepfake"
    assert client.get("/healthz").get_json()["model"].startswith("nuri-")


def test_with_the_nlu_server_down_crisis_still_comes_first(
    tmp_path, session_id, caplog
):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "n.db"),
            "NLU_URL": f"http://127.0.0.1:{free_port()}",
        }
    )
    client = app.test_client()
    crisis = client.post(
        "/api/chat", json={"session": session_id, "message": "I want to kill myself"}
    )
    other = client.post(
        "/api/chat",
        json={"session": session_id, "message": "how do i report a deepfake"},
    )
    assert crisis.status_code == other.status_code == 200
    assert crisis.get_json()["crisis"] is True
    assert other.get_json()["response"] == "fallback"
    assert caplog.text.count("cannot be reached") == 1
    assert "kill" not in caplog.text and "deepfake" not in caplog.text
