"""The teachers' page: choose options, watch the preview, copy a snippet that works."""

import re

from playwright.sync_api import expect


def test_defaults(page, live_server):
    page.goto(live_server.url + "/embed")
    expect(page.get_by_label("학교 누리집에 붙여 넣을 코드")).to_have_value(
        f'<script src="{live_server.url}/widget.js" data-lang="ko" data-region="KR" '
        "async></script>"
    )
    expect(page.locator("nuri-chat")).to_have_count(1)  # the preview only


def test_options_update_preview_and_snippet(page, live_server):
    page.goto(live_server.url + "/embed")
    page.get_by_label("페이지를 열면").check()
    welcome = page.locator("nuri-chat .turn.bot").first
    expect(welcome).to_contain_text("누리")

    page.get_by_label("언어").select_option("en")
    expect(welcome).to_contain_text("Nuri")  # a fresh welcome in the new language
    page.get_by_label("챗봇 이름").fill('Ask "Nuri"')
    page.get_by_label("강조 색").fill("#0b6e4f")
    page.get_by_label("왼쪽 아래").check()
    page.get_by_label("바로 나가기 주소").fill("https://www.example.org/")

    snippet = page.get_by_label("학교 누리집에 붙여 넣을 코드").input_value()
    assert snippet == (
        f'<script src="{live_server.url}/widget.js" data-lang="en" data-region="INTL" '
        'data-title="Ask &quot;Nuri&quot;" data-accent="#0b6e4f" data-position="left" '
        'data-exit-url="https://www.example.org/" data-open async></script>'
    )
    preview = page.locator("nuri-chat")
    for name, value in [
        ("lang", "en"),
        ("region", "INTL"),
        ("title", 'Ask "Nuri"'),
        ("accent", "#0b6e4f"),
        ("position", "left"),
        ("exit-url", "https://www.example.org/"),
        ("open", ""),
    ]:
        expect(preview).to_have_attribute(name, value)
    expect(page.get_by_role("dialog", name='Ask "Nuri"')).to_be_visible()
    expect(page.get_by_role("button", name="Quick exit")).to_be_visible()

    page.get_by_label("지역").select_option("UK")
    page.get_by_label("언어").select_option("ko")
    expect(preview).to_have_attribute("region", "UK")  # a chosen region is kept


def test_copy_snippet(page, context, live_server):
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page.goto(live_server.url + "/embed")

    page.get_by_role("button", name="코드 복사").click()

    expect(page.get_by_role("status")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#snippet").input_value()


def test_copy_falls_back_to_selecting(page, live_server):
    page.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))"
    )
    page.goto(live_server.url + "/embed")

    page.get_by_role("button", name="코드 복사").click()

    expect(page.get_by_role("status")).to_have_text(re.compile("Copied|Ctrl\\+C"))
    selected = page.evaluate(
        "() => { const t = document.getElementById('snippet');"
        " return [t.selectionStart, t.selectionEnd, t.value.length]; }"
    )
    assert selected[0] == 0 and selected[1] == selected[2]


def test_copied_snippet_works_on_a_school_site(page, live_server, third_party):
    page.goto(live_server.url + "/embed")
    page.get_by_label("언어").select_option("en")
    page.get_by_label("챗봇 이름").fill("Ask Nuri")
    snippet = page.get_by_label("학교 누리집에 붙여 넣을 코드").input_value()
    url = third_party.add(
        "/pasted.html",
        '<!doctype html><html lang="ko"><title>x</title><main><h1>x</h1></main>'
        f"{snippet}</html>",
    )

    page.goto(url)

    page.get_by_role("button", name="Open Ask Nuri chat").click()
    expect(page.get_by_role("dialog", name="Ask Nuri")).to_be_visible()
    expect(page.locator("nuri-chat .turn.bot").first).to_be_visible()
