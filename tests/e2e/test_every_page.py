"""Every page a person reaches, in every state the journeys leave it in, on a 320 px phone
and at 200% zoom, in light and in dark: nothing scrolls sideways, every primary control
is at least 44 px, and axe finds no serious or critical problem.

The pages come from the URL configuration: a page added later fails
test_every_page_is_swept_or_left_out_with_a_reason until it is swept or left out with
a reason (sweep_states.py).
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import override_settings
from django.urls import resolve
from playwright.sync_api import Page

from tests.e2e.conftest import (
    AXE_SOURCE,
    PRIMARY_CONTROLS,
    SCREENS,
    horizontal_overflow,
    keep_evidence,
    serious_accessibility_problems,
    small_targets,
)
from tests.e2e.sweep_states import LEFT_OUT, STATES, State
from tests.e2e.sweep_world import build_sweep_world
from tests.support.routes import reachable_routes

# Summaries (a switcher, "more" details) and the account links are tapped as often as
# any button.
CONTROLS = f"{PRIMARY_CONTROLS}, summary, .site-footer a, .site-footer button"
CONTEXTS = [(screen, scheme) for screen in SCREENS for scheme in ("light", "dark")]
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, app_server):
    """One set of journals for the whole sweep, kept until its last page. What a page
    changes (a quick log saves an entry) is undone after it on SQLite, whose served app
    shares the test's connection; on PostgreSQL it stays, and no state counts on another's."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]):
        cache.clear()  # no log-in limits left from earlier tests
        built = build_sweep_world()
    app_server._live_server_modified_settings.enable()
    # Each screen and scheme asks Pat's address for a sign-in code; allauth lets an address
    # ask three times a minute, which the sweep would hit on PostgreSQL, where nothing is
    # undone between states. The limit is allauth's own; here it is only raised.
    codes = override_settings(
        ACCOUNT_RATE_LIMITS=settings.ACCOUNT_RATE_LIMITS | {"request_login_code": "60/m/key"}
    )
    codes.enable()
    yield built
    codes.disable()
    app_server._live_server_modified_settings.disable()
    with django_db_blocker.unblock():
        for person in built["people"]:
            person.delete()
        Session.objects.all().delete()


class Visitor:
    """One browser tab per screen and scheme, logged in as whoever the state needs."""

    def __init__(self, page: Page, screen: str, world: dict, base_url: str):
        self.page, self.screen, self.world, self.base_url = page, screen, world, base_url
        self.who: str | None = "nobody yet"

    def become(self, who: str | None) -> None:
        if who == self.who:
            return
        self.page.context.clear_cookies()
        if who is not None:
            cookie = {"name": "sessionid", "value": self.world["sessions"][who]}
            self.page.context.add_cookies([cookie | {"url": self.base_url}])
        self.who = who

    def show(self, state: State) -> None:
        self.become(state.who)
        self.page.goto(self.base_url + state.path(self.world))
        assert self.url_name() == state.url_name, f"{state.label} ended on {self.page.url}"
        if state.then:
            state.then(self.page)
        if state.lands_on:
            assert self.url_name() == state.lands_on, f"{state.label} ended on {self.page.url}"

    def url_name(self) -> str:
        return resolve(urlsplit(self.page.url).path).url_name


@pytest.fixture(scope="module", params=CONTEXTS, ids=[f"{s}-{c}" for s, c in CONTEXTS])
def visitor(request, browser, app_server, world):
    screen, scheme = request.param
    # The offline shell's service worker is tested in test_offline.py; here it would only
    # fetch pages in the background while the sweep reads them.
    context = browser.new_context(**SCREENS[screen], color_scheme=scheme, service_workers="block")
    context.set_default_timeout(10_000)
    context.add_init_script(AXE_SOURCE)
    yield Visitor(context.new_page(), screen, world, app_server.url)
    context.close()


def test_every_page_is_swept_or_left_out_with_a_reason():
    names = {name for name, _, _ in reachable_routes()}
    swept = {s.url_name for s in STATES} | {s.lands_on for s in STATES if s.lands_on}
    assert names - swept - LEFT_OUT.keys() == set(), "neither swept nor left out"
    assert LEFT_OUT.keys() & swept == set(), "swept, yet left out"
    assert LEFT_OUT.keys() <= names, "left out, yet no such page"


@pytest.mark.e2e
@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES, ids=[s.label for s in STATES])
def test_the_page_fits_the_screen_with_big_targets_and_no_serious_problem(request, visitor, state):
    page = visitor.page
    request.addfinalizer(lambda: keep_evidence(request, page))
    visitor.show(state)
    width = page.viewport_size["width"]
    assert horizontal_overflow(page) <= 0, f"{state.label} scrolls sideways at {width}px"
    assert small_targets(page, CONTROLS) == [], f"{state.label}: targets under 44 px"
    assert serious_accessibility_problems(page) == [], state.label
