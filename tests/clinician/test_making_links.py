"""The patient's side: making a clinician link, seeing the links, revoking, and who may."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from clinician.models import ClinicianLink, LinkRule
from sharing.models import hash_token
from tests.support.makers import jurl
from visits.models import VisitPrep

pytestmark = pytest.mark.django_db


def make(client, patient, **fields):
    today = patient.today()
    data = {
        "start": str(today - dt.timedelta(days=30)),
        "end": str(today),
        "lifetime": "week",
        "pin": "",
    }
    return client.post(jurl(patient, "clinician_links"), {**data, **fields}, follow=True)


def shown_link(response) -> str:
    return re.search(r'id="clinician-link" type="text" readonly value="([^"]+)"', response.text)[1]


def test_the_visit_page_offers_a_link_for_the_days_it_shows(patient_client, patient):
    query = "start=2026-09-01&end=2026-10-31"
    response = patient_client.get(jurl(patient, "summary", query=query))
    assert "A link for your neurologist" in response.text
    links = jurl(patient, "clinician_links", query=query.replace("&", "&amp;"))
    assert f'href="{links}"' in response.text
    form = patient_client.get(jurl(patient, "clinician_links", query=query))
    assert 'value="2026-09-01"' in form.text and 'value="2026-10-31"' in form.text


def test_the_form_starts_at_the_last_visit_and_lasts_a_week(patient_client, patient):
    last_visit = patient.today() - dt.timedelta(days=40)
    VisitPrep.objects.create(patient=patient, last_visit=last_visit)

    response = patient_client.get(jurl(patient, "clinician_links"))

    assert f'value="{last_visit}"' in response.text
    assert re.search(r'value="week"[^>]*checked', response.text)


def test_making_a_link_shows_it_once_with_its_qr_code(patient_client, patient):
    response = make(patient_client, patient, lifetime="30days", pin="2468")

    url = shown_link(response)
    token = url.rsplit("/", 2)[-2]
    assert url == f"http://testserver{reverse('clinician_shared', args=[token])}"
    assert "This is the only time it is shown" in response.text
    assert re.search(r'<figure class="qr-code">\s*<svg', response.text)
    link = ClinicianLink.objects.get()
    # Only the hash is kept; 32 random bytes, more than the 128 bits asked of a token.
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    assert len(token) >= 43
    assert link.has_pin and "2468" not in link.pin_hash and link.try_pin("2468") is True
    assert link.expires_at - link.created_at == dt.timedelta(days=30)
    assert (link.first, link.last) == (patient.today() - dt.timedelta(days=30), patient.today())
    again = patient_client.get(jurl(patient, "clinician_links"))
    assert token not in again.text and "qr-code" not in again.text
    assert "not opened yet" in again.text and "with a PIN" in again.text


def test_two_links_never_share_a_token(patient_client, patient):
    first = shown_link(make(patient_client, patient))
    second = shown_link(make(patient_client, patient))
    assert first != second
    assert ClinicianLink.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"pin": "12ab"}, "pin", "A PIN is 4 to 8 digits, nothing else."),
        ({"pin": "123"}, "pin", "A PIN is 4 to 8 digits, nothing else."),
        ({"lifetime": "forever"}, "lifetime", "Select a valid choice."),
        ({"start": "2026-13-01"}, "start", "Enter a date like 2026-03-14."),
        ({"end": "2999-01-01"}, "end", "That day has not happened yet."),
    ],
)
def test_bad_input_comes_back_with_the_message_by_its_field_and_keeps_what_was_typed(
    patient_client, patient, fields, field, message
):
    response = make(patient_client, patient, **{"pin": "2468", **fields})

    assert response.status_code == 200
    assert message in response.text
    assert f'href="#id_{field}"' in response.text
    for value in fields.values():
        if value in ("2026-13-01", "2999-01-01", "12ab", "123"):
            assert f'value="{value}"' in response.text
    assert not ClinicianLink.objects.exists()


def test_a_range_ending_before_it_starts_is_refused(patient_client, patient):
    today = patient.today()
    response = make(patient_client, patient, start=str(today), end=str(today - dt.timedelta(1)))
    assert "The end date is before the start date." in response.text
    assert not ClinicianLink.objects.exists()


def test_revoking_stops_the_link_and_says_so(patient_client, patient):
    url = shown_link(make(patient_client, patient))
    link = ClinicianLink.objects.get()

    response = patient_client.post(jurl(patient, "clinician_link_revoke", link.pk), follow=True)

    assert "Link revoked" in response.text and "Revoked" in response.text
    assert patient_client.get(url).status_code == 404


def test_a_link_of_someone_else_cannot_be_revoked(patient_client, patient, django_user_model):
    other = django_user_model.objects.create_user("other@example.com", "x" * 12)
    theirs, _ = ClinicianLink.issue(
        patient=other, made_by=other, first=other.today(), last=other.today(), lifetime="day"
    )
    response = patient_client.post(jurl(patient, "clinician_link_revoke", theirs.pk))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoke_takes_only_a_post(patient_client, patient):
    link, _ = ClinicianLink.issue(
        patient=patient,
        made_by=patient,
        first=patient.today(),
        last=patient.today(),
        lifetime="day",
    )
    assert patient_client.get(jurl(patient, "clinician_link_revoke", link.pk)).status_code == 405


def test_caregivers_make_links_only_when_the_patient_lets_them(client, patient, viewer):
    client.force_login(viewer)
    summary = client.get(jurl(patient, "summary"))
    assert "Pat has not let the people who care for them make links" in summary.text
    assert client.get(jurl(patient, "clinician_links")).status_code == 404
    assert make(client, patient).status_code == 404
    assert not ClinicianLink.objects.exists()

    LinkRule.objects.create(patient=patient, caregivers_may_make=True)

    assert "Make a clinician link" in client.get(jurl(patient, "summary")).text
    response = make(client, patient)
    assert shown_link(response)
    assert ClinicianLink.objects.get().made_by == viewer
    assert "Who can make links" not in response.text  # the patient's to decide


def test_the_patient_sees_who_made_each_link(patient_client, patient, viewer):
    LinkRule.objects.create(patient=patient, caregivers_may_make=True)
    ClinicianLink.issue(
        patient=patient, made_by=viewer, first=patient.today(), last=patient.today(), lifetime="day"
    )
    assert "made by Vic" in patient_client.get(jurl(patient, "clinician_links")).text


def test_the_patient_lets_caregivers_make_links_and_takes_it_back(patient_client, patient):
    url = jurl(patient, "clinician_link_rule")
    response = patient_client.post(url, {"caregivers_may_make": "on"}, follow=True)
    assert "The people who care for you can now make links." in response.text
    assert LinkRule.objects.get(patient=patient).caregivers_may_make

    response = patient_client.post(url, {}, follow=True)
    assert "Only you can make links now." in response.text
    assert not LinkRule.objects.get(patient=patient).caregivers_may_make


def test_only_the_patient_decides_who_makes_links(client, patient, logger):
    LinkRule.objects.create(patient=patient, caregivers_may_make=True)
    client.force_login(logger)
    response = client.post(jurl(patient, "clinician_link_rule"), {})
    assert response.status_code == 404
    assert LinkRule.objects.get(patient=patient).caregivers_may_make


def test_a_stranger_finds_nothing(stranger_client, patient):
    assert stranger_client.get(jurl(patient, "clinician_links")).status_code == 404
    assert make(stranger_client, patient).status_code == 404
