"""The place page and its stop form, as the patient, their caregivers and a stranger."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from weather.models import Place

pytestmark = pytest.mark.django_db


def place_url(person) -> str:
    return reverse("weather_place", args=[person.journal_key])


def stop_url(person) -> str:
    return reverse("weather_stop", args=[person.journal_key])


def leeds(**more) -> dict:
    return {
        "latitude": "53.8",
        "longitude": "-1.5",
        "name": "Leeds, England, United Kingdom",
    } | more


def set_place(patient, **fields) -> Place:
    values = {"latitude": Decimal("53.8"), "longitude": Decimal("-1.5"), "name": "Leeds"}
    return Place.objects.create(patient=patient, **(values | fields))


# The page


def test_the_page_says_what_is_sent_to_whom_and_suggests_the_patients_country(
    patient_client, patient, geocoder
):
    page = patient_client.get(place_url(patient)).content.decode()
    assert "Off" in page and "open-meteo.com" in page
    assert "rounded to about 10 km" in page and "every night" in page
    assert '<option value="GB" selected>United Kingdom</option>' in page
    assert geocoder.requests == []  # opening the page sends nothing anywhere


def test_a_search_lists_the_towns_of_that_country_to_pick(patient_client, patient, geocoder):
    page = patient_client.get(place_url(patient), {"country": "GB", "q": "Leeds"})
    assert page.status_code == 200
    assert "Leeds, England, United Kingdom" in page.content.decode()
    assert "Alabama" not in page.content.decode()
    # Each town is offered as the cell it will be kept as, not its exact point.
    assert 'name="latitude" value="53.8"' in page.content.decode()
    assert "53.79648" not in page.content.decode()


def test_a_search_asked_by_htmx_answers_only_the_search(patient_client, patient, geocoder):
    page = patient_client.get(
        place_url(patient), {"country": "GB", "q": "Leeds"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert page.lstrip().startswith('<section class="card" id="search"')
    assert "Leeds, England, United Kingdom" in page
    assert "<html" not in page and "What is sent" not in page


def test_an_empty_search_asks_for_a_town(patient_client, patient, geocoder):
    page = patient_client.get(place_url(patient), {"country": "GB", "q": "  "}).content.decode()
    assert "Type a town or a postcode to search for." in page
    assert geocoder.requests == []


def test_a_search_that_finds_nothing_says_so_in_that_country_and_keeps_the_words(
    patient_client, patient, geocoder
):
    page = patient_client.get(
        place_url(patient), {"country": "GB", "q": "Nowhere Special"}
    ).content.decode()
    assert "No town or postcode like that in United Kingdom." in page
    assert 'value="Nowhere Special"' in page


def test_a_zip_code_of_another_country_finds_nothing_here(patient_client, patient, geocoder):
    page = patient_client.get(place_url(patient), {"country": "GB", "q": "90210"}).content
    assert b"Beverly Hills" not in page and b"No town or postcode like that" in page


def test_a_weather_service_that_is_down_is_said_plainly(patient_client, patient, geocoder):
    geocoder.answer_with(503, "Service Unavailable")
    page = patient_client.get(place_url(patient), {"country": "GB", "q": "Leeds"})
    assert page.status_code == 200
    assert "cannot be reached just now; try again later" in page.content.decode()
    assert 'value="Leeds"' in page.content.decode()


def test_a_country_not_on_the_list_is_refused_by_the_field(patient_client, patient, geocoder):
    page = patient_client.get(place_url(patient), {"country": "XX", "q": "Leeds"}).content
    assert b"Choose a country from the list." in page
    assert geocoder.requests == []


# Setting a place


def test_picking_a_town_keeps_its_cell_and_says_it_is_on(patient_client, patient):
    response = patient_client.post(place_url(patient), leeds())
    assert response.status_code == 302
    place = Place.objects.get(patient=patient)
    assert (place.latitude, place.longitude) == (Decimal("53.8"), Decimal("-1.5"))
    assert (place.name, place.since, place.until) == ("Leeds, England, United Kingdom", None, None)
    page = patient_client.get(response.url).content.decode()
    assert "On: Leeds, England, United Kingdom" in page and "Stop the weather" in page


def test_a_phones_exact_position_is_never_kept(patient_client, patient):
    patient_client.post(place_url(patient), {"latitude": "53.83744", "longitude": "-1.63890"})
    place = Place.objects.get(patient=patient)
    assert (place.latitude, place.longitude) == (Decimal("53.8"), Decimal("-1.6"))
    assert str(place) == "53.8, -1.6"


def test_a_move_from_a_day_ends_the_place_before_and_both_show(patient_client, patient):
    earlier = set_place(patient)
    moved = patient.today() - dt.timedelta(days=3)
    patient_client.post(
        place_url(patient),
        {"latitude": "47.4", "longitude": "8.6", "name": "Zürich", "since": moved.isoformat()},
    )
    earlier.refresh_from_db()
    assert earlier.until == moved
    assert Place.objects.for_patient(patient).current().get().name == "Zürich"
    page = patient_client.get(place_url(patient)).content.decode()
    assert "Your places over time" in page and "Leeds" in page and "Zürich" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "123", "Give the latitude as a number from -90 to 90"),
        ("longitude", "-181", "Give the longitude as a number from -180 to 180"),
        ("latitude", "north", "Give the latitude as a number from -90 to 90"),
        ("since", "2999-01-01", "That day has not come yet."),
    ],
)
def test_a_place_off_the_map_or_in_the_future_is_refused_by_the_field_and_kept(
    patient_client, patient, field, value, message
):
    response = patient_client.post(place_url(patient), leeds(**{field: value}))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and f'value="{value}"' in page
    assert not Place.objects.exists()


def test_a_move_on_a_day_the_last_place_already_covers_is_refused(patient_client, patient):
    set_place(patient, since=patient.today() - dt.timedelta(days=2))
    day = patient.today() - dt.timedelta(days=5)
    page = patient_client.post(
        place_url(patient), leeds(latitude="47.4", longitude="8.6", since=day.isoformat())
    ).content.decode()
    assert "pick a later day" in page
    assert Place.objects.count() == 1


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_place_page_takes_only_get_and_post(patient_client, patient, method):
    assert getattr(patient_client, method)(place_url(patient)).status_code == 405


@pytest.mark.parametrize("who", ["viewer", "logger", "stranger"])
def test_nobody_but_the_patient_sees_or_sets_their_place(client, patient, request, who):
    set_place(patient)
    client.force_login(request.getfixturevalue(who))
    assert client.get(place_url(patient)).status_code == 404
    assert client.post(place_url(patient), leeds(latitude="47.4")).status_code == 404
    assert client.post(stop_url(patient), {"keep": "no"}).status_code == 404
    assert Place.objects.get().latitude == Decimal("53.8")


# Stopping


def test_stopping_and_keeping_ends_the_place_today(patient_client, patient):
    place = set_place(patient)
    response = patient_client.post(stop_url(patient), {"keep": "yes"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.until == patient.today()
    assert "Off" in patient_client.get(response.url).content.decode()


def test_stopping_and_deleting_takes_every_place_away(patient_client, patient):
    set_place(patient, since=None, until=patient.today() - dt.timedelta(days=9))
    set_place(patient, since=patient.today() - dt.timedelta(days=9), latitude=Decimal("47.4"))
    patient_client.post(stop_url(patient), {"keep": "no"})
    assert not Place.objects.exists()


def test_stopping_asks_what_to_do_with_the_weather_already_filled_in(patient_client, patient):
    set_place(patient)
    page = patient_client.get(stop_url(patient)).content.decode()
    assert "Keep the weather already filled in" in page and "Delete it from every day" in page
    answer = patient_client.post(stop_url(patient), {})
    assert answer.status_code == 200
    assert "Choose whether to keep the weather already filled in." in answer.content.decode()
    assert Place.objects.get().until is None


def test_with_no_place_there_is_nothing_to_stop(patient_client, patient):
    page = patient_client.get(stop_url(patient)).content.decode()
    assert "No place is set" in page
    assert patient_client.post(stop_url(patient), {"keep": "yes"}).status_code == 200


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_stop_page_takes_only_get_and_post(patient_client, patient, method):
    assert getattr(patient_client, method)(stop_url(patient)).status_code == 405


# The profile


def test_the_profile_says_the_weather_is_off_and_where_to_turn_it_on(patient_client, patient):
    page = patient_client.get(reverse("profile")).content.decode()
    assert "<h2>Weather</h2>" in page and "Off." in page
    assert place_url(patient) in page


def test_the_profile_names_the_place_and_what_went_wrong(patient_client, patient):
    set_place(patient, problem="the weather service answered 503")
    page = patient_client.get(reverse("profile")).content.decode()
    assert "Filled in from Leeds." in page
    assert "The last fetch went wrong: the weather service answered 503." in page
