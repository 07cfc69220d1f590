import datetime as dt

import pytest
from django.utils import timezone

from symptoms.models import Entry
from tests.support.makers import jurl, local_input, pain_data, spasm_data

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_full_spasm_form_saves_every_field_in_the_patients_zone(patient_client, patient):
    response = patient_client.post(jurl(patient, "spasm_create"), spasm_data())
    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == jurl(patient, "entry_detail", entry.pk)
    # 08:30 in London in March (GMT) is 08:30 UTC; the zone is what makes that so.
    assert entry.occurred_at == dt.datetime(2026, 3, 14, 8, 30, tzinfo=dt.UTC)
    assert entry.regions == ["left_leg", "left_foot"]
    assert (entry.severity, entry.duration_minutes, entry.painful, entry.helped) == (
        6,
        15,
        True,
        "partly",
    )
    assert entry.tried == ["stretching", "heat"]
    assert entry.logged_by == patient


def test_time_is_read_in_the_patients_own_zone(patient_client, patient):
    patient.time_zone = "America/New_York"
    patient.save()
    patient_client.post(jurl(patient, "spasm_create"), spasm_data(occurred_at="2026-03-14T23:30"))
    assert Entry.objects.get().occurred_at == dt.datetime(2026, 3, 15, 3, 30, tzinfo=dt.UTC)


def test_pain_form_saves_the_whole_checklist(patient_client, patient):
    patient_client.post(jurl(patient, "pain_create"), pain_data())
    entry = Entry.objects.get()
    assert entry.kind == "pain" and entry.pain_type == "nerve"
    assert entry.sensations == ["ms_hug", "burning"]
    assert (entry.pattern, entry.onset, entry.happened_before) == (
        "constant",
        "gradual",
        "different",
    )
    assert entry.with_new_symptoms is True
    assert entry.relieved_by == ["painkillers", "sitting_upright"]
    assert entry.worsened_by == ["lying_down"]
    assert entry.interference == [("sleep", 8), ("work", 5), ("walking", 3), ("mood", 6)]
    assert entry.interference_example == "Two hours to fall asleep."


def test_pain_with_new_symptoms_tells_the_patient_to_contact_the_neurologist(
    patient_client, patient
):
    response = patient_client.post(jurl(patient, "pain_create"), pain_data(), follow=True)
    html = response.content.decode()
    assert "tell your neurologist" in html


def test_pain_without_new_symptoms_shows_no_relapse_advice(patient_client, patient):
    data = pain_data()
    del data["with_new_symptoms"]
    html = patient_client.post(jurl(patient, "pain_create"), data, follow=True).content.decode()
    assert "tell your neurologist" not in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("severity", "12", "number from 0"),
        ("regions", ["left_tail"], "not one of the choices"),
        ("occurred_at", "14/03/2026 yesterday", "Enter a date and time"),
        ("duration_minutes", "-4", "cannot be negative"),
        ("duration_minutes", "99999", "Longer than a day"),
        ("notes", "x" * 2001, "at most 2000 characters"),
    ],
)
def test_bad_spasm_input_is_explained_by_the_field_and_the_rest_is_kept(
    patient_client, field, value, message, patient
):
    response = patient_client.post(jurl(patient, "spasm_create"), spasm_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert "Woke me at dawn." in html or field == "notes"
    assert 'value="left_foot"' in html and "checked" in html
    assert not Entry.objects.exists()


def test_a_time_in_the_future_is_refused(patient_client, patient):
    future = local_input(timezone.now() + dt.timedelta(days=1))
    html = patient_client.post(
        jurl(patient, "spasm_create"), spasm_data(occurred_at=future)
    ).content.decode()
    assert "in the future" in html
    assert f'value="{future}"' in html
    assert not Entry.objects.exists()


def test_a_sensation_of_another_kind_of_pain_is_explained(patient_client, patient):
    data = pain_data(pain_type="musculoskeletal")
    html = patient_client.post(jurl(patient, "pain_create"), data).content.decode()
    assert "belong to another kind of pain" in html
    assert "Left hand numb since Tuesday." in html
    assert not Entry.objects.exists()


def test_pain_form_without_a_kind_of_pain_says_so(patient_client, patient):
    html = patient_client.post(
        jurl(patient, "pain_create"), pain_data(pain_type="")
    ).content.decode()
    assert "Choose the kind of pain." in html


def test_double_submitted_full_form_makes_one_entry(patient_client, patient):
    data = pain_data()
    first = patient_client.post(jurl(patient, "pain_create"), data)
    second = patient_client.post(jurl(patient, "pain_create"), data)
    assert Entry.objects.count() == 1
    assert first.url == second.url


def test_a_tampered_token_still_saves_the_entry(patient_client, patient):
    patient_client.post(jurl(patient, "spasm_create"), spasm_data(client_token="not-a-uuid"))
    assert Entry.objects.count() == 1


def test_edit_form_shows_the_entry_and_saves_changes(patient_client, spasm, patient):
    html = patient_client.get(jurl(patient, "entry_edit", spasm.pk)).content.decode()
    assert "after the bath" in html
    data = spasm_data(severity="2", notes="milder than I thought")
    response = patient_client.post(jurl(patient, "entry_edit", spasm.pk), data)
    assert response.status_code == 302
    spasm.refresh_from_db()
    assert (spasm.severity, spasm.notes) == (2, "milder than I thought")
    assert Entry.objects.count() == 1


def test_edit_with_bad_input_changes_nothing(patient_client, spasm, patient):
    response = patient_client.post(
        jurl(patient, "entry_edit", spasm.pk), spasm_data(severity="eleven")
    )
    assert response.status_code == 200
    spasm.refresh_from_db()
    assert spasm.severity == 6


def test_htmx_save_redirects_the_browser(patient_client, patient):
    response = patient_client.post(jurl(patient, "spasm_create"), spasm_data(), **HTMX)
    assert response.headers["HX-Redirect"] == jurl(patient, "entry_detail", Entry.objects.get().pk)


def test_delete_asks_first_then_removes(patient_client, spasm, patient):
    html = patient_client.get(jurl(patient, "entry_delete", spasm.pk)).content.decode()
    assert "Yes, delete it" in html
    # The safe choice comes first, where a tired thumb lands.
    assert html.index("No, keep it") < html.index("Yes, delete it")
    assert Entry.objects.count() == 1
    response = patient_client.post(jurl(patient, "entry_delete", spasm.pk))
    assert response.url == jurl(patient, "history")
    assert not Entry.objects.exists()


@pytest.mark.parametrize("name", ["entry_detail", "entry_edit", "entry_delete"])
def test_someone_elses_entry_is_not_found(stranger_client, spasm, name):
    url = jurl(spasm.patient, name, spasm.pk)
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, spasm_data(severity="1")).status_code in (404, 405)
    spasm.refresh_from_db()
    assert spasm.severity == 6


def test_detail_refuses_a_post(patient_client, spasm, patient):
    assert patient_client.post(jurl(patient, "entry_detail", spasm.pk)).status_code == 405
