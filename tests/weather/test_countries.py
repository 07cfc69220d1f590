"""The country a search starts in: the one the patient's time zone lies in."""

from weather.countries import countries, country_of_zone


def test_the_time_zone_suggests_its_country():
    assert country_of_zone("Europe/London") == "GB"
    assert country_of_zone("America/Chicago") == "US"
    assert country_of_zone("Europe/Zurich") == "CH"


def test_a_zone_of_no_country_suggests_the_united_kingdom():
    assert country_of_zone("UTC") == "GB"


def test_the_list_names_each_country_as_people_say_it_in_order():
    named = dict(countries())
    assert named["GB"] == "United Kingdom" and named["US"] == "United States"
    names = [name for _, name in countries()]
    assert names == sorted(names)
