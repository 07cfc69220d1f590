"""The treatment screens: the list, adding, changing the dose, stopping, side effects,
the home page's two-tap dose and the check-in's side-effect question."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.support.makers import add_form, jurl, start
from treatments.models import DoseLog, SideEffect, Treatment

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_list_shows_current_treatments_first_with_their_dose_history(patient_client, patient):
    stopped = start(patient, "Baclofen")
    stopped.stop(on=timezone.localdate() - dt.timedelta(days=5), reason="side_effects")
    current = start(patient, "Tizanidine")
    current.change_dose(dose=Decimal("4"), unit="mg", on=timezone.localdate())
    page = patient_client.get(jurl(patient, "treatment_list")).content.decode()
    assert page.index("Tizanidine") < page.index("Baclofen")
    assert "4 mg 3 times a day" in page and "(dose changed)" in page
    assert "(side effects)" in page


def test_adding_a_treatment_saves_it_and_its_first_dose(patient_client, patient):
    response = patient_client.post(jurl(patient, "treatment_add"), add_form())
    assert response.status_code == 302
    treatment = Treatment.objects.for_patient(patient).get()
    period = treatment.periods.get()
    assert (treatment.name, period.dose, period.unit, period.times_a_day) == (
        "Tizanidine",
        Decimal("2"),
        "mg",
        3,
    )
    assert period.started == timezone.localdate()


def test_the_add_form_suggests_common_ms_medicines(patient_client, patient):
    page = patient_client.get(jurl(patient, "treatment_add")).content.decode()
    assert 'list="treatment-suggestions"' in page and '<option value="Baclofen">' in page


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"dose": "-1"}, "dose", "cannot be negative"),
        ({"dose": "ten"}, "dose", "as a number"),
        ({"started": "2999-01-01"}, "started", "not happened yet"),
        ({"started": "1850-01-01"}, "started", "before 1900"),
        ({"name": "  "}, "name", "Enter the name"),
        ({"schedule": "as_needed"}, "times_a_day", "Only a regular schedule"),
        ({"times_a_day": "30"}, "times_a_day", "At most 24"),
    ],
)
def test_bad_input_is_refused_by_the_field_and_keeps_what_was_typed(
    patient_client, patient, changes, field, words
):
    response = patient_client.post(jurl(patient, "treatment_add"), add_form(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert words in " ".join(form.errors[field])
    assert 'value="Tizanidine"' in response.content.decode()
    assert not Treatment.objects.exists()


def test_a_treatment_already_on_the_list_is_not_added_twice(patient_client, patient):
    start(patient, "Baclofen")
    response = patient_client.post(jurl(patient, "treatment_add"), add_form(name="baclofen"))
    assert "already on your list" in response.context["form"].errors["name"][0]


def test_changing_the_dose_starts_a_new_period(patient_client, patient):
    treatment = start(patient)
    response = patient_client.post(
        jurl(patient, "treatment_dose", treatment.pk),
        {"dose": "4", "unit": "mg", "on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert [p.dose for p in treatment.periods.order_by("started")] == [Decimal("2"), Decimal("4")]


def test_stopping_before_the_start_says_so_and_stops_nothing(patient_client, patient):
    treatment = start(patient)
    response = patient_client.post(
        jurl(patient, "treatment_stop", treatment.pk),
        {"on": "2000-01-01", "reason": "did_not_help"},
    )
    assert "before the start" in response.context["form"].errors["on"][0]
    assert treatment.periods.get().stopped is None


def test_stopping_records_the_day_and_the_reason(patient_client, patient):
    treatment = start(patient)
    today = timezone.localdate().isoformat()
    patient_client.post(
        jurl(patient, "treatment_stop", treatment.pk), {"on": today, "reason": "side_effects"}
    )
    period = treatment.periods.get()
    assert (period.stopped.isoformat(), period.stop_reason) == (today, "side_effects")


def test_a_stopped_treatment_has_no_dose_to_change(patient_client, patient):
    treatment = start(patient)
    treatment.stop(on=timezone.localdate(), reason="other")
    response = patient_client.get(jurl(patient, "treatment_dose", treatment.pk))
    assert response.status_code == 302


def test_a_side_effect_needs_to_say_what_it_was(patient_client, patient):
    treatment = start(patient)
    url = jurl(patient, "side_effect_add", treatment.pk)
    day = timezone.localdate().isoformat()
    response = patient_client.post(url, {"what": "", "severity": "mild", "date": day})
    assert "dizziness" in response.context["form"].errors["what"][0]
    patient_client.post(url, {"what": "dizziness", "severity": "mild", "date": day})
    assert SideEffect.objects.get().what == "dizziness"


def test_home_offers_the_as_needed_medicines_only(patient_client, patient):
    start(patient, "Diazepam", schedule="as_needed")
    start(patient, "Baclofen")
    page = patient_client.get(jurl(patient, "home")).content.decode()
    assert "Took a dose?" in page and "Diazepam" in page
    assert "Baclofen" not in page


def test_a_dose_is_two_taps_and_a_double_tap_makes_one(patient_client, patient):
    treatment = start(patient, "Diazepam", schedule="as_needed")
    url = jurl(patient, "dose_log")
    step = patient_client.get(url, {"treatment": treatment.pk}, **HTMX)
    assert "what was it for?" in step.content.decode()
    token = re.search(r'name="client_token" value="([^"]+)"', step.content.decode())[1]
    sent = {"treatment": treatment.pk, "reason": "spasm", "client_token": str(token)}
    saved = patient_client.post(url, sent, **HTMX)
    patient_client.post(url, sent, **HTMX)
    assert "Saved: Diazepam" in saved.content.decode()
    dose = DoseLog.objects.get()
    assert (dose.treatment, dose.reason, dose.logged_by) == (treatment, "spasm", patient)


def test_a_dose_without_javascript_goes_back_home(patient_client, patient):
    treatment = start(patient, "Diazepam", schedule="as_needed")
    response = patient_client.post(
        jurl(patient, "dose_log"), {"treatment": treatment.pk, "reason": "pain"}
    )
    assert response.status_code == 302 and response.url == jurl(patient, "home")
    assert DoseLog.objects.get().reason == "pain"


def test_someone_elses_treatment_cannot_be_dosed(patient_client, patient, stranger):
    theirs = start(stranger, "Diazepam", schedule="as_needed")
    response = patient_client.post(
        jurl(patient, "dose_log"), {"treatment": theirs.pk, "reason": "pain"}
    )
    assert "Choose one of the treatments shown" in response.content.decode()
    assert not DoseLog.objects.exists()
    assert patient_client.get(jurl(patient, "treatment_stop", theirs.pk)).status_code == 404


def test_undo_removes_the_dose(patient_client, patient):
    treatment = start(patient, "Diazepam", schedule="as_needed")
    dose = DoseLog.objects.create(patient=patient, treatment=treatment)
    response = patient_client.post(jurl(patient, "dose_delete", dose.pk), **HTMX)
    assert "Dose removed" in response.content.decode() and not DoseLog.objects.exists()


def test_a_caregiver_who_logs_can_record_a_dose(client, patient, logger):
    treatment = start(patient, "Diazepam", schedule="as_needed")
    client.force_login(logger)
    client.post(jurl(patient, "dose_log"), {"treatment": treatment.pk, "reason": "spasm"})
    assert DoseLog.objects.get().logged_by == logger


def test_a_viewer_sees_the_list_but_may_not_change_it(client, patient, viewer):
    treatment = start(patient)
    client.force_login(viewer)
    page = client.get(jurl(patient, "treatment_list")).content.decode()
    assert "Tizanidine" in page and "Change dose" not in page
    assert client.get(jurl(patient, "treatment_add")).status_code == 403
    assert client.post(jurl(patient, "treatment_stop", treatment.pk)).status_code == 403


def test_the_treatment_pages_refuse_other_methods(patient_client, patient):
    assert patient_client.put(jurl(patient, "treatment_list")).status_code == 405
    assert patient_client.get(jurl(patient, "dose_delete", 1)).status_code == 405


def test_the_check_in_asks_about_side_effects_of_a_new_treatment(patient_client, patient):
    new = start(patient, "Tizanidine", days_ago=3)
    start(patient, "Baclofen", days_ago=90)
    page = patient_client.get(jurl(patient, "check_in")).content.decode()
    assert "Any side effects from Tizanidine?" in page
    assert "from Baclofen" not in page
    response = patient_client.post(
        jurl(patient, "check_in"),
        {f"side_effect_{new.pk}": "moderate", f"side_effect_{new.pk}_what": " dizziness "},
    )
    assert response.status_code == 302
    effect = SideEffect.objects.get()
    assert (effect.treatment, effect.severity, effect.what) == (new, "moderate", "dizziness")


def test_a_side_effect_in_the_check_in_needs_a_name(patient_client, patient):
    new = start(patient, "Tizanidine", days_ago=3)
    response = patient_client.post(jurl(patient, "check_in"), {f"side_effect_{new.pk}": "mild"})
    assert response.status_code == 200 and not SideEffect.objects.exists()


def test_answering_the_check_in_again_changes_the_side_effect(patient_client, patient):
    new = start(patient, "Tizanidine", days_ago=3)
    for severity in ("mild", "none"):
        patient_client.post(
            jurl(patient, "check_in"),
            {f"side_effect_{new.pk}": severity, f"side_effect_{new.pk}_what": "dizziness"},
        )
    assert SideEffect.objects.get().severity == "none"
