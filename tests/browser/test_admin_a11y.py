"""The admin dashboard in Chromium: signed in by typing; axe-clean at 1280 and 360."""

from datetime import datetime, timedelta, timezone

import pytest
import sqlite_utils
from playwright.sync_api import expect
from test_widget_a11y import AXE, describe

from web import create_app

TOKEN = "s3cret-token-for-the-browser"


@pytest.fixture
def dashboard(model_path, tmp_path, serve):
    """The app with a token, on a live port, over a log with large and small counts."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            "ADMIN_TOKEN": TOKEN,
        }
    )
    db = sqlite_utils.Database(tmp_path / "nuri.db")
    now = datetime.now(timezone.utc)
    turns = [
        (days_ago, response, count)
        for days_ago, response, count in [
            (1, "what_is_deepfake", 40),
            (2, "crisis", 2),
            (3, "report_help", 8),
            (3, "fallback", 2),
            (6, "perpetrator_deterrence", 3),
            (9, "victim_first_steps", 14),
            (20, "clarify", 6),
        ]
    ]
    db["turns"].insert_all(
        {
            "session_id": f"s{days_ago}-{i % 4}",
            "at": (now - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M"),
            "lang": "ko",
            "region": "KR",
            "intent": response,
            "crisis": int(response == "crisis"),
            "text": "a message that must never show",
            "site": "school.example",
            "response": response,
        }
        for days_ago, response, count in turns
        for i in range(count)
    )
    return serve(app)


def assert_accessible(page):
    violations = AXE.run(page).response["violations"]
    assert not violations, describe(violations)


def sign_in(page, token):
    """Type the token into the sign-in form and send it, as a person would."""
    field = page.get_by_label("Admin token")
    field.click()
    field.press_sequentially(token)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", [1280, 360], ids=["1280px", "360px"])
def test_sign_in_and_dashboard_have_no_axe_violations(page, dashboard, width):
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.set_viewport_size({"width": width, "height": 800})

    response = page.goto(dashboard.url + "/admin")
    assert response.status == 401
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)

    sign_in(page, "not the token")
    expect(page.get_by_text("That token is not right.")).to_be_visible()
    expect(page.get_by_label("Admin token")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    sign_in(page, TOKEN)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    for name in ("Turns per day", "Top topics", "Crisis answers per week"):
        expect(page.get_by_role("img", name=name)).to_be_visible()
    assert_accessible(page)
    for summary in page.locator("summary").all():
        summary.click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "must never show" not in page.content()

    assert page.context.cookies() == []
    assert urls and all(url.startswith(dashboard.url + "/") for url in urls), urls


def test_the_filter_keeps_a_person_signed_in(page, dashboard):
    page.goto(dashboard.url + "/admin")
    sign_in(page, TOKEN)
    page.get_by_label("Period").select_option("7")
    page.get_by_label("Site").select_option("school.example")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_label("Period")).to_have_value("7")
    expect(page.get_by_label("Site")).to_have_value("school.example")
    expect(page.get_by_text("on school.example")).to_be_visible()
    assert page.context.cookies() == []
    # Seven days of bars are few enough to carry their figures, "<5" included.
    chart = page.get_by_role("img", name="Turns per day")
    expect(chart.locator("text", has_text="<5").first).to_be_attached()
    assert_accessible(page)
