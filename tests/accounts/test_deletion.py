import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from sharing.models import AccessLogEntry, CareAccess, Invitation
from symptoms.models import Entry
from tests.support.makers import PASSWORD, jurl, make_entry
from triggers.models import CheckIn, OwnTrigger
from visits.models import VisitPrep
from weekly.models import DigestSent

pytestmark = pytest.mark.django_db


def rows_pointing_at(user_pk: int) -> dict[str, int]:
    """Every row of every model (m2m tables too) with a foreign key to this user."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is get_user_model():
                count = model._base_manager.filter(**{field.name: user_pk}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def delete(client, password: str = PASSWORD, **kwargs):
    return client.post(reverse("delete_account"), {"password": password}, **kwargs)


@pytest.fixture
def full_journal(patient, viewer, logger):
    """The patient's journal with a row in every table that belongs to it."""
    make_entry(patient)
    make_entry(patient, logged_by=logger)
    CheckIn.objects.create(patient=patient, date=dt.date.today(), overheated=True)
    OwnTrigger.objects.create(patient=patient, name="Coffee")
    Invitation.issue(patient=patient, permission="view", email="friend@example.com")
    AccessLogEntry.objects.create(patient=patient, caregiver=viewer, what="the week")
    DigestSent.objects.create(recipient=viewer, patient=patient, week_start=dt.date.today())
    VisitPrep.objects.create(patient=patient, questions="Baclofen dose?")
    return patient


def test_deleting_a_patient_leaves_no_row_that_points_at_them(client, full_journal):
    pk = full_journal.pk
    assert rows_pointing_at(pk)  # the sweep does see the journal before
    client.force_login(full_journal)
    response = delete(client)
    assert response.url == reverse("account_deleted")
    assert not get_user_model().objects.filter(pk=pk).exists()
    assert rows_pointing_at(pk) == {}
    assert not Entry.objects.exists()


def test_a_deleted_patients_caregivers_can_no_longer_open_the_journal(client, full_journal, viewer):
    client.force_login(full_journal)
    delete(client)
    client.force_login(viewer)
    assert client.get(jurl(full_journal, "week")).status_code == 404
    assert not CareAccess.objects.exists()


def test_a_deleted_caregivers_entries_stay_marked_as_from_a_former_caregiver(
    client, patient, logger
):
    entry = make_entry(patient, logged_by=logger)
    client.force_login(logger)
    delete(client)
    assert rows_pointing_at(logger.pk) == {}
    entry.refresh_from_db()
    assert (entry.patient, entry.logged_by, entry.logged_by_former_caregiver) == (
        patient,
        None,
        True,
    )
    assert not CareAccess.objects.filter(patient=patient).exists()
    client.force_login(patient)
    assert "logged by a former caregiver" in client.get(jurl(patient, "history")).content.decode()
    detail = client.get(jurl(patient, "entry_detail", entry.pk)).content.decode()
    assert "<dt>Logged by</dt><dd>a former caregiver</dd>" in detail


def test_after_deleting_the_person_is_logged_out_and_told_the_account_is_gone(
    patient_client, patient
):
    response = delete(patient_client, follow=True)
    assert "Your account is gone" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert patient_client.get(reverse("profile")).status_code == 302


def test_a_wrong_password_keeps_the_account_and_says_so_by_the_field(patient_client, patient):
    response = delete(patient_client, password="nope")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert "That is not your password" in html
    assert get_user_model().objects.filter(pk=patient.pk).exists()


def test_the_delete_page_offers_the_csv_export_first_and_names_who_loses_access(
    client, patient, viewer
):
    client.force_login(patient)
    html = client.get(reverse("delete_account")).content.decode()
    assert jurl(patient, "export_csv") in html
    assert "1 person who can see your journal" in html
    client.force_login(viewer)
    assert (
        "You lose access to Pat’s journal" in client.get(reverse("delete_account")).content.decode()
    )


def test_the_profile_links_to_account_deletion(patient_client):
    assert reverse("delete_account") in patient_client.get(reverse("profile")).content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_delete_account_refuses_other_methods(patient_client, patient, method):
    assert getattr(patient_client, method)(reverse("delete_account")).status_code == 405
    assert get_user_model().objects.filter(pk=patient.pk).exists()


def test_delete_account_sends_anonymous_visitors_to_login(client, patient):
    response = delete(client)
    assert response.url.startswith(reverse("account_login"))
    assert get_user_model().objects.filter(pk=patient.pk).exists()
