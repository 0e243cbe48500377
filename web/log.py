"""Record one turn in the log: what was answered, never who asked.

Times are rounded down to the minute; the embedding site is a host name taken
from `Origin`; message text is kept only as NURI_LOG_TEXT says, and scrubbed
first. A log that cannot be written never stops a reply, and says so once.
"""

from __future__ import annotations

import ipaddress
import re
import sqlite3
import threading
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

from flask import Flask, current_app

from chatbot import Reply
from web.db import get_db, open_db
from web.errors import StartupError
from web.retention import purge
from web.scrub import scrub

TEXT_CHOICES = ("none", "unanswered", "all")
# Below this confidence a turn counts as unanswered, like a fallback: the
# messages a maintainer most needs to read to improve the training data.
UNSURE_BELOW = 0.6
UNANSWERED = ("fallback", "clarify")
# Retention runs at start-up and then at most once a day, on a turn.
PURGE_EVERY = 24 * 60 * 60.0
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def now_minute() -> str:
    """The current UTC time, rounded down to the minute."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M")


def site_of(origin: str | None) -> str | None:
    """The host name of an `Origin` header: no scheme, port, path or IP address."""
    if not origin or origin == "null":
        return None
    try:
        host = (urlsplit(origin).hostname or "").rstrip(".")
    except ValueError:
        return None
    if len(host) > 253 or not HOST.match(host):
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return None  # an address, not a name: never stored


def is_unanswered(reply: Reply) -> bool:
    """Whether Nuri fell back, asked back or was unsure (crisis answers excepted)."""
    if reply.response in UNANSWERED:
        return True
    return not reply.crisis and reply.confidence < UNSURE_BELOW


def text_to_keep(reply: Reply, text: str, policy: str) -> str | None:
    """The scrubbed message when the policy keeps it, else None."""
    if policy == "all" or (policy == "unanswered" and is_unanswered(reply)):
        return scrub(text)
    return None


class _Health:
    """Warn once when the log fails and once when it works again, per process."""

    def __init__(self) -> None:
        self.failing = False
        self.last_purge = time.monotonic()
        self.lock = threading.Lock()

    def failed(self, error: sqlite3.Error) -> None:
        with self.lock:
            if self.failing:
                return
            self.failing = True
        # Never the message itself: the error is enough to act on.
        current_app.logger.warning(
            "Cannot write the log %s (%s: %s); replies go on, unlogged, and this "
            "is not repeated until the log works again.",
            current_app.config["DATABASE"],
            type(error).__name__,
            error,
        )

    def worked(self) -> None:
        if self.failing:
            with self.lock:
                self.failing = False
            current_app.logger.warning("The log is writable again.")

    def purge_due(self) -> bool:
        with self.lock:
            due = time.monotonic() - self.last_purge > PURGE_EVERY
            if due:
                self.last_purge = time.monotonic()
            return due


def log_turn(session_id: str, reply: Reply, text: str, origin: str | None) -> None:
    """Record one turn; a logging failure is reported once, never raised to the teen."""
    health: _Health = current_app.extensions["nuri_log"]
    now = now_minute()
    site = site_of(origin)
    stored = text_to_keep(reply, text, current_app.config["LOG_TEXT"])
    (top, top_confidence), (second, second_confidence) = _two(reply.guesses)
    try:
        db = get_db()
        # One transaction: both rows or neither. sqlite-utils commits each
        # statement on its own unless a transaction is already open.
        with db.conn:
            db.conn.execute("begin immediate")
            db.execute(
                "insert into sessions "
                "(id, started_at, last_seen_at, lang, region, site, turns) "
                "values (?, ?, ?, ?, ?, ?, 1) on conflict(id) do update set "
                "last_seen_at = excluded.last_seen_at, lang = excluded.lang, "
                "region = excluded.region, site = excluded.site, turns = turns + 1",
                [session_id, now, now, reply.lang, reply.region, site],
            )
            db["turns"].insert(
                {
                    "session_id": session_id,
                    "at": now,
                    "lang": reply.lang,
                    "region": reply.region,
                    "site": site,
                    "intent": reply.intent,
                    "confidence": reply.confidence,
                    "response": reply.response,
                    "crisis": int(reply.crisis),
                    "top_intent": top,
                    "top_confidence": top_confidence,
                    "second_intent": second,
                    "second_confidence": second_confidence,
                    "text": stored,
                }
            )
        health.worked()
        if health.purge_due():
            purge(db, current_app.config["RETENTION_DAYS"])
    except sqlite3.Error as error:
        health.failed(error)


def _two(guesses) -> list[tuple[str | None, float | None]]:
    padded = list(guesses[:2]) + [(None, None)] * 2
    return padded[:2]


def init_app(app: Flask) -> None:
    """Check the log settings and apply retention once at start-up."""
    if "LOG_MESSAGES" in app.config:
        raise StartupError(
            "NURI_LOG_MESSAGES is replaced by NURI_LOG_TEXT: none, unanswered or all."
        )
    policy = str(app.config["LOG_TEXT"]).lower()
    if policy not in TEXT_CHOICES:
        raise StartupError(
            f"NURI_LOG_TEXT is {policy!r}; use one of {', '.join(TEXT_CHOICES)}."
        )
    app.config["LOG_TEXT"] = policy
    days = app.config["RETENTION_DAYS"]
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise StartupError(
            f"NURI_RETENTION_DAYS is {days!r}; use a whole number of days, 1 or more."
        )
    app.extensions["nuri_log"] = _Health()
    db = open_db(app.config["DATABASE"])
    try:
        purge(db, days)
    except sqlite3.Error as error:
        app.logger.warning("Could not apply retention at start-up: %s", error)
    finally:
        db.conn.close()
