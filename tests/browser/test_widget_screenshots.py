"""Screenshots of the demo page with a conversation, on a phone and a laptop."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "laptop"])
def test_screenshot(browser, live_server, artifacts, width):
    height = 812 if width == 375 else 800
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.screenshot(path=artifacts / f"widget-{width}-closed.png")
        page.get_by_role("button", name="누리 상담 챗봇 열기").click()
        panel = page.get_by_role("dialog", name="누리")
        expect(panel).to_be_visible()
        page.locator("nuri-chat textarea").fill("딥페이크가 뭐야?")
        page.locator("nuri-chat textarea").press("Enter")
        expect(page.locator("nuri-chat .turn.bot:not(.typing)")).to_have_count(2)
        panel.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
        box = panel.bounding_box()
        if width == 375:  # full screen on a phone
            assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 375, 812)
        else:
            assert box["width"] == 380 and box["x"] + box["width"] == 1280 - 20
        page.screenshot(path=artifacts / f"widget-{width}.png")
        page.locator("nuri-chat textarea").fill("죽고 싶어")
        page.locator("nuri-chat textarea").press("Enter")
        expect(page.locator("nuri-chat .crisis")).to_be_visible()
        page.screenshot(path=artifacts / f"widget-{width}-crisis.png")
    finally:
        context.close()
    assert (artifacts / f"widget-{width}.png").stat().st_size > 0
