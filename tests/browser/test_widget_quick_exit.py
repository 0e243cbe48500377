"""Quick exit: leave for a neutral page, and leave no transcript in the tab."""

from playwright.sync_api import expect


def test_quick_exit_button(page, chat, school_page, exit_page):
    page.goto(school_page(exit_url=exit_page))
    chat.open()
    chat.ask("딥페이크가 뭐야?")
    assert len(chat.storage()) == 1
    history = page.evaluate("history.length")
    # The button says honestly what it cannot do.
    expect(page.locator("nuri-chat .bar")).to_contain_text(
        "방문 기록은 지워지지 않아요"
    )

    page.get_by_role("button", name="바로 나가기").click()

    page.wait_for_url(exit_page)
    assert chat.storage() == []
    # location.replace: Back does not return to the chat page.
    assert page.evaluate("history.length") == history


def freeze_time(page):
    """Stop the page's clock, so key presses land at one instant however slow CI is."""
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


def test_escape_twice_exits(page, chat, school_page, exit_page):
    page.clock.install()
    page.goto(school_page(exit_url=exit_page, lang="en"))
    chat.open()
    chat.ask("what is a deepfake")
    freeze_time(page)

    page.keyboard.press("Escape")
    expect(chat.panel).to_be_hidden()
    page.keyboard.press("Escape")

    page.wait_for_url(exit_page)
    assert chat.storage() == []


def test_escape_once_only_closes(page, chat, school_page, exit_page):
    page.clock.install()
    url = school_page(exit_url=exit_page)
    page.goto(url)
    chat.open()
    freeze_time(page)

    page.keyboard.press("Escape")
    expect(chat.panel).to_be_hidden()
    page.clock.fast_forward(1200)
    page.keyboard.press("Escape")

    page.wait_for_timeout(300)
    assert page.url == url
    assert len(chat.storage()) == 1


def test_unsafe_exit_url_falls_back_to_default(page, school_page):
    page.goto(school_page(exit_url="javascript:alert(1)", lang="en"))
    target = page.evaluate(
        "async () => { await customElements.whenDefined('nuri-chat');"
        " return document.querySelector('nuri-chat')._exitUrl(); }"
    )
    assert target == "https://www.google.com/"
