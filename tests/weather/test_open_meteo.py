"""What the client makes of the provider's answers: the checks no answer gets past."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from tests.support.open_meteo import SAVED
from weather.http import Unavailable
from weather.open_meteo import DailyWeather, daily, parse

FIRST, LAST = dt.date(2025, 7, 1), dt.date(2025, 7, 7)


def saved() -> dict:
    return json.loads((SAVED / "archive_53.8_-1.5_2025-07-01_2025-07-07.json").read_text())


def test_a_documented_answer_is_read_day_by_day():
    days = parse(saved(), FIRST, LAST)

    assert days[FIRST] == DailyWeather(Decimal("30.6"), Decimal("31.9"), 55)
    assert days[LAST].empty


@pytest.mark.parametrize(
    ("variable", "value", "kept"),
    [
        ("temperature_2m_max", 60.1, None),
        ("temperature_2m_max", -61, None),
        ("temperature_2m_max", float("nan"), None),
        ("temperature_2m_max", 59.96, Decimal("60.0")),
        ("relative_humidity_2m_mean", 99.6, 100),
        ("relative_humidity_2m_mean", 100.4, None),
        ("relative_humidity_2m_mean", 101, None),
        ("relative_humidity_2m_mean", -1, None),
        ("apparent_temperature_max", 71, None),
    ],
)
def test_a_value_no_weather_has_is_dropped_and_the_rest_of_the_day_kept(variable, value, kept):
    answer = saved()
    answer["daily"][variable][0] = value

    day = parse(answer, FIRST, LAST)[FIRST]

    field = {"temperature_2m_max": "max_temp_c", "relative_humidity_2m_mean": "humidity_pct",
             "apparent_temperature_max": "max_feels_like_c"}[variable]  # fmt: skip
    assert getattr(day, field) == kept
    assert day.max_temp_c is not None or day.humidity_pct is not None


def spoil(how: str) -> dict:
    answer = saved()
    block = answer["daily"]
    if how == "short":
        block["relative_humidity_2m_mean"].pop()
    elif how == "outside":
        block["time"][0] = "2025-06-30"
    elif how == "twice":
        block["time"][1] = block["time"][0]
    elif how == "not a date":
        block["time"][0] = "1st of July"
    elif how == "text":
        block["temperature_2m_max"][0] = "30.6"
    elif how == "missing":
        del block["apparent_temperature_max"]
    elif how == "no daily":
        del answer["daily"]
    elif how == "list":
        answer = [answer]
    elif how == "error":
        answer = {"error": True, "reason": "Cannot initialize WeatherVariable from invalid String"}
    return answer


@pytest.mark.parametrize(
    "how", ["short", "outside", "twice", "not a date", "text", "missing", "no daily", "list",
            "error"]
)  # fmt: skip
def test_an_answer_of_the_wrong_shape_is_refused_whole(how):
    with pytest.raises(Unavailable):
        parse(spoil(how), FIRST, LAST)


def test_the_request_carries_only_the_cell_and_the_days(provider, patience):
    daily(f"{provider.origin}/v1/archive", Decimal("53.8"), Decimal("-1.5"), FIRST, LAST,
          patience=patience)  # fmt: skip

    [asked] = provider.requests
    assert asked.params == {
        "latitude": "53.8",
        "longitude": "-1.5",
        "daily": "temperature_2m_max,apparent_temperature_max,relative_humidity_2m_mean",
        "timezone": "auto",
        "start_date": "2025-07-01",
        "end_date": "2025-07-07",
    }


def test_a_refused_request_says_so(provider, patience):
    far = dt.date.today() + dt.timedelta(days=40)

    with pytest.raises(Unavailable, match=r"refused the request \(400\)"):
        daily(f"{provider.origin}/v1/forecast", Decimal("53.8"), Decimal("-1.5"), far, far,
              patience=patience)  # fmt: skip
    assert len(provider.requests) == 1  # trying again would not mend it
