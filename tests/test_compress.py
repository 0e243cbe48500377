"""Smaller answers: gzip for the widget and JSON, long caching at a versioned URL."""

import gzip
import re

from web import widget


def test_widget_js_is_sent_gzipped_with_an_etag(client):
    plain = client.get("/widget.js")
    zipped = client.get("/widget.js", headers={"Accept-Encoding": "gzip, br"})
    assert plain.headers.get("Content-Encoding") is None
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data == widget.SCRIPT.read_bytes()
    assert len(zipped.data) < len(plain.data) / 2
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.headers["Cache-Control"] == "public, max-age=300"
    assert zipped.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    again = client.get(
        "/widget.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304 and again.data == b""


def test_nuris_own_pages_load_a_versioned_widget_cached_for_a_year(client):
    page = client.get("/").text
    src = re.search(r'<script src="(/widget\.(\w+)\.js)"', page)
    assert src and src.group(2) == widget.current().version
    response = client.get(src.group(1))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/widget.000000000000.js").status_code == 404


def test_chat_json_is_gzipped_when_large_enough(client, session_id):
    body = {"session": session_id, "message": "딥페이크 신고 어떻게 해요?"}
    plain = client.post("/api/chat", json=body)
    zipped = client.post("/api/chat", json=body, headers={"Accept-Encoding": "gzip"})
    assert len(plain.data) >= 1024
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    # Small answers stay as they are.
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers


def test_the_widget_stays_within_its_15_kb_budget():
    assert len(widget.current().gzipped) <= 15_000
