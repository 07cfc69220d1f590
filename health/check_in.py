"""What the health exports lend the check-in (triggers/slots.py): the sleep and the steps
a health app counted on a day whose check-in leaves them empty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from health.models import HealthDay, Source


@dataclass(frozen=True)
class Counted:
    value: str
    source: str


def _day(patient, date: dt.date) -> HealthDay | None:
    """The day's row, read once for the page however many of its slots ask."""
    read = patient.__dict__.setdefault("_health_of_day", {})
    if date not in read:
        read[date] = HealthDay.objects.for_patient(patient).filter(date=date).first()
    return read[date]


def check_in_sleep(journal, date: dt.date, **values) -> dict:
    day = _day(journal.patient, date)
    if day is None or day.sleep_hours is None:
        return {"filled": None}
    return {"filled": Counted(f"{day.sleep_hours:.1f} h", Source(day.sleep_source).label)}


def check_in_steps(journal, date: dt.date, **values) -> dict:
    day = _day(journal.patient, date)
    if day is None or day.steps is None:
        return {"filled": None}
    return {"filled": Counted(f"{day.steps:,} steps", Source(day.steps_source).label)}
