"""Maintainers' commands: stats, export, unanswered → nlu.yml, Datasette metadata."""

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from flask import Flask

from chatbot import TRAINING_DATA
from web.cli import datasette_metadata, nuri
from web.db import create_database
from web.schema import COLUMNS

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.now(timezone.utc)


def minute(days_ago=0):
    return (TODAY - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")


def turn(
    session,
    response,
    *,
    days_ago=0,
    site="a.school.kr",
    lang="ko",
    text=None,
    guesses=(("report_platform", 0.4), ("what_is_deepfake", 0.3)),
):
    (top, top_c), (second, second_c) = guesses
    return {
        "session_id": session,
        "at": minute(days_ago),
        "lang": lang,
        "region": "KR",
        "site": site,
        "response": response,
        "intent": "nlu_fallback" if response in ("fallback", "clarify") else response,
        "confidence": top_c,
        "crisis": int(response == "crisis"),
        "text": text,
        "top_intent": top,
        "top_confidence": top_c,
        "second_intent": second,
        "second_confidence": second_c,
    }


@pytest.fixture
def log(tmp_path):
    """A log with 20 turns on one site, 3 on another, and unanswered text."""
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    rows = [turn(f"s{n:02d}-aaaaaaaaaaaaa", "what_is_deepfake") for n in range(12)]
    rows += [turn("s90-aaaaaaaaaaaaa", "crisis", days_ago=1) for _ in range(2)]
    rows += [
        turn("s91-aaaaaaaaaaaaa", "report_platform", site="b.school.kr", lang="en")
        for _ in range(3)
    ]
    asks = [
        "인스타 신고 어떻게 해요",
        "인스타 신고 어떻게 해요??",
        "인스타 신고 어떻게 해",
        "what do i do if someone has my pics",
        "what do i do if somebody has my pics",
    ]
    rows += [turn("s92-aaaaaaaaaaaaa", "clarify", text=t) for t in asks]
    rows += [turn("s93-aaaaaaaaaaaaa", "what_is_deepfake", days_ago=40, text="old")]
    db["turns"].insert_all(rows)
    app = Flask("test")
    app.config.update(DATABASE=str(tmp_path / "nuri.db"), RETENTION_DAYS=30)
    return app


def run(app, *args):
    result = app.test_cli_runner().invoke(nuri, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_stats_counts_turns_rates_and_sites(log):
    data = json.loads(run(log, "stats", "--json").stdout)
    assert (data["turns"], data["sessions"]) == (22, 15)
    assert (data["clarify"], data["crisis"], data["fallback"]) == (5, 2, 0)
    assert data["intents"][0] == ["what_is_deepfake", 12]
    assert dict(map(tuple, data["sites"])) == {"a.school.kr": 19, "b.school.kr": 3}
    one = json.loads(run(log, "stats", "--json", "--site", "b.school.kr").stdout)
    assert (one["turns"], one["langs"]) == (3, [["en", 3]])
    text = run(log, "stats", "--since", "60").stdout
    assert "23 turns, 16 sessions" in text and "clarify" in text


def test_export_is_aggregate_and_k_anonymous(log):
    rows = list(csv.DictReader(io.StringIO(run(log, "export").stdout)))
    # Counts only: no session id, no text, no time finer than a day.
    assert set(rows[0]) == set(
        "day lang site turns sessions fallback clarify crisis".split()
    )
    by_site = {(r["day"], r["site"]): r for r in rows}
    b = by_site[(TODAY.strftime("%Y-%m-%d"), "b.school.kr")]
    assert (b["turns"], b["sessions"]) == ("<5", "<5")
    yesterday = by_site[
        ((TODAY - timedelta(days=1)).strftime("%Y-%m-%d"), "a.school.kr")
    ]
    assert yesterday["crisis"] == "<5"
    assert json.loads(run(log, "export", "--format", "json").stdout)
    assert "인스타" not in run(log, "export").stdout


def test_unanswered_groups_similar_messages_with_nuris_guesses(log):
    draft = run(log, "unanswered", "--format", "rasa").stdout
    data = yaml.safe_load(draft)
    blocks = data["nlu"]
    assert [b["intent"] for b in blocks] == ["TODO_label"] * len(blocks)
    examples = [b["examples"].splitlines() for b in blocks]
    assert len(blocks) == 2 and sorted(len(e) for e in examples) == [2, 3]
    assert "report_platform (0.4), what_is_deepfake (0.3)" in draft
    assert "old" not in draft  # older than --since
    rows = list(
        csv.reader(io.StringIO(run(log, "unanswered", "--format", "csv").stdout))
    )
    assert rows[0][:3] == ["group", "text", "guess_1"] and len(rows) == 6


def test_a_labelled_draft_passes_rasa_data_validate(log, tmp_path):
    """The loop: export → label → validate. Labelled here with Nuri's first guess."""
    draft = run(log, "unanswered").stdout
    labelled = draft.replace("TODO_label", "report_platform")
    data = tmp_path / "training_data"
    shutil.copytree(TRAINING_DATA, data)
    (data / "data" / "nlu" / "from_the_log.yml").write_text(labelled, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "data",
            "validate",
            "--data",
            str(data / "data"),
            "--domain",
            str(data / "domain.yml"),
            "--config",
            str(data / "config.yml"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "from_the_log" not in result.stdout + result.stderr
    assert "TODO_label" not in result.stdout + result.stderr


def test_datasette_metadata_describes_every_column_and_is_committed(tmp_path):
    metadata = datasette_metadata()
    tables = metadata["databases"]["nuri"]["tables"]
    assert {t: set(v["columns"]) for t, v in tables.items()} == {
        t: set(c) for t, c in COLUMNS.items()
    }
    committed = json.loads((REPO / "docs" / "datasette" / "metadata.json").read_text())
    assert committed == metadata, (
        "run: flask --app web nuri metadata > docs/datasette/metadata.json"
    )


def test_replicas_logs_are_merged_by_the_commands(log, tmp_path):
    """Each web replica keeps its own SQLite log; the commands read them as one."""
    second = tmp_path / "replica-2" / "nuri.db"
    create_database(second)
    db = sqlite_utils.Database(second)
    db["turns"].insert_all(
        [
            turn("s01-aaaaaaaaaaaaa", "report_platform", site="c.school.kr")
        ]  # same session
        + [turn(f"r{n:02d}-aaaaaaaaaaaaa", "crisis") for n in range(4)]
    )
    first = log.config["DATABASE"]
    data = json.loads(
        run(
            log, "stats", "--json", "--database", first, "--database", str(second)
        ).stdout
    )
    assert (data["turns"], data["sessions"], data["crisis"]) == (27, 19, 6)
    assert ["c.school.kr", 1] in data["sites"]
    one = json.loads(run(log, "stats", "--json").stdout)
    assert one["turns"] == 22  # without --database: NURI_DATABASE alone
    exported = run(log, "export", "--database", first, "--database", str(second))
    assert "c.school.kr" in exported.stdout
    # The replicas' own files are only read.
    assert sqlite_utils.Database(second)["turns"].count == 5
