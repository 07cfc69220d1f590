"""The countries a place is searched in, and the one a patient's time zone suggests.

Both come from the time zone database the app already carries (tzdata's iso3166.tab and
zone.tab), so the list needs no upkeep of its own.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

# The database's short names where people say something else.
SAID_OTHERWISE = {"GB": "United Kingdom"}
FALLBACK = "GB"


def _rows(name: str) -> list[list[str]]:
    text = (files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries() -> list[tuple[str, str]]:
    """(ISO 3166 code, name) for every country, by name."""
    named = {row[0]: SAID_OTHERWISE.get(row[0], row[1]) for row in _rows("iso3166.tab")}
    return sorted(named.items(), key=lambda item: item[1])


@cache
def _zone_countries() -> dict[str, str]:
    return {row[2]: row[0] for row in _rows("zone.tab")}


def country_of_zone(zone: str) -> str:
    """The country a time zone lies in (Europe/London: GB); a zone of no one country
    (UTC) suggests the fallback."""
    return _zone_countries().get(zone, FALLBACK)


def country_name(code: str) -> str:
    return dict(countries()).get(code, code)
