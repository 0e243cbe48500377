"""Message text is text: nothing typed or sent by the server runs as HTML."""

import json

from playwright.sync_api import expect

XSS = '<img src=x onerror="window.__xss=1">'

NO_MARKUP_RAN = """() => {
  const root = document.querySelector('nuri-chat').shadowRoot;
  return {
    xss: window.__xss ?? null,
    tags: root.querySelectorAll('img, script, iframe, object, embed, b').length,
    unsafe: [...root.querySelectorAll('a')].map(a => a.href)
      .filter(h => !/^(https?|tel|mailto):/.test(h)),
  };
}"""


def test_typed_html_is_shown_as_text(page, chat, school_page):
    page.goto(school_page())
    chat.open()

    chat.ask(XSS)

    expect(chat.questions.last).to_contain_text(XSS)
    page.wait_for_timeout(300)
    assert page.evaluate(NO_MARKUP_RAN) == {"xss": None, "tags": 0, "unsafe": []}


EVIL_REPLY = {
    "messages": [
        {
            "text": "**<b>bold</b>** " + XSS + "\n<script>window.__xss=2</script> "
            "[tap](javascript:window.__xss=3) [call](tel:109) "
            "[safe](https://example.org/a?b=1) "
            "[data](data:text/html,<script>window.__xss=4</script>)",
            "buttons": [{"title": XSS, "payload": "/greet"}],
            "sources": [
                {"title": XSS, "url": "javascript:window.__xss=5"},
                {"title": "ok", "url": "https://example.org/source"},
            ],
        }
    ],
    "intent": "greet",
    "confidence": 1.0,
    "lang": "ko",
    "region": "KR",
    "crisis": True,
}


def test_html_in_a_reply_is_shown_as_text(page, chat, live_server):
    page.route(
        "**/api/chat",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(EVIL_REPLY)
        ),
    )
    page.goto(live_server.url + "/")
    chat.open()

    answer = chat.ask("안녕")

    bubble = answer.locator(".msg").first
    expect(bubble.locator("strong")).to_have_text("<b>bold</b>")
    expect(bubble).to_contain_text(XSS)
    expect(bubble).to_contain_text("<script>window.__xss=2</script>")
    expect(bubble).to_contain_text("[tap](javascript:window.__xss=3)")
    expect(bubble).to_contain_text(
        "[data](data:text/html,<script>window.__xss=4</script>)"
    )
    expect(bubble.get_by_role("link", name="call")).to_have_attribute("href", "tel:109")
    expect(bubble.get_by_role("link", name="safe")).to_have_attribute(
        "href", "https://example.org/a?b=1"
    )
    expect(answer.locator(".src li").first).to_have_text(
        XSS
    )  # unsafe source: text, no link
    expect(answer.locator(".src a")).to_have_count(1)
    expect(chat.quick_replies).to_have_text([XSS])
    page.wait_for_timeout(300)
    assert page.evaluate(NO_MARKUP_RAN) == {"xss": None, "tags": 0, "unsafe": []}


def test_html_in_a_response_file_is_shown_as_text(
    page, chat, serve, app_with_xss_response
):
    page.goto(serve(app_with_xss_response).url + "/")

    chat.open()

    welcome = chat.answers.first
    expect(welcome.locator("strong")).to_have_text(f"<b>{XSS}</b>")
    expect(welcome).to_contain_text("<script>window.__xss=2</script>")
    expect(welcome).to_contain_text("[tap](javascript:window.__xss=3)")
    expect(welcome.get_by_role("link", name="call")).to_have_attribute(
        "href", "tel:109"
    )
    expect(welcome.locator(".src li")).to_have_text([XSS])
    expect(chat.quick_replies.first).to_have_text(XSS)
    page.wait_for_timeout(300)
    assert page.evaluate(NO_MARKUP_RAN) == {"xss": None, "tags": 0, "unsafe": []}
