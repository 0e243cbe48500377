"""Crisis replies look different and put the hotline first."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("lang", "region", "message", "heading"),
    [
        ("ko", "KR", "죽고 싶어", "지금 바로 도움받기"),
        ("en", "US", "I want to die", "Get help now"),
    ],
    ids=["korean", "english"],
)
def test_crisis_reply(page, chat, school_page, lang, region, message, heading):
    page.goto(school_page(html_lang=lang, region=region))
    chat.open()

    answer = chat.ask(message)

    expect(answer).to_have_class("turn bot crisis")
    expect(answer.get_by_role("heading", name=heading)).to_be_visible()
    first_link = answer.locator("a").first
    expect(first_link).to_be_visible()
    assert first_link.get_attribute("href").startswith("tel:")
    # The hotline is above the text of the answer.
    assert (
        first_link.bounding_box()["y"]
        < answer.locator(".msg").first.bounding_box()["y"]
    )
    styles = answer.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.borderTopWidth, s.backgroundColor]; }"
    )
    assert styles == ["2px", "rgb(255, 244, 229)"]


def test_ordinary_reply_is_not_styled_as_crisis(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    answer = chat.ask("딥페이크가 뭐야?")
    expect(answer).not_to_have_class("turn bot crisis")
    expect(answer.get_by_role("heading")).to_have_count(0)
