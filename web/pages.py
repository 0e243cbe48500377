"""The pages: a demo school page, the teachers' embed page, and the widget script."""

from __future__ import annotations

from flask import Blueprint, render_template

from chatbot import LANGUAGES, REGIONS
from web import widget

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
    """The dependency-free widget at the address schools paste; any site may load it."""
    return widget.serve()


@bp.get("/widget.<version>.js")
def widget_versioned(version: str):
    """The same script at an address that never changes, cached for a year."""
    return widget.serve(version)


@bp.app_context_processor
def widget_url() -> dict:
    """Let templates load this exact version: `{{ widget_src }}`."""
    return {"widget_src": f"/widget.{widget.current().version}.js"}
