"""The OpenAPI 3.0 document of the chat API, served at /openapi.json.

Written out here rather than generated: the API is small, and its limits come
from the same constants the validation uses, so the document cannot drift.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from chatbot import LANGUAGES, REGIONS

bp = Blueprint("openapi", __name__)

SESSION = {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}},
}
BUTTON = {
    "type": "object",
    "required": ["title", "payload"],
    "properties": {"title": {"type": "string"}, "payload": {"type": "string"}},
}
MESSAGE = {
    "type": "object",
    "required": ["text", "buttons", "sources"],
    "properties": {
        "text": {"type": "string"},
        "buttons": {"type": "array", "items": BUTTON},
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url"],
                "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
            },
        },
    },
}
REPLY = {
    "type": "object",
    "required": ["messages", "intent", "confidence", "lang", "region", "crisis"],
    "properties": {
        "messages": {"type": "array", "items": MESSAGE},
        "intent": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "lang": {"type": "string", "enum": list(LANGUAGES)},
        "region": {"type": "string", "enum": list(REGIONS)},
        "crisis": {"type": "boolean"},
        "entities": {"type": "object", "additionalProperties": {"type": "string"}},
        "response": {"type": "string"},
        "offered": {"type": "array", "items": {"type": "string"}},
    },
}


def _json(schema: dict, description: str, headers: dict | None = None) -> dict:
    answer = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def _refused() -> dict:
    retry = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}}
    return {
        "400": _json(ERROR, "The request is not valid; `error` says why."),
        "413": _json(ERROR, "The message or the body is too long."),
        "429": _json(ERROR, "Too many messages; wait and try again.", retry),
    }


def _post(summary: str, body: dict, ok: dict) -> dict:
    return {
        "post": {
            "summary": summary,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": body}},
            },
            "responses": {"200": ok, **_refused()},
        }
    }


def document(max_length: int) -> dict:
    """The whole OpenAPI document for a message limit of max_length characters."""
    # Something besides spaces: a blank message is refused.
    message = {
        "type": "string",
        "minLength": 1,
        "maxLength": max_length,
        "pattern": "\\S",
    }
    choice = {
        "type": "string",
        "nullable": True,
        "description": "Case-insensitive; empty or null means the default.",
    }
    chat = {
        "type": "object",
        "required": ["session", "message"],
        "properties": {
            "session": SESSION,
            "message": message,
            "lang": {**choice, "enum": [*LANGUAGES, "", None]},
            "region": {**choice, "enum": [*REGIONS, "", None]},
        },
    }
    rest = {
        "type": "object",
        "required": ["sender", "message"],
        "properties": {"sender": SESSION, "message": message},
    }
    rest_reply = {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["recipient_id", "text", "buttons"],
            "properties": {
                "recipient_id": {"type": "string"},
                "text": {"type": "string"},
                "buttons": {"type": "array", "items": BUTTON},
            },
        },
    }
    status = {"type": "object", "properties": {"status": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Nuri chat API",
            "version": "1",
            "description": "Anonymous: no cookies, and no IP address is ever stored.",
        },
        "paths": {
            "/api/chat": _post("Answer one message.", chat, _json(REPLY, "The reply.")),
            "/api/welcome": {
                "get": {
                    "summary": "The welcome bubbles in a language and region.",
                    "parameters": [
                        {
                            "name": "lang",
                            "in": "query",
                            "schema": {"type": "string", "enum": [*LANGUAGES, ""]},
                        },
                        {
                            "name": "region",
                            "in": "query",
                            "schema": {"type": "string", "enum": [*REGIONS, ""]},
                        },
                    ],
                    "responses": {
                        "200": _json(REPLY, "The welcome."),
                        "400": _json(ERROR, "Unknown language or region."),
                    },
                }
            },
            "/webhooks/rest/webhook": _post(
                "Rasa's REST channel.", rest, _json(rest_reply, "Bot messages.")
            ),
            "/webhooks/rest/": {
                "get": {
                    "summary": "REST channel health.",
                    "responses": {"200": _json(status, "ok")},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Model loaded and log writable.",
                    "responses": {"200": _json(status, "ok")},
                }
            },
        },
    }


@bp.get("/openapi.json")
def openapi_json():
    """The chat API's OpenAPI document."""
    response = jsonify(document(current_app.config["MAX_MESSAGE_LENGTH"]))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
