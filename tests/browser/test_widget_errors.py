"""Server down, failing or slow: a friendly error and a Retry button."""

from playwright.sync_api import expect


def test_server_down(page, chat, third_party, live_server, closed_port):
    url = third_party.add(
        "/down.html",
        f"""<!doctype html><html lang="ko"><title>x</title><main><h1>x</h1></main>
        <nuri-chat api="http://127.0.0.1:{closed_port}"></nuri-chat>
        <script src="{live_server.url}/widget.js" async></script></html>""",
    )
    page.goto(url)
    chat.launcher.click()

    expect(chat.error).to_contain_text("연결이 잘 안 돼요")
    # Even without the server, the emergency numbers are one tap away.
    expect(chat.error.get_by_role("link", name="112")).to_have_attribute(
        "href", "tel:112"
    )
    retry = chat.error.get_by_role("button", name="다시 시도")
    expect(retry).to_be_visible()
    retry.click()
    expect(chat.error).to_have_count(1)  # still down: one error, not a pile


def test_server_stops_mid_conversation(page, chat, app, serve):
    server = serve(app)
    page.goto(server.url + "/")
    chat.open()
    server.stop()

    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")

    expect(chat.error).to_contain_text("연결이 잘 안 돼요")
    expect(chat.questions).to_have_count(1)


def test_retry_after_a_server_error(page, chat, live_server):
    calls = []

    def fail_once(route):
        calls.append(route.request.post_data_json)
        if len(calls) == 1:
            route.fulfill(status=500, json={"error": "Sorry, something went wrong."})
        else:
            route.fallback()

    page.route("**/api/chat", fail_once)
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")
    expect(chat.error).to_be_visible()

    chat.error.get_by_role("button", name="다시 시도").click()

    expect(chat.error).to_have_count(0)
    expect(chat.answers).to_have_count(2)
    expect(chat.questions).to_have_count(
        1
    )  # the retry sends again without a second bubble
    assert calls[0] == calls[1]


def test_slow_server_times_out(page, chat, live_server):
    page.clock.install()
    page.route("**/api/chat", lambda route: None)  # never answers
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")
    expect(chat.typing).to_be_visible()

    page.clock.run_for(16_000)

    expect(chat.error).to_contain_text("너무 늦어지고")
    expect(chat.typing).to_have_count(0)
    expect(chat.error.get_by_role("button", name="다시 시도")).to_be_visible()


def test_too_many_messages_get_a_kind_wait_message(page, chat, live_server):
    page.route(
        "**/api/chat",
        lambda route: route.fulfill(
            status=429, headers={"Retry-After": "3"}, json={"error": "Too many."}
        ),
    )
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")

    expect(chat.error).to_contain_text("잠깐 쉬었다가")
    expect(chat.error.get_by_role("button", name="다시 시도")).to_be_visible()


def test_a_dropped_connection_is_retried_once_quietly(page, chat, live_server):
    """A worker killed mid-request: the widget asks again; the teen sees an answer."""
    calls = []

    def drop_once(route):
        calls.append(route.request.post_data_json)
        if len(calls) == 1:
            route.abort("connectionreset")
        else:
            route.fallback()

    page.route("**/api/chat", drop_once)
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")

    expect(chat.answers).to_have_count(2)
    expect(chat.error).to_have_count(0)
    assert len(calls) == 2 and calls[0] == calls[1]


def test_a_server_that_stays_down_is_not_retried_more_than_once(
    page, chat, live_server
):
    calls = []

    def drop(route):
        calls.append(1)
        route.fulfill(status=503, json={"error": "Restarting."})

    page.route("**/api/chat", drop)
    page.goto(live_server.url + "/")
    chat.open()
    chat.input.fill("딥페이크가 뭐야?")
    chat.input.press("Enter")

    expect(chat.error).to_contain_text("연결이 잘 안 돼요")
    assert len(calls) == 2
