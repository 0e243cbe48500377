"""Headers on every answer that keep referrers, sniffing and third-party hosts out."""

from __future__ import annotations

from flask import Flask, Response

# Nuri's own pages load nothing from any other host and run no inline script.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)


def init_app(app: Flask) -> None:
    """Add the security headers to every response of the app."""
    app.after_request(protect)


def protect(response: Response) -> Response:
    """Set the headers unless a view chose its own."""
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    return response
