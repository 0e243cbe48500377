"""The anonymous session log, in an embedded SQLite file (sqlite-utils, WAL).

What the tables hold is described column by column in `web.schema`; what a turn
records is decided in `web.log`. No IP address, user agent or cookie is ever
stored.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import sqlite_utils
from flask import Flask, current_app, g

from web.errors import StartupError
from web.schema import migrate

# How long a process waits for another one that is creating the log at the same time.
CREATE_TIMEOUT = 30.0
# How long a request waits for a locked log before it answers without logging.
BUSY_TIMEOUT = 2.0


def open_db(path: str | Path, timeout: float = BUSY_TIMEOUT) -> sqlite_utils.Database:
    """Open an existing log; never create an empty file where a log went missing."""
    uri = Path(path).resolve().as_uri() + "?mode=rw"
    return sqlite_utils.Database(sqlite3.connect(uri, uri=True, timeout=timeout))


def open_merged(paths: list[str | Path]) -> sqlite_utils.Database:
    """Read several replicas' logs as one: `turns` and `sessions` are their union.

    Each web replica keeps its own log; the maintainers' commands merge them
    here, read-only, by views that shadow the first log's tables.
    """
    db = open_db(paths[0])
    if len(paths) == 1:
        return db
    names = ["main"]
    for n, path in enumerate(paths[1:], 1):
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        db.execute(f"attach database ? as replica{n}", [uri])
        names.append(f"replica{n}")
    for table in ("turns", "sessions"):
        union = " union all ".join(f"select * from {name}.{table}" for name in names)
        db.execute(f"create temp view {table} as {union}")
    return db


def get_db() -> sqlite_utils.Database:
    """Open (once per request) the log database."""
    if "db" not in g:
        g.db = open_db(current_app.config["DATABASE"])
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    """Close the request's connection."""
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_db(db: sqlite_utils.Database) -> None:
    """Switch on WAL for concurrent workers, then bring the schema up to date."""
    if db.journal_mode != "wal":
        db.enable_wal()
    migrate(db)


def create_database(path: str | Path) -> None:
    """Create or upgrade the log once, waiting while another process does the same.

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
                raise _cannot_create(path, str(error)) from error
        except sqlite3.DatabaseError as error:
            raise _cannot_create(path, str(error)) from error
        except OSError as error:
            raise _cannot_create(path, error.strerror) from error
        # WAL switching takes an exclusive lock that SQLite's busy handler does
        # not wait for, so wait here, a little differently in each process.
        time.sleep(0.02 + random.random() * 0.08)


def _cannot_create(path: Path, reason: str | None) -> StartupError:
    return StartupError(
        f"Cannot create the log database {path}: {reason}. "
        "Check NURI_DATABASE and that its folder is writable."
    )


def init_app(app: Flask) -> None:
    """Make sure the log exists and is current; close connections after requests."""
    create_database(app.config["DATABASE"])
    app.teardown_appcontext(close_db)
