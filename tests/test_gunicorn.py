"""Nuri served the production way: gunicorn workers that load the model themselves.

Also the privacy promise that matters most: what a teen types never reaches
the server's output, from Flask, gunicorn, Rasa or TensorFlow.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlite_utils

REPO = Path(__file__).resolve().parent.parent
READY = re.compile(r"Worker \d+ ready in [\d.]+ s")
WORKERS = 4
CHATS = 500  # per worker


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def served(model_path, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "output.txt"
    env = {
        **os.environ,
        "NURI_BIND": f"127.0.0.1:{port}",
        # Four workers on a log that does not exist yet: the first `make run`.
        "NURI_WORKERS": str(WORKERS),
        "NURI_DATABASE": str(log.parent / "var" / "nuri.db"),
        "NURI_MODEL": str(model_path),
        "NURI_LOG_TEXT": "none",
        # Every test here sends from 127.0.0.1; the per-client limit has its own tests.
        "NURI_CLIENT_LIMIT": "0",
    }
    env.pop("RASA_TELEMETRY_ENABLED", None)  # the app must switch telemetry off itself
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--config",
                "gunicorn.conf.py",
                # Four workers loading TensorFlow at once on two busy cores.
                "--timeout",
                "300",
                "web:create_app()",
            ],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while len(READY.findall(log.read_text())) < WORKERS:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("gunicorn did not come up:\n" + log.read_text()[-3000:])
            time.sleep(1)
        request(base + "/healthz")
        yield base, log, Path(env["NURI_DATABASE"])
        server.terminate()
        try:
            # A worker still loading the model (say, the one that replaced a killed
            # worker) exits only after gunicorn's 30 s graceful timeout.
            server.wait(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_worker_answers(served):
    base, _, _ = served
    data = request(
        base + "/api/chat",
        {"session": "gunicorn-test-0001", "message": "딥페이크가 뭐야?"},
    )
    assert data["intent"] == "what_is_deepfake" and data["lang"] == "ko"
    crisis = request(
        base + "/api/chat",
        {"session": "gunicorn-test-0001", "message": "I want to die"},
    )
    assert crisis["crisis"] is True and crisis["lang"] == "en"


def test_messages_never_reach_the_server_output(served):
    base, log, server = served
    secret = "unique-secret-phrase-qzxv about my deepfake"
    request(base + "/api/chat", {"session": "gunicorn-test-0002", "message": secret})
    request(
        base + "/webhooks/rest/webhook",
        {"sender": "gunicorn-test-0003", "message": secret},
    )
    time.sleep(1)
    output = log.read_text()
    assert "unique-secret-phrase-qzxv" not in output
    assert "127.0.0.1" not in output.replace(
        base, ""
    )  # no access log with client addresses


def test_every_worker_boots_on_a_new_log_and_says_when_it_is_ready(served):
    _, log, _ = served
    output = log.read_text()
    assert len(READY.findall(output)) == WORKERS
    assert "failed to boot" not in output.lower() and "locked" not in output
    # Start-up a person can read: gunicorn's lines and ours, no library warnings.
    assert "Warning" not in output and "warn(" not in output


def test_every_concurrent_turn_is_logged(served):
    """4 workers × 500 chats from 16 clients at once: exactly 2,000 turns counted."""
    base, log, database = served
    prefix = "concurrent-" + secrets.token_hex(4)
    messages = ["딥페이크가 뭐야?", "how do i report a deepfake", "고마워", "hi"]

    def chat(n):
        return request(
            base + "/api/chat",
            {"session": f"{prefix}-{n % 200:04d}", "message": messages[n % 4]},
        )

    with ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(chat, range(WORKERS * CHATS)))
    assert all(reply["messages"] for reply in replies)
    db = sqlite_utils.Database(database)
    assert (
        db.execute(
            "select count(*) from turns where session_id like ?", [prefix + "%"]
        ).fetchone()[0]
        == WORKERS * CHATS
    )
    assert db.execute(
        "select count(*), sum(turns) from sessions where id like ?", [prefix + "%"]
    ).fetchone() == (200, WORKERS * CHATS)
    assert "Cannot write the log" not in log.read_text()


def worker_rss_kb(log):
    """Resident memory of each worker named in gunicorn's ready lines."""
    sizes = {}
    for pid in re.findall(r"Worker (\d+) ready", log.read_text()):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes[pid] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return sizes


def test_a_steady_load_is_all_answered_and_memory_stays_flat(served):
    """The soak benchmark's short version (benchmarks/serve.py runs it for 5 minutes).

    The workers are warm: the test above sent them 2,000 chats.
    """
    base, log, _ = served
    messages = [
        "딥페이크가 뭐야?",
        "someone made a fake nude of me",
        "신고 어떻게 해요",
    ]
    before = worker_rss_kb(log)
    deadline = time.monotonic() + 40

    def client(c):
        answered = failed = 0
        while time.monotonic() < deadline:
            n = answered + failed
            try:
                reply = request(
                    base + "/api/chat",
                    {
                        # Session ids are 16 to 64 characters (web/validation.py).
                        "session": f"soak-steady-{c:02d}-{n // 10:05d}",
                        "message": messages[n % 3],
                    },
                )
                answered += bool(reply["messages"])
            except OSError:
                failed += 1
        return answered, failed

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(client, range(8)))
    after = worker_rss_kb(log)
    assert sum(f for _, f in results) == 0
    assert sum(a for a, _ in results) > 200
    for pid, size in before.items():
        assert after[pid] < size * 1.10, (pid, size, after[pid])


def ask_like_the_widget(url, body):
    """POST once more after a dropped connection, as widget.js does."""
    try:
        return request(url, body)
    except OSError:  # reset, refused or remote disconnected: a worker died
        time.sleep(0.4)
        return request(url, body)


def test_killing_a_worker_under_load_loses_no_answer(served):
    """SIGKILL one worker mid-load: the others answer, a retry covers the lost one."""
    base, log, _ = served
    victim = int(re.findall(r"Worker (\d+) ready", log.read_text())[0])

    def chat(n):
        return ask_like_the_widget(
            base + "/api/chat",
            {"session": f"killed-worker-{n % 20:04d}", "message": "딥페이크가 뭐야?"},
        )

    with ThreadPoolExecutor(8) as pool:
        answers = [pool.submit(chat, n) for n in range(240)]
        while sum(a.done() for a in answers) < 40:
            time.sleep(0.05)
        os.kill(victim, signal.SIGKILL)
        replies = [answer.result() for answer in answers]
    assert all(reply["intent"] == "what_is_deepfake" for reply in replies)
    assert request(base + "/healthz")["status"] == "ok"
    output = log.read_text()
    assert f"Worker (pid:{victim}) was sent SIGKILL" in output
    assert "Traceback" not in output


def test_telemetry_is_off_once_the_model_is_loaded(bot, monkeypatch):
    from rasa import telemetry

    from chatbot.quiet import silence_rasa

    monkeypatch.delenv("RASA_TELEMETRY_ENABLED", raising=False)
    silence_rasa()  # what loading a model runs first, in every process
    assert telemetry.is_telemetry_enabled() is False
