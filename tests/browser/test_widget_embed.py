"""Embedding: one snippet on another origin, chatting, and what is left behind."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize(
    ("lang", "question"),
    [("ko", "딥페이크가 뭐야?"), ("en", "what is a deepfake")],
    ids=["korean", "english"],
)
def test_chat_on_another_origin(page, chat, school_page, live_server, lang, question):
    page.goto(school_page(html_lang=lang))
    assert origin(page.url) != live_server.url
    chat.open()

    with page.expect_request(f"{live_server.url}/api/chat") as sent:
        answer = chat.ask(question)

    body = sent.value.post_data_json
    assert body["message"] == question
    assert body["lang"] == lang
    assert body["region"] == {"ko": "KR", "en": "INTL"}[lang]
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", body["session"])
    expect(chat.questions.last).to_contain_text(question)
    # Which intent is the model's business (see the eval gate); here: a real answer.
    expect(answer).to_have_attribute("data-intent", re.compile(r"^\w+$"))
    expect(answer.locator(".msg").first).not_to_be_empty()


def test_async_snippet_finds_its_own_origin(page, school_page, live_server):
    page.goto(school_page(html_lang="en"))
    # document.currentScript works in an async script: the widget calls the API
    # host it was loaded from, not the page's.
    with page.expect_response(re.compile(r"/api/welcome\?")) as welcome:
        page.locator("nuri-chat .launch").click()
    assert welcome.value.url.startswith(
        f"{live_server.url}/api/welcome?lang=en&region=INTL"
    )
    assert welcome.value.ok


def test_tap_a_quick_reply(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    button = chat.quick_replies.first
    title = button.inner_text()

    button.click()

    expect(chat.questions.last).to_have_text(re.compile(re.escape(title)))
    expect(chat.answers).to_have_count(2)
    expect(chat.answers.last.locator(".msg").first).not_to_be_empty()


def test_sources_and_links_open_safely(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    chat.ask("딥페이크가 뭐야?")
    for link in chat.answers.last.locator("a[href^=http]").all():
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_only_the_api_origin_no_cookies_no_local_storage(
    page, context, chat, school_page, live_server
):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    url = school_page()
    page.goto(url)
    expect(chat.launcher).to_be_visible()
    # Nothing is fetched from the API until a teen opens the chat.
    assert [u for u in requests if "/api/" in u] == []

    chat.open()
    chat.ask("딥페이크가 뭐야?")
    chat.quick_replies.first.click()
    expect(chat.typing).to_have_count(0)

    allowed = {origin(url), live_server.url}
    assert {origin(u) for u in requests} <= allowed, requests
    assert context.cookies() == []
    assert page.evaluate("localStorage.length") == 0
    assert len(chat.storage()) == 1


def test_transcript_survives_reload_in_the_tab_only(page, context, chat, school_page):
    url = school_page()
    page.goto(url)
    chat.open()
    chat.ask("딥페이크가 뭐야?")

    page.reload()
    chat.launcher.click()
    expect(chat.questions).to_have_count(1)
    expect(chat.questions.first).to_contain_text("딥페이크가 뭐야?")

    other = context.new_page()  # a new tab has its own sessionStorage
    other.goto(url)
    other.locator("nuri-chat .launch").click()
    expect(other.locator("nuri-chat .turn.bot").first).to_be_visible()
    expect(other.locator("nuri-chat .turn.user")).to_have_count(0)


def test_clear_chat_starts_a_new_session(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    with page.expect_request("**/api/chat") as first:
        chat.ask("딥페이크가 뭐야?")

    page.locator("nuri-chat .clear").click()

    expect(chat.questions).to_have_count(0)
    expect(chat.answers).to_have_count(1)  # a fresh welcome
    expect(page.locator("nuri-chat [role=status]")).to_contain_text("지웠어요")
    with page.expect_request("**/api/chat") as second:
        chat.ask("딥페이크가 뭐야?")
    assert (
        first.value.post_data_json["session"] != second.value.post_data_json["session"]
    )


def test_school_css_cannot_break_it(page, chat, school_page):
    hostile = """<style>
      * { font-family: serif !important; color: lime !important; letter-spacing: 4px; }
      body { font-size: 10px; line-height: 0.8; }
      button, textarea, div { display: none; border: 9px solid red; }
      nuri-chat { opacity: 0.2; transform: scale(0.5); }
    </style>"""
    page.goto(school_page(head=hostile))
    chat.open()
    expect(
        chat.launcher
    ).to_be_hidden()  # hidden because the panel is open, not by the page
    expect(chat.input).to_be_visible()
    style = chat.input.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.fontSize, s.color, s.letterSpacing]; }"
    )
    assert style == ["16px", "rgb(31, 35, 40)", "normal"]


@pytest.mark.parametrize(
    ("html_lang", "attrs", "label", "region"),
    [
        ("ko-KR", {}, "누리 상담 챗봇 열기", "KR"),
        ("en", {}, "Open Nuri chat", "INTL"),
        (
            "ko",
            {"lang": "en", "region": "UK", "title": "Ask Nuri"},
            "Open Ask Nuri chat",
            "UK",
        ),
    ],
    ids=["html-lang-ko", "html-lang-en", "data-attributes"],
)
def test_options_from_the_snippet(
    page, school_page, live_server, html_lang, attrs, label, region
):
    page.goto(school_page(html_lang=html_lang, **attrs))
    launcher = page.get_by_role("button", name=label)
    expect(launcher).to_be_visible()
    with page.expect_request(re.compile(r"/api/welcome")) as welcome:
        launcher.click()
    assert f"region={region}" in welcome.value.url
    if "title" in attrs:
        expect(page.get_by_role("dialog", name=attrs["title"])).to_be_visible()


def test_open_position_and_accent(page, chat, school_page):
    page.goto(school_page(open="", position="left", accent="#ffd400"))
    expect(chat.panel).to_be_visible()
    box = chat.panel.bounding_box()
    assert box["x"] == 20
    # A light accent gets dark text so it stays readable.
    colors = page.locator("nuri-chat .send").evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    )
    assert colors == ["rgb(255, 212, 0)", "rgb(0, 0, 0)"]


def test_custom_element_with_api_attribute(page, third_party, live_server):
    url = third_party.add(
        "/element.html",
        f"""<!doctype html><html lang="ko"><title>x</title><main><h1>x</h1></main>
        <nuri-chat api="{live_server.url}" lang="en" region="US"></nuri-chat>
        <script src="{live_server.url}/widget.js" async></script></html>""",
    )
    page.goto(url)
    expect(page.locator("nuri-chat")).to_have_count(1)  # the script adds no second one
    props = page.evaluate(
        """async () => { await customElements.whenDefined('nuri-chat');
           const el = document.querySelector('nuri-chat');
           el.exitUrl = '/weather.html'; el.position = 'left';
           return [el.api, el.region, el.lang, el.open, el.getAttribute('exit-url'),
                   el.getAttribute('position'),
                   typeof customElements.get('nuri-chat').define]; }"""
    )
    assert props == [
        live_server.url,
        "US",
        "en",
        False,
        "/weather.html",
        "left",
        "function",
    ]
    page.evaluate("document.querySelector('nuri-chat').open = true")
    expect(page.get_by_role("dialog", name="Nuri")).to_be_visible()
    expect(page.locator("nuri-chat .turn.bot").first).to_be_visible()


def test_strict_content_security_policy(page, chat, third_party, live_server):
    api = live_server.url
    policy = (
        f"default-src 'none'; script-src {api}; connect-src {api}; style-src 'self'; "
        "require-trusted-types-for 'script'; trusted-types 'none'"
    )
    page.add_init_script(
        "addEventListener('securitypolicyviolation',"
        " e => (window.__csp = window.__csp || []).push(e.violatedDirective))"
    )
    url = third_party.add(
        "/csp.html",
        '<!doctype html><html lang="ko"><title>x</title><main><h1>x</h1></main>'
        f'<script src="{api}/widget.js" async></script></html>',
        headers=[("Content-Security-Policy", policy)],
    )
    page.goto(url)

    chat.open()
    chat.ask("딥페이크가 뭐야?")

    background = chat.launcher.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(91, 60, 196)"  # styled: no inline <style> needed
    expect(chat.panel).to_have_css("position", "fixed")
    assert page.evaluate("window.__csp || []") == []
