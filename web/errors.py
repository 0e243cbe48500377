"""Every API error is JSON with a clear message; nothing answers with a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError


class StartupError(RuntimeError):
    """Nuri cannot serve; the message says why, in one line, and what to do."""


class ApiError(Exception):
    """A request we refuse, with the message the client is shown."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        # Seconds a client should wait before asking again (429 and 503).
        self.retry_after: int | None = None


_MESSAGES = {
    404: "There is nothing at this address.",
    405: "This address does not accept that method.",
    413: "The request is too large.",
    429: "Too many requests. Please wait a moment and try again.",
}


def init_app(app: Flask) -> None:
    """Answer API errors, and any error on an API path, as JSON."""

    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        response = jsonify(error=error.message)
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response, error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if not _is_api(request.path):
            return error
        message = _MESSAGES.get(error.code or 500, error.description)
        response = jsonify(error=message)
        # Keep what the error says about itself, such as Allow on a 405.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unexpected error on %s", request.path)
        if not _is_api(request.path):
            return InternalServerError()
        return jsonify(
            error="Sorry, something went wrong on our side. Please try again."
        ), 500


def _is_api(path: str) -> bool:
    return path.startswith(("/api/", "/webhooks/", "/healthz"))
