"""Accessibility: axe in every state a teen sees, small screens, reduced motion."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

AXE = Axe()

# Wait for every animation that ends (the panel's fade-in, say) in the page and in each
# shadow root. Mid-fade text is translucent, and axe would measure its contrast there
# rather than in the settled state a teen reads. Endless ones (typing dots) are skipped.
SETTLE_ANIMATIONS = """() => {
  const roots = [document, ...[...document.querySelectorAll("*")]
    .map((el) => el.shadowRoot).filter(Boolean)];
  const finite = roots.flatMap((root) => root.getAnimations())
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  return Promise.all(finite.map((a) => a.finished.catch(() => null)));
}"""


def describe(violations):
    """Name each violation and the elements it found, shadow-DOM targets included.

    axe gives a target inside a shadow root as a list of selectors (host >>> inner);
    axe-playwright-python's own report expects plain strings and fails on those.
    """
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            target = " >> ".join(
                " >>> ".join(part) if isinstance(part, list) else part
                for part in node["target"]
            )
            lines.append(f"  {target}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def assert_accessible(page):
    page.evaluate(SETTLE_ANIMATIONS)
    results = AXE.run(page)
    violations = results.response["violations"]
    assert not violations, describe(violations)


def test_demo_page_closed(page, chat, live_server):
    page.goto(live_server.url + "/")
    expect(chat.launcher).to_be_visible()
    assert_accessible(page)


def test_demo_page_with_a_conversation(page, chat, live_server):
    page.goto(live_server.url + "/")
    chat.open()
    assert_accessible(page)
    chat.ask("딥페이크가 뭐야?")
    chat.ask("죽고 싶어")  # a crisis reply, with its call buttons
    chat.input.fill("아직 입력 중")  # and text in the box
    assert_accessible(page)


def test_error_state(page, chat, live_server):
    page.route(
        "**/api/chat", lambda route: route.fulfill(status=503, json={"error": "down"})
    )
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")
    expect(chat.error).to_be_visible()
    assert_accessible(page)


def test_english_with_a_light_accent(page, chat, school_page):
    page.goto(school_page(html_lang="en", accent="#ffe14d"))
    chat.open()
    chat.ask("what is a deepfake")
    assert_accessible(page)


def test_embed_page(page, live_server):
    page.goto(live_server.url + "/embed")
    expect(page.locator("#snippet")).not_to_have_value("")
    assert_accessible(page)
    page.get_by_label("챗봇 이름").fill("Ask Nuri")
    page.get_by_label("페이지를 열면").check()
    expect(page.locator("nuri-chat .turn.bot").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("width", "height"),
    [(320, 640), (640, 400)],
    ids=["320px", "200%-zoom-of-1280x800"],
)
def test_small_screens(browser, live_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.locator("nuri-chat .launch").click()
        panel = page.locator("nuri-chat [role=dialog]")
        expect(page.locator("nuri-chat .turn.bot").first).to_be_visible()
        panel.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
        assert panel.bounding_box() == {
            "x": 0,
            "y": 0,
            "width": width,
            "height": height,
        }
        for name in ["바로 나가기", "대화 지우기", "닫기", "보내기"]:
            button = page.get_by_role("button", name=name)
            expect(button).to_be_in_viewport()
        log = page.locator("nuri-chat [role=log]")
        assert log.bounding_box()["height"] >= 120
        assert panel.evaluate("el => el.scrollWidth <= el.clientWidth")
        assert_accessible(page)
    finally:
        context.close()


def test_reduced_motion(page, chat, live_server):
    page.emulate_media(reduced_motion="reduce")
    page.route("**/api/chat", lambda route: None)  # keep the typing dots on screen
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")
    expect(chat.typing).to_be_visible()
    names = page.evaluate(
        """() => [...document.querySelector('nuri-chat').shadowRoot
                 .querySelectorAll('.panel, .dots i')]
                 .map(el => getComputedStyle(el).animationName)"""
    )
    assert names == ["none"] * 4


def test_labels_and_roles(page, chat, live_server):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="누리 상담 챗봇 열기")).to_have_attribute(
        "aria-haspopup", "dialog"
    )
    chat.open()
    dialog = page.get_by_role("dialog", name="누리")
    expect(dialog).to_have_attribute("aria-modal", "false")
    log = page.get_by_role("log", name="대화 내용")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("textbox", name="메시지")).to_have_attribute(
        "maxlength", "1000"
    )
    font_size = chat.input.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert font_size >= 16
    placeholder = chat.input.evaluate(
        "el => getComputedStyle(el, '::placeholder').color"
    )
    assert placeholder == "rgb(95, 99, 104)"  # 6.1:1 on white
