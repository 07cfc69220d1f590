"""What the server does with taps a phone kept offline and sends later, maybe twice."""

import datetime as dt

import pytest
from django.utils import timezone

from lib.forms import TAPPED_AT_MAX_AGE
from symptoms.models import Entry
from tests.support.makers import answers, jurl, make_entry
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db


def tap(**overrides) -> dict:
    data = {"region": "both_legs", "severity": "6", "client_token": str(Entry.new_token())}
    return data | overrides


def test_the_same_tap_sent_twice_makes_one_entry_dated_when_it_was_tapped(patient_client, patient):
    tapped = (timezone.now() - dt.timedelta(hours=3)).replace(microsecond=0)
    data = tap(tapped_at=tapped.astimezone(dt.timezone(dt.timedelta(hours=2))).isoformat())
    first = patient_client.post(jurl(patient, "quick_spasm"), data)
    second = patient_client.post(jurl(patient, "quick_spasm"), data)
    assert first.status_code == second.status_code == 302
    entry = Entry.objects.get()
    assert entry.occurred_at == tapped
    assert entry.severity == 6


def test_a_tap_without_a_time_is_dated_when_it_arrives(patient_client, patient):
    before = timezone.now()
    patient_client.post(jurl(patient, "quick_spasm"), tap())
    assert Entry.objects.get().occurred_at >= before


@pytest.mark.parametrize(
    ("tapped_at", "message"),
    [
        ((timezone.now() + dt.timedelta(hours=1)).isoformat(), "in the future"),
        ("2019-05-01T08:00:00+01:00", f"more than {TAPPED_AT_MAX_AGE.days} days ago"),
        ("0001-01-01T00:00:00+05:00", f"more than {TAPPED_AT_MAX_AGE.days} days ago"),
        ("yesterday", "could not be read"),
    ],
)
def test_a_tap_time_out_of_bounds_is_refused_with_a_reason(
    patient_client, patient, tapped_at, message
):
    response = patient_client.post(jurl(patient, "quick_spasm"), tap(tapped_at=tapped_at))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_a_tap_a_few_minutes_ahead_is_a_clock_difference_not_the_future(patient_client, patient):
    ahead = timezone.now() + dt.timedelta(minutes=2)
    response = patient_client.post(jurl(patient, "quick_spasm"), tap(tapped_at=ahead.isoformat()))
    assert response.status_code == 302
    assert Entry.objects.get().occurred_at == ahead


def test_a_full_pain_form_sent_twice_makes_one_entry(patient_client, patient):
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "regions": ["left_foot"],
        "severity": "4",
        "pain_type": "nerve",
        "client_token": str(Entry.new_token()),
    }
    for _ in range(2):
        assert patient_client.post(jurl(patient, "pain_create"), data).status_code == 302
    assert Entry.objects.filter(kind="pain").count() == 1


def test_a_check_in_sent_twice_is_the_same_one_check_in(patient_client, patient):
    day = timezone.localdate() - dt.timedelta(days=1)
    url = jurl(patient, "check_in_day", day)
    for _ in range(2):
        assert patient_client.post(url, answers(stress="3")).status_code == 302
    check_in = CheckIn.objects.get(patient=patient)
    assert (check_in.date, check_in.stress) == (day, 3)


def test_a_caregiver_who_logs_can_send_a_kept_tap_with_its_time(client, patient, logger):
    client.force_login(logger)
    tapped = (timezone.now() - dt.timedelta(days=2)).replace(microsecond=0)
    response = client.post(jurl(patient, "quick_spasm"), tap(tapped_at=tapped.isoformat()))
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.patient, entry.logged_by, entry.occurred_at) == (patient, logger, tapped)


def test_a_viewer_cannot_send_a_kept_tap(client, patient, viewer):
    client.force_login(viewer)
    response = client.post(jurl(patient, "quick_spasm"), tap())
    assert response.status_code in (403, 404)
    assert not Entry.objects.exists()


def test_an_htmx_save_dated_yesterday_leaves_todays_list_on_screen(patient_client, patient):
    make_entry(patient, notes="this morning")
    yesterday = (timezone.now() - dt.timedelta(days=1, hours=1)).replace(microsecond=0)
    response = patient_client.post(
        jurl(patient, "quick_spasm"), tap(tapped_at=yesterday.isoformat()), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and Entry.objects.count() == 2
    # Neither a new row in today's list nor a redrawn, empty one.
    assert "hx-swap-oob" not in html


def test_a_dose_tapped_offline_is_dated_when_it_was_tapped_and_made_once(patient_client, patient):
    from treatments.models import DoseLog
    from treatments.services import treatment_start

    diazepam = treatment_start(
        patient=patient,
        name="Diazepam",
        kind="medicine",
        dose=None,
        unit="",
        schedule="as_needed",
        times_a_day=None,
        started=timezone.localdate(),
    )
    tapped = (timezone.now() - dt.timedelta(hours=2)).replace(microsecond=0)
    data = {
        "treatment": diazepam.pk,
        "reason": "spasm",
        "client_token": str(DoseLog.new_token()),
        "tapped_at": tapped.isoformat(),
    }
    for _ in range(2):  # a replay after a sync cut off halfway
        assert patient_client.post(jurl(patient, "dose_log"), data).status_code == 302
    dose = DoseLog.objects.get()
    assert dose.taken_at == tapped and dose.reason == "spasm"
