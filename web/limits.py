"""Rate limits for the chat API, kept in this process's memory only.

A session may send SESSION_LIMIT messages a minute and a client address
CLIENT_LIMIT; beyond that the answer is 429 with `Retry-After`. The address is
never stored: it is hashed with a random key made at start-up, held in memory
for at most a few minutes, and forgotten. Each gunicorn worker keeps its own
counts, so a replica allows up to workers × the limit.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time

from flask import Flask, current_app, request

from web.errors import ApiError, StartupError

# Forget a key this long after it was last seen (its bucket is full again by then).
FORGET_AFTER = 120.0


class Buckets:
    """Token buckets: `limit` requests a minute for each key, refilled evenly."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rate = limit / 60.0
        self.buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, when)
        self.lock = threading.Lock()
        self.swept = time.monotonic()

    def take(self, key: str) -> float:
        """Take one token for key; return 0, or the seconds until one is free."""
        now = time.monotonic()
        with self.lock:
            if now - self.swept > FORGET_AFTER:
                self._sweep(now)
            tokens, when = self.buckets.get(key, (float(self.limit), now))
            tokens = min(float(self.limit), tokens + (now - when) * self.rate)
            if tokens >= 1.0:
                self.buckets[key] = (tokens - 1.0, now)
                return 0.0
            self.buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _sweep(self, now: float) -> None:
        self.buckets = {
            key: value
            for key, value in self.buckets.items()
            if now - value[1] < FORGET_AFTER
        }
        self.swept = now


class Limits:
    """The session and client limits of one app; a limit of 0 is off."""

    def __init__(self, session_limit: int, client_limit: int) -> None:
        self.sessions = Buckets(session_limit) if session_limit > 0 else None
        self.clients = Buckets(client_limit) if client_limit > 0 else None
        self.key = secrets.token_bytes(16)

    def client(self) -> str:
        """A keyed hash of the client's address: in memory only, never stored."""
        address = (request.remote_addr or "").encode()
        return hashlib.blake2b(address, key=self.key, digest_size=16).hexdigest()


class TooFast(ApiError):
    """More requests than the limit allows; the client is told when to retry."""

    def __init__(self, wait: float) -> None:
        super().__init__(
            "Too many messages at once. Please wait a moment and try again.",
            status=429,
        )
        self.retry_after = max(1, math.ceil(wait))


def check_client() -> None:
    """Count a request against its client address; raise TooFast when over."""
    limits: Limits = current_app.extensions["nuri_limits"]
    if limits.clients:
        _raise_if(limits.clients.take(limits.client()))


def check_session(session: str) -> None:
    """Count a message against its session; raise TooFast when over."""
    limits: Limits = current_app.extensions["nuri_limits"]
    if limits.sessions:
        _raise_if(limits.sessions.take(session))


def _raise_if(wait: float) -> None:
    if wait:
        raise TooFast(wait)


def init_app(app: Flask) -> None:
    """Set up this app's limits from SESSION_LIMIT and CLIENT_LIMIT (0 is off)."""
    limits = {}
    for name in ("SESSION_LIMIT", "CLIENT_LIMIT"):
        value = app.config[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise StartupError(
                f"NURI_{name} is {value!r}; use a whole number, 0 for off."
            )
        limits[name] = value
    app.extensions["nuri_limits"] = Limits(
        limits["SESSION_LIMIT"], limits["CLIENT_LIMIT"]
    )
