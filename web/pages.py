"""The pages: a demo school page, the teachers' embed page, and the widget script."""

from __future__ import annotations

from flask import Blueprint, render_template, send_from_directory

from chatbot import LANGUAGES, REGIONS

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    """A plain school-like page that embeds the widget the way a school would."""
    return render_template("index.html")


@bp.get("/embed")
def embed():
    """Where teachers choose options, preview the widget and copy the snippet."""
    return render_template("embed.html", languages=LANGUAGES, regions=REGIONS)


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
