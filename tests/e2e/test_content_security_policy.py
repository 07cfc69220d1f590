"""The strict Content-Security-Policy in a real browser: what it would block is caught.

Every browser test fails on a violation in any page it opened (conftest.py); these show
that the watch sees one, and that the pages made outside the base template keep their
look without anything inline.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import POLICY_VIOLATIONS

pytestmark = pytest.mark.e2e

RED = "rgb(255, 0, 0)"


def test_a_style_the_policy_blocks_is_caught(phone_page: Page, url):
    # The log-in page as the app serves it, policy header and all, with one inline style
    # attribute slipped in on its way to the browser.
    def with_an_inline_style(route):
        served = route.fetch()
        html = served.text().replace("<h1", f'<h1 style="color: {RED}"', 1)
        route.fulfill(response=served, body=html)

    phone_page.route(url("/accounts/login/"), with_an_inline_style)
    phone_page.goto(url("/accounts/login/"))
    heading = phone_page.get_by_role("heading", level=1)
    assert heading.get_attribute("style") == f"color: {RED}"
    assert heading.evaluate("h => getComputedStyle(h).color") != RED, "the policy let it in"

    blocked = POLICY_VIOLATIONS.take()
    assert any("style-src-attr blocked" in line for line in blocked), blocked


def test_the_server_error_page_keeps_its_plain_look(phone_page: Page, url, settings):
    settings.ROOT_URLCONF = "tests.support.failing_urls"
    response = phone_page.goto(url("/fail/"))
    assert response.status == 500
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        "Something went wrong on our side"
    )
    # Its stylesheet, not the app's: a narrow column of slightly larger system text.
    body = phone_page.evaluate(
        "(({fontFamily, maxWidth, fontSize}) => ({fontFamily, maxWidth, fontSize}))"
        "(getComputedStyle(document.body))"
    )
    assert body == {
        "fontFamily": "system-ui, sans-serif",
        "maxWidth": "640px",
        "fontSize": "17.6px",
    }
