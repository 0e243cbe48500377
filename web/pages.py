"""The pages: a demo school page, the teachers' embed page, and the widget script."""

from __future__ import annotations

from flask import Blueprint, render_template, send_from_directory

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    """A plain school-like page that embeds the widget the way a school would."""
    return render_template("index.html")


@bp.get("/embed")
def embed():
    """Where teachers choose options, preview the widget and copy the snippet."""
    return render_template("embed.html")


@bp.get("/widget.js")
def widget_js():
    """The dependency-free widget; any site may load it."""
    response = send_from_directory(
        bp.root_path + "/static",
        "widget.js",
        mimetype="application/javascript",
        max_age=300,
    )
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


# Nuri's own pages load nothing from any other host.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)


@bp.after_app_request
def protect(response):
    """Headers that keep referrers, sniffing and third-party hosts out."""
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    return response
