"""The admin dashboard: behind a token, rate-limited, and k-anonymous throughout."""

import re
import time
from datetime import datetime, timedelta, timezone

import pytest
import sqlite_utils

from web import admin, create_app
from web.charts import count_bar, rate_text, rows
from web.figures import topic_bars

TOKEN = "s3cret-token-for-tests"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SECRET = "MY SECRET MESSAGE about 010-1234"


def add_turns(db, n, days_ago, response, site="school.example", session="s"):
    """Insert n turns, `days_ago` days back, as the log would hold them."""
    at = (datetime.now(timezone.utc) - timedelta(days=days_ago)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    rows = [
        {
            "session_id": f"{session}-{days_ago}-{i % 5}",
            "at": at,
            "lang": "ko",
            "region": "KR",
            "intent": "nlu_fallback" if response == "fallback" else response,
            "confidence": 0.9,
            "crisis": int(response == "crisis"),
            "text": SECRET,
            "site": site,
            "response": response,
        }
        for i in range(n)
    ]
    db["sessions"].insert_all(
        [
            {"id": r["session_id"], "started_at": at, "last_seen_at": at, "turns": 1}
            for r in rows
        ],
        ignore=True,
    )
    db["turns"].insert_all(rows)


@pytest.fixture
def admin_app(model_path, tmp_path):
    """An app with a token and a log whose small counts are each unmistakable.

    Topics: what_is_deepfake 63, report_help 20, rare_topic_xyz 3, crisis 2 and
    fallback 2; one day of exactly 3 turns (6 days ago), crisis turns only on one
    day (2), and a second site with 3 turns that must never be offered.
    """
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            "ADMIN_TOKEN": TOKEN,
        }
    )
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    add_turns(db, 40, 1, "what_is_deepfake")
    add_turns(db, 20, 2, "what_is_deepfake")
    add_turns(db, 2, 2, "crisis")
    add_turns(db, 8, 3, "report_help")
    add_turns(db, 2, 3, "fallback")
    add_turns(db, 3, 4, "what_is_deepfake", site="tiny.example", session="t")
    add_turns(db, 12, 5, "report_help")
    add_turns(db, 3, 6, "rare_topic_xyz")
    return app


@pytest.fixture
def admin_client(admin_app):
    return admin_app.test_client()


def figures_shown(html):
    """Every number a person can read: headline, tables, bar labels, tooltips."""
    texts = re.findall(r"<(dd|td|title|text|desc)\b[^>]*>(.*?)</\1>", html, re.S)
    return [text for _, text in texts]


def small_counts(html):
    """Whole numbers from 1 to 4 among the figures (dates and percentages aside)."""
    found = []
    for text in figures_shown(html):
        text = re.sub(r"\d{4}-\d{2}-\d{2}|\d+(\.\d+)?%", "", text)
        found += [n for n in re.findall(r"\d+", text) if 0 < int(n) < 5]
    return found


def test_without_a_token_configured_the_page_does_not_exist(client):
    for response in (client.get("/admin", headers=BEARER), client.post("/admin")):
        assert response.status_code == 404
        assert response.data == client.get("/no-such-page").data
        assert "X-Robots-Tag" not in response.headers


@pytest.mark.parametrize(
    ("headers", "form", "error"),
    [
        ({}, None, False),
        ({"Authorization": "Bearer wrong-token"}, None, True),
        ({"Authorization": f"Basic {TOKEN}"}, None, False),
        ({}, {"token": "wrong-token"}, True),
        ({}, {"token": ""}, False),
    ],
    ids=["none", "wrong-bearer", "other-scheme", "wrong-form", "empty-form"],
)
def test_no_or_wrong_token_gets_the_sign_in_form(admin_client, headers, form, error):
    if form is None:
        response = admin_client.get("/admin", headers=headers)
    else:
        response = admin_client.post("/admin", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert '<label for="token">Admin token</label>' in html
    assert '<input type="password" id="token" name="token"' in html
    assert ("That token is not right." in html) is error
    assert "<svg" not in html and "<dd>" not in html and "school.example" not in html


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/admin", headers=BEARER),
        lambda c: c.post("/admin", data={"token": TOKEN}),
        lambda c: c.post("/admin", data={"token": TOKEN, "days": "90", "site": ""}),
        lambda c: c.get("/admin?days=7", headers=BEARER),
    ],
    ids=["header", "form", "form-90-days", "header-7-days"],
)
def test_the_right_token_shows_the_dashboard(admin_client, send):
    response = send(admin_client)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('role="img"') == 4
    headings = re.findall(r'<h2 id="\w+-h">(.*?)</h2>', html)
    assert headings == [
        "At a glance",
        "Turns per day",
        "Top topics",
        "Fallback rate per day",
        "Crisis answers per week",
    ]
    assert "<dt>Crisis answers</dt>" in html
    # The filter form carries the token, so a person stays signed in, cookie-free.
    assert f'<input type="hidden" name="token" value="{TOKEN}">' in html
    assert "Set-Cookie" not in response.headers
    assert "<script" not in html and " style=" not in html


def test_no_count_under_five_is_ever_shown(admin_client):
    for days in ("7", "30", "90"):
        html = admin_client.post("/admin", data={"token": TOKEN, "days": days}).text
        assert small_counts(html) == [], days
        assert "&lt;5" in html
    html = admin_client.get("/admin", headers=BEARER).text
    headline = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    # A day of 3 turns is masked, so the total is a band: 90 minus the other
    # days' exact bars would otherwise give the 3 away.
    assert headline == {
        "Turns": "90–94",
        "Sessions": "26",
        "Fallback rate": "&lt;5 of 90",
        "Clarify rate": "0.0%",
        "Crisis answers": "&lt;5",
    }
    # A topic with 3 turns is folded into "other topics", itself not masked.
    assert "rare_topic_xyz" not in html
    assert '<tr><th scope="row">other topics</th><td>7</td></tr>' in html
    # The day of 3 turns: hatched, drawn as 5, labelled "<5".
    six_days_ago = (datetime.now(timezone.utc) - timedelta(days=6)).date()
    day = six_days_ago.isoformat()
    assert f'<tr><th scope="row">{day}</th><td>&lt;5</td></tr>' in html
    bar = re.search(rf'<rect class="bar masked"[^>]*><title>{day}: &lt;5</title>', html)
    assert bar and 'fill="url(#turns-hatch)"' in bar.group(0)
    # The week of the two crisis turns reads "<5".
    crisis = html.split('id="crisis-h"')[1]
    assert re.search(r"<td>&lt;5</td>", crisis)
    # The day with 2 fallbacks among 10 turns: not a percentage.
    three_days_ago = (datetime.now(timezone.utc) - timedelta(days=3)).date()
    assert f"{three_days_ago}: &lt;5 of 10</title>" in html


def test_only_sites_with_five_turns_are_offered(admin_client):
    html = admin_client.get("/admin", headers=BEARER).text
    assert '<option value="school.example">school.example</option>' in html
    assert "tiny.example" not in html
    html = admin_client.post(
        "/admin", data={"token": TOKEN, "site": "school.example"}
    ).text
    assert "on school.example" in html and "<dt>Turns</dt><dd>85–89</dd>" in html
    html = admin_client.post("/admin", data={"token": TOKEN, "site": "tiny.example"})
    html = html.text
    assert "fewer than 5 turns in this period" in html
    assert "tiny.example" not in html and "<dt>Turns</dt><dd>90–94</dd>" in html


def test_no_message_text_is_ever_shown(admin_client):
    for days in ("7", "30", "90"):
        html = admin_client.post("/admin", data={"token": TOKEN, "days": days}).text
        assert "SECRET" not in html and "010-1234" not in html


@pytest.mark.parametrize("days", ["13", "abc", "", "7.0"], ids=repr)
def test_a_period_other_than_7_30_or_90_days_is_a_400(admin_client, days):
    response = admin_client.get(f"/admin?days={days}", headers=BEARER)
    assert response.status_code == 400
    assert "Choose a period of 7, 30 or 90 days." in response.text
    assert "<svg" not in response.text
    # Without the token, a bad period is no clue that the token was right.
    assert admin_client.get(f"/admin?days={days}").status_code == 401


def test_every_answer_is_private(admin_client, monkeypatch):
    monkeypatch.setattr(admin, "MAX_FAILURES", 1)
    answers = [
        admin_client.get("/admin", headers=BEARER),
        admin_client.get("/admin?days=13", headers=BEARER),
        admin_client.get("/admin"),
        admin_client.post("/admin", data={"token": "wrong"}),
        admin_client.post("/admin", data={"token": TOKEN}),
    ]
    assert [r.status_code for r in answers] == [200, 400, 401, 401, 429]
    for response in answers:
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Robots-Tag"] == "noindex"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "script-src" not in response.headers["Content-Security-Policy"]


def test_too_many_wrong_tokens_lock_everyone_out_for_a_while(admin_client, monkeypatch):
    monkeypatch.setattr(admin, "MAX_FAILURES", 3)
    monkeypatch.setattr(admin, "WINDOW", 1.0)
    # Asking without a token, and the right token, are not failures.
    assert admin_client.get("/admin").status_code == 401
    assert admin_client.get("/admin", headers=BEARER).status_code == 200
    for _ in range(3):
        response = admin_client.post("/admin", data={"token": "guess"})
        assert response.status_code == 401
    for response in (
        admin_client.post("/admin", data={"token": "guess"}),
        admin_client.get("/admin", headers=BEARER),
        admin_client.get("/admin"),
    ):
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "1"
        assert "Too many wrong tokens" in response.text
        assert "<svg" not in response.text
    time.sleep(1.05)
    assert admin_client.get("/admin", headers=BEARER).status_code == 200


def test_each_app_counts_its_own_failures(model_path, tmp_path, admin_client):
    for _ in range(admin.MAX_FAILURES):
        admin_client.post("/admin", data={"token": "guess"})
    assert admin_client.get("/admin").status_code == 429
    other = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "other.db"),
            "MODEL": str(model_path),
            "ADMIN_TOKEN": TOKEN,
        }
    )
    assert other.test_client().get("/admin").status_code == 401


def test_a_short_token_is_warned_about(model_path, tmp_path, caplog):
    create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "short.db"),
            "MODEL": str(model_path),
            "ADMIN_TOKEN": "s3cret",
        }
    )
    assert "NURI_ADMIN_TOKEN is short" in caplog.text


@pytest.mark.parametrize(
    ("count", "total", "text"),
    [(0, 100, "0.0%"), (3, 100, "<5 of 100"), (5, 100, "5.0%"), (3, 4, "—")],
    ids=["zero", "masked", "shown", "too-few-turns"],
)
def test_rates_hide_small_numerators(count, total, text):
    assert rate_text(count, total) == text


@pytest.mark.parametrize(
    ("intents", "expected"),
    [
        ([("a", 50), ("b", 9), ("c", 3)], [("a", "50"), ("other topics", "12")]),
        ([("a", 50), ("b", 9), ("c", 6)], [("a", "50"), ("b", "9"), ("c", "6")]),
        ([("a", 3), ("b", 1)], [("other topics", "<5")]),
        (
            [(f"t{n}", 20 - n) for n in range(12)],
            [(f"t{n}", str(20 - n)) for n in range(9)] + [("other topics", "30")],
        ),
    ],
    ids=["small-folded", "none-small", "all-small", "at-most-ten-bars"],
)
def test_topics_fold_small_and_quiet_ones(intents, expected):
    assert [(bar.label, bar.text) for bar in topic_bars(intents)] == expected


def test_a_masked_bar_is_drawn_at_k_and_every_label_is_escaped():
    bar = count_bar("<b>x</b>", 2)
    assert (bar.value, bar.text, bar.kind) == (5, "<5", "masked")
    svg = rows("t", "A & B", [bar, count_bar("y", 10)], "#000")
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt;: &lt;5" in svg
    assert "A &amp; B" in svg and 'width="50.000%"' in svg


@pytest.mark.parametrize(
    ("total", "parts", "shown"),
    [(90, [50, 37, 3], "90–94"), (90, [50, 40], "90"), (3, [3], "<5"), (0, [], "0")],
    ids=["one-part-masked", "no-part-masked", "total-masked", "empty"],
)
def test_a_total_never_gives_a_masked_part_away(total, parts, shown):
    from web.figures import total_text

    assert total_text(total, parts) == shown
