"""The check-in shows the day's weather and fills the temperature the patient left empty;
what the patient types wins, and "Did you get overheated?" stays their answer."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support.makers import answers, jurl, place, weather
from tests.support.queries import queries
from triggers.models import CheckIn, Source

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
ATTRIBUTION = '<a href="https://open-meteo.com/" rel="noopener">Weather data by Open-Meteo.com</a>'


@pytest.fixture
def hot_today(patient):
    weather(place(patient), timezone.localdate(), 31, humidity_pct=78, forecast=True)
    return patient


def page(client, patient, *args) -> str:
    name = "check_in_day" if args else "check_in"
    response = client.get(jurl(patient, name, *args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_check_in_shows_todays_weather_beside_overheated_with_its_attribution(
    patient_client, hot_today
):
    html = page(patient_client, hot_today)
    heat = html.split("<h3>Heat</h3>")[1].split("<h3>Sleep</h3>")[0]
    assert "Today's weather: <strong>31 °C, humid</strong> (forecast)." in heat
    assert ATTRIBUTION in heat
    assert heat.index("Today's weather") < heat.index("Did you get overheated?")
    assert "Filled from the weather: 31 °C." in html


def test_the_weather_is_in_the_patients_unit_and_humid_only_from_70_percent(
    patient_client, patient
):
    patient.temperature_unit = "F"
    patient.save()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    weather(place(patient), yesterday, "24.5", humidity_pct=69)
    html = page(patient_client, patient, yesterday)
    assert "The weather that day: <strong>76.1 °F</strong>." in html
    assert "Filled from the weather: 76.1 °F." in html


def test_without_a_place_the_check_in_shows_no_weather(patient_client, patient):
    html = page(patient_client, patient)
    assert "Today's weather" not in html and "Open-Meteo" not in html
    assert "Filled from the weather" not in html


def test_a_typed_temperature_wins_and_overheated_stays_the_patients_answer(
    patient_client, hot_today
):
    patient_client.post(jurl(hot_today, "check_in"), answers(max_temp="19", overheated="no"))
    check_in = CheckIn.objects.get()
    assert (check_in.max_temp_c, check_in.max_temp_c_source) == (Decimal("19.0"), Source.OWN)
    assert check_in.overheated is False
    html = page(patient_client, hot_today)
    assert "Filled from the weather" not in html
    assert "Today's weather: <strong>31 °C, humid</strong>" in html  # still shown beside


def test_leaving_the_temperature_empty_keeps_the_weather_out_of_the_patients_answers(
    patient_client, hot_today
):
    patient_client.post(jurl(hot_today, "check_in"), answers())
    check_in = CheckIn.objects.get()
    assert check_in.max_temp_c is None and check_in.humidity_pct is None


@pytest.fixture
def imported(patient):
    """A day brought in by a file from a journal with a place: its numbers the weather's."""
    return CheckIn.objects.create(
        patient=patient,
        date=timezone.localdate() - dt.timedelta(days=2),
        max_temp_c=Decimal("12.0"),
        max_temp_c_source=Source.WEATHER,
        humidity_pct=64,
        humidity_pct_source=Source.WEATHER,
        stress=2,
    )


def test_a_temperature_a_file_brought_from_the_weather_is_marked_and_left_empty(
    patient_client, patient, imported
):
    html = page(patient_client, patient, imported.date)
    assert "Filled from the weather: 12 °C." in html
    assert 'name="max_temp" value=' not in html and 'name="humidity_pct" value=' not in html
    patient_client.post(jurl(patient, "check_in_day", imported.date), answers())
    imported.refresh_from_db()
    assert (imported.max_temp_c, imported.from_weather("max_temp_c")) == (Decimal("12.0"), True)
    assert (imported.humidity_pct, imported.from_weather("humidity_pct")) == (64, True)
    patient_client.post(jurl(patient, "check_in_day", imported.date), answers(humidity_pct="50"))
    imported.refresh_from_db()
    assert (imported.humidity_pct, imported.from_weather("humidity_pct")) == (50, False)


def test_the_home_card_shows_todays_weather_and_marks_the_weathers_temperature(
    patient_client, hot_today
):
    CheckIn.objects.create(
        patient=hot_today,
        date=timezone.localdate(),
        overheated=True,
        max_temp_c=Decimal("30.5"),
        max_temp_c_source=Source.WEATHER,
    )
    html = patient_client.get(jurl(hot_today, "home")).content.decode()
    card = html.split('id="check-in"')[1].split("</section>")[0]
    assert "Today's weather: <strong>31 °C, humid</strong>" in card and ATTRIBUTION in card
    assert "Overheated, highest 30.5 °C (weather)" in card


def test_the_card_drawn_after_an_htmx_save_keeps_the_weather(patient_client, hot_today):
    response = patient_client.post(jurl(hot_today, "check_in"), answers(max_temp="22"), **HTMX)
    html = response.content.decode()
    assert "Today's weather: <strong>31 °C, humid</strong>" in html
    assert "Overheated, highest 22 °C, slept 5.5 h" in html


def test_a_caregiver_without_access_sees_no_weather_of_the_patient(stranger_client, hot_today):
    assert stranger_client.get(jurl(hot_today, "check_in")).status_code == 404


def test_the_weather_costs_the_home_page_and_the_check_in_one_query_with_a_place_or_not(
    patient_client, patient, settings
):
    settings.PAGE_CACHE_SIZE = 0  # each home page drawn, not the one kept from before
    without = [queries(patient_client, jurl(patient, n)) for n in ("home", "check_in")]
    weather(place(patient), timezone.localdate(), 31, humidity_pct=78)
    assert [queries(patient_client, jurl(patient, n)) for n in ("home", "check_in")] == without
    assert "31 °C" in patient_client.get(jurl(patient, "check_in")).content.decode()
