"""Browser test fixtures: Chromium, the app on a live port, and a second origin."""

import html
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# The real model answers in well under a second, but CI shares 2 cores with training
# and the rest of the suite: wait up to 20 s for anything a teen would wait for.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


class LiveServer:
    """A WSGI app served by werkzeug on 127.0.0.1 and a free port, in a thread."""

    def __init__(self, wsgi_app):
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        """Stop serving and close the port."""
        self.server.shutdown()
        self.server.server_close()


class ThirdPartySite:
    """A tiny site on another origin: the pages a test adds, nothing else."""

    def __init__(self):
        self.pages = {}
        self.url = ""

    def __call__(self, environ, start_response):
        page = self.pages.get(environ.get("PATH_INFO", "/"))
        if page is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        body, headers = page
        start_response(
            "200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers]
        )
        return [body.encode()]

    def add(self, path, body, headers=()):
        """Serve body (with extra headers) at path; return its absolute URL."""
        self.pages[path] = (body, list(headers))
        return self.url + path


def pytest_collection_modifyitems(items):
    """Mark every test here: each drives Chromium against the app and its real model."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, launched once per test session."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def serve():
    """Start WSGI apps on live ports; stop them after the test."""
    servers = []

    def start(wsgi_app):
        server = LiveServer(wsgi_app)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def live_server(app, serve):
    """The real Nuri app (from the `app` fixture) on a live port."""
    return serve(app)


XSS = '<img src=x onerror="window.__xss=1">'


@pytest.fixture
def app_with_xss_response(model_path, tmp_path):
    """The real app with a response file whose welcome holds HTML and unsafe links.

    A maintainer's typo or a compromised content file must still render as text.
    """
    import yaml

    from chatbot.paths import TRAINING_DATA
    from web import create_app

    data = tmp_path / "training_data"
    shutil.copytree(TRAINING_DATA, data)
    facts_file = data / "facts.yml"
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    facts["facts"]["xss_source"] = {
        "says": "test only",
        "values": [],
        "title": XSS,
        "source": "javascript:window.__xss=5",
        "reviewed": "2026-11-25",
        "mark": "OK",
    }
    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    responses_file = data / "responses" / "conversation.yml"
    responses = yaml.safe_load(responses_file.read_text(encoding="utf-8"))
    welcome = responses["responses"]["welcome"][0]
    welcome["ko"] = [
        f"**<b>{XSS}</b>** <script>window.__xss=2</script>\n"
        "[tap](javascript:window.__xss=3) [call](tel:109)"
    ]
    welcome["buttons"][0]["ko"] = XSS
    welcome["sources"] = ["xss_source"]
    responses_file.write_text(
        yaml.safe_dump(responses, allow_unicode=True), encoding="utf-8"
    )
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "nuri.db"),
            "MODEL": str(model_path),
            "TRAINING_DATA": str(data),
        }
    )
    app.extensions["nuri_bot"].get()
    return app


@pytest.fixture
def third_party(serve):
    """Another origin, like a school's own web server."""
    site = ThirdPartySite()
    site.url = serve(site).url
    return site


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def context(browser):
    """A fresh browser profile: empty cookies, localStorage and sessionStorage."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="ko-KR"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page that fails the test on any uncaught script error."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def school_page(third_party, live_server):
    """Build a third-party school page that embeds the widget with the snippet."""

    def make(
        path="/school.html", *, html_lang="ko", head="", body="", snippet=True, **data
    ):
        attrs = "".join(
            f' data-{k.replace("_", "-")}="{html.escape(str(v))}"'
            for k, v in data.items()
        )
        script = (
            f'<script src="{live_server.url}/widget.js"{attrs} async></script>'
            if snippet
            else ""
        )
        return third_party.add(
            path,
            f"""<!doctype html>
<html lang="{html_lang}">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Other school</title>{head}</head>
<body><main><h1>Other school</h1><p><a href="#top">A school link</a></p>{body}</main>
{script}
</body></html>""",
        )

    return make


@pytest.fixture
def exit_page(third_party):
    """A neutral local page to quick-exit to (there is no internet here)."""
    return third_party.add(
        "/weather.html",
        '<!doctype html><html lang="en"><title>Weather</title>'
        "<main><h1>Weather</h1></main></html>",
    )


class Chat:
    """What a person sees and does in the widget on one page."""

    def __init__(self, page):
        self.page = page
        self.launcher = page.locator("nuri-chat .launch")
        self.panel = page.locator("nuri-chat [role=dialog]")
        self.input = page.locator("nuri-chat textarea")
        self.log = page.locator("nuri-chat [role=log]")
        self.typing = page.locator("nuri-chat .typing")
        self.answers = page.locator("nuri-chat .turn.bot:not(.typing):not(.err)")
        self.questions = page.locator("nuri-chat .turn.user")
        self.quick_replies = page.locator("nuri-chat .qr button")
        self.error = page.locator("nuri-chat .err")

    def open(self):
        """Open the panel and wait for the welcome."""
        self.launcher.click()
        expect(self.panel).to_be_visible()
        expect(self.answers.first).to_be_visible()
        self.settle()
        return self

    def settle(self):
        """Wait for the panel's opening animation to end."""
        self.panel.evaluate(
            "el => Promise.all(el.getAnimations().map(a => a.finished))"
        )

    def ask(self, text):
        """Type a message, press Enter, and return the new answer."""
        before = self.answers.count()
        self.input.fill(text)
        self.input.press("Enter")
        expect(self.answers).to_have_count(before + 1)
        return self.answers.last

    def focused(self):
        """Describe the focused element, looking inside shadow roots."""
        return self.page.evaluate(
            """() => {
              let el = document.activeElement;
              while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                el = el.shadowRoot.activeElement;
              }
              if (!el) return '';
              const name = el.tagName.toLowerCase();
              return el.className ? name + '.' + el.className : name;
            }"""
        )

    def storage(self):
        """The widget's sessionStorage entries on this page's origin."""
        return self.page.evaluate(
            """() => Object.keys(sessionStorage).filter(k => k.startsWith('nuri-chat:'))
                 .map(k => sessionStorage.getItem(k))"""
        )


@pytest.fixture
def chat(page):
    """The widget on the `page` fixture."""
    return Chat(page)


@pytest.fixture
def artifacts():
    """The folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
