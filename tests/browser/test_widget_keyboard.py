"""Keyboard only, end to end."""

from playwright.sync_api import expect


def press_until(page, chat, key, wanted, limit=25):
    """Press key until the focused element's description starts with wanted."""
    for _ in range(limit):
        page.keyboard.press(key)
        if chat.focused().startswith(wanted):
            return
    raise AssertionError(f"{wanted} never got focus; last: {chat.focused()}")


def test_keyboard_only(page, chat, school_page):
    page.goto(school_page())
    expect(chat.launcher).to_be_visible()

    press_until(page, chat, "Tab", "button.launch")
    page.keyboard.press("Enter")
    expect(chat.panel).to_be_visible()
    assert chat.focused() == "textarea"
    expect(chat.quick_replies.first).to_be_visible()

    # Back from the message box to the welcome's topic buttons, and pick one.
    press_until(page, chat, "Shift+Tab", "button")
    assert chat.quick_replies.evaluate_all(
        "(buttons) => buttons.some(b => b.getRootNode().activeElement === b)"
    )
    page.keyboard.press("Enter")
    expect(chat.questions).to_have_count(1)
    expect(chat.answers).to_have_count(2)
    assert chat.focused() == "textarea"

    page.keyboard.type("딥페이크가 뭐야?")
    page.keyboard.press("Enter")
    expect(chat.questions).to_have_count(2)
    expect(chat.answers).to_have_count(3)
    assert chat.focused() == "textarea"

    page.keyboard.press("Escape")
    expect(chat.panel).to_be_hidden()
    assert chat.focused() == "button.launch"


def test_shift_enter_makes_a_new_line(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    chat.input.focus()
    page.keyboard.type("첫 줄")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("둘째 줄")
    expect(chat.input).to_have_value("첫 줄\n둘째 줄")
    expect(chat.questions).to_have_count(0)


def test_close_button_returns_focus(page, chat, school_page):
    page.goto(school_page(html_lang="en"))
    chat.open()
    page.get_by_role("button", name="Close").click()
    expect(chat.panel).to_be_hidden()
    assert chat.focused() == "button.launch"


def test_long_message_counter_and_limit(page, chat, school_page):
    page.goto(school_page())
    chat.open()
    chat.input.focus()
    counter = page.locator("nuri-chat .cnt")

    page.keyboard.insert_text("가" * 850)
    expect(counter).to_be_hidden()
    page.keyboard.insert_text("나" * 250)

    expect(chat.input).to_have_value("가" * 850 + "나" * 150)  # maxlength=1000
    expect(counter).to_have_text("1000/1000자")
