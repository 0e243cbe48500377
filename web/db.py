"""The anonymous session log, in an embedded SQLite file (sqlite-utils).

A session row holds a random id and coarse facts; a turn row holds what Nuri
decided. No IP address, user agent or cookie is ever stored; message text only
when LOG_MESSAGES is on, and then scrubbed.
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

from web.errors import StartupError
from web.scrub import scrub

# How long a process waits for another one that is creating the log at the same time.
CREATE_TIMEOUT = 30.0


def get_db() -> sqlite_utils.Database:
    """Open (once per request) the log database."""
    if "db" not in g:
        g.db = sqlite_utils.Database(current_app.config["DATABASE"])
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    """Close the request's connection."""
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_db(db: sqlite_utils.Database) -> None:
    """Create the tables if they are missing; switch on WAL for concurrent workers."""
    if db.journal_mode != "wal":
        db.enable_wal()
    if {"sessions", "turns"} <= set(db.table_names()):
        return
    db["sessions"].create(
        {
            "id": str,
            "started_at": str,
            "last_seen_at": str,
            "lang": str,
            "region": str,
            "turns": int,
        },
        pk="id",
        if_not_exists=True,
    )
    db["turns"].create(
        {
            "id": int,
            "session_id": str,
            "at": str,
            "lang": str,
            "region": str,
            "intent": str,
            "confidence": float,
            "crisis": int,
            "text": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        if_not_exists=True,
    )
    db["turns"].create_index(["session_id"], if_not_exists=True)


def create_database(path: str | Path) -> None:
    """Create the log once, waiting while another process is creating it.

    gunicorn's master calls this before it forks (gunicorn.conf.py), so workers
    find the log ready; the wait covers everything else that starts at once
    (several test processes, or `flask run` beside gunicorn).
    """
    path = Path(path)
    deadline = time.monotonic() + CREATE_TIMEOUT
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite_utils.Database(sqlite3.connect(path, timeout=CREATE_TIMEOUT))
            try:
                init_db(db)
            finally:
                db.conn.close()
            return
        except sqlite3.OperationalError as error:
            busy = "locked" in str(error) or "busy" in str(error)
            if not busy or time.monotonic() > deadline:
                raise StartupError(
                    f"Cannot create the log database {path}: {error}. "
                    "Check NURI_DATABASE and that its folder is writable."
                ) from error
        except OSError as error:
            raise StartupError(
                f"Cannot create the log database {path}: {error.strerror}. "
                "Check NURI_DATABASE and that its folder is writable."
            ) from error
        # WAL switching takes an exclusive lock that SQLite's busy handler does
        # not wait for, so wait here, a little differently in each process.
        time.sleep(0.02 + random.random() * 0.08)


def init_app(app: Flask) -> None:
    """Make sure the log exists and close connections after each request."""
    create_database(app.config["DATABASE"])
    app.teardown_appcontext(close_db)


def log_turn(session_id: str, reply, text: str) -> None:
    """Record one turn; a logging failure is reported, never raised to the teen."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    stored = scrub(text) if current_app.config["LOG_MESSAGES"] else None
    try:
        db = get_db()
        # One transaction: both rows or neither. sqlite-utils commits each
        # statement on its own unless a transaction is already open.
        with db.conn:
            db.conn.execute("begin")
            db.execute(
                "insert into sessions "
                "(id, started_at, last_seen_at, lang, region, turns) "
                "values (?, ?, ?, ?, ?, 1) on conflict(id) do update set "
                "last_seen_at = excluded.last_seen_at, lang = excluded.lang, "
                "region = excluded.region, turns = turns + 1",
                [session_id, now, now, reply.lang, reply.region],
            )
            db.execute(
                "insert into turns (session_id, at, lang, region, intent, confidence, "
                "crisis, text) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    session_id,
                    now,
                    reply.lang,
                    reply.region,
                    reply.intent,
                    reply.confidence,
                    int(reply.crisis),
                    stored,
                ],
            )
    except sqlite3.Error as error:
        # Never the message itself: the error type is enough to act on.
        current_app.logger.warning("Could not log a turn: %s", type(error).__name__)
