"""The phone's own time zone: sign-up starts from it; the profile offers it and never
changes the saved zone by itself."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import _new_page, assert_accessible, log_in, press, small_targets

pytestmark = pytest.mark.e2e

HINT = "Your phone is set to Europe — Berlin."


@pytest.fixture
def phone_in_berlin(browser, request, device, live_server):
    return _new_page(browser, request, device, timezone_id="Europe/Berlin")


def test_profile_offers_the_phones_zone_and_saves_it_only_when_asked(
    phone_in_berlin, url, device, patient
):
    page = phone_in_berlin
    log_in(page, url, patient.email)
    page.goto(url("/accounts/profile/"))
    zone = page.get_by_label("Your time zone")
    expect(page.get_by_text(HINT)).to_be_visible()
    expect(zone).to_have_value("Europe/London")
    assert small_targets(page, ".zone-hint button") == []
    assert_accessible(page)

    press(page.get_by_role("button", name="Use Europe — Berlin"), device)
    expect(zone).to_have_value("Europe/Berlin")
    expect(page.get_by_text("Europe — Berlin chosen. Save to keep it.")).to_be_visible()
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/London", "tapping only fills the field"

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/Berlin"
    expect(page.get_by_text("Your phone is set to")).to_have_count(0)


def test_profile_offers_nothing_when_the_phone_is_in_the_saved_zone(phone_in_berlin, url, patient):
    patient.time_zone = "Europe/Berlin"
    patient.save()
    log_in(phone_in_berlin, url, patient.email)
    phone_in_berlin.goto(url("/accounts/profile/"))
    expect(phone_in_berlin.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    expect(phone_in_berlin.get_by_text("Your phone is set to")).to_have_count(0)


def test_without_javascript_the_profile_offers_nothing_and_still_saves_a_zone(
    page_without_js, url, patient
):
    page = page_without_js
    log_in(page, url, patient.email)
    page.goto(url("/accounts/profile/"))
    expect(page.get_by_text("Your phone is set to")).to_have_count(0)
    page.get_by_label("Your time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/Berlin"


def test_sign_up_starts_from_the_phones_zone(phone_in_berlin, url):
    phone_in_berlin.goto(url("/accounts/signup/"))
    expect(phone_in_berlin.get_by_label("Your time zone")).to_have_value("Europe/Berlin")
    expect(phone_in_berlin.get_by_text("Your phone is set to")).to_have_count(0)
