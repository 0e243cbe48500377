"""The log's schema: every column described once, and the steps that build it.

The steps run in order, each once per database, counted in SQLite's own
`user_version`; a new column is a new step at the end, never an edit of an old
one, so a school's existing log is upgraded in place at the next start. The
descriptions feed README → Privacy (tested) and Datasette's metadata.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# Table → column → what it holds. Nothing else is ever stored.
COLUMNS: dict[str, dict[str, str]] = {
    "sessions": {
        "id": "The random session id the widget made; it identifies no one.",
        "started_at": "First message, UTC, rounded down to the minute.",
        "last_seen_at": "Latest message, UTC, rounded down to the minute.",
        "lang": "Language of the latest reply: ko or en.",
        "region": "Hotline region of the latest reply: KR, INTL, US or UK.",
        "turns": "How many messages the session sent.",
        "site": "Host name of the page the widget is on (from Origin), or empty.",
    },
    "turns": {
        "id": "Row number.",
        "session_id": "The session this message belongs to.",
        "at": "When, UTC, rounded down to the minute.",
        "lang": "Language of the reply: ko or en.",
        "region": "Hotline region of the reply.",
        "intent": "The topic answered, or nlu_fallback when Nuri was unsure.",
        "confidence": "Confidence in that topic (1.0 when crisis words decided).",
        "crisis": "1 when the crisis answer was given.",
        "text": "The message, scrubbed; empty unless NURI_LOG_TEXT keeps it.",
        "site": "Host name of the page the widget is on (from Origin), or empty.",
        "response": "What Nuri answered: a topic, crisis, fallback or clarify.",
        "top_intent": "The model's likeliest topic.",
        "top_confidence": "Its confidence.",
        "second_intent": "The model's second likeliest topic.",
        "second_confidence": "Its confidence.",
    },
}


def _create_tables(db: sqlite_utils.Database) -> None:
    """Version 1: the sessions and turns tables as first released."""
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


def _add_site_and_guesses(db: sqlite_utils.Database) -> None:
    """Version 2: the embedding site, what was answered, the top two guesses.

    Existing rows get `response` from what they recorded, and their times are
    rounded down to the minute like every new row.
    """
    db["sessions"].add_column("site", str)
    for column, kind in (
        ("site", str),
        ("response", str),
        ("top_intent", str),
        ("top_confidence", float),
        ("second_intent", str),
        ("second_confidence", float),
    ):
        db["turns"].add_column(column, kind)
    db.execute(
        "update turns set at = substr(at, 1, 16), response = case "
        "when crisis = 1 then 'crisis' when intent = 'nlu_fallback' then 'fallback' "
        "else intent end"
    )
    db.execute(
        "update sessions set started_at = substr(started_at, 1, 16), "
        "last_seen_at = substr(last_seen_at, 1, 16)"
    )
    # Retention deletes by time; statistics filter by time and site.
    db["turns"].create_index(["at"], if_not_exists=True)
    db["turns"].create_index(["site", "at"], if_not_exists=True)
    db["sessions"].create_index(["last_seen_at"], if_not_exists=True)


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _create_tables,
    _add_site_and_guesses,
)
VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Run the steps this database has not had yet; return how many ran.

    All pending steps run in one `BEGIN IMMEDIATE` transaction, and the version
    is read inside it, so two processes starting together cannot both run one.
    """
    conn = db.conn
    saved = conn.isolation_level
    conn.isolation_level = None  # we open and close the transaction ourselves
    try:
        conn.execute("begin immediate")
        try:
            done = conn.execute("pragma user_version").fetchone()[0]
            if done > VERSION:
                raise sqlite3.DatabaseError(
                    f"the log is at schema version {done}, newer than this "
                    f"Nuri's {VERSION}"
                )
            for step in MIGRATIONS[done:]:
                step(db)
            conn.execute(f"pragma user_version = {VERSION}")
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            raise
    finally:
        conn.isolation_level = saved
    return VERSION - done
