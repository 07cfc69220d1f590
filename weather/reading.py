"""The weather each of a patient's days had, from the place in force that day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from weather.models import Place, WeatherDay

SOURCE = "weather"
# What the licence of Open-Meteo's data (CC BY 4.0) asks to stand beside it.
ATTRIBUTION = "Weather data by Open-Meteo.com"
ATTRIBUTION_URL = "https://open-meteo.com/"


@dataclass(frozen=True)
class Filled:
    """One day's weather where the patient's place was."""

    date: dt.date
    max_temp_c: Decimal | None
    max_feels_like_c: Decimal | None
    humidity_pct: int | None
    forecast: bool


def filled_weather(patient, first: dt.date | None, last: dt.date | None) -> dict[dt.date, Filled]:
    """Each day of first..last (None leaves a side open) that the weather filled, in two
    queries whatever the range: the places in force, then their cells' days."""
    places = list(Place.objects.for_patient(patient).in_force(first, last))
    if not places:
        return {}
    wanted = Q(pk__in=[])
    for place in places:
        since = (
            max(d for d in (place.since, first) if d is not None) if place.since or first else None
        )
        days = Q(latitude=place.latitude, longitude=place.longitude)
        if since is not None:
            days &= Q(date__gte=since)
        if place.until is not None:
            days &= Q(date__lt=place.until)
        if last is not None:
            days &= Q(date__lte=last)
        wanted |= days
    rows = WeatherDay.objects.filter(wanted).values_list(
        "latitude",
        "longitude",
        "date",
        "max_temp_c",
        "max_feels_like_c",
        "humidity_pct",
        "forecast",
    )
    in_force = {}
    for lat, lon, date, temp, feels, humidity, forecast in rows:
        place = _place_on(places, date)
        if place is not None and place.cell == (lat, lon):
            in_force[date] = Filled(date, temp, feels, humidity, forecast)
    return in_force


def _place_on(places: list[Place], date: dt.date) -> Place | None:
    for place in places:
        if (place.since is None or place.since <= date) and (
            place.until is None or date < place.until
        ):
            return place
    return None
