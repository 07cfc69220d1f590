"""Bringing a health export's days into the journal, all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import new_journal_stamp
from health.formats import ReadDays
from health.models import HealthDay
from lib.limits import EARLIEST_DATE, MAX_STEPS

BATCH = 1000


@dataclass(frozen=True)
class DayValues:
    """What one day brings: a value with its source, or None where it brings none."""

    date: dt.date
    sleep_hours: Decimal | None = None
    sleep_source: str = ""
    steps: int | None = None
    steps_source: str = ""


@dataclass
class Brought:
    """What an import did, for the patient to read."""

    nights: int = 0
    step_days: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    added_dates: set[dt.date] = field(default_factory=set)
    changed_dates: set[dt.date] = field(default_factory=set)

    @property
    def unchanged(self) -> bool:
        return not (self.added_dates or self.changed_dates)


def days_of(read: ReadDays, today: dt.date) -> list[DayValues]:
    """An export's days as the journal keeps them: hours to a tenth, whole steps, days
    from 1900 to the patient's yesterday, values within the journal's limits."""
    days = []
    for date in sorted(set(read.sleep) | set(read.steps)):
        if not EARLIEST_DATE <= date < today:
            continue
        hours, steps = read.sleep.get(date), read.steps.get(date)
        sleep = None if hours is None else Decimal(str(round(hours, 1)))
        if sleep is not None and not 0 <= sleep <= 24:
            sleep = None
        if steps is not None and not 0 <= steps <= MAX_STEPS:
            steps = None
        if sleep is not None or steps is not None:
            days.append(
                DayValues(
                    date,
                    sleep,
                    read.source if sleep is not None else "",
                    steps,
                    read.source if steps is not None else "",
                )
            )
    return days


def health_days_fill(*, patient, days: list[DayValues]) -> Brought:
    """Store each day's values over what earlier imports left, in one transaction. A
    value the day does not bring is left as it was, so the same export twice, or a
    newer one over an older, changes nothing the second time."""
    days = sorted(days, key=lambda day: day.date)
    brought = Brought(
        nights=sum(d.sleep_hours is not None for d in days),
        step_days=sum(d.steps is not None for d in days),
        first=days[0].date if days else None,
        last=days[-1].date if days else None,
    )
    if not days:
        return brought
    with transaction.atomic():
        kept = {
            day.date: day
            for day in HealthDay.objects.for_patient(patient).between(brought.first, brought.last)
        }
        new, changed, fields = [], [], set()
        for values in days:
            day = kept.get(values.date)
            if day is None:
                new.append(_new_day(patient, values))
                continue
            different = _differences(day, values)
            for name, value in different.items():
                setattr(day, name, value)
            if different:
                changed.append(day)
                fields.update(different)
        HealthDay.objects.bulk_create(new, batch_size=BATCH)
        if changed:
            HealthDay.objects.bulk_update(changed, sorted(fields), batch_size=BATCH)
        brought.added_dates = {day.date for day in new}
        brought.changed_dates = {day.date for day in changed}
        if new or changed:
            _renew_stamp(patient)
    return brought


def _new_day(patient, values: DayValues) -> HealthDay:
    day = HealthDay(patient=patient, date=values.date)
    for name, value in _differences(day, values).items():
        setattr(day, name, value)
    return day


def _differences(day: HealthDay, values: DayValues) -> dict:
    brought = {}
    if values.sleep_hours is not None:
        brought |= {"sleep_hours": values.sleep_hours, "sleep_source": values.sleep_source}
    if values.steps is not None:
        brought |= {"steps": values.steps, "steps_source": values.steps_source}
    return {name: value for name, value in brought.items() if getattr(day, name) != value}


def health_days_delete(*, patient) -> int:
    """Every day an export brought, gone; what the patient typed stays."""
    with transaction.atomic():
        deleted, _ = HealthDay.objects.for_patient(patient).delete()
        if deleted:
            _renew_stamp(patient)
    return deleted


def _renew_stamp(patient) -> None:
    """What the patient's pages show has changed (lib/page_cache.py)."""
    get_user_model().objects.filter(pk=patient.pk).update(journal_stamp=new_journal_stamp())
