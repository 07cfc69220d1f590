"""Finding a town or a postcode, against a local server speaking Open-Meteo's geocoding
protocol (https://open-meteo.com/en/docs/geocoding-api)."""

import pytest

from weather.geocoding import geocode
from weather.http import Unavailable


def test_a_town_is_found_with_its_region_and_country(geocoder):
    found = geocode("Leeds", "GB")
    assert found[0].label == "Leeds, England, United Kingdom"
    assert (found[0].latitude, found[0].longitude) == (53.79648, -1.54785)


def test_a_place_in_another_country_is_never_offered(geocoder):
    # The recorded answer holds a Leeds in Alabama beside the English ones.
    labels = [f.label for f in geocode("Leeds", "GB")]
    assert labels == ["Leeds, England, United Kingdom", "Horsforth, England, United Kingdom"]
    assert all("Alabama" not in label for label in labels)


def test_the_country_is_asked_for_and_nothing_else_of_the_patient_goes_out(geocoder):
    geocode("Leeds", "GB")
    assert geocoder.requests == [
        {"name": "Leeds", "count": "10", "language": "en", "format": "json", "countryCode": "GB"}
    ]


def test_a_zip_code_finds_its_town_in_that_country_only(geocoder):
    assert [f.label for f in geocode("90210", "US")] == ["Beverly Hills, California, United States"]
    assert geocode("90210", "GB") == []


def test_results_without_a_place_on_earth_are_skipped(geocoder):
    names = [f.name for f in geocode("Leeds", "GB")]
    assert "Leeds Bradford Airport" not in names  # no latitude
    assert "Leeds Castle" not in names  # latitude 512


def test_nothing_matched_is_an_empty_list(geocoder):
    assert geocode("Nowhere Special", "GB") == []


@pytest.mark.parametrize(
    "body",
    ["<html>Bad gateway</html>", '["a list"]', '{"results": "none"}'],
    ids=["not json", "not an object", "results not a list"],
)
def test_an_answer_that_cannot_be_read_is_unavailable(geocoder, body):
    geocoder.answer_with(200, body, "application/json")
    with pytest.raises(Unavailable):
        geocode("Leeds", "GB")


def test_a_service_that_is_down_is_unavailable(geocoder):
    geocoder.answer_with(503, "Service Unavailable")
    with pytest.raises(Unavailable):
        geocode("Leeds", "GB")
    assert len(geocoder.requests) == 2  # tried again once, then gave up
