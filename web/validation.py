"""Check what a client sent before the chatbot sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app, request

from chatbot import LANGUAGES, REGIONS
from web.errors import ApiError

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
# What counts as blank around a message: JSON Schema's (ECMAScript's) white space,
# as /openapi.json's pattern means it. Python's str.strip() would also take the
# control characters 0x1c-0x1f and 0x85, which the document allows as text.
BLANK = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


@dataclass(frozen=True)
class ChatRequest:
    """A valid chat message."""

    session: str
    message: str
    lang: str | None
    region: str | None


def json_object() -> dict:
    """Return the request body as a JSON object, or refuse it clearly."""
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict):
        raise ApiError(
            'Send a JSON object, for example {"session": "…", "message": "hi"}.'
        )
    return data


def chat_request(
    data: dict, session_key: str = "session", options: bool = True
) -> ChatRequest:
    """Validate session id, message, and (with options) the language and region."""
    session = data.get(session_key)
    if not isinstance(session, str) or not SESSION_ID.match(session):
        raise ApiError(
            f"`{session_key}` must be a random id of 16 to 64 letters, digits, - or _."
        )
    message = data.get("message")
    if not isinstance(message, str):
        raise ApiError("`message` must be a string.")
    # The limit counts what was sent, as /openapi.json says, before trimming.
    limit = current_app.config["MAX_MESSAGE_LENGTH"]
    if len(message) > limit:
        raise ApiError(f"`message` is longer than {limit} characters.", status=413)
    message = message.strip(BLANK)
    if not message:
        raise ApiError("`message` is empty.")
    return ChatRequest(
        session=session,
        message=message,
        lang=_optional_choice(data, "lang", LANGUAGES) if options else None,
        region=_optional_choice(data, "region", REGIONS, upper=True)
        if options
        else None,
    )


def _optional_choice(
    data: dict, key: str, allowed: tuple[str, ...], upper: bool = False
):
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.upper() if upper else value.lower()
        if value in allowed:
            return value
    raise ApiError(f"`{key}` must be one of {', '.join(allowed)}.")
