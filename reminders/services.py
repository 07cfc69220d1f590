"""Writes the reminders make: a browser subscribing, and a dose taken from a notification."""

import datetime as dt

from reminders.models import PushSubscription, SentReminder
from treatments.models import DoseLog, Treatment
from treatments.services import dose_log_create


def push_subscription_save(
    *, person, endpoint: str, p256dh: str, auth: str, device: str
) -> PushSubscription:
    """This browser's subscription, for this person. The same browser subscribing again
    (new keys, or another person now logged in on it) changes its one row: a browser has
    one subscription per site, and it goes to whoever subscribed last."""
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"person": person, "p256dh": p256dh, "auth": auth, "device": device},
    )
    return subscription


def reminder_dose_taken(*, reminder: SentReminder, taken_at: dt.datetime) -> DoseLog | None:
    """The dose a "Taken" tap on this reminder logs, the first time; the same dose every
    time after. None if the reminder is not for a dose of a treatment of its person."""
    treatment = (
        Treatment.objects.for_patient(reminder.person).filter(pk=reminder.dose_treatment_id).first()
    )
    if treatment is None:
        return None
    return dose_log_create(
        patient=reminder.person,
        treatment=treatment,
        reason="",
        taken_at=taken_at,
        client_token=reminder.dose_token,
    )
