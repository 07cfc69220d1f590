"""Garmin's data export read into whole days."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from health.formats import ExportProblem, read_export
from tests.support.health_exports_android import garmin_day, garmin_night, garmin_zip

BERLIN = ZoneInfo("Europe/Berlin")
SLEEP_FILE = "DI-Connect-Wellness/2024-01-01_2024-04-10_12345678_sleepData.json"
DAILY_FILE = "DI-Connect-Aggregator/UDSFile_2024-03-01_2024-06-09.json"
HOUR = 3600


def nights() -> list[dict]:
    return [
        garmin_night(
            "2024-03-07", "2024-03-06T22:00:00", "2024-03-07T05:00:00", deep=HOUR, light=5 * HOUR
        ),
        garmin_night(
            "2024-03-08",
            "2024-03-07T21:30:00",
            "2024-03-08T05:30:00",
            deep=1.5 * HOUR,
            light=4 * HOUR,
            rem=1.5 * HOUR,
            awake=1200,
            unmeasurable=600,
        ),
        # A watch without REM leaves the key out.
        garmin_night(
            "2024-03-09",
            "2024-03-08T22:00:00",
            "2024-03-09T04:30:00",
            deep=HOUR,
            light=5 * HOUR,
            awake=1800,
        )
        | {"napList": [{"napTimeSec": 2700, "napStartTimestampGMT": "2024-03-09T12:00:00.0"}]},
        # A window the watch measured nothing in: not a night of nought hours.
        garmin_night("2024-03-10", "2024-03-09T22:00:00", "2024-03-10T05:00:00"),
        garmin_night(
            "2024-03-11",
            "2024-03-10T21:00:00",
            "2024-03-11T05:00:00",
            deep=2 * HOUR,
            light=4 * HOUR,
            rem=1.5 * HOUR,
        ),
        garmin_night("2024-03-12", "2024-03-11T22:00:00", "2024-03-12T05:00:00", light=7 * HOUR),
    ]


def daily() -> list[dict]:
    return [
        garmin_day("2024-03-07", 4000),
        garmin_day("2024-03-08", 8000),
        garmin_day("2024-03-09", 9500),
        garmin_day("2024-03-10", None),  # the watch stayed on its charger
        garmin_day("2024-03-11", 250_000),  # no one walks this far
        garmin_day("2024-03-12", 1200),  # the day of the export
    ]


@pytest.fixture
def export(tmp_path):
    return garmin_zip(
        tmp_path / "3f2c7a80-garmin.zip",
        {
            SLEEP_FILE: nights(),
            # The next file of nights starts where the last one ended: the 11th twice.
            "DI-Connect-Wellness/2024-03-11_2024-06-19_12345678_sleepData.json": nights()[4:5],
            DAILY_FILE: daily(),
        },
    )


def test_each_whole_day_gets_its_night_and_its_steps(export):
    days = read_export(export, BERLIN)

    assert days.source == "garmin"
    # Deep, light and REM are asleep; time awake and time the watch could not measure are
    # not. The 7th is the first day and the 12th the day of the export: both partial.
    assert days.sleep == pytest.approx(
        {dt.date(2024, 3, 8): 7.0, dt.date(2024, 3, 9): 6.0, dt.date(2024, 3, 11): 7.5}
    )
    assert days.steps == {dt.date(2024, 3, 8): 8000, dt.date(2024, 3, 9): 9500}


def test_an_export_with_nights_alone_leaves_its_last_night_out(tmp_path):
    export = garmin_zip(tmp_path / "garmin.zip", {SLEEP_FILE: nights()})

    days = read_export(export, BERLIN)

    assert sorted(days.sleep) == [dt.date(2024, 3, 8), dt.date(2024, 3, 9), dt.date(2024, 3, 11)]
    assert days.steps == {}


def test_the_progress_reaches_all_the_files_read(export):
    told = []

    read_export(export, BERLIN, lambda done, total: told.append((done, total)))

    assert len(told) == 3
    assert told[-1][0] == told[-1][1] > 0


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (DAILY_FILE, b"{ this is not json", "is not readable JSON"),
        (DAILY_FILE, {"calendarDate": "2024-03-08"}, "does not hold a list of records"),
        (DAILY_FILE, [garmin_day("2024-13-01", 500)], "calendarDate that is not a date"),
        (
            DAILY_FILE,
            [garmin_day("2024-03-08", 500) | {"totalSteps": "lots"}],
            "totalSteps that is not a count",
        ),
        (SLEEP_FILE, [[1, 2, 3]], "does not hold a list of records"),
        (
            SLEEP_FILE,
            [garmin_night("2024-03-08", "2024-03-07T22:00:00", "2024-03-08T05:00:00", deep=-5)],
            "deepSleepSeconds that is not a count: -5",
        ),
        (
            SLEEP_FILE,
            [garmin_night(None, "2024-03-07T22:00:00", "2024-03-08T05:00:00", light=HOUR)],
            "calendarDate that is not a date: None",
        ),
    ],
)
def test_a_file_garmin_did_not_write_is_refused_by_name(tmp_path, name, content, words):
    export = garmin_zip(tmp_path / "garmin.zip", {name: content})

    with pytest.raises(ExportProblem) as refused:
        read_export(export, BERLIN)

    assert str(refused.value).startswith(f"DI_CONNECT/{name} in this zip ")
    assert words in str(refused.value)
