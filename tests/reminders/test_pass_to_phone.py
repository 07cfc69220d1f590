"""The whole way: the pass finds a reminder due, the push service takes it encrypted for
the phone, the phone reads it, and "Taken" on it logs the dose once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from reminders.models import ReminderPlan
from reminders.schedule import send_due_reminders
from treatments.models import DoseLog

pytestmark = pytest.mark.django_db


LONDON = ZoneInfo("Europe/London")


def yesterday_at(hour: int, minute: int) -> dt.datetime:
    """A moment of yesterday in London: the phone's tap on it is recent enough to count."""
    day = dt.datetime.now(LONDON).date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def test_a_dose_due_reaches_the_phone_and_taken_there_logs_it_once(
    patient, baclofen, service, subscribe
):
    patient.time_zone = "Europe/London"
    patient.save()
    ReminderPlan.objects.create(person=patient, doses_by="push")
    phone = service.browser()
    subscribe(patient, phone)

    send_due_reminders(yesterday_at(7, 59))
    assert service.payloads_for(phone) == []
    send_due_reminders(yesterday_at(8, 0))
    send_due_reminders(yesterday_at(8, 1))  # the next minute's pass sends nothing again
    [payload] = service.payloads_for(phone)
    assert payload["body"] == "Time for your 08:00 dose"
    assert "Baclofen" not in str(payload) and "10 mg" not in str(payload)
    assert [action["title"] for action in payload["actions"]] == ["Taken", "Not now"]

    # The service worker posts "Taken" with the token it was given, and no session.
    taken = payload["actions"][0]["url"]
    worker = Client(enforce_csrf_checks=True)
    tapped = {"token": payload["token"], "tapped_at": yesterday_at(8, 2).isoformat()}
    for _ in range(2):
        assert worker.post(taken, tapped).status_code == 302
    assert DoseLog.objects.filter(patient=patient, treatment=baclofen).count() == 1

    # One dose logged that day: the evening's second dose is still reminded.
    send_due_reminders(yesterday_at(20, 0))
    morning, evening = service.payloads_for(phone)
    assert evening["body"] == "Time for your 20:00 dose"
