"""Finding a town or a postcode in one country, for the patient to pick a place from.

Open-Meteo's geocoding search (https://open-meteo.com/en/docs/geocoding-api) matches
names and postal codes alike: "Leeds" and "LS1" and "90210" are all a `name`. Only what the
patient typed and the country go out; nothing of theirs is sent with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings

from lib.text import one_line
from weather.cells import to_cell
from weather.http import Unavailable, get_json

# A person waits for the answer: one quick retry, not the nightly fetch's patience.
ATTEMPTS = 2
BACKOFF_S = 0.5
TIMEOUT_S = (3, 8)  # connect, read


@dataclass(frozen=True)
class Found:
    name: str
    admin1: str
    country: str
    country_code: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        """As a person would say it: "Leeds, England, United Kingdom"."""
        parts = [self.name]
        for part in (self.admin1, self.country):
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts)

    @property
    def cell(self):
        """Where the page offers it as: rounded to about 10 km, as it will be kept."""
        return to_cell(self.latitude, self.longitude)


def geocode(query: str, country_code: str, *, count: int = 10) -> list[Found]:
    """The places in that country whose name or postcode matches the query, best first.

    Raises Unavailable when the service cannot be reached or answers nonsense."""
    answer = get_json(
        settings.WEATHER_GEOCODING_URL,
        {
            "name": query,
            "count": count,
            "language": "en",
            "format": "json",
            "countryCode": country_code,
        },
        attempts=ATTEMPTS,
        backoff_s=BACKOFF_S,
        timeout_s=TIMEOUT_S,
    )
    if not isinstance(answer, dict):
        raise Unavailable("the weather service's answer could not be read")
    # No "results" key at all is how the service says nothing matched.
    results = answer.get("results") or []
    if not isinstance(results, list):
        raise Unavailable("the weather service's answer could not be read")
    found = (_found(result) for result in results)
    # The service is asked for this country alone; a result from elsewhere would still put
    # a patient's weather on the wrong continent, so it is dropped here too.
    return [f for f in found if f is not None and f.country_code == country_code.upper()]


def _found(result) -> Found | None:
    """One result, or None where it lacks a name or a place on Earth."""
    if not isinstance(result, dict):
        return None
    try:
        latitude = float(result["latitude"])
        longitude = float(result["longitude"])
        name = result["name"]
    except (KeyError, TypeError, ValueError):
        return None
    on_earth = math.isfinite(latitude) and math.isfinite(longitude)
    if not (on_earth and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if not _text(name):
        return None
    return Found(
        name=_text(name),
        admin1=_text(result.get("admin1")),
        country=_text(result.get("country")),
        country_code=_text(result.get("country_code")).upper(),
        latitude=latitude,
        longitude=longitude,
    )


def _text(value) -> str:
    """A name from the outside as one line of visible text, or nothing."""
    return one_line(value)[:60] if isinstance(value, str) else ""
