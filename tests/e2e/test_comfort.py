"""Comfort settings in a real browser: the dark theme follows the phone, larger text from
the profile; together they keep axe's contrast checks and the 320 px reflow."""

import pytest

from tests.e2e.conftest import (
    VIEWPORTS,
    assert_accessible,
    horizontal_overflow,
    jpath,
    log_in,
)

pytestmark = pytest.mark.e2e

PAGES = ["/", "/history/", "/triggers/", "/week/", "/checkin/"]


def _page(browser, request, **options):
    context = browser.new_context(**VIEWPORTS["phone"], **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.addfinalizer(context.close)
    return page


def test_pages_in_dark_with_larger_text_pass_axe_contrast_checks(
    browser, request, live_server, url, patient, journal
):
    # Normal text in dark is swept, page by page, in test_every_page.py.
    patient.larger_text = True
    patient.save(update_fields=["larger_text"])
    page = _page(browser, request, color_scheme="dark")
    log_in(page, url, patient.email)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 25, 30)", "the page did not follow the phone's dark setting"
    for path in PAGES:
        page.goto(url(jpath(patient, path)))
        assert_accessible(page)


def test_larger_text_passes_axe_and_does_not_scroll_sideways_at_320px(
    browser, request, live_server, url, patient, journal
):
    patient.larger_text = True
    patient.save(update_fields=["larger_text"])
    page = _page(browser, request, color_scheme="light")
    log_in(page, url, patient.email)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "21px"
    for path in PAGES:
        page.goto(url(jpath(patient, path)))
        assert_accessible(page)
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": 320, "height": 800})
        for path in [*PAGES, "/log/spasm/", "/log/spasm/?region=both_legs", "/log/pain/"]:
            page.goto(url(jpath(patient, path)))
            assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways at 320px"
        page.goto(url("/accounts/profile/"))
        assert horizontal_overflow(page) <= 0, "the profile scrolls sideways at 320px"
