import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support.makers import answers, jurl
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_check_in_saves_todays_answers(patient_client, patient):
    response = patient_client.post(
        jurl(patient, "check_in"), answers(steps="4200", humidity_pct="60")
    )
    assert response.status_code == 302 and response.url == jurl(patient, "home")
    check_in = CheckIn.objects.get(patient=patient)
    assert check_in.date == timezone.localdate()
    assert (check_in.overheated, check_in.fever, check_in.sleep_quality, check_in.stress) == (
        True,
        False,
        2,
        7,
    )
    assert float(check_in.sleep_hours) == 5.5
    assert (check_in.infection, check_in.activity, check_in.steps, check_in.humidity_pct) == (
        "uti",
        "hard",
        4200,
        60,
    )


def test_unanswered_questions_stay_unrecorded(patient_client, patient):
    patient_client.post(jurl(patient, "check_in"), {"stress": "3"})
    check_in = CheckIn.objects.get(patient=patient)
    assert (check_in.overheated, check_in.sleep_hours, check_in.fever, check_in.infection) == (
        None,
        None,
        None,
        "",
    )


def test_checking_in_twice_the_same_day_updates_one_record(patient_client, patient):
    patient_client.post(jurl(patient, "check_in"), answers())
    patient_client.post(jurl(patient, "check_in"), answers(stress="2"))
    assert CheckIn.objects.get(patient=patient).stress == 2


def test_a_past_day_can_be_filled_in_and_changed(patient_client, patient):
    day = timezone.localdate() - dt.timedelta(days=3)
    url = jurl(patient, "check_in_day", day)
    assert patient_client.post(url, answers()).url == url
    html = patient_client.get(url).content.decode()
    assert re.search(r'<input type="number" name="sleep_hours" value="5.5"[^>]* data-stepper', html)
    assert CheckIn.objects.get(patient=patient).date == day


def test_a_future_day_has_no_check_in(patient_client, patient):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert patient_client.get(jurl(patient, "check_in_day", tomorrow)).status_code == 404
    assert patient_client.get("/checkin/2026-02-31/").status_code == 404


def test_temperature_is_shown_and_read_in_the_patients_unit(patient_client, patient):
    patient.temperature_unit = "F"
    patient.save()
    patient_client.post(jurl(patient, "check_in"), answers(max_temp="86"))
    assert CheckIn.objects.get().max_temp_c == 30
    html = patient_client.get(jurl(patient, "check_in")).content.decode()
    assert "Highest temperature today (°F)" in html and 'value="86.0"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sleep_quality", "9", "Choose a number from 1 to 5"),
        ("stress", "11", "Choose a number from 0 to 10"),
        ("humidity_pct", "140", "Humidity is a percentage from 0 to 100"),
        ("steps", "-5", "Steps cannot be negative"),
        ("max_temp", "hot", "Enter a temperature"),
        ("max_temp", "75", "not plausible"),
        ("sleep_hours", "30", "Enter the hours from 0 to 24, in half hours"),
        ("sleep_hours", "7.25", "Enter the hours from 0 to 24, in half hours"),
        ("sleep_hours", "lots", "Enter the hours from 0 to 24, in half hours"),
    ],
)
def test_bad_check_in_answers_are_explained_and_kept(
    patient_client, field, value, message, patient
):
    response = patient_client.post(jurl(patient, "check_in"), answers(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert 'value="uti"' in html and "checked" in html
    assert not CheckIn.objects.exists()


def test_own_trigger_answers_are_saved_and_can_be_cleared(patient_client, patient):
    coffee = OwnTrigger.objects.create(patient=patient, name="Coffee")
    patient_client.post(jurl(patient, "check_in"), answers(**{f"tag_{coffee.pk}": "yes"}))
    assert TagAnswer.objects.get().present is True
    patient_client.post(jurl(patient, "check_in"), answers())
    assert not TagAnswer.objects.exists()


def test_home_shows_the_check_in_card_and_htmx_swaps_the_form_in(patient_client, patient):
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert "Check in for today" in html
    form = patient_client.get(jurl(patient, "check_in"), **HTMX).content.decode()
    assert form.lstrip().startswith('<section class="card" id="check-in"') and "<html" not in form
    assert 'hx-post="' in form
    done = patient_client.post(jurl(patient, "check_in"), answers(), **HTMX).content.decode()
    assert "Done." in done and "Overheated" in done
    assert "Change today's answers" in patient_client.get(jurl(patient, "home")).content.decode()


def test_check_in_refuses_other_methods(patient_client, patient):
    assert patient_client.delete(jurl(patient, "check_in")).status_code == 405


def test_one_patients_check_in_is_not_anothers(patient_client, stranger, patient):
    CheckIn.objects.create(patient=stranger, date=timezone.localdate(), stress=9)
    html = patient_client.get(jurl(patient, "check_in")).content.decode()
    assert 'value="9" checked' not in html
    patient_client.post(jurl(patient, "check_in"), answers(stress="1"))
    assert CheckIn.objects.get(patient=stranger).stress == 9


def test_own_triggers_can_be_added_and_removed(patient_client, patient):
    patient_client.post(jurl(patient, "own_triggers"), {"name": "  Tight   clothing "})
    trigger = OwnTrigger.objects.get(patient=patient)
    assert trigger.name == "Tight clothing"
    html = patient_client.post(
        jurl(patient, "own_triggers"), {"name": "tight clothing"}
    ).content.decode()
    assert "already have a trigger with this name" in html
    patient_client.post(jurl(patient, "own_trigger_delete", trigger.pk))
    assert not OwnTrigger.objects.exists()


def test_someone_elses_own_trigger_cannot_be_removed(stranger_client, patient):
    trigger = OwnTrigger.objects.create(patient=patient, name="Coffee")
    assert stranger_client.post(jurl(patient, "own_trigger_delete", trigger.pk)).status_code == 404
    assert stranger_client.get(jurl(patient, "own_trigger_delete", trigger.pk)).status_code == 405
    assert OwnTrigger.objects.filter(pk=trigger.pk).exists()


def test_the_check_in_summary_capitalises_only_its_first_word():
    day = CheckIn(
        date=dt.date(2026, 3, 14),
        overheated=False,
        sleep_hours=Decimal("8"),
        sleep_quality=4,
        infection="cold_flu",
        fever=True,
        activity="light",
        stress=3,
    )
    assert day.summary == (
        "Not overheated, slept 8 h, sleep quality 4/5, cold or flu, fever, activity: light, "
        "stress 3/10"
    )
    assert CheckIn(date=dt.date(2026, 3, 14), infection="none").summary == "No infection"
    assert CheckIn(date=dt.date(2026, 3, 14)).summary == ""
