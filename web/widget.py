"""Serve widget.js: gzip made once, an ETag, and a versioned URL cached for a year.

Schools paste `/widget.js` once and never change it, so that address is cached
for minutes and revalidated by ETag (a 304 costs a few bytes). Nuri's own pages
use `/widget.<version>.js`, which never changes and is cached for a year.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, request

from web.compress import accepts_gzip

SCRIPT = Path(__file__).resolve().parent / "static" / "widget.js"
SHORT = "public, max-age=300"
LONG = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Script:
    """One version of widget.js, plain and gzipped."""

    version: str
    plain: bytes
    gzipped: bytes
    mtime: float


_current: Script | None = None


def current() -> Script:
    """The script as it is on disk, re-read only when the file changed."""
    global _current
    mtime = SCRIPT.stat().st_mtime
    if _current is None or _current.mtime != mtime:
        plain = SCRIPT.read_bytes()
        _current = Script(
            version=hashlib.sha256(plain).hexdigest()[:12],
            plain=plain,
            gzipped=gzip.compress(plain, 9, mtime=0),
            mtime=mtime,
        )
    return _current


def serve(version: str | None = None) -> Response:
    """Answer for /widget.js (version None) or /widget.<version>.js."""
    script = current()
    if version is not None and version != script.version:
        abort(404)  # an old version is gone; the page should load /widget.js
    zipped = accepts_gzip()
    response = Response(
        script.gzipped if zipped else script.plain,
        mimetype="application/javascript",
    )
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    response.set_etag(script.version + ("-gzip" if zipped else ""))
    response.headers["Cache-Control"] = LONG if version else SHORT
    # Any school's page may load it.
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response.make_conditional(request)
