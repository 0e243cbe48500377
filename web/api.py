"""The JSON API: chat, welcome, health, and Rasa's REST channel contract."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from chatbot import LANGUAGES, REGIONS, Context
from web import limits
from web.bot import get_bot
from web.db import get_db
from web.errors import ApiError
from web.log import log_turn
from web.validation import chat_request, json_object

bp = Blueprint("api", __name__)


@bp.post("/api/chat")
def chat():
    """Answer one message from the widget."""
    limits.check_client()
    asked = chat_request(json_object())
    limits.check_session(asked.session)
    reply = get_bot().reply(
        asked.message, Context(lang=asked.lang, region=asked.region)
    )
    log_turn(asked.session, reply, asked.message, request.headers.get("Origin"))
    return jsonify(reply.to_dict())


@bp.get("/api/welcome")
def welcome():
    """The first bubbles the widget shows, in the page's language and region."""
    lang = (request.args.get("lang") or "ko").lower()
    region = request.args.get("region", "").upper() or None
    if lang not in LANGUAGES or (region and region not in REGIONS):
        raise ApiError(
            f"`lang` must be one of {', '.join(LANGUAGES)}; "
            f"`region` one of {', '.join(REGIONS)}."
        )
    return jsonify(get_bot().welcome(Context(lang=lang, region=region)).to_dict())


@bp.post("/webhooks/rest/webhook")
def rest_webhook():
    """Rasa's REST channel: {"sender", "message"} in, a list of bot messages out."""
    limits.check_client()
    # Rasa's REST channel has no language or region: the message decides.
    asked = chat_request(json_object(), session_key="sender", options=False)
    limits.check_session(asked.session)
    reply = get_bot().reply(asked.message, Context())
    log_turn(asked.session, reply, asked.message, request.headers.get("Origin"))
    return jsonify(
        [
            {
                "recipient_id": asked.session,
                "text": message.text,
                "buttons": [
                    {"title": b.title, "payload": b.payload} for b in message.buttons
                ],
            }
            for message in reply.messages
        ]
    )


@bp.get("/webhooks/rest/")
def rest_status():
    """Rasa's REST channel health check."""
    return jsonify(status="ok")


@bp.get("/healthz")
def healthz():
    """Report whether the model is loaded and the log is writable."""
    bot = get_bot()
    get_db().execute("select 1").fetchone()
    return jsonify(
        status="ok",
        model=bot.model_name,
        log_text=current_app.config["LOG_TEXT"],
    )
