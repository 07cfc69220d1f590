"""What the weather lends the check-in (triggers/slots.py): the day's weather beside
"Did you get overheated?", and the temperature that fills the one the patient left empty."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.units import temperature_text
from weather.models import Place, WeatherDay
from weather.reading import ATTRIBUTION, ATTRIBUTION_URL, Filled

# What a day's weather holds, as Filled has it.
DAY_VALUES = ["max_temp_c", "max_feels_like_c", "humidity_pct", "forecast"]

# A day whose mean humidity reaches this feels close: heat is harder to shed in it.
HUMID_PCT = 70


def day_weather(patient, date: dt.date) -> Filled | None:
    """The weather of the patient's place on `date`, read once for the page however many
    of its slots ask (the check-in page asks twice)."""
    read = patient.__dict__.setdefault("_weather_of_day", {})
    if date not in read:
        read[date] = _one_day(patient, date)
    return read[date]


def _one_day(patient, date: dt.date) -> Filled | None:
    """filled_weather for one day in one query, not two: the home page draws it on every
    visit. The place in force that day, with its cell's weather that day."""
    day = WeatherDay.objects.filter(
        latitude=OuterRef("latitude"), longitude=OuterRef("longitude"), date=date
    )
    row = (
        Place.objects.for_patient(patient)
        .in_force(date, date)
        .annotate(**{name: Subquery(day.values(name)) for name in DAY_VALUES})
        .values(*DAY_VALUES)
        .first()
    )
    if row is None or row["forecast"] is None:  # no place, or no weather that day yet
        return None
    return Filled(date=date, **row)


def check_in_weather(journal, date: dt.date, **values) -> dict:
    """The day's weather in the patient's unit: "31 °C, humid"; nothing without a place or
    before the weather of that day is in."""
    filled = day_weather(journal.patient, date)
    if filled is None or filled.max_temp_c is None:
        return {"weather": None}
    return {
        "weather": filled,
        "temperature": temperature_text(filled.max_temp_c, journal.patient.uses_fahrenheit),
        "humid": filled.humidity_pct is not None and filled.humidity_pct >= HUMID_PCT,
        "is_today": date == timezone.localdate(),  # the page's today, as its view has it
        "attribution": ATTRIBUTION,
        "attribution_url": ATTRIBUTION_URL,
    }
