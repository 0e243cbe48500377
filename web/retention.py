"""Forget old turns: nothing stays in the log longer than NURI_RETENTION_DAYS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlite_utils


@dataclass(frozen=True)
class Purged:
    """How many rows a purge deleted, and the time before which it deleted them."""

    turns: int
    sessions: int
    before: str


def cutoff(days: int, now: datetime | None = None) -> str:
    """The minute before which rows are older than `days` days."""
    now = now or datetime.now(timezone.utc)
    return (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def purge(db: sqlite_utils.Database, days: int, now: datetime | None = None) -> Purged:
    """Delete turns older than `days`, and sessions whose last turn is that old."""
    before = cutoff(days, now)
    with db.conn:
        turns = db.execute("delete from turns where at < ?", [before]).rowcount
        # A session's turns are all older than its last one, so none is orphaned.
        sessions = db.execute(
            "delete from sessions where last_seen_at < ?", [before]
        ).rowcount
    return Purged(turns=turns, sessions=sessions, before=before)
