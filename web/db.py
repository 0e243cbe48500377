"""The anonymous session log, in an embedded SQLite file (sqlite-utils).

A session row holds a random id and coarse facts; a turn row holds what Nuri
decided. No IP address, user agent or cookie is ever stored; message text only
when LOG_MESSAGES is on, and then scrubbed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

from web.scrub import scrub


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
    db.enable_wal()
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


def init_app(app: Flask) -> None:
    """Make sure the log exists and close connections after each request."""
    path = Path(app.config["DATABASE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    try:
        init_db(db)
    finally:
        db.conn.close()
    app.teardown_appcontext(close_db)


def log_turn(session_id: str, reply, text: str) -> bool:
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
        return True
    except sqlite3.Error as error:
        # Never the message itself: the error type is enough to act on.
        current_app.logger.warning("Could not log a turn: %s", type(error).__name__)
        return False
