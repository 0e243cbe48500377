"""The log's schema upgrades a school's existing log in place, once."""

import sqlite3

import pytest
import sqlite_utils

from web.db import create_database
from web.errors import StartupError
from web.schema import COLUMNS, MIGRATIONS, VERSION, migrate


def released_v1_log(path):
    """A log as the first release wrote it: no version, seconds in times."""
    db = sqlite_utils.Database(path)
    MIGRATIONS[0](db)
    db["sessions"].insert_all(
        [
            {
                "id": "s-aaaaaaaaaaaaaaaa",
                "started_at": "2026-11-30T10:15:42+00:00",
                "last_seen_at": "2026-11-30T10:16:07+00:00",
                "lang": "ko",
                "region": "KR",
                "turns": 2,
            },
        ]
    )
    db["turns"].insert_all(
        [
            {
                "session_id": "s-aaaaaaaaaaaaaaaa",
                "at": "2026-11-30T10:15:42+00:00",
                "lang": "ko",
                "region": "KR",
                "intent": "what_is_deepfake",
                "confidence": 0.97,
                "crisis": 0,
                "text": None,
            },
            {
                "session_id": "s-aaaaaaaaaaaaaaaa",
                "at": "2026-11-30T10:16:07+00:00",
                "lang": "ko",
                "region": "KR",
                "intent": "nlu_fallback",
                "confidence": 0.31,
                "crisis": 0,
                "text": None,
            },
            {
                "session_id": "s-aaaaaaaaaaaaaaaa",
                "at": "2026-11-30T10:16:07+00:00",
                "lang": "ko",
                "region": "KR",
                "intent": "crisis",
                "confidence": 1.0,
                "crisis": 1,
                "text": None,
            },
        ]
    )
    assert db.execute("pragma user_version").fetchone()[0] == 0
    return db


def test_an_existing_log_is_upgraded_in_place_keeping_its_rows(tmp_path):
    released_v1_log(tmp_path / "nuri.db")
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    assert db.execute("pragma user_version").fetchone()[0] == VERSION
    assert {t.name: {c.name for c in t.columns} for t in db.tables} == {
        t: set(c) for t, c in COLUMNS.items()
    }
    turns = list(db["turns"].rows)
    assert [t["response"] for t in turns] == ["what_is_deepfake", "fallback", "crisis"]
    assert [t["at"] for t in turns] == [
        "2026-11-30T10:15",
        "2026-11-30T10:16",
        "2026-11-30T10:16",
    ]
    session = db["sessions"].get("s-aaaaaaaaaaaaaaaa")
    assert (session["started_at"], session["turns"]) == ("2026-11-30T10:15", 2)


def test_migrating_twice_changes_nothing(tmp_path):
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    schema = db.schema
    assert migrate(db) == 0
    create_database(tmp_path / "nuri.db")
    assert db.schema == schema


def test_a_failed_step_leaves_the_log_as_it_was(tmp_path, monkeypatch):
    import web.schema

    db = released_v1_log(tmp_path / "nuri.db")
    before = db.schema

    def broken(db):
        db["turns"].add_column("half_done", str)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(web.schema, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(web.schema, "VERSION", VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db)
    assert db.schema == before
    assert db.execute("pragma user_version").fetchone()[0] == 0


def test_a_log_from_a_newer_nuri_stops_start_up_clearly(tmp_path):
    create_database(tmp_path / "nuri.db")
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    db.execute(f"pragma user_version = {VERSION + 1}")
    with pytest.raises(StartupError, match="newer than this Nuri"):
        create_database(tmp_path / "nuri.db")
