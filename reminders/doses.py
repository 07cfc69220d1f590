"""Which medicines remind, and at what times of day: shared by the pass and the page."""

import datetime as dt

from django.db.models import QuerySet

from reminders import clock
from treatments.choices import Kind, Schedule
from treatments.models import TreatmentPeriod


def regular_medicines(patient_ids: list[int]) -> QuerySet[TreatmentPeriod]:
    """The open periods of the medicines these people take regularly, with each
    medicine's own times: one query for the periods, one for the times."""
    return (
        TreatmentPeriod.objects.open()
        .filter(
            schedule=Schedule.REGULAR,
            treatment__kind=Kind.MEDICINE,
            treatment__patient_id__in=patient_ids,
        )
        .select_related("treatment")
        .prefetch_related("treatment__dose_times")
        .order_by("treatment__name", "treatment_id")
    )


def dose_count(period: TreatmentPeriod) -> int:
    """Its times a day; a regular medicine with none given is taken once a day."""
    return period.times_a_day or 1


def medicine_times(period: TreatmentPeriod) -> list[dt.time]:
    """A regular medicine's times of day: those the person set, while they number its
    times a day (a new dose taken another number of times a day goes back to the
    spread until they set them again); otherwise its times spread over the waking day."""
    own = sorted(t.at for t in period.treatment.dose_times.all())
    return own if len(own) == dose_count(period) else default_times(period)


def default_times(period: TreatmentPeriod) -> list[dt.time]:
    return clock.spread_times(dose_count(period))
