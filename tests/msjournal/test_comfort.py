"""Comfort settings: larger text from the profile, and the name and date of birth the
visit summary prints."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.support.makers import jurl

pytestmark = pytest.mark.django_db

PROFILE = {"time_zone": "Europe/London", "temperature_unit": "C", "heat_threshold": "25"}


def test_larger_text_chosen_in_the_profile_enlarges_every_page(patient_client, patient):
    assert 'class="larger-text"' not in patient_client.get(jurl(patient, "home")).content.decode()
    response = patient_client.post(reverse("profile"), {**PROFILE, "larger_text": "on"})
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.larger_text
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert '<html lang="en" class="larger-text">' in html


def test_every_page_follows_the_phones_dark_setting(patient_client, patient):
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert '<meta name="color-scheme" content="light dark">' in html


def test_full_name_and_date_of_birth_are_saved_from_the_profile(patient_client, patient):
    response = patient_client.post(
        reverse("profile"),
        {**PROFILE, "full_name": "Patricia Bloggs", "date_of_birth": "1984-03-21"},
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.full_name, patient.date_of_birth) == ("Patricia Bloggs", dt.date(1984, 3, 21))
    assert 'value="1984-03-21"' in patient_client.get(reverse("profile")).content.decode()


@pytest.mark.parametrize(
    "value, message",
    [
        ("1899-12-31", "between 1900 and today"),
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "between 1900 and today"),
        ("21/13/1984", "Enter a date of birth, for example 1984-03-21."),
    ],
)
def test_an_impossible_date_of_birth_is_explained_by_the_field(
    patient_client, patient, value, message
):
    response = patient_client.post(reverse("profile"), {**PROFILE, "date_of_birth": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_date_of_birth_error"' in html
    assert message in html
    patient.refresh_from_db()
    assert patient.date_of_birth is None


def test_sleep_hours_are_a_number_with_a_stepper_and_an_earlier_odd_value_survives(
    patient_client, patient
):
    from triggers.models import CheckIn

    html = patient_client.get(jurl(patient, "check_in")).content.decode()
    assert 'name="sleep_hours"' in html and 'step="0.5"' in html and 'inputmode="decimal"' in html
    assert "js/stepper" in html
    # A value imported from a sleep tracker, not in halves, is kept when the day is re-saved.
    today = patient.today()
    CheckIn.objects.create(patient=patient, date=today, sleep_hours="7.3")
    response = patient_client.post(jurl(patient, "check_in"), {"sleep_hours": "7.3"})
    assert response.status_code == 302
    assert str(CheckIn.objects.get().sleep_hours) == "7.3"
