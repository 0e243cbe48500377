"""Let school sites on other origins call the API (no cookies are ever involved)."""

from __future__ import annotations

from flask import Flask, request


def init_app(app: Flask) -> None:
    """Add CORS headers to API answers for the origins the operator allows."""

    @app.after_request
    def add_cors_headers(response):
        if not request.path.startswith(("/api/", "/webhooks/")):
            return response
        allowed = allowed_origins(app.config["ALLOWED_ORIGINS"])
        origin = request.headers.get("Origin")
        if "*" in allowed:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in allowed:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        else:
            return response
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
        return response


def allowed_origins(setting: str | list[str]) -> set[str]:
    """Read ALLOWED_ORIGINS: "*", or origins separated by commas or spaces."""
    if isinstance(setting, str):
        setting = setting.replace(",", " ").split()
    return {origin.rstrip("/") for origin in setting}
