"""The admin dashboard: the log's k-anonymous figures, behind NURI_ADMIN_TOKEN.

GET or POST /admin. The token comes in an `Authorization: Bearer` header
(scripts) or a POSTed `token` field (people: the sign-in form, then the filter
form carries it hidden), so no cookie is ever set. Without a token configured
the page does not exist (404). Failed attempts are limited per process, never
per IP address, which Nuri never looks at.

Filters, from the query or the form: `days` (7, 30 or 90, default 30; anything
else is a 400) and `site` (one of `stats.sites` for the period; any other site
shows all sites with a note, so a filter kept across a change of period still
answers).
"""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import deque

from flask import Blueprint, Response, abort, current_app, render_template, request

from web import figures, stats
from web.db import get_db

PERIODS = (7, 30, 90)
MAX_FAILURES = 10  # failed sign-ins allowed per WINDOW, per process
WINDOW = 60.0  # seconds
# Only the stylesheet and the inline charts: no script, no other host, no frames.
POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

bp = Blueprint("admin", __name__)


class Limiter:
    """The failed sign-ins of the last WINDOW seconds, in this process."""

    def __init__(self) -> None:
        self.failures: deque[float] = deque()
        self.lock = threading.Lock()

    def _wait(self) -> int:
        now = time.monotonic()
        while self.failures and self.failures[0] <= now - WINDOW:
            self.failures.popleft()
        if len(self.failures) < MAX_FAILURES:
            return 0
        return max(1, math.ceil(self.failures[0] + WINDOW - now))

    def wait(self) -> int:
        """Seconds until sign-in is allowed again; 0 when it is now."""
        with self.lock:
            return self._wait()

    def verify(self, given: str, token: str) -> bool | None:
        """Compare a token and count a failure; None when too many failed already."""
        # One lock around check, compare and count: parallel guesses cannot
        # slip past the limit.
        with self.lock:
            if self._wait():
                return None
            if hmac.compare_digest(given.encode(), token.encode()):
                return True
            self.failures.append(time.monotonic())
            return False


@bp.record_once
def _attach(state) -> None:
    state.app.extensions["nuri_admin"] = Limiter()
    token = state.app.config.get("ADMIN_TOKEN")
    if token and len(str(token)) < 16:
        state.app.logger.warning(
            "NURI_ADMIN_TOKEN is short; use at least 16 random characters."
        )


@bp.route("/admin", methods=["GET", "POST"])
def dashboard():
    """Sign in, or show the figures for a period and site."""
    token = current_app.config.get("ADMIN_TOKEN")
    if not token:
        abort(404)
    limiter: Limiter = current_app.extensions["nuri_admin"]
    wait = limiter.wait()
    if wait:
        return _too_many(wait)
    given = _given_token()
    if not given:
        return _signin(None)
    ok = limiter.verify(given, str(token))
    if ok is None:  # another request used the last attempt meanwhile
        return _too_many(max(1, limiter.wait()))
    if not ok:
        return _signin("That token is not right.")
    days = request.values.get("days", "30")
    if days not in {str(n) for n in PERIODS}:
        error = "Choose a period of 7, 30 or 90 days."
        return _page(given, days=30, site="", error=error), 400
    days, db = int(days), get_db()
    sites = stats.sites(db, days)
    site, note = request.values.get("site", ""), None
    if site and site not in sites:
        note = f"That site has fewer than {stats.K} turns in this period, or none."
        site = ""
    summary = stats.summarize(db, days, site or None)
    return _page(
        given,
        days,
        site,
        sites=sites,
        note=note,
        summary=summary,
        headline=figures.headline(summary),
        charts=figures.figures(summary, days) if summary.turns else [],
    )


def _given_token() -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    return request.form.get("token", "")


def _signin(error: str | None) -> Response:
    response = Response(render_template("admin_signin.html", error=error), 401)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _too_many(wait: int) -> Response:
    response = Response(render_template("admin_signin.html", wait=wait), 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _page(token: str, days: int, site: str, **context) -> str:
    context.setdefault("sites", [])
    return render_template(
        "admin.html", token=token, days=days, site=site, periods=PERIODS, **context
    )


@bp.after_request
def _private(response: Response) -> Response:
    # Not on the 404 of an unconfigured dashboard, which must look like any other.
    if current_app.config.get("ADMIN_TOKEN"):
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Content-Security-Policy"] = POLICY
    return response
