"""The anonymous session log: what is written, what never is."""

import re
from pathlib import Path

import sqlite_utils

from web import create_app
from web.db import create_database


def post(client, session, message, **extra):
    return client.post(
        "/api/chat", json={"session": session, "message": message, **extra}
    )


def test_turns_are_logged_without_text_by_default(app, client, session_id):
    post(client, session_id, "딥페이크가 뭐야?")
    post(client, session_id, "I want to die")
    db = sqlite_utils.Database(app.config["DATABASE"])
    session = db["sessions"].get(session_id)
    assert session["turns"] == 2 and session["lang"] == "en"
    turns = list(db["turns"].rows_where("session_id = ?", [session_id], order_by="id"))
    assert [t["intent"] for t in turns] == ["what_is_deepfake", "crisis"]
    assert [t["crisis"] for t in turns] == [0, 1]
    assert all(t["text"] is None for t in turns)
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_log_has_no_column_for_ip_or_user_agent(app, client, session_id):
    post(client, session_id, "hi")
    db = sqlite_utils.Database(app.config["DATABASE"])
    columns = {c.name for t in db.tables for c in t.columns}
    assert not columns & {"ip", "remote_addr", "user_agent", "cookie"}
    dump = "\n".join(db.iterdump())
    assert "127.0.0.1" not in dump and "werkzeug" not in dump.lower()


def test_text_is_stored_scrubbed_only_when_configured(model_path, tmp_path, session_id):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "n.db"),
            "MODEL": str(model_path),
            "LOG_MESSAGES": True,
        }
    )
    post(app.test_client(), session_id, "my insta is @mina_01 call 010-1234-5678 help")
    turn = next(sqlite_utils.Database(tmp_path / "n.db")["turns"].rows)
    assert turn["text"] == "my insta is <handle> call <number> help"


def test_a_broken_log_never_breaks_the_reply_nor_loses_earlier_turns(
    app, client, session_id
):
    post(client, session_id, "hello")
    db = sqlite_utils.Database(app.config["DATABASE"])
    db.execute(
        "create trigger refuse before insert on turns "
        "begin select raise(abort, 'disk full'); end"
    )
    db.conn.commit()
    response = post(client, session_id, "딥페이크가 뭐야?")
    assert response.status_code == 200 and response.get_json()["messages"]
    assert db["turns"].count == 1
    assert (
        db["sessions"].get(session_id)["turns"] == 1
    )  # the failed turn left nothing half-written


def readme_privacy_table() -> dict[str, list[str]]:
    """The tables and columns README.md → Privacy promises, in its own words."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    privacy = readme.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for table, columns in re.findall(r"^\| `(\w+)` \| (.+) \|$", privacy, re.M):
        tables[table] = re.findall(r"^`(\w+)`|, `(\w+)`", columns)
        tables[table] = [a or b for a, b in tables[table]]
    return tables


def test_the_log_schema_is_exactly_the_readme_privacy_table(tmp_path):
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    actual = {
        table.name: [column.name for column in table.columns] for table in db.tables
    }
    assert actual == readme_privacy_table()
