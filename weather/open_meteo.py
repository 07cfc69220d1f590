"""Open-Meteo's daily weather for one cell and a range of its days.

The archive (https://open-meteo.com/en/docs/historical-weather-api) and the forecast
(https://open-meteo.com/en/docs) speak the same protocol: GET ?latitude&longitude
&daily=...&timezone=auto&start_date&end_date answers {"daily": {"time": [...], one array
per variable}}. `timezone=auto` makes the days the cell's own local days, which is what a
patient living there calls a day. Whatever the answer holds is checked before anything
of it is kept: a value no weather could have is dropped, an answer of the wrong shape
is refused whole.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from decimal import Decimal

from weather import http
from weather.http import Unavailable

DAILY = ("temperature_2m_max", "apparent_temperature_max", "relative_humidity_2m_mean")
# Beyond these no weather station has been; a value outside is the provider's mistake.
TEMPERATURE_C = (-60, 60)
FEELS_LIKE_C = (-80, 70)
HUMIDITY_PCT = (0, 100)


@dataclass(frozen=True)
class Patience:
    """How long to wait for the provider and how often to try: tests wait less."""

    timeout_s: float | tuple[float, float] = http.TIMEOUT_S
    attempts: int = http.ATTEMPTS
    backoff_s: float = http.BACKOFF_S


PATIENCE = Patience()


@dataclass(frozen=True)
class DailyWeather:
    max_temp_c: Decimal | None
    max_feels_like_c: Decimal | None
    humidity_pct: int | None

    @property
    def empty(self) -> bool:
        return (
            self.max_temp_c is None and self.max_feels_like_c is None and self.humidity_pct is None
        )


def daily(
    url: str,
    latitude: Decimal,
    longitude: Decimal,
    first: dt.date,
    last: dt.date,
    *,
    patience: Patience = PATIENCE,
) -> dict[dt.date, DailyWeather]:
    """Each day of first..last the provider answered for, in the cell's local days."""
    params = {
        "latitude": str(latitude),
        "longitude": str(longitude),
        "daily": ",".join(DAILY),
        "timezone": "auto",
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
    }
    answer = http.get_json(url, params, **asdict(patience))
    return parse(answer, first, last)


def parse(answer, first: dt.date, last: dt.date) -> dict[dt.date, DailyWeather]:
    """The days of a decoded answer; Unavailable when it is not the answer asked for."""
    if not isinstance(answer, dict):
        raise Unavailable("the weather service answered something other than the weather")
    if answer.get("error"):
        raise Unavailable(f"the weather service refused the request: {answer.get('reason', '')}")
    block = answer.get("daily")
    if not isinstance(block, dict) or not all(
        isinstance(block.get(name), list) for name in ("time", *DAILY)
    ):
        raise Unavailable("the weather service's answer lacked the daily weather")
    days = block["time"]
    if any(len(block[name]) != len(days) for name in DAILY):
        raise Unavailable("the weather service's answer did not add up")
    dates = [_date(day, first, last) for day in days]
    if len(set(dates)) != len(dates):
        raise Unavailable("the weather service answered one day twice")
    temps, feels, humidity = (block[name] for name in DAILY)
    return {
        date: DailyWeather(
            max_temp_c=_tenths(temps[i], TEMPERATURE_C),
            max_feels_like_c=_tenths(feels[i], FEELS_LIKE_C),
            humidity_pct=_whole(humidity[i], HUMIDITY_PCT),
        )
        for i, date in enumerate(dates)
    }


def _date(value, first: dt.date, last: dt.date) -> dt.date:
    try:
        date = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Unavailable("the weather service answered a day that is not a date") from None
    if not first <= date <= last:
        raise Unavailable(f"the weather service answered for {date}, a day not asked for")
    return date


def _number(value, bounds: tuple[int, int]) -> float | None:
    """The value, or None where there is none or it is beyond what weather can be."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unavailable("the weather service answered a value that is not a number")
    low, high = bounds
    if not math.isfinite(value) or not low <= value <= high:
        return None
    return value


def _tenths(value, bounds: tuple[int, int]) -> Decimal | None:
    number = _number(value, bounds)
    return None if number is None else Decimal(str(number)).quantize(Decimal("0.1"))


def _whole(value, bounds: tuple[int, int]) -> int | None:
    number = _number(value, bounds)
    return None if number is None else round(number)
