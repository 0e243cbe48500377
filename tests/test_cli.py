"""`python -m chatbot parse`: one JSON line per message, for maintainers and tools."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.model


def run_parse(model_path, lines, *args):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "chatbot",
            "parse",
            "--model-dir",
            str(model_path.parent),
            *args,
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def test_parse_prints_one_json_object_per_line(model_path):
    messages = [
        "how do I report a deepfake on instagram",
        "딥페이크가 뭐야?",
        "",
        "죽고 싶어",
    ]
    result = run_parse(model_path, messages)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3  # blank lines are skipped
    for record in records:
        assert set(record) == {
            "text",
            "intent",
            "confidence",
            "lang",
            "crisis",
            "entities",
        }
    instagram, deepfake, crisis = records
    assert instagram["intent"] == "report_platform" and instagram["lang"] == "en"
    assert {"entity": "platform", "value": "instagram"} in instagram["entities"]
    assert deepfake["intent"] == "what_is_deepfake" and deepfake["lang"] == "ko"
    assert crisis["crisis"] is True and crisis["intent"] == "crisis"


def test_parse_never_echoes_messages_to_stderr(model_path):
    secret = "my secret deepfake question zqxj"
    result = run_parse(model_path, [secret])
    assert secret not in result.stderr
    assert result.stdout.count(secret) == 1  # only in the JSON record itself
