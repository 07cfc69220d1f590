"""The reminders page: a person sets what reminds them, on a phone-sized form."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse

from reminders.models import DoseTime, ReminderPlan
from tests.support.makers import medicine
from weather.models import Place

URL = reverse("reminders")


def form(**changes) -> dict:
    data = {
        "check_in_by": "email",
        "check_in_at": "20:30",
        "doses_by": "",
        "nudge_by": "",
        "nudge_after_days": "3",
        "heat_by": "",
        "heat_at": "19:00",
        "quiet_from": "",
        "quiet_until": "",
        "paused_until": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def baclofen(patient):
    return medicine(patient, times_a_day=3)


@pytest.mark.django_db
def test_a_patient_turns_on_the_check_in_reminder(patient_client, patient):
    page = patient_client.get(URL).content.decode()
    assert "In your time zone (Europe/London)" in page
    assert 'name="week_by"' not in page  # the week ready is for caregivers
    response = patient_client.post(URL, form())
    assert response.status_code == 302 and response.url == URL
    plan = ReminderPlan.objects.get(person=patient)
    assert (plan.check_in_by, plan.check_in_at) == ("email", dt.time(20, 30))
    assert plan.nudge_by == ""  # off unless asked
    assert 'value="20:30"' in patient_client.get(URL).content.decode()


@pytest.mark.django_db
def test_a_regular_medicines_times_are_shown_spread_and_can_be_moved(
    patient_client, patient, baclofen
):
    page = patient_client.get(URL).content.decode()
    assert "Baclofen, 3 times a day" in page
    for time in ("08:00", "14:00", "20:00"):
        assert f'value="{time}"' in page
    field = f"dose_times_{baclofen.pk}"
    spread = {f"{field}_0": "08:00", f"{field}_1": "14:00", f"{field}_2": "20:00"}
    patient_client.post(URL, form(doses_by="push", **spread))
    assert not DoseTime.objects.exists()  # the spread is the default, not stored
    moved = {**spread, f"{field}_0": "21:30", f"{field}_1": "07:15"}
    patient_client.post(URL, form(doses_by="push", **moved))
    times = list(DoseTime.objects.filter(treatment=baclofen).values_list("at", flat=True))
    assert times == [dt.time(7, 15), dt.time(20), dt.time(21, 30)]
    assert ReminderPlan.objects.get(person=patient).doses_by == "push"


@pytest.mark.django_db
def test_bad_input_is_kept_with_its_message_by_the_field(patient_client, patient, baclofen):
    field = f"dose_times_{baclofen.pk}"
    response = patient_client.post(
        URL,
        form(
            check_in_at="25:99",
            nudge_after_days="0",
            quiet_from="22:00",
            paused_until="2000-01-01",
            **{f"{field}_0": "08:00", f"{field}_1": "08:00", f"{field}_2": "20:00"},
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"check_in_at", "nudge_after_days", "quiet_until", "paused_until", field}
    assert "Two doses share a time" in errors[field][0]
    assert "end" in errors["quiet_until"][0]
    assert errors["check_in_at"] == ["Give a time as hours and minutes, like 20:00."]
    page = response.content.decode()
    assert 'value="25:99"' in page and 'value="22:00"' in page
    assert "Everything you typed is still here" in page
    assert not ReminderPlan.objects.exists()


@pytest.mark.django_db
def test_a_patient_turns_on_the_heat_heads_up_at_a_time_of_their_own(patient_client, patient):
    page = patient_client.get(URL).content.decode()
    assert "A hot day ahead" in page and 'value="19:00"' in page  # the evening, by default
    assert "forecast at 25 °C or more" in page  # their own hot day
    assert "Hot days go with more spasms for you: plan cool breaks." in page
    response = patient_client.post(URL, form(heat_by="push", heat_at="18:15"))
    assert response.status_code == 302
    plan = ReminderPlan.objects.get(person=patient)
    assert (plan.heat_by, plan.heat_at) == ("push", dt.time(18, 15))
    assert 'value="18:15"' in patient_client.get(URL).content.decode()


@pytest.mark.django_db
def test_the_heat_heads_up_says_it_needs_the_place_until_one_is_set(patient_client, patient):
    page = patient_client.get(URL).content.decode()
    assert "Needs your place (" in page
    try:
        place_page = f'<a href="{reverse("weather_place", args=[patient.journal_key])}">'
        assert place_page + "Weather</a>" in page
    except NoReverseMatch:  # the place page not served: the words say where to go
        assert "Set your place on the Weather page:" in page
    Place.objects.create(patient=patient, latitude="53.8", longitude="-1.5", name="Leeds")
    assert "Needs your place" not in patient_client.get(URL).content.decode()


@pytest.mark.django_db
def test_the_heat_heads_up_speaks_the_patients_unit(patient_client, patient):
    patient.temperature_unit = "F"
    patient.heat_threshold_c = 25.5
    patient.save()
    page = patient_client.get(URL).content.decode()
    assert "forecast at 77.9 °F or more" in page
    assert "Tomorrow looks hot (88 °F)." in page


@pytest.mark.django_db
def test_a_bad_heads_up_time_is_kept_with_its_message(patient_client, patient):
    response = patient_client.post(URL, form(heat_by="email", heat_at="7pm"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "heat_at": ["Give a time as hours and minutes, like 20:00."]
    }
    page = response.content.decode()
    assert 'value="7pm"' in page and 'value="email" id="id_heat_by_2" checked' in page
    assert not ReminderPlan.objects.exists()


@pytest.mark.django_db
def test_a_caregiver_can_hear_that_the_week_is_ready(client, viewer):
    client.force_login(viewer)
    assert 'name="week_by"' in client.get(URL).content.decode()
    client.post(URL, form(check_in_by="", week_by="email"))
    assert ReminderPlan.objects.get(person=viewer).week_by == "email"


@pytest.mark.django_db
def test_each_person_sees_and_changes_only_their_own_reminders(
    patient_client, patient, stranger_client, stranger
):
    ReminderPlan.objects.create(person=patient, check_in_by="email", check_in_at=dt.time(6, 45))
    assert 'value="06:45"' not in stranger_client.get(URL).content.decode()
    stranger_client.post(URL, form(check_in_by="push"))
    assert ReminderPlan.objects.get(person=patient).check_in_by == "email"
    assert ReminderPlan.objects.get(person=stranger).check_in_by == "push"


@pytest.mark.django_db
def test_the_page_asks_to_log_in_and_refuses_other_methods(client, patient):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    client.force_login(patient)
    assert client.put(URL).status_code == 405
