"""What the analysis, the check-in and days.csv read of the days an export brought."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min

from health.models import HealthDay
from health.services import DayValues

VALUES = ["date", "sleep_hours", "sleep_source", "steps", "steps_source"]


def filled_health(patient, first: dt.date | None, last: dt.date | None) -> dict[dt.date, DayValues]:
    """Each day of first..last (None leaves a side open) an export brought, in one query."""
    rows = HealthDay.objects.for_patient(patient).between(first, last).values_list(*VALUES)
    return {row[0]: DayValues(*row) for row in rows.iterator(chunk_size=2000)}


def held(patient) -> dict:
    """What the exports brought, in one query: how many nights and days, over when."""
    found = HealthDay.objects.for_patient(patient).aggregate(
        nights=Count("sleep_hours"), step_days=Count("steps"), first=Min("date"), last=Max("date")
    )
    return {"held": found if found["first"] else None}
