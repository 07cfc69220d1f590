"""Writes the reminders make that touch more than one model: what reminds a person with
their medicines' times, a browser subscribing, and a dose taken from a notification."""

import datetime as dt

from django.db import transaction

from reminders.doses import default_times
from reminders.models import DoseTime, PushSubscription, ReminderPlan, SentReminder
from treatments.models import DoseLog, Treatment, TreatmentPeriod
from treatments.services import dose_log_create


def plan_save(
    *, plan: ReminderPlan, dose_times: dict[TreatmentPeriod, list[dt.time]]
) -> ReminderPlan:
    """Keep what reminds a person and their regular medicines' times, together.

    Times that are a medicine's default spread are not stored: the spread follows its
    times a day when that changes, a time set by hand stays."""
    plan.full_clean()
    with transaction.atomic():
        plan.save()
        for period, times in dose_times.items():
            DoseTime.objects.filter(treatment_id=period.treatment_id).delete()
            if times != default_times(period):
                DoseTime.objects.bulk_create(
                    DoseTime(treatment_id=period.treatment_id, at=at) for at in times
                )
    return plan


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
