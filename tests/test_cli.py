"""`python -m chatbot parse`: one JSON line per message, for maintainers and tools."""

import json
import subprocess
import sys

from click.testing import CliRunner

from chatbot.maintain.cli import cli


def run_parse(model_path, lines, *args):
    """Run the CLI in this process, sharing the model the other tests loaded."""
    result = CliRunner().invoke(
        cli,
        ["parse", "--model-dir", str(model_path.parent), *args],
        input="\n".join(lines) + "\n",
    )
    assert result.exit_code == 0, result.output
    return result


def test_parse_prints_one_json_object_per_line(model_path):
    messages = [
        "how do I report a deepfake on instagram",
        "딥페이크가 뭐야?",
        "",
        "죽고 싶어",
    ]
    result = run_parse(model_path, messages)
    records = [json.loads(line) for line in result.output.splitlines()]
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


def test_parse_takes_the_page_language_for_a_button_payload(model_path):
    result = run_parse(model_path, ["/help_menu"], "--lang", "en")
    assert json.loads(result.output)["lang"] == "en"


def test_parse_refuses_an_unknown_region():
    result = CliRunner().invoke(cli, ["parse", "--region", "XX"], input="hi\n")
    assert result.exit_code == 2 and "XX" in result.output


def test_parse_never_echoes_messages_to_stderr(model_path):
    # A real process, because Rasa and TensorFlow write to the process's stderr.
    secret = "my secret deepfake question zqxj"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatbot",
            "parse",
            "--model-dir",
            str(model_path.parent),
        ],
        input=secret + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert secret not in result.stderr
    assert result.stdout.count(secret) == 1  # only in the JSON record itself


def test_dev_reads_one_round_alone(model_path):
    """A new development round is read once by itself, before anything is tuned."""
    result = CliRunner().invoke(
        cli,
        ["dev", "--model-dir", str(model_path.parent), "--only", "round6_*"],
    )
    assert result.exit_code == 0, result.output
    figures = {
        line.split(":", 1)[0]: json.loads(line.split(":", 1)[1])
        for line in result.output.splitlines()
        if line.startswith("dev ")
    }
    # round six holds 20 crisis rows per language and no questions
    assert figures["dev ko"]["crisis_messages"] == 20
    assert figures["dev en"]["questions"] == 0


def test_dev_refuses_a_pattern_that_matches_no_file():
    result = CliRunner().invoke(cli, ["dev", "--only", "round99_*"])
    assert result.exit_code != 0
    assert "no development file matches" in result.output


def test_dev_reads_one_language_alone(model_path):
    result = CliRunner().invoke(
        cli,
        ["dev", "--model-dir", str(model_path.parent), "--only", "round7_*_en"],
    )
    assert result.exit_code == 0, result.output
    assert "dev en:" in result.output
    assert "dev ko:" not in result.output
