"""Retention: turns and sessions older than NURI_RETENTION_DAYS go, nothing else."""

from datetime import datetime, timedelta, timezone

import sqlite_utils
from flask import Flask

from web.db import create_database, open_db
from web.retention import purge

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


def fill(path):
    """Three sessions: long gone, straddling the cut-off, and today."""
    create_database(path)
    db = sqlite_utils.Database(path)
    sessions = {
        "old-session-000001": ["2026-10-01T09:00", "2026-10-02T09:00"],
        "straddling-0000001": [
            "2026-11-01T11:59",
            "2026-11-01T12:00",
            "2026-11-20T08:00",
        ],
        "new-session-000001": ["2026-12-02T11:00"],
    }
    for session, times in sessions.items():
        db["sessions"].insert(
            {
                "id": session,
                "started_at": times[0],
                "last_seen_at": times[-1],
                "lang": "ko",
                "region": "KR",
                "turns": len(times),
            }
        )
        for at in times:
            db["turns"].insert(
                {
                    "session_id": session,
                    "at": at,
                    "lang": "ko",
                    "region": "KR",
                    "intent": "greet",
                    "response": "greet",
                    "confidence": 0.9,
                    "crisis": 0,
                }
            )
    return db


def test_purge_deletes_exactly_what_is_older_than_the_period(tmp_path):
    db = fill(tmp_path / "nuri.db")
    done = purge(db, 31, now=NOW)
    assert done.before == "2026-11-01T12:00"
    assert (done.turns, done.sessions) == (3, 1)
    assert sorted(r["at"] for r in db["turns"].rows) == [
        "2026-11-01T12:00",
        "2026-11-20T08:00",
        "2026-12-02T11:00",
    ]
    assert sorted(r["id"] for r in db["sessions"].rows) == [
        "new-session-000001",
        "straddling-0000001",
    ]
    assert purge(db, 31, now=NOW) == type(done)(0, 0, done.before)  # nothing more


def test_retention_runs_at_start_up(model_path, tmp_path):
    from web import create_app

    db = fill(tmp_path / "nuri.db")
    db["turns"].insert({"session_id": "new-session-000001", "at": "2000-01-01T00:00"})
    create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            "RETENTION_DAYS": 30,
        }
    )
    assert db.execute("select min(at) from turns").fetchone()[0] > "2026"


def test_retention_runs_again_after_a_day_on_the_next_turn(
    app, client, session_id, monkeypatch
):
    import web.log

    db = open_db(app.config["DATABASE"])
    db["sessions"].insert(
        {"id": "ancient-session-01", "last_seen_at": "2001-01-01T00:00"}
    )
    db["turns"].insert({"session_id": "ancient-session-01", "at": "2001-01-01T00:00"})
    client.post("/api/chat", json={"session": session_id, "message": "hi"})
    assert db["turns"].count == 2  # start-up already ran; the next purge is a day off
    monkeypatch.setattr(web.log, "PURGE_EVERY", 0.0)
    client.post("/api/chat", json={"session": session_id, "message": "hi"})
    assert [r["session_id"] for r in db["turns"].rows] == [session_id] * 2
    assert db["sessions"].count == 1


def test_purge_command_uses_the_configured_period(tmp_path):
    from web.cli import nuri

    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    now = datetime.now(timezone.utc)
    for session, days_ago in (("recent-session-001", 0), ("earlier-session-01", 3)):
        at = (now - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")
        db["sessions"].insert({"id": session, "last_seen_at": at})
        db["turns"].insert({"session_id": session, "at": at})
    app = Flask("t")
    app.config.update(DATABASE=str(tmp_path / "nuri.db"), RETENTION_DAYS=30)
    result = app.test_cli_runner().invoke(nuri, ["purge"])
    assert "Deleted 0 turns and 0 sessions" in result.output
    result = app.test_cli_runner().invoke(nuri, ["purge", "--older-than", "2"])
    assert result.exit_code == 0 and "Deleted 1 turns and 1 sessions" in result.output
    assert [r["id"] for r in db["sessions"].rows] == ["recent-session-001"]
