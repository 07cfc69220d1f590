"""One person's text never breaks another's page, e-mail or file: every line a person
types (a name, an address, a unit) is refused by its field when it holds a line break, a
NUL or an invisible direction control, and what was typed stays in the form to correct."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from lib.text import NOTE_MESSAGE, ONE_LINE_MESSAGE, one_line
from sharing.models import Invitation
from symptoms.models import Entry
from tests.support.makers import PASSWORD, add_form, answers, jurl, pain_data, start
from treatments.models import SideEffect, Treatment, TreatmentPeriod
from triggers.models import OwnTrigger

pytestmark = pytest.mark.django_db

# A carriage return, a line feed, a NUL and a right-to-left override, inside a value.
HOSTILE = ["\r", "\n", "\x00", "\u202e"]
IDS = ["CR", "LF", "NUL", "RLO"]


def typed(ch: str) -> str:
    return f"Anna{ch}Smith"


def address(ch: str) -> str:
    return f"anna{ch}@example.com"


def assert_refused_by_the_field(response, field: str, value: str, message=ONE_LINE_MESSAGE):
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    html = response.content.decode()
    error_list = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert escape(message) in error_list
    assert escape(value) in html  # what was typed, back in the field


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
@pytest.mark.parametrize("field", ["display_name", "full_name"])
def test_profile_names_are_one_line(patient_client, patient, field, ch):
    data = {"time_zone": "Europe/London", "temperature_unit": "C", "heat_threshold": "25"}
    response = patient_client.post(reverse("profile"), {**data, field: typed(ch)})
    assert_refused_by_the_field(response, field, typed(ch))
    patient.refresh_from_db()
    assert (patient.display_name, patient.full_name) == ("Pat", "")


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_sign_up_addresses_are_one_line(client, ch):
    data = {"time_zone": "UTC", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(reverse("account_signup"), {**data, "email": address(ch)})
    assert_refused_by_the_field(response, "email", address(ch))
    assert not User.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_added_e_mail_addresses_are_one_line(patient_client, patient, ch):
    response = patient_client.post(
        reverse("account_email"), {"email": address(ch), "action_add": ""}
    )
    assert_refused_by_the_field(response, "email", address(ch))
    assert patient.emailaddress_set.count() == 1


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_invitation_addresses_are_one_line(patient_client, patient, ch):
    response = patient_client.post(
        jurl(patient, "sharing"), {"email": address(ch), "permission": "view"}
    )
    assert_refused_by_the_field(response, "email", address(ch))
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_own_trigger_names_are_one_line(patient_client, patient, ch):
    response = patient_client.post(jurl(patient, "own_triggers"), {"name": typed(ch)})
    assert_refused_by_the_field(response, "name", typed(ch))
    assert not OwnTrigger.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
@pytest.mark.parametrize("field", ["name", "unit"])
def test_treatment_names_and_units_are_one_line(patient_client, patient, field, ch):
    response = patient_client.post(jurl(patient, "treatment_add"), add_form(**{field: typed(ch)}))
    assert_refused_by_the_field(response, field, typed(ch))
    assert not Treatment.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_a_changed_dose_unit_is_one_line(patient_client, patient, ch):
    treatment = start(patient)
    url = jurl(patient, "treatment_dose", treatment.pk)
    response = patient_client.post(url, {"dose": "4", "unit": typed(ch), "on": "2026-01-02"})
    assert_refused_by_the_field(response, "unit", typed(ch))
    assert TreatmentPeriod.objects.count() == 1


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_side_effects_are_one_line(patient_client, patient, ch):
    treatment = start(patient)
    url = jurl(patient, "side_effect_add", treatment.pk)
    response = patient_client.post(url, {"what": typed(ch), "severity": "mild"})
    assert_refused_by_the_field(response, "what", typed(ch))
    assert not SideEffect.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_the_check_ins_side_effect_is_one_line(patient_client, patient, ch):
    treatment = start(patient, days_ago=3)
    field = f"side_effect_{treatment.pk}_what"
    data = answers(**{f"side_effect_{treatment.pk}": "mild", field: typed(ch)})
    response = patient_client.post(jurl(patient, "check_in"), data)
    assert_refused_by_the_field(response, field, typed(ch))
    assert not SideEffect.objects.exists()


@pytest.mark.parametrize("ch", HOSTILE, ids=IDS)
def test_when_pain_happened_before_is_one_line(patient_client, patient, ch):
    response = patient_client.post(jurl(patient, "pain_create"), pain_data(before_when=typed(ch)))
    assert_refused_by_the_field(response, "before_when", typed(ch))
    assert not Entry.objects.exists()


@pytest.mark.parametrize("ch", ["\x00", "\u202e", "\x85"], ids=["NUL", "RLO", "NEL"])
def test_notes_refuse_controls_but_keep_line_breaks_and_tabs(patient_client, patient, ch):
    url = jurl(patient, "pain_create")
    response = patient_client.post(url, pain_data(notes=f"Numb{ch} hand"))
    assert_refused_by_the_field(response, "notes", f"Numb{ch} hand", NOTE_MESSAGE)
    patient_client.post(url, pain_data(notes="Numb hand\r\n\tsince Tuesday"))
    assert Entry.objects.get().notes == "Numb hand\r\n\tsince Tuesday"


def test_one_line_makes_stored_text_safe_to_build_with():
    assert one_line(" Anna\r\nSmith\u202e\x00 ") == "Anna Smith"
    assert one_line("Ann\u200ea\tB.") == "Anna B."
