"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

Every test here runs twice, on a phone (390×844, touch, device scale 2) and on a desktop
screen. A failing test leaves a screenshot and the page's HTML in test-results/. A test
fails if the Content-Security-Policy blocked anything in any page it opened: a blocked
style or script is a page that looks or works differently from what was meant.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.support.makers import PASSWORD, make_entry

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# for setup and checks are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# Narrower than any phone, and a laptop at 200% zoom: where layouts break first.
SCREENS = {
    "320px": {**VIEWPORTS["phone"], "viewport": {"width": 320, "height": 720}},
    # What 200% zoom of a 1280×800 window does to layout: 640×400 CSS px, drawn twice as big.
    "200% zoom": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# Chromium fires securitypolicyviolation in the page for each thing the policy blocks;
# told to the console, every violation reaches one listener whichever page it was in.
REPORT_POLICY_VIOLATIONS = """
addEventListener('securitypolicyviolation', (e) => console.error(
  `Content Security Policy violation: ${e.effectiveDirective} blocked ` +
  `${e.blockedURI || 'an inline one'} at ${e.sourceFile || document.URL}:${e.lineNumber}` +
  (e.sample ? ` (${e.sample})` : '')
));
"""


class PolicyViolations:
    """What the Content-Security-Policy blocked in the pages of the watched contexts.

    Chromium also writes its own line ("Applying inline style violates…") to the console for
    each; both kinds of line are kept.
    """

    def __init__(self):
        self.contexts: list[BrowserContext] = []
        self.seen: list[str] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.add_init_script(REPORT_POLICY_VIOLATIONS)
        context.on("console", self._note)
        context.on("close", self._forget)
        self.contexts.append(context)
        return context

    def _forget(self, context: BrowserContext) -> None:
        self.contexts.remove(context)

    def _note(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            where = message.page.url if message.page else "a worker"
            self.seen.append(f"{where}: {message.text}")

    def take(self) -> list[str]:
        """Every violation seen since the last take, and forget them."""
        for context in self.contexts:
            for page in context.pages:
                # A round trip delivers the console messages the page sent before it;
                # a page closed or crashed meanwhile has nothing more to send.
                with contextlib.suppress(PlaywrightError):
                    page.evaluate("0")
        taken, self.seen = self.seen, []
        return taken


POLICY_VIOLATIONS = PolicyViolations()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    POLICY_VIOLATIONS.take()  # a page left open by an earlier test is not this test's
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    blocked = POLICY_VIOLATIONS.take()
    assert blocked == [], "the Content-Security-Policy blocked:\n" + "\n".join(blocked)
    return result


def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    return path


class _AppServesStatic:
    """Let the app's own WhiteNoise serve /static/, as in production.

    Django's live server would otherwise answer static URLs itself from the source
    folders, which knows nothing of the compressed, hashed file names the pages use.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return self.application(environ, start_response)


@pytest.fixture(scope="session")
def app_server(request, django_db_setup, django_db_blocker):
    """The live server under a name pytest-django does not know: a test that asks for it
    is not made to empty the database afterwards (the page sweep keeps one journal)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        server.thread.static_handler = _AppServesStatic
        server.start()
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="session")
def live_server(app_server):
    return app_server


class WatchedBrowser:
    """The session's Chromium: every context opened with it reports policy violations."""

    def __init__(self, browser: Browser):
        self._browser = browser

    def new_context(self, **options) -> BrowserContext:
        return POLICY_VIOLATIONS.watch(self._browser.new_context(**options))

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def device(request) -> str:
    return request.param


def _new_page(browser, request, device: str, **options) -> Page:
    context = browser.new_context(**VIEWPORTS[device], **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.addfinalizer(lambda: _keep_evidence_and_close(request, page))
    return page


@pytest.fixture
def page(browser, request, device, live_server) -> Page:
    return _new_page(browser, request, device)


@pytest.fixture
def phone_page(browser, request, live_server) -> Page:
    return _new_page(browser, request, "phone")


@pytest.fixture
def desktop_page(browser, request, live_server) -> Page:
    """Another person's browser on a desktop screen, with nobody logged in."""
    return _new_page(browser, request, "desktop")


@pytest.fixture
def page_without_js(browser, request, device, live_server) -> Page:
    return _new_page(browser, request, device, java_script_enabled=False)


def _keep_evidence_and_close(request, page: Page) -> None:
    keep_evidence(request, page)
    page.context.close()


def keep_evidence(request, page: Page) -> None:
    """A screenshot and the HTML of the page, if the test failed."""
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(RESULTS / f"{stem}.png"), full_page=True)
            (RESULTS / f"{stem}.html").write_text(page.content())
        except Exception as exc:  # the page may be the reason the test failed
            (RESULTS / f"{stem}.txt").write_text(f"could not capture the page: {exc}")


def jpath(user, path: str = "/") -> str:
    """The path of a page of this user's journal."""
    return f"/j/{user.journal_key}{path}"


@pytest.fixture
def url(live_server):
    def make(path: str) -> str:
        return live_server.url + path

    return make


def queue_length(page: Page) -> int:
    """Taps waiting on the phone to be sent (static/js/offline.js's queue)."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("msjournal", 1);
            open.onsuccess = () => {
                const req = open.result.transaction("queue").objectStore("queue").count();
                req.onsuccess = () => { open.result.close(); resolve(req.result); };
            };
        })"""
    )


def log_in(page: Page, url, email: str, password: str = PASSWORD) -> None:
    page.goto(url("/accounts/login/"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/j/[\w-]+/$"))


def confirm_address_from_mail(page: Page, url) -> None:
    """Open the confirmation link of the newest e-mail and confirm, as the person would."""
    from django.core import mail

    link = re.search(r"http://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(url(link.group(1)))
    page.get_by_role("button", name="Yes, confirm it").click()


@pytest.fixture
def journal(patient):
    """A spasm and a pain with new symptoms (a possible relapse); returns the spasm."""
    spasm = make_entry(patient, severity=7, regions=["left_leg", "right_leg"], duration_minutes=5)
    make_entry(
        patient,
        kind="pain",
        severity=5,
        regions=["left_foot"],
        sensations=["burning"],
        with_new_symptoms=True,
    )
    return spasm


@pytest.fixture
def logged_in(page, url, patient) -> Page:
    log_in(page, url, patient.email)
    return page


PRIMARY_CONTROLS = (
    "main a.button, main button, header nav a, main input:not([type=hidden]):not([type=checkbox])"
    ":not([type=radio]), main select, main textarea, main label:has(input[type=checkbox]),"
    " main label:has(input[type=radio])"
)

AXE_SOURCE = Axe().axe_script


def serious_accessibility_problems(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    # A context that loads axe with every page (add_init_script) saves sending it each time.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page: Page) -> None:
    problems = serious_accessibility_problems(page)
    assert not problems, f"{page.url}: " + "; ".join(problems)


def small_targets(page: Page, selector: str, minimum: int = 44) -> list[str]:
    """Controls matching selector whose box is smaller than minimum×minimum CSS px."""
    return page.eval_on_selector_all(
        selector,
        """(els, min) => els.filter(e => e.offsetParent !== null).map(e => {
            const r = e.getBoundingClientRect();
            const name = e.textContent.trim() || e.getAttribute('aria-label');
            return [name || e.outerHTML.slice(0, 60),
                    Math.round(r.width), Math.round(r.height)];
        }).filter(([, w, h]) => w < min || h < min).map(([t, w, h]) => `${t} ${w}x${h}`)""",
        minimum,
    )


def press(locator, device: str) -> None:
    """A finger's tap on the phone, a mouse click on the desktop."""
    if device == "phone":
        locator.tap()
    else:
        locator.click()


def horizontal_overflow(page: Page) -> int:
    """How many CSS px the page is wider than the screen (a phone browser zooms out to
    fit wide content, so compare with the width the screen was given, not innerWidth)."""
    width = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    return width - page.viewport_size["width"]
