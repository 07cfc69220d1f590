"""Writes that touch more than one of the reminders' models."""

import datetime as dt

from django.db import transaction

from reminders.doses import default_times
from reminders.models import DoseTime, ReminderPlan
from treatments.models import TreatmentPeriod


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
