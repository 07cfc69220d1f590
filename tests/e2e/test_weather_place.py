"""A patient sets where their weather comes from, on a phone: by searching for their town,
or with the phone's own position, which is kept only as its ~10 km cell."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS, _new_page, assert_accessible, jpath, log_in
from weather.models import Place

pytestmark = pytest.mark.e2e

# Where the phone says it is: a street in Horsforth, north-west of Leeds.
PHONE_AT = {"latitude": 53.83744, "longitude": -1.63890}


@pytest.fixture
def phone(browser, request, live_server):
    """A phone that shares its position once the page asks for it."""
    return _new_page(browser, request, "phone", geolocation=PHONE_AT, permissions=["geolocation"])


def test_a_patient_finds_their_town_and_picks_it(phone, url, patient, geocoder):
    assert phone.viewport_size == VIEWPORTS["phone"]["viewport"]
    log_in(phone, url, patient.email)
    phone.goto(url(jpath(patient, "/weather/")))
    expect(phone.get_by_label("Country")).to_have_value("GB")  # from Europe/London
    phone.get_by_label("Town or postcode").fill("Leeds")
    phone.get_by_role("button", name="Search").tap()

    pick = phone.get_by_role("button", name="Leeds, England, United Kingdom")
    expect(pick).to_be_visible()
    expect(phone.get_by_text("Alabama")).to_have_count(0)
    assert_accessible(phone)
    pick.tap()

    expect(phone.get_by_role("heading", name="On: Leeds, England, United Kingdom")).to_be_visible()
    place = Place.objects.get(patient=patient)
    assert (place.latitude, place.longitude) == (Decimal("53.8"), Decimal("-1.5"))


def test_the_phones_position_sets_a_place_rounded_to_its_cell(phone, url, patient):
    log_in(phone, url, patient.email)
    phone.goto(url(jpath(patient, "/weather/")))
    phone.get_by_role("button", name="Use this phone’s location").tap()

    expect(phone.get_by_role("heading", name="On: 53.8, -1.6")).to_be_visible()
    place = Place.objects.get(patient=patient)
    assert (place.latitude, place.longitude) == (Decimal("53.8"), Decimal("-1.6"))
    assert place.name == ""
