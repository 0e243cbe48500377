"""gzip for text answers (JSON, pages) when the client accepts it.

Chat replies run to a few kilobytes of Korean; gzip makes them a third of that,
which matters on a phone at a school's busy Wi-Fi. Small bodies are sent as they are.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

MIN_SIZE = 1024  # bytes; below this gzip saves too little to be worth the work
LEVEL = 5  # nearly the size of level 9 at a fraction of the time
TYPES = frozenset(
    {
        "application/json",
        "application/javascript",
        "text/html",
        "text/css",
        "text/csv",
        "image/svg+xml",
    }
)


def accepts_gzip() -> bool:
    """Whether the request says it can read a gzip body."""
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def compress(response: Response) -> Response:
    """gzip a text body of MIN_SIZE or more for a client that accepts it."""
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or response.mimetype not in TYPES
        or not accepts_gzip()
    ):
        return response
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(body, LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag:  # the gzip body is another representation of the same thing
        response.set_etag(etag + "-gzip", weak=weak)
    return response


def init_app(app: Flask) -> None:
    """Compress every eligible answer of the app."""
    app.after_request(compress)
