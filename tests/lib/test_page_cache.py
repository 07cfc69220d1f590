"""Today's page is kept between visits, and drawn again as soon as anything it shows
has changed, whichever way the change was written: a form, a bulk import, a queryset
update or delete, a caregiver's access, someone's new name."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sharing.models import CareAccess
from symptoms.models import Entry
from tests.support.makers import PASSWORD, jurl, make_entry
from treatments.models import Treatment, TreatmentPeriod
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db
# The queries of the home page drawn afresh (tests/msjournal/test_page_queries.py).
DRAWN = 7
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def home(client, patient) -> str:
    response = client.get(jurl(patient, "home"))
    assert response.status_code == 200
    return response.content.decode()


def visits_queries(client, patient) -> int:
    with CaptureQueriesContext(connection) as queries:
        home(client, patient)
    return len(queries)


def test_a_second_visit_with_nothing_changed_is_the_kept_page(patient_client, patient):
    make_entry(patient, occurred_at=timezone.now() - dt.timedelta(minutes=5), severity=7)
    assert visits_queries(patient_client, patient) == DRAWN
    # Only the session and the person are read: nothing of the journal changed.
    assert visits_queries(patient_client, patient) == 2
    assert "7/10" in home(patient_client, patient)


def test_with_the_cache_off_every_visit_draws_the_page(patient_client, patient, settings):
    settings.PAGE_CACHE_SIZE = 0
    assert visits_queries(patient_client, patient) == DRAWN
    assert visits_queries(patient_client, patient) == DRAWN


def test_a_kept_page_carries_a_fresh_token_that_works(patient):
    client = Client(enforce_csrf_checks=True)
    client.force_login(patient)
    first, second = (TOKEN.search(home(client, patient)).group(1) for _ in range(2))
    assert first != second
    response = client.post(
        jurl(patient, "quick_spasm"),
        {"region": "both_legs", "severity": "4", "csrfmiddlewaretoken": second},
    )
    assert response.status_code == 302
    assert "4/10" in home(client, patient)


def _today(minutes: int = 5) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


def _import_like(patient):
    Entry.objects.bulk_create(
        [
            Entry(
                patient=patient,
                logged_by=patient,
                kind="spasm",
                occurred_at=_today(),
                regions=["neck"],
                severity=9,
            )
        ]
    )


def _as_needed(patient):
    treatment = Treatment.objects.create(patient=patient, name="Baclofen")
    TreatmentPeriod.objects.create(
        treatment=treatment,
        schedule="as_needed",
        started=timezone.localdate() - dt.timedelta(days=3),
    )


CHANGES = {
    "an entry logged in the app": (
        lambda c, p: c.post(jurl(p, "quick_spasm"), {"region": "both_legs", "severity": "9"}),
        "9/10",
    ),
    "entries written in bulk, as an import does": (lambda c, p: _import_like(p), "9/10"),
    "entries changed by a queryset update": (
        lambda c, p: Entry.objects.filter(patient=p).update(severity=9),
        "9/10",
    ),
    "today's check-in": (
        lambda c, p: CheckIn.objects.create(patient=p, date=timezone.localdate(), overheated=True),
        "Done.",
    ),
    "a treatment taken when needed": (lambda c, p: _as_needed(p), "Took a dose?"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_page_shows_each_kind_of_change_at_once(patient_client, patient, change):
    make_entry(patient, occurred_at=_today(10), severity=2)
    write, shown = CHANGES[change]
    timezone.activate(patient.zone)
    assert shown not in home(patient_client, patient)
    home(patient_client, patient)  # kept
    write(patient_client, patient)
    assert shown in home(patient_client, patient)


def test_an_entry_deleted_in_bulk_leaves_the_page(patient_client, patient):
    make_entry(patient, occurred_at=_today(), severity=8)
    assert "8/10" in home(patient_client, patient)
    Entry.objects.filter(patient=patient).delete()
    assert "8/10" not in home(patient_client, patient)


def test_a_stopped_treatment_leaves_the_dose_card(patient_client, patient):
    _as_needed(patient)
    assert "Baclofen" in home(patient_client, patient)
    TreatmentPeriod.objects.filter(treatment__patient=patient).update(stopped=timezone.localdate())
    assert "Baclofen" not in home(patient_client, patient)


def test_a_new_name_in_the_profile_greets_at_once(patient_client, patient):
    assert "Hello, Pat" in home(patient_client, patient)
    patient.display_name = "Patricia"
    patient.save()
    assert "Hello, Patricia" in home(patient_client, patient)


def test_a_revoked_caregiver_loses_the_journal_from_their_switcher(
    client, patient, django_user_model
):
    carer = django_user_model.objects.create_user("carer@example.com", PASSWORD, display_name="Kim")
    make_entry(carer)  # Kim keeps a journal of her own, and cares for Pat
    CareAccess.objects.create(patient=patient, caregiver=carer, permission="view")
    client.force_login(carer)
    assert "Switch journal" in home(client, carer)
    CareAccess.objects.filter(caregiver=carer).update(revoked_at=timezone.now())
    page = home(client, carer)
    assert "Switch journal" not in page and "Pat" not in page.split("<main")[0]


def test_a_caregivers_new_name_shows_on_the_entries_they_logged(patient_client, patient, logger):
    make_entry(patient, occurred_at=_today(), logged_by=logger)
    assert "logged by Anna" in home(patient_client, patient)
    logger.display_name = "Annabel"
    logger.save()
    assert "logged by Annabel" in home(patient_client, patient)


def test_a_patients_new_name_shows_in_the_caregivers_view(client, patient, viewer):
    client.force_login(viewer)
    assert "Pat’s" in home(client, patient)
    patient.display_name = "Patricia"
    patient.save()
    assert "Patricia’s" in home(client, patient)


def test_a_row_read_before_a_change_does_not_bring_the_old_page_back(patient_client, patient):
    from accounts.models import User

    read_before = User.objects.get(pk=patient.pk)
    home(patient_client, patient)
    make_entry(patient, occurred_at=_today(), severity=9)
    read_before.save()  # as a form saving, unchanged, the row it read before the entry came
    assert "9/10" in home(patient_client, patient)


def test_a_caregiver_allowed_to_log_gets_the_quick_log_at_once(client, patient, viewer):
    client.force_login(viewer)
    assert "What is happening?" not in home(client, patient)
    access = CareAccess.objects.get(caregiver=viewer)
    access.permission = "log"
    access.save()  # the whole row written back, as the sharing page does
    assert "What is happening?" in home(client, patient)


def test_a_treatment_deleted_with_its_periods_leaves_the_dose_card(patient_client, patient):
    _as_needed(patient)
    assert "Baclofen" in home(patient_client, patient)
    Treatment.objects.filter(patient=patient).delete()
    assert "Baclofen" not in home(patient_client, patient)
